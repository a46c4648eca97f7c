#include "sql_fixture.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <functional>

using namespace quire;
using formula::ExprLevel;

TEST_CASE("levels, parameters and resolver errors", "[compiler]") {
    const auto& pg = sql::dialect(sql::DialectId::PostgreSQL);
    auto r = sql::compileFormula("If([T] = [ctl], [N] / 2, 0)", pg, test::fixtureResolver(pg));
    REQUIRE(r.ok());
    CHECK(r.sql == "CASE WHEN (\"t\".\"T\" = ?) THEN (CAST(\"t\".\"N\" AS DOUBLE PRECISION) / NULLIF(2, 0)) ELSE 0 END");
    REQUIRE(r.parameters.size() == 1);
    CHECK(std::get<std::string>(r.parameters[0]) == "ctl-value");
    CHECK(r.level == ExprLevel::RowLevel);

    CHECK(sql::compileFormula("Sum([N]) / Count()", pg, test::fixtureResolver(pg)).level == ExprLevel::Aggregate);
    CHECK(sql::compileFormula("Lag([N])", pg, test::fixtureResolver(pg)).level == ExprLevel::Window);

    auto e = sql::compileFormula("[N] + [Nope]", pg, test::fixtureResolver(pg));
    REQUIRE_FALSE(e.ok());
    CHECK(e.sql.empty());
    CHECK(*e.diagnostics[0].formulaSpan == std::pair{6, 6});
    CHECK(e.diagnostics[0].message == "no column [Nope]");

    auto u = sql::compileFormula("Mode([N])", sql::dialect(sql::DialectId::Redshift), test::fixtureResolver(pg));
    REQUIRE_FALSE(u.ok());
    CHECK(u.diagnostics[0].rule == "sql/unsupported");
}

TEST_CASE("parameter order follows placeholder order when templates reorder arguments", "[compiler]") {
    const auto& sf = sql::dialect(sql::DialectId::Snowflake);
    auto r = sql::compileFormula("Find([ctl], \"x\" & [ctl])", sf, test::fixtureResolver(sf));
    REQUIRE(r.ok());
    CHECK(r.sql == "POSITION(('x' || ?), ?)");
    CHECK(r.parameters.size() == 2);
}

TEST_CASE("window options shape OVER clauses", "[compiler]") {
    const auto& pg = sql::dialect(sql::DialectId::PostgreSQL);
    sql::CompileOptions o{"\"g\"", "\"d\""};
    CHECK(sql::compileFormula("MovingAvg([N], 2, 1)", pg, test::fixtureResolver(pg), o).sql ==
          "AVG(\"t\".\"N\") OVER (PARTITION BY \"g\" ORDER BY \"d\" ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING)");
    CHECK(sql::compileFormula("Rank([N], \"desc\")", pg, test::fixtureResolver(pg), o).sql ==
          "RANK() OVER (PARTITION BY \"g\" ORDER BY \"t\".\"N\" DESC)");
}

#include "quire/formula/catalog.h"
#include <random>

TEST_CASE("fuzz: random calls of catalogue functions compile or fail cleanly in every dialect", "[compiler][fuzz]") {
    std::mt19937 rng(99);
    const auto fns = formula::FunctionCatalog::builtin().all();
    const std::vector<std::string> atoms = {"[N]", "[I]", "[T]", "[D]", "[B]", "[V]", "[ctl]", "1", "-2", "2.5", "\"month\"",
                                            "\"%Y\"", "Null", "True", "[Missing]"};
    std::function<std::string(int)> gen = [&](int depth) -> std::string {
        if (depth == 0 || rng() % 3 == 0) return atoms[rng() % atoms.size()];
        const auto& f = fns[rng() % fns.size()];
        std::string s = f.name + "(";
        const int argc = static_cast<int>(rng() % 5);
        for (int i = 0; i < argc; ++i) s += (i ? ", " : "") + gen(depth - 1);
        return s + ")";
    };
    int compiled = 0;
    for (int i = 0; i < 3000; ++i) {
        const std::string f = gen(3);
        for (auto id : sql::kAllDialects) {
            const auto& d = sql::dialect(id);
            auto r = sql::compileFormula(f, d, test::fixtureResolver(d));
            if (r.ok()) {
                ++compiled;
                CHECK_FALSE(r.sql.empty());
                CHECK(static_cast<std::size_t>(std::count(r.sql.begin(), r.sql.end(), '?')) >= r.parameters.size());
            } else {
                REQUIRE(r.diagnostics[0].formulaSpan.has_value());
                CHECK(r.diagnostics[0].formulaSpan->first + r.diagnostics[0].formulaSpan->second <= static_cast<int>(f.size()));
            }
        }
    }
    CHECK(compiled > 100);
}

// SQLite truncates to a week with the argument read once: the old form read it twice (a date parse more per row,
// and a control's `?` twice with one bound value).
TEST_CASE("SQLite week truncation reads its argument once", "[compiler]") {
    const auto& lite = sql::dialect(sql::DialectId::SQLite);
    for (const char* part : {"week", "week_starting_monday"}) {
        CAPTURE(part);
        auto column = sql::compileFormula("DateTrunc(\"" + std::string(part) + "\", [D])", lite, test::fixtureResolver(lite));
        REQUIRE(column.ok());
        const auto reads = [](const std::string& sql, const std::string& what) {
            std::size_t n = 0;
            for (auto pos = sql.find(what); pos != std::string::npos; pos = sql.find(what, pos + 1)) ++n;
            return n;
        };
        CHECK(reads(column.sql, "\"t\".\"D\"") == 1);
        auto control = sql::compileFormula("DateTrunc(\"" + std::string(part) + "\", Date([ctl]))", lite, test::fixtureResolver(lite));
        REQUIRE(control.ok());
        CHECK(reads(control.sql, "?") == control.parameters.size());
    }
}
