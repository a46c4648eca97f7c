#include "sql_fixture.h"

#include <catch2/catch.hpp>

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

    auto u = sql::compileFormula("RegexpMatch([T], \"a\")", sql::dialect(sql::DialectId::SQLite), test::fixtureResolver(pg));
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
