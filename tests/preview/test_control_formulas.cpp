// [controlId] in column formulas: the control's current value is a bound parameter (lists compare with IN),
// never SQL text; a control change re-runs exactly the elements whose formulas read it. Run on SQLite through
// ODBC over the hand-made tables of combine_fixture.h; expected rows worked out by hand.
#include "combine_fixture.h"

#include <quire/preview/action_engine.h>
#include <quire/preview/session.h>
#include <quire/sql/dialect.h>
#include <test_support.h>

#include <algorithm>

using namespace quire;
using namespace quire::preview;
using namespace quire::preview::test;

namespace {

struct Lite {
    std::shared_ptr<connect::Connection> db;
    Lite() {
        db = connect::Connection::open("Driver=SQLite3;Database=" + quire::test::makeTempDir("ctlformula") + "/c.db;");
        loadCombineData(*db, "main", false);
    }
    Rows run(const PlannedQuery& plan) const {
        INFO(plan.sql);
        return rowsOf(db->query(plan.sql, toConnectParams(plan.parameters)));
    }
};

PlannedQuery plan(const PreviewSession& session, const std::string& id) {
    auto p = planElement(session, id, sql::dialect(sql::DialectId::SQLite));
    for (const auto& d : p.diagnostics) UNSCOPED_INFO(d.rule << " " << d.pointer << ": " << d.message);
    return p;
}

// Columns: Order, Picked, In list, Eq list, Not in list, Converted, Twice.
Rows column(const Rows& rows, std::size_t c) {
    Rows out;
    for (const auto& r : rows) out.push_back({r[c]});
    return out;
}

} // namespace

TEST_CASE("control values in formulas are bound parameters", "[preview][controls][formula]") {
    Lite lite;
    PreviewSession session(combineWorkbook("main"));
    auto p = plan(session, "flags");
    REQUIRE(p.ok());
    const auto rows = lite.run(p);
    REQUIRE(rows.size() == 5);
    CHECK(column(rows, 1) == Rows{{"all"}, {"all"}, {"all"}, {"all"}, {"all"}});
    // regions = [West, North]: orders 1, 3 (West) and 4 (North) are in the list.
    CHECK(column(rows, 2) == Rows{{"1"}, {"0"}, {"1"}, {"1"}, {"0"}});
    CHECK(column(rows, 3) == Rows{{"1"}, {"0"}, {"1"}, {"1"}, {"0"}});
    CHECK(column(rows, 4) == Rows{{"0"}, {"1"}, {"0"}, {"0"}, {"1"}});
    // fx-rate = 2; Twice inlines the sibling Converted with its parameter.
    CHECK(column(rows, 5) == Rows{{"200"}, {"100"}, {"140"}, {"40"}, {"10"}});
    CHECK(column(rows, 6) == Rows{{"400"}, {"200"}, {"280"}, {"80"}, {"20"}});
    for (const char* value : {"West", "North"}) {
        CHECK(p.sql.find(std::string("'") + value + "'") == std::string::npos);
        CHECK(std::count_if(p.parameters.begin(), p.parameters.end(), [&](const BoundValue& b) { return b.value == value; }) == 3);
    }

    session.setControlFields("region-pick", Json{{"value", "West"}});
    session.setControlFields("regions", Json{{"values", {"East"}}}); // one value: a scalar comparison
    auto west = lite.run(plan(session, "flags"));
    CHECK(column(west, 1) == Rows{{"yes"}, {"no"}, {"yes"}, {"no"}, {"no"}});
    CHECK(column(west, 2) == Rows{{"0"}, {"1"}, {"0"}, {"0"}, {"1"}});
    CHECK(column(west, 4) == Rows{{"1"}, {"0"}, {"1"}, {"1"}, {"0"}});

    // Nothing selected: the comparisons are unknown, so If takes the else branch.
    session.setControlFields("regions", Json{{"values", Json::array()}});
    auto none = lite.run(plan(session, "flags"));
    CHECK(column(none, 2) == Rows{{"0"}, {"0"}, {"0"}, {"0"}, {"0"}});
    CHECK(column(none, 4) == Rows{{"0"}, {"0"}, {"0"}, {"0"}, {"0"}});
}

