// Controls, actions, styling and agents.
#include "base_workbook.h"
#include "rule_case.h"

using namespace quire;
using namespace quire::test;

namespace {
const std::string kNote = R"({ "id": "note", "kind": "text", "body": "Hello" },)";
std::string afterNote(const std::string& element) { return kNote + "\n      " + element + ","; }
const std::string kP2Region = R"(id=\"p2\">\n</Page>\n)";
std::string placeInP2(const std::string& id) {
    return std::string(R"(id=\"p2\">\n  <Element elementId=\")") + id + R"(\" gridColumn=\"1 / 9\" gridRow=\"1 / 4\"/>\n</Page>\n)";
}
const std::string kWiring = R"("filters": [ { "source": { "kind": "table", "elementId": "orders" }, "columnId": "o-region" } ] },)";
} // namespace

TEST_CASE("control rules", "[rules][controls]") {
    expectOnlyRules(kBaseWorkbookJson, doc::Format::Json, {
        {"wiring to a missing element", {{kWiring, R"("filters": [ { "source": { "kind": "table", "elementId": "ghost" }, "columnId": "o-region" } ] },)"}},
         "control/unknown-target", R"("elementId": "ghost")"},
        {"wiring to a missing column", {{kWiring, R"("filters": [ { "source": { "kind": "table", "elementId": "orders" }, "columnId": "o-regio" } ] },)"}},
         "control/unknown-target-column", R"("columnId": "o-regio")"},
        {"wiring to a map",
         {{kNote, afterNote(R"({ "id": "map", "kind": "region-map", "name": "Map", "source": { "kind": "table", "elementId": "orders" },
        "columns": [ { "id": "m-r", "name": "Region", "formula": "[Orders/Region]" } ], "region": { "columnId": "m-r", "regionType": "country" } })")},
          {kP2Region, placeInP2("map")},
          {kWiring, R"("filters": [ { "source": { "kind": "table", "elementId": "map" }, "columnId": "m-r" } ] },)"}},
         "control/map-target", R"("elementId": "map")"},
        {"value list from a missing column", {{"\"columnId\": \"o-region\" },\n        \"filters\"", "\"columnId\": \"o-regio\" },\n        \"filters\""}},
         "control/unknown-value-source", R"("columnId": "o-regio")"},
        {"list without selectionMode", {{R"("selectionMode": "multiple", )", ""}}, "control/list-missing-field", R"({ "id": "region-ctl")"},
        {"slider without mode",
         {{kNote, afterNote(R"({ "id": "sl", "kind": "control", "controlId": "sl", "controlType": "slider", "low": 0, "high": 10 })")},
          {kP2Region, placeInP2("sl")}},
         "control/slider-missing-mode", R"({ "id": "sl")"},
        {"synced with no primary",
         {{kNote, afterNote(R"({ "id": "sy", "kind": "control", "controlType": "synced", "controlId": "nope" })")}, {kP2Region, placeInP2("sy")}},
         "control/synced-unknown", R"("controlId": "nope")"},
    });
}

