// Drill-down controls (docs/preview.md "Drill-down"): the level a drill control picks re-plans its targets —
// a bar chart and a grouped table over the embedded sample warehouse, channel type > channel > device — and
// every level's rows equal plain SQL over the same file. The JSON rewrite itself is checked first.
#include <catch2/catch.hpp>
#include <quire/connect/odbc.h>
#include <quire/connect/sample_warehouse.h>
#include <quire/doc/io.h>
#include <quire/preview/connect_params.h>
#include <quire/preview/drill.h>
#include <quire/preview/planner.h>
#include <test_support.h>

#include <filesystem>
#include <map>
#include <variant>

using namespace quire;
using namespace quire::preview;

namespace {

const char* kWorkbook = R"YAML(
schemaVersion: 1
kind: workbook
pages:
  - id: p
    name: Drill
elements:
  - id: level
    kind: control
    controlType: drill
    controlId: geo
    source: {kind: source, source: {kind: table, elementId: bars}, columnId: b-type}
    categories: [{columnId: b-type}, {columnId: b-channel}, {columnId: b-device}]
    targets:
      - {source: {kind: table, elementId: bars}, columnIds: [b-type, b-channel, b-device]}
      - {source: {kind: table, elementId: grouped}, columnIds: [g-type, g-channel, null]}
    value: null
  - id: bars
    kind: bar-chart
    source:
      kind: sql
      connectionId: 6a1e3c2b-5d4f-4e8a-9b7c-0d1f2e3a4b5c
      statement: SELECT s.session_id, s.device, c.channel_name, c.channel_type FROM sessions s JOIN channels c ON c.channel_id = s.channel_id
    columns:
      - {id: b-type, name: Channel Type, formula: "[Custom SQL/channel_type]"}
      - {id: b-channel, name: Channel, formula: "[Custom SQL/channel_name]"}
      - {id: b-device, name: Device, formula: "[Custom SQL/device]"}
      - {id: b-sessions, name: Sessions, formula: "Count()"}
    xAxis: {columnId: b-type}
    yAxis: {columnIds: [b-sessions]}
  - id: grouped
    kind: table
    source:
      kind: sql
      connectionId: 6a1e3c2b-5d4f-4e8a-9b7c-0d1f2e3a4b5c
      statement: SELECT s.session_id, s.pages_viewed, c.channel_name, c.channel_type FROM sessions s JOIN channels c ON c.channel_id = s.channel_id
    columns:
      - {id: g-type, name: Channel Type, formula: "[Custom SQL/channel_type]"}
      - {id: g-channel, name: Channel, formula: "[Custom SQL/channel_name]"}
      - {id: g-sessions, name: Sessions, formula: "Count()"}
      - {id: g-pages, name: Pages, formula: "Sum([Custom SQL/pages_viewed])"}
    groupings: [{id: g1, groupBy: [g-type], calculations: [g-sessions, g-pages]}]
layout: |
  <Page type="grid" gridTemplateColumns="repeat(24, 1fr)" gridTemplateRows="auto" id="p">
    <Element elementId="level" gridColumn="1 / 7" gridRow="1 / 3"/>
    <Element elementId="bars" gridColumn="1 / 13" gridRow="3 / 15"/>
    <Element elementId="grouped" gridColumn="13 / 25" gridRow="3 / 15"/>
  </Page>
)YAML";

Json workbook() {
    auto loaded = doc::parseDocument(kWorkbook, doc::Format::Yaml, "drill.yaml");
    REQUIRE(loaded.ok());
    return loaded.document->root; // a bare workbook body (no name/contents wrapper)
}

const DrillSpec& drillOf(const PreviewSession& session) {
    REQUIRE(session.drills().size() == 1);
    return session.drills().front();
}

std::vector<std::string> columnIds(const Json& element) {
    std::vector<std::string> out;
    for (const auto& c : element["columns"]) out.push_back(c["id"].get<std::string>());
    return out;
}

// key -> value of a two-column result (the key column may be NULL: "<null>").
using Totals = std::map<std::string, long long>;

Totals totals(connect::Connection& c, const std::string& sql, const std::vector<BoundValue>& params, std::size_t key, std::size_t value) {
    INFO(sql);
    const auto result = c.query(sql, toConnectParams(params));
    Totals out;
    for (std::size_t r = 0; r < result.rowCount(); ++r)
        out[std::holds_alternative<std::monostate>(result.value(r, key)) ? "<null>" : result.toString(r, key)] +=
            std::stoll(result.toString(r, value));
    return out;
}

