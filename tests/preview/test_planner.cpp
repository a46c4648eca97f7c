// Planned SQL runs on a real SQLite database; expected ids are picked by hand from the rows below.
#include <catch2/catch.hpp>
#include <quire/preview/action_engine.h>
#include <quire/preview/planner.h>
#include <sqlite3.h>

#include <stdexcept>

using namespace quire;
using namespace quire::preview;
using Ids = std::vector<int>;

namespace {

const char* kRows = "CREATE TABLE orders (id INTEGER, region TEXT, amount REAL);"
                    "INSERT INTO orders VALUES (1,'East',10),(2,'West',30),(3,NULL,5),(4,'North',20),(5,'West',15),(6,'East',40);";

Json workbook() {
    return Json::parse(R"J({"pages": [{"id": "p"}], "elements": [
      {"id": "t", "kind": "table", "name": "Orders",
       "source": {"kind": "warehouse-table", "connectionId": "c", "path": ["main", "orders"]},
       "columns": [{"id": "c-id", "name": "Id", "formula": "[orders/id]"},
                   {"id": "c-region", "name": "Region", "formula": "[orders/region]"},
                   {"id": "c-amount", "name": "Amount", "formula": "[orders/amount]"},
                   {"id": "c-double", "name": "Double", "formula": "[Amount] * 2"}],
       "filters": [{"id": "f", "columnId": "c-amount", "kind": "number-range", "min": 6}],
       "sort": [{"columnId": "c-amount", "direction": "descending"}]},
      {"id": "ctl", "kind": "control", "controlId": "region", "controlType": "list", "mode": "include",
       "selectionMode": "multiple", "values": [], "filters": [{"source": {"kind": "table", "elementId": "t"}, "columnId": "c-region"}]},
      {"id": "top", "kind": "control", "controlId": "top", "controlType": "top-n", "rankingFunction": "row-number", "mode": "top-n",
       "filters": [{"source": {"kind": "table", "elementId": "t"}, "columnId": "c-amount"}]},
      {"id": "b", "kind": "button", "text": "x", "actions": [{"id": "a", "trigger": "on-click", "effects": [
        {"kind": "set-control-value", "control": "region", "value": {"type": "constant", "value": {"type": "text-list", "value": ["West", "East"]}}}]}]}
    ]})J");
}

Ids run(const PlannedQuery& plan, std::vector<double>* doubles = nullptr) {
    INFO(plan.sql);
    for (const auto& d : plan.diagnostics) INFO(d.message);
    REQUIRE(plan.ok());
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, kRows, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v2(db, plan.sql.c_str(), -1, &stmt, nullptr);
    INFO(sqlite3_errmsg(db));
    REQUIRE(rc == SQLITE_OK);
    int i = 1;
    for (const auto& b : plan.parameters) {
        if (b.type == BoundValue::Type::Number) sqlite3_bind_double(stmt, i, b.value.get<double>());
        else if (b.type == BoundValue::Type::Boolean) sqlite3_bind_int(stmt, i, b.value.get<bool>());
        else sqlite3_bind_text(stmt, i, b.value.get<std::string>().c_str(), -1, SQLITE_TRANSIENT);
        ++i;
    }
    Ids ids;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        ids.push_back(sqlite3_column_int(stmt, 0));
        if (doubles) doubles->push_back(sqlite3_column_double(stmt, 3));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return ids;
}

} // namespace

TEST_CASE("planner: detail table with element filter, sort, computed column", "[preview][planner]") {
    PreviewSession s(workbook());
    const auto& dialect = sql::dialect(sql::DialectId::SQLite);
    const PlannedQuery plan = planElement(s, "t", dialect);
    CHECK(plan.columns == std::vector<std::string>{"Id", "Region", "Amount", "Double"});
    std::vector<double> doubles;
    CHECK(run(plan, &doubles) == Ids{6, 2, 4, 5, 1}); // amount >= 6, descending
    CHECK(doubles == std::vector<double>{80, 60, 40, 30, 20});
    CHECK(run(planElement(s, "t", dialect, {"2024-01-01", 2, 1})) == Ids{2, 4});
}

TEST_CASE("planner: control values become bound filters after an action", "[preview][planner]") {
    PreviewSession s(workbook());
    ActionEngine engine(s);
    REQUIRE(engine.fire({"b", "on-click", {}, {}}).ok());
    const auto& dialect = sql::dialect(sql::DialectId::SQLite);
    PlannedQuery plan = planElement(s, "t", dialect);
    CHECK(plan.sql.find("West") == std::string::npos);
    CHECK(run(plan) == Ids{6, 2, 5, 1});
    s.setControlFields("top", Json{{"rowCount", 2}});
    CHECK(run(planElement(s, "t", dialect)) == Ids{6, 2});
    s.setControlFields("region", Json{{"values", {"x') OR 1=1 --"}}});
    s.clearControl("top");
    CHECK(run(planElement(s, "t", dialect)).empty());
}

TEST_CASE("planner: unsupported elements and bad wiring are diagnostics", "[preview][planner]") {
    Json contents = workbook();
    contents["elements"][1]["filters"][0]["columnId"] = "nope";
    contents["elements"][1]["values"] = {"West"};
    PreviewSession s(contents);
    const auto& dialect = sql::dialect(sql::DialectId::PostgreSQL);
    auto plan = planElement(s, "t", dialect);
    CHECK_FALSE(plan.ok());
    REQUIRE_FALSE(plan.diagnostics.empty());
    CHECK(plan.diagnostics[0].rule == "preview/unknown-column");
    CHECK(planElement(s, "b", dialect).diagnostics[0].rule == "preview/not-planned");
    CHECK(planElement(s, "ghost", dialect).diagnostics[0].rule == "preview/unknown-element");
}

