// Grouped tables, window columns and pivots planned and run through ODBC on SQLite; expected rows come from
// hand-written GROUP BY / correlated-subquery SQL on the same file, or are worked out by hand in comments.
#include "grouped_fixture.h"

#include <quire/preview/session.h>
#include <quire/sql/dialect.h>

#include <algorithm>

using namespace quire;
using namespace quire::preview;
using quire::test::Rows;

namespace {

Json workbook() {
    return Json::parse(R"JSON({"pages": [{"id": "p"}], "elements": [
      {"id": "g1", "kind": "table", "name": "By region",
       "source": {"kind": "warehouse-table", "connectionId": "c", "path": ["main", "sales"]},
       "columns": [{"id": "c-id", "name": "Id", "formula": "[sales/id]"},
                   {"id": "c-region", "name": "Region", "formula": "[sales/region]"},
                   {"id": "c-amount", "name": "Amount", "formula": "[sales/amount]"},
                   {"id": "c-total", "name": "Region Total", "formula": "Sum([Amount])"},
                   {"id": "c-count", "name": "Orders", "formula": "Count()"}],
       "groupings": [{"id": "by-region", "groupBy": ["c-region"], "calculations": ["c-total", "c-count"]}],
       "sort": [{"columnId": "c-id", "direction": "ascending"}]},
      {"id": "g2", "kind": "table", "name": "Nested",
       "source": {"kind": "warehouse-table", "connectionId": "c", "path": ["main", "sales"]},
       "columns": [{"id": "n-region", "name": "Region", "formula": "[sales/region]"},
                   {"id": "n-city", "name": "City", "formula": "[sales/city]"},
                   {"id": "n-rtotal", "name": "Region Total", "formula": "Sum([sales/amount])"},
                   {"id": "n-ctotal", "name": "City Total", "formula": "Sum([sales/amount])"},
                   {"id": "n-cmax", "name": "City Max", "formula": "Max([sales/amount])"}],
       "groupings": [{"id": "r", "groupBy": ["n-region"], "calculations": ["n-rtotal"], "sort": [{"columnId": "n-rtotal", "direction": "descending"}]},
                     {"id": "c", "groupBy": ["n-city"], "calculations": ["n-ctotal", "n-cmax"]}]},
      {"id": "w1", "kind": "table", "name": "Windows",
       "source": {"kind": "warehouse-table", "connectionId": "c", "path": ["main", "sales"]},
       "columns": [{"id": "w-id", "name": "Id", "formula": "[sales/id]"},
                   {"id": "w-region", "name": "Region", "formula": "[sales/region]"},
                   {"id": "w-amount", "name": "Amount", "formula": "[sales/amount]"},
                   {"id": "w-cum", "name": "Running", "formula": "CumulativeSum([Amount])"},
                   {"id": "w-lag", "name": "Previous", "formula": "Lag([Amount])"},
                   {"id": "w-total", "name": "Region Total", "formula": "Sum([Amount])"}],
       "groupings": [{"id": "wr", "groupBy": ["w-region"], "calculations": ["w-total"]}],
       "sort": [{"columnId": "w-id", "direction": "descending"}]},
      {"id": "w2", "kind": "table", "name": "Ranked regions",
       "source": {"kind": "warehouse-table", "connectionId": "c", "path": ["main", "sales"]},
       "columns": [{"id": "k-region", "name": "Region", "formula": "[sales/region]"},
                   {"id": "k-total", "name": "Total", "formula": "Sum([sales/amount])"},
                   {"id": "k-rank", "name": "Rank", "formula": "Rank([Total], \"desc\")"},
                   {"id": "k-cum", "name": "Running", "formula": "CumulativeSum([Total])"}],
       "groupings": [{"id": "kr", "groupBy": ["k-region"], "calculations": ["k-total", "k-rank", "k-cum"],
                      "sort": [{"columnId": "k-total", "direction": "descending"}]}]},
      {"id": "kpi-levels", "kind": "kpi-chart", "name": "Regions",
       "source": {"kind": "table", "elementId": "g2", "groupingId": "r"},
       "columns": [{"id": "v", "name": "Sum of region totals", "formula": "Sum([Nested/Region Total])"},
                   {"id": "n", "name": "Regions", "formula": "Count()"}], "value": {"columnId": "v"}},
      {"id": "kpi-flat", "kind": "kpi-chart", "name": "Flat",
       "source": {"kind": "table", "elementId": "g2"},
       "columns": [{"id": "v", "name": "Sum of repeated totals", "formula": "Sum([Nested/Region Total])"},
                   {"id": "n", "name": "Rows", "formula": "Count()"}], "value": {"columnId": "v"}},
      {"id": "bar", "kind": "bar-chart", "name": "Bars",
       "source": {"kind": "table", "elementId": "g1", "groupingId": "by-region"},
       "columns": [{"id": "x", "name": "Region", "formula": "[By region/Region]"},
                   {"id": "y", "name": "Total", "formula": "Max([By region/Region Total])"}],
       "xAxis": {"columnId": "x", "sort": {"by": "y", "direction": "descending"}}, "yAxis": {"columnIds": ["y"]}}
    ]})JSON");
}

