// Grouped tables, windows and pivots planned for PostgreSQL and run on the throwaway cluster of the ctest
// `postgres` fixture, in a schema of their own; expected rows from hand-written SQL on the same server.
#include "grouped_fixture.h"

#include <quire/preview/session.h>
#include <quire/sql/dialect.h>

using namespace quire;
using namespace quire::preview;
using quire::test::Rows;

namespace {

struct PgSales {
    std::string odbc;
    PgSales() {
        auto cs = test::postgresConnectionString();
        REQUIRE(cs);
        odbc = *cs;
        auto connection = connect::Connection::open(odbc);
        connection->execute("DROP SCHEMA IF EXISTS quire_grouped_test CASCADE");
        connection->execute("CREATE SCHEMA quire_grouped_test");
        connection->execute("CREATE TABLE quire_grouped_test.sales (id integer, region text, city text, amount double precision, "
                            "\"we\"\"ird\" text, \"o'neil [x\" double precision)");
        connection->execute("INSERT INTO quire_grouped_test.sales VALUES (1,'East','Boston',10,'a',1),(2,'East','Boston',20,'a',2),"
                            "(3,'East','NYC',5,'b',3),(4,'West','LA',30,'b',4),(5,'West','SF',15,'a',5),(6,'West','SF',25,NULL,6),"
                            "(7,NULL,'Nowhere',8,'a',7),(8,NULL,NULL,2,'b',8),(9,'North','Oslo',40,'b',9)");
    }
    Rows run(const PlannedQuery& plan) const {
        INFO(plan.sql);
        for (const auto& d : plan.diagnostics) UNSCOPED_INFO(d.rule << " " << d.pointer << ": " << d.message);
        REQUIRE(plan.ok());
        return test::rowsOf(connect::query(odbc, plan.sql, toConnectParams(plan.parameters)));
    }
    Rows run(const std::string& sql) const { return test::rowsOf(connect::query(odbc, sql)); }
};

Json table(const std::string& body) {
    Json element = Json::parse(body);
    element["source"] = Json{{"kind", "warehouse-table"}, {"connectionId", "pg"}, {"path", {"quire_grouped_test", "sales"}}};
    return element;
}

Rows plan(const PgSales& pg, const Json& element) {
    Json contents{{"pages", Json::array()}, {"elements", Json::array({element})}};
    PreviewSession session(contents);
    return pg.run(planElement(session, element["id"], sql::dialect(sql::DialectId::PostgreSQL), {"2025-01-01", {}, {}}));
}

} // namespace