std::size_t indexOf(const PlannedQuery& plan, const std::string& name) {
    const auto it = std::find(plan.columns.begin(), plan.columns.end(), name);
    REQUIRE(it != plan.columns.end());
    return std::size_t(it - plan.columns.begin());
}

} // namespace

TEST_CASE("a drill control's level picks each target's column, outer picks filter, deeper columns go", "[preview][drill]") {
    PreviewSession session(workbook());
    const DrillSpec& spec = drillOf(session);
    CHECK(spec.categories == std::vector<std::string>{"b-type", "b-channel", "b-device"});
    REQUIRE(spec.targets.size() == 2);
    CHECK_FALSE(spec.targets[1].columnIds[2].has_value());

    // Outermost (value null): the chart groups by type only, the deeper drill columns are gone.
    const Json* bars = session.element("bars");
    CHECK(columnIds(*bars) == std::vector<std::string>{"b-type", "b-sessions"});
    CHECK((*bars)["xAxis"]["columnId"] == "b-type");
    CHECK_FALSE(bars->contains("filters"));

    // One level down after picking "paid": the type stays as a filtered key, the axis shows the channel.
    REQUIRE(session.setControlFields("geo", Json{{"value", "b-channel"}, {"drillPath", {"paid"}}}));
    bars = session.element("bars");
    CHECK(columnIds(*bars) == std::vector<std::string>{"b-type", "b-channel", "b-sessions"});
    CHECK((*bars)["xAxis"]["columnId"] == "b-channel");
    REQUIRE((*bars)["filters"].size() == 1);
    CHECK((*bars)["filters"][0]["columnId"] == "b-type");
    CHECK((*bars)["filters"][0]["values"] == Json::array({"paid"}));
    const Json* grouped = session.element("grouped");
    CHECK((*grouped)["groupings"][0]["groupBy"] == Json::array({"g-type", "g-channel"}));

    // A level set without picks (the command line): no filter, the outer column goes too.
    REQUIRE(session.setControlFields("geo", Json{{"value", "b-channel"}, {"drillPath", nullptr}}));
    CHECK(columnIds(*session.element("bars")) == std::vector<std::string>{"b-channel", "b-sessions"});
    CHECK((*session.element("grouped"))["groupings"][0]["groupBy"] == Json::array({"g-channel"}));

    // The innermost level: the grouped table has no device column (null) and keeps showing channels.
    REQUIRE(session.setControlFields("geo", Json{{"value", "b-device"}, {"drillPath", {"paid", "Paid Search"}}}));
    CHECK((*session.element("bars"))["xAxis"]["columnId"] == "b-device");
    CHECK((*session.element("bars"))["filters"].size() == 2);
    grouped = session.element("grouped");
    CHECK((*grouped)["groupings"][0]["groupBy"] == Json::array({"g-type", "g-channel"}));
    REQUIRE((*grouped)["filters"].size() == 1);
    CHECK((*grouped)["filters"][0]["values"] == Json::array({"paid"}));

    // Clearing the control goes back to the top; the document itself never changes.
    REQUIRE(session.clearControl("geo"));
    CHECK(columnIds(*session.element("bars")) == std::vector<std::string>{"b-type", "b-sessions"});
    CHECK(session.contents()["elements"][1]["columns"].size() == 4);
}

TEST_CASE("drilling down and up: the fields one click writes", "[preview][drill]") {
    PreviewSession session(workbook());
    const DrillSpec& spec = drillOf(session);
    auto at = drillPosition(spec, session.control("geo")->fields);
    CHECK(at.level == 0);
    const auto down = drillDownFields(spec, at, "paid");
    REQUIRE(down);
    CHECK(*down == Json{{"value", "b-channel"}, {"drillPath", {"paid"}}});
    session.setControlFields("geo", *down);
    at = drillPosition(spec, session.control("geo")->fields);
    const auto deeper = drillDownFields(spec, at, "Email");
    REQUIRE(deeper);
    session.setControlFields("geo", *deeper);
    at = drillPosition(spec, session.control("geo")->fields);
    CHECK(at.level == 2);
    CHECK_FALSE(drillDownFields(spec, at, "mobile")); // the innermost level has nothing below
    CHECK(drillUpFields(spec, at, 1) == Json{{"value", "b-channel"}, {"drillPath", {"paid"}}});
    CHECK(drillUpFields(spec, at, 0) == Json{{"value", nullptr}, {"drillPath", Json::array()}});

    // A value that is not a level: the targets show the outermost level and the plan says why.
    session.setControlFields("geo", Json{{"value", "b-sessions"}});
    CHECK_FALSE(drillPosition(spec, session.control("geo")->fields).known);
    const auto plan = planElement(session, "bars", sql::dialect(sql::DialectId::SQLite));
    CHECK(plan.ok());
    REQUIRE(plan.diagnostics.size() == 1);
    CHECK(plan.diagnostics[0].rule == "preview/drill-level");
}

