// Joins, unions, charts straight on a warehouse table or custom SQL: planned, then run on SQLite through the
// ODBC driver over the hand-made tables of combine_fixture.h. Expected rows are worked out by hand (see the
// fixture's comment) and, for aggregates, also by plain SQL written here.
#include "combine_fixture.h"

#include <quire/preview/session.h>
#include <quire/sql/dialect.h>
#include <test_support.h>

#include <algorithm>

using namespace quire;
using namespace quire::preview;
using namespace quire::preview::test;

namespace {

struct Lite {
    std::string odbc;
    std::shared_ptr<connect::Connection> db;
    Lite() {
        odbc = "Driver=SQLite3;Database=" + quire::test::makeTempDir("combine") + "/c.db;";
        db = connect::Connection::open(odbc);
        loadCombineData(*db, "main", false);
    }
    Rows run(const PlannedQuery& plan, bool sorted = false) const {
        INFO(plan.sql);
        auto rows = rowsOf(db->query(plan.sql, toConnectParams(plan.parameters)));
        if (sorted) std::sort(rows.begin(), rows.end());
        return rows;
    }
    Rows run(const std::string& sql) const { return rowsOf(db->query(sql)); }
};

const sql::Dialect& sqlite() { return sql::dialect(sql::DialectId::SQLite); }

PlannedQuery plan(const PreviewSession& session, const std::string& id) {
    auto p = planElement(session, id, sqlite());
    for (const auto& d : p.diagnostics) UNSCOPED_INFO(d.rule << " " << d.pointer << ": " << d.message);
    return p;
}

Json withJoinType(const std::string& type) {
    Json contents = combineWorkbook("main");
    contents["elements"][1]["source"]["joins"][0]["joinType"] = type;
    return contents;
}

const std::string kBob = "Bob'; DROP TABLE orders; --";

} // namespace

TEST_CASE("join: inner, left, right and full outer over two warehouse tables", "[preview][join]") {
    Lite lite;
    {
        PreviewSession session(withJoinType("left-outer"));
        auto p = plan(session, "left-join");
        REQUIRE(p.ok());
        CHECK(p.connectionId == "c");
        CHECK(p.columns == std::vector<std::string>{"Order", "Customer", "Name", "Amount"});
        CHECK(p.sql.find("LEFT JOIN") != std::string::npos);
        CHECK(lite.run(p) == Rows{{"1", "10", "Ann", "100"}, {"2", "10", "Ann", "50"}, {"3", "20", kBob, "70"},
                                  {"4", "NULL", "NULL", "20"}, {"5", "NULL", "NULL", "5"}});
    }
    {
        PreviewSession session(withJoinType("inner"));
        auto p = plan(session, "left-join");
        REQUIRE(p.ok());
        CHECK(lite.run(p) == Rows{{"1", "10", "Ann", "100"}, {"2", "10", "Ann", "50"}, {"3", "20", kBob, "70"}});
    }
    {
        PreviewSession session(withJoinType("right-outer"));
        auto p = plan(session, "left-join");
        REQUIRE(p.ok());
        // NULL customer ids never match (Sigma joins with `=`): Nobody comes back unmatched, as does Dee.
        CHECK(lite.run(p, true) == Rows{{"1", "10", "Ann", "100"}, {"2", "10", "Ann", "50"}, {"3", "20", kBob, "70"},
                                        {"NULL", "40", "Dee", "NULL"}, {"NULL", "NULL", "Nobody", "NULL"}});
    }
    {
        PreviewSession session(withJoinType("full-outer"));
        auto p = plan(session, "left-join");
        REQUIRE(p.ok());
        auto rows = lite.run(p, true);
        CHECK(rows == Rows{{"1", "10", "Ann", "100"}, {"2", "10", "Ann", "50"}, {"3", "20", kBob, "70"}, {"4", "NULL", "NULL", "20"},
                           {"5", "NULL", "NULL", "5"}, {"NULL", "40", "Dee", "NULL"}, {"NULL", "NULL", "Nobody", "NULL"}});
        // The same count from plain SQL.
        auto want = lite.run("SELECT count(*) FROM orders o FULL JOIN customers c ON o.customer_id = c.customer_id");
        CHECK(want[0][0] == std::to_string(rows.size()));
    }
    CHECK(lite.run("SELECT count(*) FROM orders") == Rows{{"5"}}); // the hostile name came back as data only
}

