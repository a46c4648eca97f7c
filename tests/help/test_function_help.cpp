// Function help from one source: the catalogue's examples and the dialects derived from the SQL compiler.
#include <quire/connect/odbc.h>
#include <quire/connect/sample_warehouse.h>
#include <quire/connect/sqlite_extension.h>
#include <quire/formula/parser.h>
#include <quire/help/function_help.h>
#include <test_support.h>

#include <catch2/catch.hpp>

#include <algorithm>

using namespace quire;

namespace {

bool callsFunction(const formula::Node& node, const std::string& name) {
    if (node.kind == formula::NodeKind::Call && formula::editDistance(node.name, name) == 0) return true;
    for (const auto& child : node.children)
        if (child && callsFunction(*child, name)) return true;
    return false;
}

connect::Param toParam(const sql::Value& v) {
    return std::visit([](const auto& x) -> connect::Param {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, sql::DateValue>) return connect::Date{x.year, x.month, x.day};
        else return x;
    }, v);
}

bool runsOn(const help::FunctionHelp& h, sql::DialectId id) {
    return std::find(h.dialects.begin(), h.dialects.end(), id) != h.dialects.end();
}

} // namespace

TEST_CASE("every catalogue function has an example that calls it and checks clean", "[help]") {
    const auto context = help::exampleCheckContext();
    for (const auto& f : formula::FunctionCatalog::builtin().all()) {
        INFO(f.name << ": " << f.example);
        REQUIRE_FALSE(f.description.empty());
        REQUIRE_FALSE(f.example.empty());
        auto parsed = formula::parseFormula(f.example);
        REQUIRE(parsed.ok());
        CHECK(callsFunction(*parsed.root, f.name));
        const auto checked = formula::checkFormula(f.example, context);
        for (const auto& d : checked.diagnostics) UNSCOPED_INFO(d.rule << ": " << d.message);
        CHECK(checked.diagnostics.empty());
        // The example's level matches the function's kind (an aggregate example is an aggregate, ...).
        const auto expected = f.kind == formula::FunctionKind::Aggregate ? formula::ExprLevel::Aggregate
                              : f.kind == formula::FunctionKind::Window  ? formula::ExprLevel::Window
                                                                         : checked.level;
        CHECK(checked.level == expected);
    }
}

TEST_CASE("the dialects of a function are the ones whose compiler lowers its example", "[help]") {
    for (const auto& f : formula::FunctionCatalog::builtin().all()) {
        INFO(f.name << ": " << f.example);
        const auto h = help::functionHelp(f);
        CHECK_FALSE(h.dialects.empty());
        CHECK(h.dialects.size() + h.gaps.size() == sql::kAllDialects.size());
        for (const auto& gap : h.gaps) {
            INFO(sql::dialectName(gap.dialect) << ": " << gap.reason);
            // A gap is the compiler's own unsupported report, never a broken example.
            const auto compiled = help::compileExample(f, gap.dialect);
            REQUIRE_FALSE(compiled.ok());
            CHECK(std::any_of(compiled.diagnostics.begin(), compiled.diagnostics.end(),
                              [](const Diagnostic& d) { return d.rule == "sql/unsupported"; }));
            CHECK_FALSE(gap.reason.empty());
        }
    }
    // Redshift has no MODE() and no ARRAY_AGG (the compiler reports them): the help says so.
    const auto mode = help::functionHelp(*formula::FunctionCatalog::builtin().find("Mode"));
    CHECK_FALSE(runsOn(mode, sql::DialectId::Redshift));
    CHECK(runsOn(mode, sql::DialectId::Snowflake));
    CHECK(help::dialectList(mode.dialects) == "snowflake, bigquery, databricks, postgresql, sqlite");
    CHECK(help::dialectList(help::functionHelp(*formula::FunctionCatalog::builtin().find("Sum")).dialects) ==
          "all six dialects");
}

TEST_CASE("every example runs on the embedded SQLite warehouse where SQLite is among its dialects", "[help]") {
    const std::string db = test::makeTempDir("help-examples") + "/marketing.db";
    connect::SampleOptions small;
    small.eventRows = 2000;
    connect::generateSqlite(db, small);
    REQUIRE(connect::sqliteExtensionPath());
    const auto odbc = connect::sqliteConnectionString(db);
    int ran = 0;
    for (const auto& f : formula::FunctionCatalog::builtin().all()) {
        const auto h = help::functionHelp(f);
        if (!runsOn(h, sql::DialectId::SQLite)) continue;
        const auto compiled = help::compileExample(f, sql::DialectId::SQLite);
        REQUIRE(compiled.ok());
        std::vector<connect::Param> params;
        for (const auto& v : compiled.parameters) params.push_back(toParam(v));
        const std::string query = "SELECT " + compiled.sql + " FROM " + help::kExampleTable + " LIMIT 3";
        INFO(f.name << ": " << query);
        connect::ResultSet result;
        REQUIRE_NOTHROW(result = connect::query(odbc, query, params));
        CHECK(result.rowCount() >= 1);
        ++ran;
    }
    CHECK(ran > 100);
}

TEST_CASE("the markdown reference lists every function once, with its example and dialects", "[help]") {
    const std::string md = help::functionsMarkdown();
    for (const auto& f : formula::FunctionCatalog::builtin().all()) {
        INFO(f.name);
        CHECK(md.find("| `" + f.name + "` | `") != std::string::npos);
    }
    // A '|' inside a cell is escaped, or the table would gain a column.
    CHECK(md.find("`RegexpMatch([Status], \"^(ship\\|complet)\")`") != std::string::npos);
    CHECK(md.find("| `Mode` | `Mode(value)` | Most frequent value (aggregate) | `Mode([Status])` | snowflake, bigquery, "
                  "databricks, postgresql, sqlite (not redshift) |") != std::string::npos);
}

TEST_CASE("the detail text of a function has its signature, description, example and dialects", "[help]") {
    const auto* round = formula::FunctionCatalog::builtin().find("round");
    REQUIRE(round);
    const std::string text = help::functionDetailText(help::functionHelp(*round));
    CHECK(text.rfind("Round(number, [integer])\n  Rounds half away from zero to n digits\n", 0) == 0);
    CHECK(text.find("Example:   Round([Revenue], 1)\n") != std::string::npos);
    CHECK(text.find("Dialects:  all six dialects\n") != std::string::npos);
}