const auto& sqlite() { return sql::dialect(sql::DialectId::SQLite); }

Rows planAndRun(const test::SalesDb& db, const Json& contents, const std::string& id, std::vector<std::string>* columns = nullptr) {
    PreviewSession session(contents);
    const auto plan = planElement(session, id, sqlite(), {"2025-01-01", {}, {}});
    if (columns) *columns = plan.columns;
    return db.run(plan);
}

} // namespace

TEST_CASE("grouped table: detail rows carry their group's calculations", "[preview][grouped]") {
    test::SalesDb db;
    std::vector<std::string> columns;
    const Rows got = planAndRun(db, workbook(), "g1", &columns);
    CHECK(columns == std::vector<std::string>{"Id", "Region", "Amount", "Region Total", "Orders"});
    const Rows want = db.run("SELECT s.id, s.region, s.amount, t.total, t.n FROM sales s "
                             "JOIN (SELECT region, sum(amount) AS total, count(*) AS n FROM sales GROUP BY region) t ON t.region IS s.region "
                             "ORDER BY s.region IS NULL, s.region, s.id");
    CHECK(got == want);
    REQUIRE(got.size() == 9);
    // By hand: East first (alphabetical), its total 10 + 20 + 5.
    CHECK(got[0] == test::Row{"1", "East", "10", "35", "3"});
    CHECK(got[8] == test::Row{"8", "NULL", "2", "10", "2"});
}

TEST_CASE("grouped table: nested groupings without detail columns give one row per deepest group", "[preview][grouped]") {
    test::SalesDb db;
    const Rows got = planAndRun(db, workbook(), "g2");
    const Rows want = db.run("SELECT c.region, c.city, r.total, c.total, c.mx FROM "
                             "(SELECT region, city, sum(amount) AS total, max(amount) AS mx FROM sales GROUP BY region, city) c "
                             "JOIN (SELECT region, sum(amount) AS total FROM sales GROUP BY region) r ON r.region IS c.region "
                             "ORDER BY r.total DESC, c.city IS NULL, c.city");
    CHECK(got == want);
    REQUIRE(got.size() == 7);
    // The grouping sort puts West (30 + 15 + 25 = 70) first, the NULL region (8 + 2) last.
    CHECK(got[0] == test::Row{"West", "LA", "70", "30", "30"});
    CHECK(got[1] == test::Row{"West", "SF", "70", "40", "25"});
    CHECK(got[6] == test::Row{"NULL", "NULL", "10", "2", "2"});
}

