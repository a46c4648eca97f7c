// Map rules (rules_maps.cpp): a region map names a region type Sigma knows, and each map kind has the channel
// it draws from. Each case adds one map to the valid base workbook and expects exactly that rule there.
#include "base_workbook.h"
#include "rule_case.h"

#include <quire/doc/io.h>

using namespace quire;
using namespace quire::test;

namespace {

const std::string kNote = R"({ "id": "note", "kind": "text", "body": "Hello" },)";
const std::string kP2Region = R"(id=\"p2\">\n</Page>\n)";
const std::pair<std::string, std::string> kPlaceMap{kP2Region,
                                                    R"(id=\"p2\">\n  <Element elementId=\"m1\" gridColumn=\"1 / 13\" gridRow=\"1 / 10\"/>\n</Page>\n)"};

// A map element over the orders table with the given kind and channels.
std::pair<std::string, std::string> map(const std::string& kind, const std::string& channels) {
    return {kNote, kNote + "\n      " + R"J({ "id": "m1", "kind": ")J" + kind + R"J(", "name": "M", "source": { "kind": "table", "elementId": "orders" },
        "columns": [ { "id": "m-region", "name": "Region", "formula": "[Orders/Region]" }, { "id": "m-amount", "name": "Amount", "formula": "Sum([Orders/Amount])" } ])J" +
                          (channels.empty() ? "" : ", " + channels) + " },"};
}

} // namespace

TEST_CASE("map rules", "[rules][charts][maps]") {
    expectOnlyRules(kBaseWorkbookJson, doc::Format::Json, {
        {"unknown region type", {map("region-map", R"("region": { "columnId": "m-region", "regionType": "planet" })"), kPlaceMap},
         "chart/region-type", R"("regionType": "planet")"},
        {"region type not a string", {map("region-map", R"("region": { "columnId": "m-region", "regionType": 3 })"), kPlaceMap},
         "chart/region-type", R"("regionType": 3)"},
        {"region without a type", {map("region-map", R"("region": { "columnId": "m-region" })"), kPlaceMap},
         "chart/region-type", R"("region": { "columnId": "m-region" })"},
        {"map tooltip column the map lacks",
         {map("region-map", R"("region": { "columnId": "m-region", "regionType": "us-state" }, "tooltip": [ { "columnId": "m-amount" }, { "columnId": "m-ghost" } ])"), kPlaceMap},
         "chart/unknown-column", R"({ @@"columnId": "m-ghost" })"},
        {"map tooltip item", {map("region-map", R"("region": { "columnId": "m-region", "regionType": "us-state" }, "tooltip": [ 7 ])"), kPlaceMap},
         "chart/tooltip-shape", R"("tooltip": [ @@7 ])"},
        {"region map without region", {map("region-map", ""), kPlaceMap}, "chart/map-channel", R"({ "id": "m1")"},
        {"geography map without geography", {map("geography-map", R"("color": { "by": "single", "value": "#ff0000" })"), kPlaceMap},
         "chart/map-channel", R"({ "id": "m1")"},
        {"point map without longitude", {map("point-map", R"("latitude": { "columnId": "m-amount" })"), kPlaceMap},
         "chart/map-channel", R"({ "id": "m1")"},
    });
}

TEST_CASE("region maps of every known region type are valid", "[rules][charts][maps]") {
    for (const char* type : {"country", "us-state", "us-county", "us-zipcode", "us-cbsa", "us-postal-place", "ca-province"}) {
        const std::string text = mutate(std::string(kBaseWorkbookJson),
                                        {map("region-map", std::string(R"("region": { "columnId": "m-region", "regionType": ")") + type + "\" }"),
                                         kPlaceMap});
        const auto found = validate::validate(mustLoad(text, doc::Format::Json, "case.json"));
        INFO(type << "\n" << describe(found));
        CHECK(found.empty());
    }
}