TEST_CASE("hostile control values come back as data, not SQL", "[preview][controls][formula]") {
    Lite lite;
    PreviewSession session(combineWorkbook("main"));
    const std::string hostile = "West'; DROP TABLE orders; --";
    session.setControlFields("region-pick", Json{{"value", hostile}});
    session.setControlFields("regions", Json{{"values", {hostile, "x') OR ('1'='1"}}});
    auto p = plan(session, "flags");
    REQUIRE(p.ok());
    CHECK(p.sql.find("DROP") == std::string::npos);
    CHECK(p.sql.find("'1'='1") == std::string::npos);
    auto rows = lite.run(p);
    CHECK(column(rows, 1) == Rows{{"no"}, {"no"}, {"no"}, {"no"}, {"no"}});
    CHECK(column(rows, 2) == Rows{{"0"}, {"0"}, {"0"}, {"0"}, {"0"}});
    CHECK(rowsOf(lite.db->query("SELECT count(*) FROM orders")) == Rows{{"5"}});
}

TEST_CASE("a control change re-runs the elements whose formulas read it", "[preview][controls][graph]") {
    Lite lite;
    PreviewSession session(combineWorkbook("main"));
    CHECK(lite.run(plan(session, "flags-kpi")) == Rows{{"980"}}); // (200+100+140+40+10) * 2
    ActionEngine engine(session);
    const auto run = engine.fire({"btn-fx", "on-click", {}, {}});
    REQUIRE(run.ok());
    // flags and region-chart read [fx-rate]; flags-kpi reads it and is sourced from flags.
    CHECK(run.rerun == std::vector<std::string>{"region-chart", "flags", "flags-kpi"});
    CHECK(lite.run(plan(session, "flags-kpi")) == Rows{{"2205"}}); // 245 * 3 * 3
    CHECK(lite.run(plan(session, "region-chart")) == Rows{{"East", "165"}, {"North", "60"}, {"West", "510"}});
}

TEST_CASE("control references that cannot be planned are located errors", "[preview][controls][formula]") {
    Json contents = combineWorkbook("main");
    contents["elements"].push_back(Json::parse(R"JSON({"id": "ctl-range", "kind": "control", "controlId": "amt-range",
      "controlType": "number-range", "low": 1, "high": 9})JSON"));
    contents["elements"].push_back(Json::parse(R"JSON({"id": "uses-range", "kind": "table", "name": "R",
      "source": {"kind": "warehouse-table", "connectionId": "c", "path": ["main", "orders"]},
      "columns": [{"id": "a", "name": "A", "formula": "[orders/amount]"}, {"id": "b", "name": "B", "formula": "[orders/amount] > [amt-range]"}]})JSON"));
    contents["elements"].push_back(Json::parse(R"JSON({"id": "bare-list", "kind": "kpi-chart", "name": "L",
      "source": {"kind": "warehouse-table", "connectionId": "c", "path": ["main", "orders"]},
      "columns": [{"id": "a", "name": "A", "formula": "Count([orders/order_id])"}, {"id": "b", "name": "B", "formula": "[regions]"}]})JSON"));
    PreviewSession session(contents);
    auto range = plan(session, "uses-range");
    REQUIRE_FALSE(range.ok());
    CHECK(range.diagnostics[0].pointer == "/columns/1/formula");
    CHECK(range.diagnostics[0].message.find("range") != std::string::npos);
    auto list = plan(session, "bare-list");
    REQUIRE_FALSE(list.ok());
    CHECK(list.diagnostics[0].rule == "sql/list-control");
    CHECK(list.diagnostics[0].pointer == "/columns/1/formula");
}