TEST_CASE("grouped table: row filters apply before aggregation, calculation filters drop groups", "[preview][grouped]") {
    test::SalesDb db;
    Json contents = workbook();
    auto& g1 = contents["elements"][0];
    g1["filters"] = Json::parse(R"JSON([{"id": "f-amount", "columnId": "c-amount", "kind": "number-range", "min": 10}])JSON");
    const Rows rowFiltered = planAndRun(db, contents, "g1");
    CHECK(rowFiltered == db.run("SELECT s.id, s.region, s.amount, t.total, t.n FROM sales s "
                                "JOIN (SELECT region, sum(amount) AS total, count(*) AS n FROM sales WHERE amount >= 10 GROUP BY region) t "
                                "ON t.region IS s.region WHERE s.amount >= 10 ORDER BY s.region IS NULL, s.region, s.id"));
    // East keeps 10 + 20 = 30; the NULL region (8, 2) disappears.
    REQUIRE(rowFiltered.size() == 6);
    CHECK(rowFiltered[0][3] == "30");

    g1["filters"].push_back(Json::parse(R"JSON({"id": "f-total", "columnId": "c-total", "kind": "number-range", "min": 40})JSON"));
    const Rows both = planAndRun(db, contents, "g1");
    // Regions whose filtered total reaches 40: North (40), West (70).
    CHECK(both == db.run("SELECT s.id, s.region, s.amount, t.total, t.n FROM sales s "
                         "JOIN (SELECT region, sum(amount) AS total, count(*) AS n FROM sales WHERE amount >= 10 GROUP BY region "
                         "HAVING sum(amount) >= 40) t ON t.region IS s.region WHERE s.amount >= 10 ORDER BY s.region, s.id"));
    CHECK(both.size() == 4);

    // A top-n on a calculation ranks the groups: the top 2 regions by total.
    g1["filters"] = Json::parse(R"JSON([{"id": "f-top", "columnId": "c-total", "kind": "top-n", "rankingFunction": "rank", "mode": "top-n", "rowCount": 2}])JSON");
    const Rows top = planAndRun(db, contents, "g1");
    std::vector<std::string> regions;
    for (const auto& r : top) regions.push_back(r[1]);
    CHECK(regions == std::vector<std::string>{"North", "West", "West", "West"});
}

TEST_CASE("window columns run within the innermost group ordered by the element sort", "[preview][grouped][window]") {
    test::SalesDb db;
    const Rows got = planAndRun(db, workbook(), "w1");
    const Rows want = db.run(
        "SELECT s.id, s.region, s.amount, "
        "(SELECT sum(amount) FROM sales s2 WHERE s2.region IS s.region AND s2.id >= s.id), "
        "(SELECT amount FROM sales s2 WHERE s2.region IS s.region AND s2.id > s.id ORDER BY s2.id LIMIT 1), "
        "(SELECT sum(amount) FROM sales s2 WHERE s2.region IS s.region) "
        "FROM sales s ORDER BY s.region IS NULL, s.region, s.id DESC");
    CHECK(got == want);
    REQUIRE(got.size() == 9);
    // East by id descending: 3 (5), 2 (5 + 20), 1 (25 + 10); Lag of the first row of a group is NULL.
    CHECK(got[0] == test::Row{"3", "East", "5", "5", "NULL", "35"});
    CHECK(got[2] == test::Row{"1", "East", "10", "35", "20", "35"});
}

TEST_CASE("window calculations of a grouping run over its groups in the grouping's sort", "[preview][grouped][window]") {
    test::SalesDb db;
    const Rows got = planAndRun(db, workbook(), "w2");
    // By hand: totals West 70, North 40, East 35, NULL 10; ranks 1..4; running 70, 110, 145, 155.
    CHECK(got == Rows{{"West", "70", "1", "70"}, {"North", "40", "2", "110"}, {"East", "35", "3", "145"}, {"NULL", "10", "4", "155"}});
}

TEST_CASE("a table without groupings previews its window column", "[preview][window]") {
    test::SalesDb db;
    Json contents = workbook();
    contents["elements"].push_back(Json::parse(R"JSON({"id": "plain", "kind": "table", "name": "Plain",
       "source": {"kind": "warehouse-table", "connectionId": "c", "path": ["main", "sales"]},
       "columns": [{"id": "p-id", "name": "Id", "formula": "[sales/id]"},
                   {"id": "p-n", "name": "N", "formula": "RowNumber()"},
                   {"id": "p-next", "name": "Next", "formula": "Lead([sales/amount])"}],
       "sort": [{"columnId": "p-id", "direction": "descending"}]})JSON"));
    const Rows got = planAndRun(db, contents, "plain");
    REQUIRE(got.size() == 9);
    // Id 9 first, numbered 1, the next row (id 8) has amount 2.
    CHECK(got[0] == test::Row{"9", "1", "2"});
    CHECK(got[8] == test::Row{"1", "9", "NULL"});
}