TEST_CASE("join: several keys, default prefixes from the legs", "[preview][join]") {
    Lite lite;
    PreviewSession session(combineWorkbook("main"));
    auto p = plan(session, "multi-key");
    REQUIRE(p.ok());
    CHECK(lite.run(p) == Rows{{"1", "-10"}, {"2", "10"}});
    CHECK(lite.run("SELECT o.order_id, t.target - o.amount FROM orders o JOIN targets t ON o.customer_id = t.customer_id "
                   "AND o.region = t.region ORDER BY 1") == Rows{{"1", "-10"}, {"2", "10"}});
}

TEST_CASE("join: a chart over a join with a filtered table element as its right leg", "[preview][join]") {
    Lite lite;
    PreviewSession session(combineWorkbook("main"));
    auto p = plan(session, "gold-orders");
    REQUIRE(p.ok());
    CHECK(p.sql.find("GROUP BY 1") != std::string::npos);
    CHECK(lite.run(p) == Rows{{"East", "50", "1"}, {"West", "100", "1"}});
    CHECK(lite.run("SELECT o.region, sum(o.amount), count(DISTINCT c.\"nm \"\"q\"\" '; --\") FROM orders o JOIN customers c "
                   "ON o.customer_id = c.customer_id WHERE c.seg = 'Gold' GROUP BY o.region ORDER BY 1") == lite.run(p));
}

TEST_CASE("union: matched columns, NULL where a source has none, UNION ALL", "[preview][union]") {
    Lite lite;
    PreviewSession session(combineWorkbook("main"));
    auto p = plan(session, "all-sales");
    REQUIRE(p.ok());
    CHECK(p.sql.find("UNION ALL") != std::string::npos);
    CHECK(lite.run(p) == Rows{{"1", "West", "10", "NULL"}, {"2", "East", "20", "NULL"}, {"3", "NULL", "30", "Web"}});
}

TEST_CASE("union: element sources matched by column name", "[preview][union]") {
    Lite lite;
    PreviewSession session(combineWorkbook("main"));
    auto p = plan(session, "by-name");
    REQUIRE(p.ok());
    // gold: 2 rows (Ann, Dee; segment Gold); left join: 5 rows, 3 names, amounts 100+50+70+20+5.
    CHECK(lite.run(p) == Rows{{"7", "5", "2", "245"}});
}

TEST_CASE("charts and KPIs straight on a warehouse table or custom SQL", "[preview][direct]") {
    Lite lite;
    PreviewSession session(combineWorkbook("main"));
    auto chart = plan(session, "region-chart");
    REQUIRE(chart.ok());
    CHECK(chart.sql.find("GROUP BY 1") != std::string::npos);
    CHECK(lite.run(chart) == lite.run("SELECT region, sum(amount * 2) FROM orders GROUP BY region ORDER BY region"));
    CHECK(lite.run(chart) == Rows{{"East", "110"}, {"North", "40"}, {"West", "340"}});

    auto kpi = plan(session, "sql-kpi");
    REQUIRE(kpi.ok());
    CHECK(lite.run(kpi) == Rows{{"3", "220"}});
    session.setControlFields("min-amount", Json{{"value", 60}});
    CHECK(lite.run(plan(session, "sql-kpi")) == Rows{{"2", "170"}});
    CHECK(lite.run("SELECT count(*), sum(amount) FROM orders WHERE amount >= 60") == Rows{{"2", "170"}});
}