// A column over custom SQL that names a sibling column ([Amount]) reads that sibling's formula, not a
// subquery column of that name (the subquery has `amount`, not "Amount"); elements reading the table see it too.
TEST_CASE("planner: custom SQL columns inline sibling columns", "[preview][planner]") {
    Json contents = workbook();
    contents["elements"].push_back(Json::parse(R"J({"id": "cs", "kind": "table", "name": "Custom",
        "source": {"kind": "sql", "connectionId": "c", "statement": "SELECT id, region, amount FROM orders"},
        "columns": [{"id": "x", "name": "Id", "formula": "[Custom SQL/id]"},
                    {"id": "r", "name": "Region", "formula": "[Custom SQL/region]"},
                    {"id": "y", "name": "Amount", "formula": "[Custom SQL/amount]"},
                    {"id": "z", "name": "Tripled", "formula": "[Amount] * 3"}]})J"));
    contents["elements"].push_back(Json::parse(R"J({"id": "by-region", "kind": "table", "name": "By region",
        "source": {"kind": "table", "elementId": "cs"},
        "columns": [{"id": "g-id", "name": "Any Id", "formula": "Min([Custom/Id])"},
                    {"id": "g-region", "name": "Region", "formula": "[Custom/Region]"},
                    {"id": "g-n", "name": "N", "formula": "Count([Custom/Id])"},
                    {"id": "g-sum", "name": "Tripled", "formula": "Sum([Custom/Tripled])"}],
        "groupings": [{"id": "g", "groupBy": ["g-region"], "calculations": ["g-id", "g-n", "g-sum"]}],
        "sort": [{"columnId": "g-id", "direction": "ascending"}]})J"));
    PreviewSession s(contents);
    const auto& dialect = sql::dialect(sql::DialectId::SQLite);
    std::vector<double> tripled;
    CHECK(run(planElement(s, "cs", dialect), &tripled) == Ids{1, 2, 3, 4, 5, 6});
    CHECK(tripled == std::vector<double>{30, 90, 15, 60, 45, 120});
    const PlannedQuery grouped = planElement(s, "by-region", dialect);
    INFO(grouped.sql);
    REQUIRE(grouped.ok());
    CHECK(grouped.sql.find("\"Amount\" * 3") == std::string::npos);
    CHECK_FALSE(run(grouped).empty());
}

TEST_CASE("planner: custom SQL binds {{controlId}} as parameters, list controls expand", "[preview][planner]") {
    Json contents = workbook();
    contents["elements"].push_back(Json::parse(R"J({"id": "cs", "kind": "table", "name": "Custom",
        "source": {"kind": "sql", "connectionId": "c", "statement": "SELECT id, amount FROM orders WHERE region IN ({{region}}) AND amount > {{ min }}"},
        "columns": [{"id": "x", "name": "Id", "formula": "[Custom SQL/id]"}, {"id": "y", "name": "Amt", "formula": "[Custom SQL/amount] + 1"}]})J"));
    contents["elements"].push_back(Json::parse(R"J({"id": "m", "kind": "control", "controlId": "min", "controlType": "number", "value": 12})J"));
    PreviewSession s(contents);
    const auto& dialect = sql::dialect(sql::DialectId::SQLite);
    // region cleared: IN (NULL) matches nothing
    CHECK(run(planElement(s, "cs", dialect)).empty());
    s.setControlFields("region", Json{{"values", {"East", "West"}}});
    const auto plan = planElement(s, "cs", dialect);
    CHECK(plan.sql.find("East") == std::string::npos);
    CHECK(plan.parameters.size() == 3);
    CHECK(run(plan) == Ids{2, 5, 6});
    Json bad = contents;
    bad["elements"].back()["controlId"] = "other";
    PreviewSession s2(bad);
    CHECK(planElement(s2, "cs", dialect).diagnostics.front().rule == "preview/custom-sql");
}

TEST_CASE("planner: a `columns` object instead of a list is a diagnostic, not an exception", "[preview][planner]") {
    // The three column walks (warehouse table, sourced element, chart over a warehouse table) indexed `columns`
    // by position and threw json type_error 305 on an object: one mapping in a hand-edited YAML workbook.
    Json contents = workbook();
    const Json oneColumn = {{"id", "c-n"}, {"name", "N"}, {"formula", "Count([orders/id])"}};
    contents["elements"].push_back({{"id", "child"}, {"kind", "kpi-chart"}, {"source", {{"kind", "table"}, {"elementId", "t"}}}, {"columns", oneColumn}});
    contents["elements"].push_back({{"id", "direct"}, {"kind", "kpi-chart"},
                                    {"source", {{"kind", "warehouse-table"}, {"connectionId", "c"}, {"path", {"main", "orders"}}}},
                                    {"columns", oneColumn}});
    contents["elements"][0]["columns"] = Json{{"c-id", {{"id", "c-id"}, {"name", "Id"}, {"formula", "[orders/id]"}}}};
    PreviewSession s(contents);
    const auto& dialect = sql::dialect(sql::DialectId::SQLite);
    for (const char* id : {"t", "child", "direct"}) {
        INFO(id);
        PlannedQuery plan;
        REQUIRE_NOTHROW(plan = planElement(s, id, dialect));
        CHECK_FALSE(plan.ok());
        CHECK_FALSE(plan.diagnostics.empty());
    }
}