TEST_CASE("elements sourced from a grouped table read its rows or a pinned grouping level", "[preview][grouped][sourced]") {
    test::SalesDb db;
    // groupingId r: one row per region; 70 + 40 + 35 + 10 over 4 regions.
    CHECK(planAndRun(db, workbook(), "kpi-levels") == Rows{{"155", "4"}});
    // No groupingId: the flat rows, one per (region, city), each repeating its region total:
    // West 70 x 2, North 40, East 35 x 2, NULL 10 x 2 = 270 over 7 rows.
    CHECK(planAndRun(db, workbook(), "kpi-flat") == Rows{{"270", "7"}});
    // A chart over the region level of a table that has detail rows.
    CHECK(planAndRun(db, workbook(), "bar") == Rows{{"West", "70"}, {"North", "40"}, {"East", "35"}, {"NULL", "10"}});
}

TEST_CASE("grouped tables over custom SQL and over another element", "[preview][grouped][sourced]") {
    test::SalesDb db;
    Json contents = workbook();
    contents["elements"].push_back(Json::parse(R"JSON({"id": "cs", "kind": "table", "name": "Custom",
       "source": {"kind": "sql", "connectionId": "c", "statement": "SELECT region, amount FROM sales WHERE amount > {{minimum}}"},
       "columns": [{"id": "s-region", "name": "Region", "formula": "[Custom SQL/region]"},
                   {"id": "s-total", "name": "Total", "formula": "Sum([Custom SQL/amount])"}],
       "groupings": [{"id": "sg", "groupBy": ["s-region"], "calculations": ["s-total"]}]})JSON"));
    contents["elements"].push_back(Json::parse(R"JSON({"id": "minimum", "kind": "control", "controlId": "minimum", "controlType": "number", "value": 5})JSON"));
    contents["elements"].push_back(Json::parse(R"JSON({"id": "child", "kind": "table", "name": "By city",
       "source": {"kind": "table", "elementId": "g1"},
       "columns": [{"id": "e-city", "name": "Region", "formula": "[By region/Region]"},
                   {"id": "e-n", "name": "Rows", "formula": "Count()"},
                   {"id": "e-sum", "name": "Sum of totals", "formula": "Sum([By region/Region Total])"}],
       "groupings": [{"id": "eg", "groupBy": ["e-city"], "calculations": ["e-n", "e-sum"]}]})JSON"));
    // Amounts above 5 by hand: East 10 + 20, North 40, West 70, NULL 8.
    CHECK(planAndRun(db, contents, "cs") == Rows{{"East", "30"}, {"North", "40"}, {"West", "70"}, {"NULL", "8"}});
    // Over g1's flat rows: each region's rows repeat its total (East 3 x 35, ...).
    CHECK(planAndRun(db, contents, "child") == Rows{{"East", "3", "105"}, {"North", "1", "40"}, {"West", "3", "210"}, {"NULL", "2", "20"}});
}