TEST_CASE("a drill control re-runs its targets when it changes", "[preview][drill]") {
    PreviewSession session(workbook());
    const auto affected = session.graph().affectedByControl("geo");
    CHECK(std::find(affected.begin(), affected.end(), "bars") != affected.end());
    CHECK(std::find(affected.begin(), affected.end(), "grouped") != affected.end());
}

TEST_CASE("each drill level groups by its column and matches plain SQL on the sample warehouse", "[preview][drill][sample]") {
    const std::string dir = test::makeTempDir("preview-drill");
    const std::string db = dir + "/marketing.db";
    connect::SampleOptions small;
    small.eventRows = 5000;
    connect::generateSqlite(db, small);
    auto c = connect::Connection::open("Driver=SQLite3;Database=" + db + ";");
    const auto& dialect = sql::dialect(sql::DialectId::SQLite);
    PreviewSession session(workbook());
    const std::string from = " FROM sessions s JOIN channels c ON c.channel_id = s.channel_id ";

    auto chart = [&](const std::string& key) {
        const auto plan = planElement(session, "bars", dialect);
        INFO((plan.diagnostics.empty() ? std::string() : plan.diagnostics.front().message));
        REQUIRE(plan.ok());
        return totals(*c, plan.sql, plan.parameters, indexOf(plan, key), indexOf(plan, "Sessions"));
    };
    auto table = [&](const std::string& key) {
        const auto plan = planElement(session, "grouped", dialect);
        INFO((plan.diagnostics.empty() ? std::string() : plan.diagnostics.front().message));
        REQUIRE(plan.ok());
        return totals(*c, plan.sql, plan.parameters, indexOf(plan, key), indexOf(plan, "Pages"));
    };
    auto plain = [&](const std::string& sql) { return totals(*c, sql, {}, 0, 1); };

    // Level 0: one bar per channel type.
    const Totals byType = plain("SELECT c.channel_type, count(*)" + from + "GROUP BY 1");
    REQUIRE(byType.size() > 2);
    CHECK(chart("Channel Type") == byType);
    CHECK(table("Channel Type") == plain("SELECT c.channel_type, sum(s.pages_viewed)" + from + "GROUP BY 1"));

    // Level 1, set directly: every channel.
    session.setControlFields("geo", Json{{"value", "b-channel"}});
    CHECK(chart("Channel") == plain("SELECT c.channel_name, count(*)" + from + "GROUP BY 1"));

    // Level 1 after clicking the "paid" bar: the paid channels only.
    session.setControlFields("geo", Json{{"value", "b-channel"}, {"drillPath", {"paid"}}});
    const Totals paid = plain("SELECT c.channel_name, count(*)" + from + "WHERE c.channel_type = 'paid' GROUP BY 1");
    REQUIRE(paid.size() > 1);
    CHECK(chart("Channel") == paid);
    CHECK(table("Channel") ==
          plain("SELECT c.channel_name, sum(s.pages_viewed)" + from + "WHERE c.channel_type = 'paid' GROUP BY 1"));

    // Level 2 after clicking "Paid Search": its devices; the grouped table (no device column) keeps the channels of paid.
    session.setControlFields("geo", Json{{"value", "b-device"}, {"drillPath", {"paid", "Paid Search"}}});
    const Totals devices =
        plain("SELECT s.device, count(*)" + from + "WHERE c.channel_type = 'paid' AND c.channel_name = 'Paid Search' GROUP BY 1");
    REQUIRE(devices.size() > 1);
    CHECK(chart("Device") == devices);
    CHECK(table("Channel") ==
          plain("SELECT c.channel_name, sum(s.pages_viewed)" + from + "WHERE c.channel_type = 'paid' GROUP BY 1"));
    std::filesystem::remove_all(dir);
}
