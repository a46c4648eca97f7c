// Display-option rules (rules_chart_options.cpp): combo series types, reference marks, trend line
// preconditions, data labels, legends, donut radius, KPI comparisons, conditional formats, table styles and
// page visibility. Each case breaks the valid base workbook in one place and expects exactly that rule there.
#include "base_workbook.h"
#include "rule_case.h"

#include <quire/doc/io.h>
#include <test_support.h>

using namespace quire;
using namespace quire::test;

namespace {
const std::string kStacking = R"("stacking": "none")";
std::string withChartKey(const std::string& member) { return std::string(R"("stacking": "none", )") + member; }
const std::string kOrdersFilters = R"("filters": [ { "id": "f1", "columnId": "o-region")";
std::string withTableKey(const std::string& member) { return member + ",\n        " + kOrdersFilters; }
const std::string kNote = R"({ "id": "note", "kind": "text", "body": "Hello" },)";
const std::string kP2Region = R"(id=\"p2\">\n</Page>\n)";
std::string kpi(const std::string& extra) {
    return kNote + "\n      " + R"J({ "id": "k1", "kind": "kpi-chart", "name": "K", "source": { "kind": "table", "elementId": "orders" },
        "columns": [ { "id": "k-now", "name": "Now", "formula": "Sum([Orders/Amount])" }, { "id": "k-then", "name": "Then", "formula": "Count([Orders/Region])" } ],
        "value": { "columnId": "k-now" }, )J" + extra + " },";
}
const std::pair<std::string, std::string> kPlaceKpi{kP2Region, std::string(R"(id=\"p2\">\n  <Element elementId=\"k1\" gridColumn=\"1 / 9\" gridRow=\"1 / 6\"/>\n</Page>\n)")};
} // namespace

TEST_CASE("display option rules", "[rules][charts][options]") {
    expectOnlyRules(kBaseWorkbookJson, doc::Format::Json, {
        {"series type", {{R"("columnIds": ["b-amount", "b-count"])", R"("columnIds": ["b-amount", { "columnId": "b-count", "type": "pie" }])"}},
         "chart/series-type", R"("type": "pie")"},
        {"unwrapped reference value", {{kStacking, withChartKey(R"("refMarks": [ { "type": "line", "axis": "series", "value": { "type": "constant", "value": 5 } } ])")}},
         "chart/refmark-value", R"("value": { "type": "constant", "value": 5 })"},
        {"reference label without visibility", {{kStacking, withChartKey(R"("refMarks": [ { "type": "line", "value": { "type": "formula", "formula": "1" }, "label": { "text": "x" } } ])")}},
         "chart/refmark-label", R"("label": { "text")"},
        {"band without end", {{kStacking, withChartKey(R"("refMarks": [ { "type": "band", "value": { "type": "formula", "formula": "1" } } ])")}},
         "chart/refmark-shape", R"({ "type": "band")"},
        {"trend line on a stacked chart", {{kStacking, R"("stacking": "stacked", "trendlines": [ { "columnId": "b-amount", "model": "linear" } ])"}},
         "chart/trendline-precondition", R"("stacking": "stacked")"},
        {"trend line off the y axis", {{kStacking, withChartKey(R"("trendlines": [ { "columnId": "b-filtered", "model": "linear" } ])")}},
         "chart/trendline-model", R"("columnId": "b-filtered", "model")"},
        {"label display", {{kStacking, withChartKey(R"("dataLabel": { "labelDisplay": "sometimes" })")}},
         "chart/label-display", R"("labelDisplay")"},
        {"hidden legend with a position", {{kStacking, withChartKey(R"("legend": { "visibility": "hidden", "position": "top" })")}},
         "chart/legend-shape", R"("legend")"},
        {"tooltip toggle", {{kStacking, withChartKey(R"("tooltip": { "columnNames": "maybe" })")}},
         "chart/tooltip-shape", R"("columnNames": "maybe")"},
        {"tooltip columns not a list", {{kStacking, withChartKey(R"("tooltip": { "columnIds": "b-count" })")}},
         "chart/tooltip-shape", R"("columnIds": "b-count")"},
        {"tooltip not an object", {{kStacking, withChartKey(R"("tooltip": true)")}},
         "chart/tooltip-shape", R"("tooltip": true)"},
        {"tooltip column the chart lacks", {{kStacking, withChartKey(R"("tooltip": { "columnIds": ["b-amount", { "columnId": "ghost" }] })")}},
         "chart/unknown-column", R"({ @@"columnId": "ghost" })"},
        {"donut radius", {{R"("color": { "columnId": "s-region" })", R"("color": { "columnId": "s-region" }, "innerRadius": 1.5)"}},
         "chart/inner-radius", R"("innerRadius")"},
        {"comparison without column", {{kNote, kpi(R"("comparison": { "display": "delta" })")}, kPlaceKpi},
         "kpi/comparison-without-column", R"("comparison")"},
        {"comparison display", {{kNote, kpi(R"("comparisonColumn": { "columnId": "k-then" }, "comparison": { "display": "sparkline" })")}, kPlaceKpi},
         "kpi/comparison-display", R"("display": "sparkline")"},
        {"kpi title orientation", {{kNote, kpi(R"("layout": { "anchor": "left", "titleOrient": "above" })")}, kPlaceKpi},
         "kpi/layout-value", R"("titleOrient")"},
        {"kpi comparison orientation", {{kNote, kpi(R"("layout": { "comparisonValueOrient": 2 })")}, kPlaceKpi},
         "kpi/layout-value", R"("comparisonValueOrient")"},
        {"kpi legacy anchor", {{kNote, kpi(R"("layout": { "anchor": "middle" })")}, kPlaceKpi},
         "kpi/layout-value", R"("anchor": "middle")"},
        {"kpi font size", {{kNote, kpi(R"("fontSize": -3)")}, kPlaceKpi, {R"("value": { "columnId": "k-now" }, "fontSize": -3)", R"("value": { "columnId": "k-now", "fontSize": -3 })"}},
         "kpi/font-size", R"("fontSize": -3)"},
        {"conditional format condition", {{kOrdersFilters, withTableKey(R"("conditionalFormats": [ { "type": "single", "columnIds": ["o-region"], "condition": "~" } ])")}},
         "table/conditional-format", R"("condition": "~")"},
        {"conditional format column", {{kOrdersFilters, withTableKey(R"("conditionalFormats": [ { "type": "dataBars", "columnIds": ["ghost"] } ])")}},
         "table/conditional-format-column", R"("ghost")"},
        {"table style", {{kOrdersFilters, withTableKey(R"("tableStyle": { "gridLines": "dotted" })")}},
         "table/style-value", R"("gridLines")"},
        {"page visibility", {{R"({ "id": "p2", "name": "Second" })", R"({ "id": "p2", "name": "Second", "visibility": "secret" })"}},
         "page/visibility", R"("visibility")"},
    });
}

TEST_CASE("the gallery of display options is valid", "[rules][charts][options]") {
    const auto loaded = doc::loadDocument(sourceDir() + "/resources/examples/gallery.yaml");
    REQUIRE(loaded.document);
    const auto found = validate::validate(*loaded.document);
    INFO(describe(found));
    CHECK(found.empty());
}