TEST_CASE("pivot table: long-form cells and totals rows, shelves sorted", "[preview][pivot]") {
    test::SalesDb db;
    Json contents = workbook();
    contents["elements"].push_back(Json::parse(R"JSON({"id": "pv", "kind": "pivot-table", "name": "Pivot",
       "source": {"kind": "warehouse-table", "connectionId": "c", "path": ["main", "sales"]},
       "columns": [{"id": "p-region", "name": "Region", "formula": "[sales/region]"},
                   {"id": "p-kind", "name": "Kind \"q\" [k]", "formula": "[sales/we\"ird]"},
                   {"id": "p-total", "name": "Total", "formula": "Sum([sales/amount])"},
                   {"id": "p-unused", "name": "City", "formula": "[sales/city]"}],
       "rowsBy": [{"columnId": "p-region", "sort": {"direction": "descending", "by": "p-total"}}],
       "columnsBy": [{"columnId": "p-kind", "sort": {"direction": "descending"}}],
       "values": ["p-total"]})JSON"));
    std::vector<std::string> columns;
    const Rows got = planAndRun(db, contents, "pv", &columns);
    CHECK(columns == std::vector<std::string>{"Region", "Kind \"q\" [k]", "Total", "__pivot"});
    Rows cells, rowTotals, columnTotals, grand;
    for (const auto& r : got) {
        const test::Row values(r.begin(), r.end() - 1);
        (r.back() == "cell" ? cells : r.back() == "row-total" ? rowTotals : r.back() == "column-total" ? columnTotals : grand).push_back(values);
    }
    // Rows by region total descending (West 70, North 40, East 35, NULL 10), kinds descending, NULL kind last.
    CHECK(cells == db.run("SELECT c.region, c.k, c.total FROM (SELECT region, \"we\"\"ird\" AS k, sum(amount) AS total FROM sales GROUP BY 1, 2) c "
                          "JOIN (SELECT region, sum(amount) AS rt FROM sales GROUP BY region) r ON r.region IS c.region "
                          "ORDER BY r.rt DESC, c.k IS NULL DESC, c.k DESC"));
    CHECK(rowTotals == db.run("SELECT region, NULL, sum(amount) FROM sales GROUP BY region ORDER BY 3 DESC"));
    CHECK(columnTotals == db.run("SELECT NULL, \"we\"\"ird\" AS k, sum(amount) FROM sales GROUP BY 2 ORDER BY k IS NULL DESC, k DESC"));
    CHECK(grand == Rows{{"NULL", "NULL", "155"}});
    REQUIRE(cells.size() >= 2);
    CHECK(cells[0] == test::Row{"West", "NULL", "25"});
}

TEST_CASE("grouped table with hostile column names", "[preview][grouped][hostile]") {
    test::SalesDb db;
    Json contents = workbook();
    contents["elements"].push_back(Json::parse(R"JSON({"id": "h", "kind": "table", "name": "Hostile \"] [x",
       "source": {"kind": "warehouse-table", "connectionId": "c", "path": ["main", "sales"]},
       "columns": [{"id": "h-key", "name": "Ki\"nd [x] 'q'", "formula": "[sales/we\"ird]"},
                   {"id": "h-sum", "name": "Tot'al \"x\" ]", "formula": "Sum([sales/o'neil [x])"},
                   {"id": "h-max", "name": "`tick`; DROP TABLE sales; --", "formula": "Max([sales/o'neil [x])"}],
       "groupings": [{"id": "hg", "groupBy": ["h-key"], "calculations": ["h-sum", "h-max"]}]})JSON"));
    std::vector<std::string> columns;
    const Rows got = planAndRun(db, contents, "h", &columns);
    CHECK(columns == std::vector<std::string>{"Ki\"nd [x] 'q'", "Tot'al \"x\" ]", "`tick`; DROP TABLE sales; --"});
    // By hand: a = ids 1, 2, 5, 7; b = 3, 4, 8, 9; NULL = 6.
    CHECK(got == Rows{{"a", "15", "7"}, {"b", "24", "9"}, {"NULL", "6", "6"}});
    CHECK(db.run("SELECT count(*) FROM sales") == Rows{{"9"}});
}