TEST_CASE("action rules", "[rules][actions]") {
    expectOnlyRules(kBaseWorkbookJson, doc::Format::Json, {
        {"on-select on a button", {{R"("trigger": "on-click")", R"("trigger": "on-select")"}}, "action/illegal-trigger",
         R"("trigger": "on-select", "effects": [
)"},
        {"unknown effect", {{R"({ "kind": "open-url")", R"({ "kind": "open-link")"}}, "action/unknown-effect", R"({ "kind": "open-link")"},
        {"open-url without openTarget", {{R"(, "openTarget": "_blank")", ""}}, "action/missing-field", R"({ "kind": "open-url")"},
        {"navigate with pageId", {{R"("page": "p2")", R"("pageId": "p2")"}}, "action/wrong-key", R"("pageId": "p2")"},
        {"missing overlay", {{R"("overlayId": "ov1")", R"("overlayId": "ov9")"}}, "action/unknown-target", R"("overlayId": "ov9")"},
        {"missing control", {{R"("control": "region-filter")", R"("control": "nope")"}}, "action/unknown-target", R"("control": "nope")"},
        {"navigate to a missing page", {{R"("page": "p2")", R"("page": "p7")"}}, "action/unknown-target", R"("page": "p7")"},
        {"row effect on a plain table",
         {{R"({ "kind": "open-url", )", R"({ "kind": "delete-rows", "tableElementId": "orders", "whichRows": { "type": "current-row" } },
          { "kind": "open-url", )"}}, "action/not-input-table", R"("tableElementId": "orders")"},
        {"tab index out of range", {{R"("index": 1)", R"("index": 2)"}}, "action/tab-index", R"("index": 2)"},
    });
}

TEST_CASE("style and agent rules", "[rules][style]") {
    expectOnlyRules(kBaseWorkbookJson, doc::Format::Json, {
        {"container padding", {{R"("padding": "none")", R"("padding": "large")"}}, "style/container-padding", R"("padding": "large")"},
        {"padding none with a border", {{R"("padding": "none")", R"("borderColor": "#000000", "padding": "none")"}},
         "style/padding-with-border", R"("borderColor")"},
        {"named colour", {{R"("#ffffff")", R"("white")"}}, "style/hex-color", R"("backgroundColor": "white")"},
        {"chat with unknown agent", {{kNote, afterNote(R"({ "id": "ask", "kind": "chat", "agentId": "ag9" })")}, {kP2Region, placeInP2("ask")}},
         "agent/unknown-agent", R"("agentId": "ag9")"},
    });
}

namespace {
// A drill control over the orders table: Region, then Order Date; the bar chart drills by its region only.
const std::string kDrill = R"({ "id": "dr", "kind": "control", "controlId": "geo", "controlType": "drill",
        "source": { "kind": "source", "source": { "kind": "table", "elementId": "orders" }, "columnId": "o-region" },
        "categories": [ { "columnId": "o-region" }, { "columnId": "o-date" } ],
        "targets": [ { "source": { "kind": "table", "elementId": "by-region" }, "columnIds": ["b-region", null] } ],
        "value": "o-date" })";
std::vector<std::pair<std::string, std::string>> withDrill(std::vector<std::pair<std::string, std::string>> more = {}) {
    std::string drill = kDrill;
    for (auto& [from, to] : more) drill.replace(drill.find(from), from.size(), to);
    return {{kNote, afterNote(drill)}, {kP2Region, placeInP2("dr")}};
}
} // namespace

TEST_CASE("a drill control whose targets align with its categories passes", "[rules][controls][drill]") {
    const std::string text = mutate(std::string(kBaseWorkbookJson), withDrill());
    const auto found = validate::validate(mustLoad(text, doc::Format::Json, "case.json"));
    INFO(describe(found));
    CHECK(found.empty());
}

TEST_CASE("drill control rules", "[rules][controls][drill]") {
    expectOnlyRules(kBaseWorkbookJson, doc::Format::Json, {
        {"a target with fewer columns than categories", withDrill({{R"(["b-region", null])", R"(["b-region"])"}}),
         "control/drill-alignment", R"("columnIds": ["b-region"])"},
        {"a target with more columns than categories", withDrill({{R"(["b-region", null])", R"(["b-region", null, "b-count"])"}}),
         "control/drill-alignment", R"("columnIds": ["b-region", null, "b-count"])"},
        {"a target column the target lacks", withDrill({{R"(["b-region", null])", R"(["b-regio", null])"}}),
         "control/drill-unknown-column", R"("b-regio")"},
        {"a category the source lacks", withDrill({{R"([ { "columnId": "o-region" })", R"([ { "columnId": "o-regio" })"}}),
         "control/drill-unknown-column", R"("columnId": "o-regio")"},
        {"a value that is not a category", withDrill({{R"("value": "o-date")", R"("value": "o-amount")"}}),
         "control/drill-value", R"("value": "o-amount")"},
        {"a target that does not exist", withDrill({{R"("elementId": "by-region")", R"("elementId": "by-regio")"}}),
         "control/unknown-target", R"("elementId": "by-regio")"},
    });
}
