#include "quire/sql/table_select.h"
#include "sql_engines.h"

#include <catch2/catch.hpp>

using namespace quire;

TEST_CASE("table select: source columns, sibling inlining, errors", "[table-select]") {
    const auto& pg = sql::dialect(sql::DialectId::PostgreSQL);
    auto s = sql::buildTableSelect({"db", "public", "orders"},
                                   {{"Amount", "[orders/amount]", "/a"}, {"Double", "[Amount] * 2", "/b"}, {"Id", "[id]", "/c"}}, pg);
    REQUIRE(s.ok());
    CHECK(s.sql == "SELECT \"amount\" AS \"Amount\", ((\"amount\") * 2) AS \"Double\", \"id\" AS \"Id\" FROM \"db\".\"public\".\"orders\"");

    auto bad = sql::buildTableSelect({"orders"}, {{"X", "[other/amount] + Sum([y])", "/p"}}, pg);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.diagnostics[0].pointer == "/p");
    CHECK(*bad.diagnostics[0].formulaSpan == std::pair{0, 14});

    auto cycle = sql::buildTableSelect({"t"}, {{"A", "[B] + 1", ""}, {"B", "[A] + 1", ""}}, pg);
    CHECK_FALSE(cycle.ok());
    CHECK_FALSE(sql::buildTableSelect({"t"}, {{"S", "Sum([x])", ""}}, pg).ok());
}

TEST_CASE("table select runs on SQLite", "[table-select]") {
    test::SqliteEngine engine;
    const auto& d = sql::dialect(sql::DialectId::SQLite);
    auto s = sql::buildTableSelect({"orders"}, {{"Label", "Upper([name]) & \"#\" & Text([qty] * 2)", ""}}, d);
    REQUIRE(s.ok());
    const std::string sql = "WITH \"orders\" AS (SELECT 'ab' AS \"name\", 3 AS \"qty\") " + s.sql;
    CHECK(engine.scalar(sql) == "AB#6");
}