TEST_CASE("combined sources: clear diagnostics with a location, never a crash", "[preview][join][union]") {
    Json contents = combineWorkbook("main");
    auto& elements = contents["elements"];
    Json bad = elements[2];
    bad["id"] = "bad-prefix";
    bad["columns"][0]["formula"] = "[Nope/order_id]";
    elements.push_back(bad);
    bad = elements[2];
    bad["id"] = "bad-left";
    bad["source"]["joins"][0]["left"] = Json{{"kind", "warehouse-table"}, {"connectionId", "c"}, {"path", {"main", "elsewhere"}}};
    bad["source"]["primarySource"] = Json{{"kind", "warehouse-table"}, {"connectionId", "c"}, {"path", {"main", "orders"}}};
    elements.push_back(bad);
    bad = elements[2];
    bad["id"] = "lookup";
    bad["source"]["joins"][0]["joinType"] = "lookup";
    elements.push_back(bad);
    bad = elements[2];
    bad["id"] = "other-conn";
    bad["source"]["joins"][0]["right"]["connectionId"] = "d";
    elements.push_back(bad);
    bad = elements[2];
    bad["id"] = "bare";
    bad["columns"][0]["formula"] = "[order_id]";
    elements.push_back(bad);
    bad = elements[5];
    bad["id"] = "bad-union";
    bad["source"]["matches"] = Json::array({Json{{"outputColumnName", "X"}, {"sourceColumns", {"[Id]", "[Nope]"}}}});
    elements.push_back(bad);
    elements.push_back(Json::parse(R"JSON({"id": "tp", "kind": "table", "name": "T", "source": {"kind": "transpose",
      "source": {"kind": "warehouse-table", "connectionId": "c", "path": ["main", "orders"]}, "direction": "column-to-row",
      "columnsToMerge": ["amount"], "columnLabelForMergedColumns": "K", "columnLabelForValues": "V"},
      "columns": [{"id": "x", "name": "X", "formula": "[Transpose of orders/V]"}]})JSON"));
    elements.push_back(Json::parse(R"JSON({"id": "tp-median", "kind": "table", "name": "T", "source": {"kind": "transpose",
      "source": {"kind": "table", "elementId": "flat"}, "direction": "row-to-column", "columnToTranspose": "Region",
      "valueColumn": "Amount", "outputColumns": ["West"], "aggregate": "median"},
      "columns": [{"id": "x", "name": "X", "formula": "[Transpose of Flat/West]"}]})JSON"));
    elements.push_back(Json::parse(R"JSON({"id": "tp-unknown", "kind": "table", "name": "T", "source": {"kind": "transpose",
      "source": {"kind": "table", "elementId": "wide"}, "direction": "column-to-row", "columnsToMerge": ["Amount", "Nope"],
      "columnLabelForMergedColumns": "K", "columnLabelForValues": "V"},
      "columns": [{"id": "x", "name": "X", "formula": "[Transpose of Wide/V]"}]})JSON"));
    elements.push_back(Json::parse(R"JSON({"id": "no-joins", "kind": "table", "name": "N", "source": {"kind": "join", "joins": 3},
      "columns": [{"id": "x", "name": "X", "formula": "[N/X]"}]})JSON"));
    PreviewSession session(contents);

    auto expect = [&](const std::string& id, const std::string& rule, const std::string& pointer) {
        INFO(id);
        auto p = plan(session, id);
        CHECK_FALSE(p.ok());
        bool found = false;
        for (const auto& d : p.diagnostics) found = found || (d.rule == rule && d.pointer == pointer && d.severity == Severity::Error);
        CHECK(found);
    };
    expect("bad-prefix", "formula/unknown-column", "/columns/0/formula");
    expect("bad-left", "preview/bad-source", "/source/joins/0/left");
    expect("lookup", "preview/not-planned", "/source/joins/0/joinType");
    expect("other-conn", "preview/cross-connection", "/source/joins/0/right");
    expect("bare", "formula/unknown-column", "/columns/0/formula");
    expect("bad-union", "preview/unknown-column", "/source/matches/0/sourceColumns/1");
    expect("tp", "preview/not-planned", "/source/source");
    expect("tp-median", "preview/not-planned", "/source/aggregate");
    expect("tp-unknown", "preview/unknown-column", "/source/columnsToMerge/1");
    expect("no-joins", "preview/bad-source", "/source/joins");
}

