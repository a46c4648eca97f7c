// Sources, columns, formula references, chart channels, groupings, sort, pivots and element filters.
#include "base_workbook.h"
#include "rule_case.h"

using namespace quire;
using namespace quire::test;

namespace {
const std::string kNote = R"({ "id": "note", "kind": "text", "body": "Hello" },)";
std::string afterNote(const std::string& element) { return kNote + "\n      " + element + ","; }
const std::string kP2Region = R"(id=\"p2\">\n</Page>\n)";
std::string inP2(const std::string& xml) { return std::string(R"(id=\"p2\">\n)") + xml + R"(</Page>\n)"; }
const std::string kShareSource = "\"elementId\": \"orders\" },\n        \"columns\": [\n          { \"id\": \"s-region\"";
const std::string kBarSource = "\"elementId\": \"orders\" },\n        \"columns\": [\n          { \"id\": \"b-region\"";
} // namespace

TEST_CASE("source rules", "[rules][sources]") {
    expectOnlyRules(kBaseWorkbookJson, doc::Format::Json, {
        {"unknown source element", {{kShareSource, "\"elementId\": \"ghost\" },\n        \"columns\": [\n          { \"id\": \"s-region\""}},
         "source/unknown-element", R"("elementId": "ghost")"},
        {"unknown grouping", {{kBarSource, "\"elementId\": \"orders\", \"groupingId\": \"g9\" },\n        \"columns\": [\n          { \"id\": \"b-region\""}},
         "source/unknown-grouping", R"("groupingId": "g9")"},
        {"warehouse source without connection", {{R"("connectionId": "c-1", )", ""}}, "source/missing-field",
         R"("source": { "kind": "warehouse-table")"},
        {"path too short", {{R"(["DB", "PUBLIC", "ORDERS"])", R"(["ORDERS"])"}}, "source/path-depth", R"("path": ["ORDERS"])"},
        {"union columns misaligned",
         {{R"("source": { "kind": "warehouse-table", "connectionId": "c-1", "path": ["DB", "PUBLIC", "ORDERS"] },)",
           R"("source": { "kind": "union", "sources": [ { "kind": "warehouse-table", "connectionId": "c-1", "path": ["DB", "PUBLIC", "ORDERS"] }, { "kind": "warehouse-table", "connectionId": "c-1", "path": ["DB", "PUBLIC", "ORDERS_2020"] } ],
          "matches": [ { "outputColumnName": "Region", "sourceColumns": ["[REGION]"] } ] },)"}},
         "source/union-columns", R"("sourceColumns": ["[REGION]"])"},
        {"cycle between elements",
         {{kNote, afterNote(R"({ "id": "c1", "kind": "table", "name": "C1", "source": { "kind": "table", "elementId": "c2" } },
      { "id": "c2", "kind": "table", "name": "C2", "source": { "kind": "table", "elementId": "c1" } })")},
          {kP2Region, inP2(R"(  <Element elementId=\"c1\" gridColumn=\"1 / 13\" gridRow=\"1 / 5\"/>\n  <Element elementId=\"c2\" gridColumn=\"13 / 25\" gridRow=\"1 / 5\"/>\n)")}},
         "source/cycle", R"("source": { "kind": "table", "elementId": "c1" })"},
    });
}

TEST_CASE("column and formula reference rules", "[rules][formulas]") {
    expectOnlyRules(kBaseWorkbookJson, doc::Format::Json, {
        {"column without formula", {{R"({ "id": "o-date", "name": "Order Date", "formula": "[ORDERS/ORDER_DATE]" })", R"({ "id": "o-date", "name": "Order Date" })"}},
         "column/missing-formula", R"({ "id": "o-date")"},
        {"self reference", {{R"("formula": "[Amount] * 2")", R"("formula": "[Double] * 2")"}}, "column/self-reference", R"("formula": "[Double] * 2")"},
        {"self reference through a child element's own name", {{R"x({ "id": "b-count", "name": "Count", "formula": "Count([Orders/Region])" })x",
          R"x({ "id": "b-count", "name": "Count", "formula": "[Count]" })x"}}, "column/self-reference", R"("formula": "[Count]")"},
        {"wrong element prefix", {{R"({ "id": "b-region", "name": "Region", "formula": "[Orders/Region]" })", R"({ "id": "b-region", "name": "Region", "formula": "[Order/Region]" })"}},
         "formula/unknown-prefix", R"("formula": "[Order/Region]")"},
        {"wrong warehouse table prefix", {{R"("formula": "[ORDERS/REGION]")", R"("formula": "[ORDER/REGION]")"}},
         "formula/unknown-prefix", R"("formula": "[ORDER/REGION]")"},
        {"unknown source column", {{R"x("formula": "Sum([Orders/Amount])" },
          { "id": "b-count")x", R"x("formula": "Sum([Orders/Amnt])" },
          { "id": "b-count")x"}}, "formula/unknown-column", R"x("formula": "Sum([Orders/Amnt])")x"},
        {"unknown bare reference", {{R"([Region], [Amount], 0))", R"([Region], [Amout], 0))"}}, "formula/unknown-column",
         R"x("formula": "If([region-filter])x"},
    });
}

TEST_CASE("chart channel rules", "[rules][charts]") {
    expectOnlyRules(kBaseWorkbookJson, doc::Format::Json, {
        {"axis names a foreign column", {{R"("xAxis": { "columnId": "b-region" })", R"("xAxis": { "columnId": "o-region" })"}},
         "chart/unknown-column", R"("xAxis": { @@"columnId": "o-region")"},
        {"column on two channels", {{R"("stacking": "none")", R"("stacking": "none",
        "size": { "columnId": "b-region" })"}}, "chart/channel-reuse", R"("size": { @@"columnId": "b-region")"},
        {"yAxis2 outside yAxis", {{R"("yAxis2": { "columnIds": ["b-count"] })", R"("yAxis2": { "columnIds": ["b-filtered"] })"}},
         "chart/yaxis2-not-subset", R"("b-filtered"] })"},
        {"donut hole equals value", {{R"("holeValue": { "columnId": "s-count" })", R"("holeValue": { "columnId": "s-amount" })"}},
         "chart/donut-hole-equals-value", R"("holeValue": { @@"columnId")"},
        {"slice order by a foreign column", {{R"("color": { "columnId": "s-region" })", R"("color": { "columnId": "s-region", "sort": { "by": "b-count", "direction": "descending" } })"}},
         "chart/unknown-column", R"("by": "b-count")"},
        {"colour without by", {{R"("color": { "by": "single", "value": "#1f77b4" })", R"("color": { "value": "#1f77b4" })"}},
         "chart/color-missing-by", R"("color": { "value")"},
        {"trellis on a table", {{R"("sort": [ { "columnId": "o-date", "direction": "descending" } ],)", R"("sort": [ { "columnId": "o-date", "direction": "descending" } ],
        "trellis": { "rowsBy": [ { "columnId": "o-region" } ] },)"}}, "chart/trellis-unsupported", R"("trellis")"},
    });
}

TEST_CASE("grouping, sort, pivot and filter rules", "[rules][tables]") {
    expectOnlyRules(kBaseWorkbookJson, doc::Format::Json, {
        {"groupBy unknown", {{R"("groupBy": ["o-region"])", R"("groupBy": ["o-regio"])"}}, "grouping/unknown-column", R"("o-regio"])"},
        {"sort unknown", {{R"("columnId": "o-date", "direction")", R"("columnId": "o-dat", "direction")"}}, "sort/unknown-column", R"("columnId": "o-dat")"},
        {"pivot rows unknown",
         {{kNote, afterNote(R"({ "id": "pv", "kind": "pivot-table", "name": "Pivot", "source": { "kind": "table", "elementId": "orders" },
        "columns": [ { "id": "pv-r", "name": "Region", "formula": "[Orders/Region]" } ], "rowsBy": [ { "columnId": "pv-x" } ] })")},
          {kP2Region, inP2(R"(  <Element elementId=\"pv\" gridColumn=\"1 / 25\" gridRow=\"1 / 9\"/>\n)")}},
         "pivot/unknown-column", R"("columnId": "pv-x")"},
        {"filter on unknown column", {{R"("id": "f1", "columnId": "o-region")", R"("id": "f1", "columnId": "o-regionx")"}},
         "filter/unknown-column", R"("columnId": "o-regionx")"},
        {"two filters on one column", {{R"("values": ["East"] } ],)", R"("values": ["East"] },
          { "id": "f2", "columnId": "o-region", "kind": "text-match", "mode": "contains", "value": "E" } ],)"}},
         "filter/duplicate-column", R"("columnId": "o-region", "kind": "text-match")"},
    });
}
