// Trellis (spec §3.5, checklist item 19): `trellis {rowsBy|columnsBy: [{columnId}]}` splits bar, line, area,
// combo, scatter and donut charts into panels. Elsewhere it is dropped, a column id must be one of the chart's
// own columns, and the legacy `{column, row, share, tileSize}` shape binds nothing.
#include "base_workbook.h"
#include "rule_case.h"

using namespace quire;
using namespace quire::test;

namespace {
const std::string kBarStacking = R"("stacking": "none")";
const std::string kDonutColor = R"("color": { "columnId": "s-region" })";
const std::string kNote = R"({ "id": "note", "kind": "text", "body": "Hello" },)";
const std::string kP2Region = R"(id=\"p2\">\n</Page>\n)";
const std::string kKpi = kNote + "\n      " + R"J({ "id": "k1", "kind": "kpi-chart", "name": "K", "source": { "kind": "table", "elementId": "orders" },
        "columns": [ { "id": "k-region", "name": "Region", "formula": "[Orders/Region]" }, { "id": "k-now", "name": "Now", "formula": "Sum([Orders/Amount])" } ],
        "value": { "columnId": "k-now" }, "trellis": { "columnsBy": [ { "columnId": "k-region" } ] } },)J";
const std::pair<std::string, std::string> kPlaceKpi{kP2Region, std::string(R"(id=\"p2\">\n  <Element elementId=\"k1\" gridColumn=\"1 / 9\" gridRow=\"1 / 6\"/>\n</Page>\n)")};
} // namespace

TEST_CASE("trellis on the chart kinds that draw it, over the chart's own columns, is valid", "[rules][charts][trellis]") {
    const std::string text = mutate(std::string(kBaseWorkbookJson),
                                    {{kBarStacking, R"("stacking": "none", "trellis": { "rowsBy": [ { "columnId": "b-region" } ], "columnsBy": [ { "columnId": "b-region" } ] })"},
                                     {kDonutColor, kDonutColor + R"(, "trellis": { "columnsBy": [ { "columnId": "s-region" } ] })"}});
    const doc::Document document = mustLoad(text, doc::Format::Json, "case.json");
    const std::vector<Diagnostic> found = validate::validate(document);
    INFO(describe(found));
    CHECK(found.empty());
}

TEST_CASE("trellis rules", "[rules][charts][trellis]") {
    expectOnlyRules(kBaseWorkbookJson, doc::Format::Json, {
        {"trellis row names another element's column", {{kBarStacking, R"("stacking": "none", "trellis": { "rowsBy": [ { "columnId": "o-region" } ] })"}},
         "chart/unknown-column", R"("rowsBy": [ { @@"columnId": "o-region")"},
        {"trellis column names no column", {{kDonutColor, kDonutColor + R"(, "trellis": { "columnsBy": [ { "columnId": "s-ghost" } ] })"}},
         "chart/unknown-column", R"("columnId": "s-ghost")"},
        {"trellis on a KPI", {{kNote, kKpi}, kPlaceKpi}, "chart/trellis-unsupported", R"("trellis": { "columnsBy")"},
        {"legacy trellis", {{kBarStacking, R"("stacking": "none", "trellis": { "column": "b-region", "tileSize": 200 })"}},
         "chart/trellis-legacy", R"("column": "b-region")"},
    });
}