TEST_CASE("transpose: column-to-row stacks columns, row-to-column aggregates per output column", "[preview][transpose]") {
    Lite lite;
    PreviewSession session(combineWorkbook("main"));
    auto stacked = plan(session, "long");
    REQUIRE(stacked.ok());
    CHECK(lite.run(stacked) == Rows{{"1", "West", "Amount", "10"}, {"1", "West", "Double", "20"},
                                    {"2", "East", "Amount", "20"}, {"2", "East", "Double", "40"}});
    auto spread = plan(session, "by-region");
    REQUIRE(spread.ok());
    // orders by customer: 10 -> West 100, East 50; 20 -> West 70; 30 -> North only; NULL -> East 5.
    CHECK(lite.run(spread, true) == Rows{{"10", "100", "50"}, {"20", "70", "NULL"}, {"30", "NULL", "NULL"}, {"NULL", "NULL", "5"}});
    CHECK(lite.run("SELECT customer_id, sum(CASE WHEN region = 'West' THEN amount END), sum(CASE WHEN region = 'East' THEN amount END) "
                   "FROM orders GROUP BY customer_id ORDER BY customer_id") ==
          Rows{{"NULL", "NULL", "5"}, {"10", "100", "50"}, {"20", "70", "NULL"}, {"30", "NULL", "NULL"}});
}

TEST_CASE("connectionIdOf follows join legs and union sources", "[preview][join]") {
    PreviewSession session(combineWorkbook("main"));
    CHECK(connectionIdOf(session, "left-join") == "c");
    CHECK(connectionIdOf(session, "by-name") == "c");
}

TEST_CASE("grouped tables and pivots read a union like one table", "[preview][union][grouping]") {
    Lite lite;
    Json contents = combineWorkbook("main");
    Json unionSource;
    for (const auto& e : contents["elements"])
        if (e.value("id", "") == "all-sales") unionSource = e["source"];
    REQUIRE(unionSource.is_object());
    contents["elements"].push_back(Json{
        {"id", "sales-by-region"}, {"kind", "table"}, {"name", "Sales by region"}, {"source", unionSource},
        {"columns", Json::array({Json{{"id", "g-region"}, {"name", "Region"}, {"formula", "[Sales/Region]"}},
                                 Json{{"id", "g-total"}, {"name", "Total"}, {"formula", "Sum([Sales/Amount])"}},
                                 Json{{"id", "g-n"}, {"name", "Rows"}, {"formula", "Count()"}}})},
        {"groupings", Json::array({Json{{"id", "by-region"}, {"groupBy", {"g-region"}}, {"calculations", {"g-total", "g-n"}}}})}});
    contents["elements"].push_back(Json{
        {"id", "sales-pivot"}, {"kind", "pivot-table"}, {"name", "Sales pivot"}, {"source", unionSource},
        {"columns", Json::array({Json{{"id", "p-region"}, {"name", "Region"}, {"formula", "[Sales/Region]"}},
                                 Json{{"id", "p-total"}, {"name", "Total"}, {"formula", "Sum([Sales/Amount])"}}})},
        {"rowsBy", Json::array({Json{{"columnId", "p-region"}}})}, {"values", {"p-total"}}});
    PreviewSession session(contents);

    // By hand: sales_a (1, West, 10), (2, East, 20); sales_b (3, -, 30, Web) has no region -> a NULL group.
    auto grouped = plan(session, "sales-by-region");
    REQUIRE(grouped.ok());
    CHECK(lite.run(grouped) == Rows{{"East", "20", "1"}, {"West", "10", "1"}, {"NULL", "30", "1"}});
    CHECK(lite.run("SELECT region, sum(amount), count(*) FROM (SELECT region, amount FROM sales_a UNION ALL "
                   "SELECT NULL, amount FROM sales_b) GROUP BY region ORDER BY region IS NULL, region") == lite.run(grouped));

    auto pivot = plan(session, "sales-pivot");
    REQUIRE(pivot.ok());
    const Rows cells = lite.run(pivot);
    REQUIRE(cells.size() == 4); // three region cells and the grand total
    CHECK(cells.back() == std::vector<std::string>{"NULL", "60", "grand-total"});
}
