// Depth limits in the SQL compiler (issue #10): long flat chains are refused by the parser before the compiler
// recurses, in every dialect; sibling columns inlined into each other are bounded too.
#include "deep_formulas.h"
#include "quire/formula/parser.h"
#include "quire/sql/table_select.h"
#include "sql_fixture.h"

#include <catch2/catch.hpp>

using namespace quire;

TEST_CASE("long flat chains give formula/too-deep in every dialect, not a stack overflow", "[compiler][depth]") {
    // The parser refuses these before any dialect compiles them: 20,000 terms (50 times the limit, deep enough to
    // overflow the stack if anything recursed) in every dialect, 100,000 in one.
    for (auto id : sql::kAllDialects) {
        const auto& d = sql::dialect(id);
        for (int terms : {20000, 100000}) {
            if (terms == 100000 && id != sql::DialectId::PostgreSQL) continue;
            for (const auto& f : test::deepFormulas(terms, "[N]", "[B]", "[V]")) {
                INFO(sql::dialectName(id) << ": " << f.kind << " x " << terms);
                const auto r = sql::compileFormula(f.formula, d, test::fixtureResolver(d));
                REQUIRE_FALSE(r.ok());
                CHECK(r.sql.empty());
                REQUIRE(r.diagnostics.size() == 1);
                CHECK(r.diagnostics[0].rule == "formula/too-deep");
                CHECK(r.diagnostics[0].formulaSpan);
            }
        }
    }
}

TEST_CASE("a chain at the depth limit compiles in every dialect", "[compiler][depth]") {
    std::string sum = "[N]";
    for (int i = 1; i < formula::kMaxNestingDepth; ++i) sum += " + [N]";
    std::string text = "\"a\"";
    for (int i = 1; i < formula::kMaxNestingDepth; ++i) text += " & \"a\"";
    for (auto id : sql::kAllDialects) {
        const auto& d = sql::dialect(id);
        INFO(sql::dialectName(id));
        CHECK(sql::compileFormula(sum, d, test::fixtureResolver(d)).ok());
        CHECK(sql::compileFormula(text, d, test::fixtureResolver(d)).ok());
    }
}

TEST_CASE("table select: a long chain of sibling columns is an error, not a stack overflow", "[table-select][depth]") {
    const auto& d = sql::dialect(sql::DialectId::PostgreSQL);
    // C1 = [C0] + 1, C2 = [C1] + 1, ...: each column inlines the one before it.
    std::vector<sql::TableColumn> columns{{"C0", "[amount]", "/columns/0"}};
    for (int i = 1; i < 20000; ++i)
        columns.push_back({"C" + std::to_string(i), "[C" + std::to_string(i - 1) + "] + 1", "/columns/" + std::to_string(i)});
    const auto s = sql::buildTableSelect({"orders"}, columns, d);
    REQUIRE_FALSE(s.ok());
    bool tooDeep = false;
    for (const auto& diag : s.diagnostics)
        if (diag.rule == "formula/too-deep" && diag.message.find("inlined more than") != std::string::npos) tooDeep = true;
    CHECK(tooDeep);

    // A short chain still inlines.
    const auto ok = sql::buildTableSelect({"orders"}, {columns[0], columns[1], columns[2]}, d);
    REQUIRE(ok.ok());
    CHECK(ok.sql == "SELECT \"amount\" AS \"C0\", ((\"amount\") + 1) AS \"C1\", ((((\"amount\") + 1)) + 1) AS \"C2\" FROM \"orders\"");
}

TEST_CASE("table select: sibling columns that double at each level are an error, not gigabytes of SQL", "[table-select][depth]") {
    const auto& d = sql::dialect(sql::DialectId::PostgreSQL);
    // D_i = [D_i-1] + [D_i-1]: 2^60 copies of "amount" if inlined without a bound.
    std::vector<sql::TableColumn> columns{{"D0", "[amount]", "/columns/0"}};
    for (int i = 1; i <= 60; ++i) {
        const std::string prev = "[D" + std::to_string(i - 1) + "]";
        columns.push_back({"D" + std::to_string(i), prev + " + " + prev, "/columns/" + std::to_string(i)});
    }
    const auto s = sql::buildTableSelect({"orders"}, columns, d);
    REQUIRE_FALSE(s.ok());
    bool tooLarge = false;
    for (const auto& diag : s.diagnostics)
        if (diag.rule == "sql/too-large" && diag.message.find("bytes of SQL") != std::string::npos) tooLarge = true;
    CHECK(tooLarge);
}