TEST_CASE("pg: nested groupings, detail windows, grouping windows and a pivot", "[preview][grouped][pg]") {
    PgSales pg;
    const Rows nested = plan(pg, table(R"JSON({"id": "g", "kind": "table", "name": "Nested",
       "columns": [{"id": "r", "name": "Region", "formula": "[sales/region]"}, {"id": "c", "name": "City", "formula": "[sales/city]"},
                   {"id": "rt", "name": "Region Total", "formula": "Sum([sales/amount])"},
                   {"id": "ct", "name": "City Total", "formula": "Sum([sales/amount])"}],
       "groupings": [{"id": "gr", "groupBy": ["r"], "calculations": ["rt"], "sort": [{"columnId": "rt", "direction": "descending"}]},
                     {"id": "gc", "groupBy": ["c"], "calculations": ["ct"]}]})JSON"));
    CHECK(nested == pg.run("SELECT c.region, c.city, r.total, c.total FROM "
                           "(SELECT region, city, sum(amount) AS total FROM quire_grouped_test.sales GROUP BY region, city) c "
                           "JOIN (SELECT region, sum(amount) AS total FROM quire_grouped_test.sales GROUP BY region) r "
                           "ON r.region IS NOT DISTINCT FROM c.region ORDER BY r.total DESC, c.city NULLS LAST"));
    CHECK(nested.size() == 7);

    const Rows windows = plan(pg, table(R"JSON({"id": "w", "kind": "table", "name": "Windows",
       "columns": [{"id": "i", "name": "Id", "formula": "[sales/id]"}, {"id": "r", "name": "Region", "formula": "[sales/region]"},
                   {"id": "cum", "name": "Running", "formula": "CumulativeSum([sales/amount])"},
                   {"id": "avg", "name": "Moving", "formula": "MovingAvg([sales/amount], 1)"}],
       "groupings": [{"id": "gr", "groupBy": ["r"], "calculations": []}],
       "sort": [{"columnId": "i", "direction": "ascending"}]})JSON"));
    CHECK(windows == pg.run("SELECT s.id, s.region, "
                            "(SELECT sum(amount) FROM quire_grouped_test.sales s2 WHERE s2.region IS NOT DISTINCT FROM s.region AND s2.id <= s.id), "
                            "(SELECT avg(amount) FROM (SELECT amount FROM quire_grouped_test.sales s2 WHERE s2.region IS NOT DISTINCT FROM s.region "
                            "AND s2.id <= s.id ORDER BY s2.id DESC LIMIT 2) x) "
                            "FROM quire_grouped_test.sales s ORDER BY s.region NULLS LAST, s.id"));

    const Rows ranked = plan(pg, table(R"JSON({"id": "k", "kind": "table", "name": "Ranked",
       "columns": [{"id": "r", "name": "Region", "formula": "[sales/region]"}, {"id": "t", "name": "Total", "formula": "Sum([sales/amount])"},
                   {"id": "rk", "name": "Rank", "formula": "Rank([Total], \"desc\")"}, {"id": "cum", "name": "Running", "formula": "CumulativeSum([Total])"}],
       "groupings": [{"id": "gr", "groupBy": ["r"], "calculations": ["t", "rk", "cum"], "sort": [{"columnId": "t", "direction": "descending"}]}]})JSON"));
    // By hand: West 70, North 40, East 35, NULL 10.
    CHECK(ranked == Rows{{"West", "70", "1", "70"}, {"North", "40", "2", "110"}, {"East", "35", "3", "145"}, {"NULL", "10", "4", "155"}});

    const Rows pivot = plan(pg, table(R"JSON({"id": "p", "kind": "pivot-table", "name": "Pivot",
       "columns": [{"id": "r", "name": "Region", "formula": "[sales/region]"}, {"id": "k", "name": "Kind", "formula": "[sales/we\"ird]"},
                   {"id": "t", "name": "Total", "formula": "Sum([sales/o'neil [x])"}],
       "rowsBy": [{"columnId": "r"}], "columnsBy": [{"columnId": "k"}], "values": ["t"]})JSON"));
    CHECK(pivot == pg.run("SELECT region, k, t, kind FROM ("
                          "SELECT region, \"we\"\"ird\" AS k, sum(\"o'neil [x\") AS t, 'cell' AS kind FROM quire_grouped_test.sales GROUP BY 1, 2 "
                          "UNION ALL SELECT region, NULL, sum(\"o'neil [x\"), 'row-total' FROM quire_grouped_test.sales GROUP BY 1 "
                          "UNION ALL SELECT NULL, \"we\"\"ird\", sum(\"o'neil [x\"), 'column-total' FROM quire_grouped_test.sales GROUP BY 2 "
                          "UNION ALL SELECT NULL, NULL, sum(\"o'neil [x\"), 'grand-total' FROM quire_grouped_test.sales) u "
                          "ORDER BY CASE kind WHEN 'cell' THEN 0 WHEN 'row-total' THEN 1 WHEN 'column-total' THEN 2 ELSE 3 END, "
                          "region NULLS LAST, k NULLS LAST"));
    CHECK(pivot.back() == test::Row{"NULL", "NULL", "45", "grand-total"});
    connect::Connection::open(pg.odbc)->execute("DROP SCHEMA quire_grouped_test CASCADE");
}