TEST_CASE("grouping mistakes are diagnostics with pointers", "[preview][grouped]") {
    Json contents = workbook();
    auto& g1 = contents["elements"][0];
    g1["groupings"][0]["groupBy"] = {"c-nope"};
    PreviewSession s1(contents);
    auto plan = planElement(s1, "g1", sqlite());
    REQUIRE_FALSE(plan.ok());
    CHECK(plan.diagnostics[0].rule == "preview/grouping");
    CHECK(plan.diagnostics[0].pointer == "/groupings/0/groupBy/0");

    g1["groupings"][0]["groupBy"] = {"c-total"};
    g1["groupings"][0]["calculations"] = {"c-count"};
    PreviewSession s2(contents);
    plan = planElement(s2, "g1", sqlite());
    REQUIRE_FALSE(plan.ok());
    CHECK(plan.diagnostics[0].pointer == "/groupings/0/groupBy/0");

    contents = workbook();
    contents["elements"][0]["groupings"][0]["calculations"] = {"c-amount"};
    PreviewSession s3(contents);
    plan = planElement(s3, "g1", sqlite());
    REQUIRE_FALSE(plan.ok());
    CHECK(plan.diagnostics[0].pointer == "/groupings/0/calculations/0");

    contents = workbook();
    contents["elements"][4]["source"]["groupingId"] = "missing";
    PreviewSession s4(contents);
    plan = planElement(s4, "kpi-levels", sqlite());
    REQUIRE_FALSE(plan.ok());
    CHECK(plan.diagnostics[0].message.find("missing") != std::string::npos);

    // A window over a window column cannot be one SQL expression: said, not guessed.
    contents = workbook();
    contents["elements"][2]["columns"].push_back(Json{{"id", "w-bad"}, {"name", "Bad"}, {"formula", "CumulativeSum([Running])"}});
    PreviewSession s5(contents);
    plan = planElement(s5, "w1", sqlite());
    REQUIRE_FALSE(plan.ok());
    CHECK(plan.diagnostics[0].rule == "preview/not-planned");
    CHECK(plan.diagnostics[0].pointer == "/columns/6/formula");
}

TEST_CASE("charts over a table run window columns along the x axis within each series", "[preview][window][sourced]") {
    test::SalesDb db;
    Json contents = workbook();
    contents["elements"].push_back(Json::parse(R"JSON({"id": "detail", "kind": "table", "name": "Detail",
       "source": {"kind": "warehouse-table", "connectionId": "c", "path": ["main", "sales"]},
       "columns": [{"id": "d-region", "name": "Region", "formula": "[sales/region]"},
                   {"id": "d-city", "name": "City", "formula": "[sales/city]"},
                   {"id": "d-amount", "name": "Amount", "formula": "[sales/amount]"}]})JSON"));
    contents["elements"].push_back(Json::parse(R"JSON({"id": "running", "kind": "line-chart", "name": "Running",
       "source": {"kind": "table", "elementId": "detail"},
       "columns": [{"id": "x", "name": "Region", "formula": "[Detail/Region]"},
                   {"id": "y", "name": "Total", "formula": "Sum([Detail/Amount])"},
                   {"id": "y2", "name": "Running", "formula": "CumulativeSum([Total])"}],
       "xAxis": {"columnId": "x", "sort": {"by": "y", "direction": "descending"}}, "yAxis": {"columnIds": ["y", "y2"]}})JSON"));
    contents["elements"].push_back(Json::parse(R"JSON({"id": "series", "kind": "line-chart", "name": "Series",
       "source": {"kind": "table", "elementId": "detail"},
       "columns": [{"id": "x", "name": "City", "formula": "[Detail/City]"},
                   {"id": "c", "name": "Region", "formula": "[Detail/Region]"},
                   {"id": "y", "name": "Running", "formula": "CumulativeSum(Sum([Detail/Amount]))"}],
       "xAxis": {"columnId": "x"}, "color": {"by": "category", "column": "c"}, "yAxis": {"columnIds": ["y"]}})JSON"));
    // Totals descending by hand: West 70, North 40, East 35, NULL 10.
    CHECK(planAndRun(db, contents, "running") == Rows{{"West", "70", "70"}, {"North", "40", "110"}, {"East", "35", "145"}, {"NULL", "10", "155"}});
    // Per region along the cities (ascending, NULL last): East Boston 30, NYC 30 + 5; West LA 30, SF 30 + 40 ...
    CHECK(planAndRun(db, contents, "series") == Rows{{"Boston", "East", "30"}, {"NYC", "East", "35"}, {"Oslo", "North", "40"},
                                                     {"LA", "West", "30"}, {"SF", "West", "70"}, {"Nowhere", "NULL", "8"}, {"NULL", "NULL", "10"}});
}
