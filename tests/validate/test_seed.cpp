// Compact seed import: the marketing seed becomes a document with no validation errors; bad seeds give
// located errors.
#include <quire/doc/io.h>
#include <quire/doc/seed.h>
#include <quire/validate/validator.h>

#include <catch2/catch.hpp>
#include <regex>

#include "helpers.h"

using namespace quire;
using namespace quire::test;

namespace {

doc::SeedImportResult importText(const std::string& text) {
    return doc::importSeed(mustLoad(text, doc::Format::Yaml, "seed.yaml"));
}

const Json* findElement(const Json& root, const std::string& kind) {
    for (const auto& e : root["contents"]["elements"])
        if (e["kind"] == kind) return &e;
    return nullptr;
}

const std::string kSeed = R"(workbook:
  name: Sales
  data_sources:
    - name: orders
      type: snowflake
      connection: wh
      database: shop
      schema: public
      table: orders
  elements:
    - type: table
      name: order_list
      data_source: orders
      columns:
        - name: order_date
          type: date
        - name: amount
          format: currency
  actions:
    - name: by_date
      type: filter
      target: order_list
      parameters:
        - name: start_date
          type: date
)";

} // namespace

TEST_CASE("marketing seed imports into a valid document", "[seed]") {
    auto loaded = doc::loadDocument(dataPath("seed/marketing-dashboard.yaml"));
    REQUIRE(loaded.document);
    REQUIRE(doc::isCompactSeed(loaded.document->root));
    const auto result = doc::importSeed(*loaded.document);
    INFO(describe(result.diagnostics));
    REQUIRE(result.ok());
    const Json& root = result.document->root;

    // Validates with no errors both in memory and after a trip through JSON text (with real positions).
    const auto inMemory = validate::validate(*result.document);
    INFO(describe(inMemory));
    CHECK_FALSE(hasErrors(inMemory));
    const auto reparsed = validate::validateText(root.dump(2), doc::Format::Json, "imported.json");
    INFO(describe(reparsed.diagnostics));
    CHECK(reparsed.loaded);
    CHECK_FALSE(hasErrors(reparsed.diagnostics));

    CHECK(root["name"] == "Marketing Analytics Dashboard");
    const std::string uuid = doc::deterministicUuid("marketing_warehouse");
    CHECK_THAT(root["description"].get<std::string>(), Catch::Contains(uuid) && Catch::Contains("marketing_warehouse"));
    const Json* table = findElement(root, "table");
    REQUIRE(table);
    CHECK((*table)["name"] == "user_metrics");
    CHECK((*table)["source"]["connectionId"] == uuid);
    CHECK((*table)["source"]["path"].back() == "USER_EVENTS");
    CHECK((*table)["columns"][1]["formula"] == "[USER_EVENTS/CONVERSION_RATE]");
    CHECK((*table)["columns"][1]["format"] == Json{{"kind", "number"}, {"formatString", ".1%"}});
    // No date column in the seed: one is added from the action's parameters, with a warning.
    REQUIRE((*table)["columns"].size() == 3);
    CHECK((*table)["columns"][2]["name"] == "date");
    bool warned = false;
    for (const auto& d : result.diagnostics) warned = warned || d.rule == "seed/added-date-column";
    CHECK(warned);

    const Json* control = findElement(root, "control");
    REQUIRE(control);
    CHECK((*control)["controlType"] == "date-range");
    CHECK((*control)["filters"][0]["source"]["elementId"] == (*table)["id"]);
    CHECK((*control)["filters"][0]["columnId"] == (*table)["columns"][2]["id"]);
}

TEST_CASE("seed with a date column wires the control to it", "[seed]") {
    const auto result = importText(kSeed);
    INFO(describe(result.diagnostics));
    REQUIRE(result.ok());
    CHECK(result.diagnostics.empty());
    const Json& root = result.document->root;
    const Json* table = findElement(root, "table");
    REQUIRE(table);
    CHECK((*table)["source"]["path"] == Json::array({"SHOP", "PUBLIC", "ORDERS"}));
    CHECK((*table)["columns"].size() == 2);
    CHECK((*table)["columns"][1]["format"]["formatString"] == "$,.2f");
    CHECK((*findElement(root, "control"))["filters"][0]["columnId"] == (*table)["columns"][0]["id"]);
    // Only the folderId warning: the seed has no folder; importing with a folderId gives a clean document.
    CHECK(rules(validate::validate(*result.document)) == std::multiset<std::string>{"envelope/missing-folder-id"});
    doc::SeedImportOptions options;
    options.folderId = "6d1c6a52-2f1e-4a8e-9d55-0c1f3a9e2b11";
    const auto withFolder = doc::importSeed(mustLoad(kSeed, doc::Format::Yaml, "seed.yaml"), options);
    REQUIRE(withFolder.ok());
    CHECK(withFolder.document->root["folderId"] == options.folderId);
    CHECK(validate::validate(*withFolder.document).empty());
}

TEST_CASE("bad seeds give located errors", "[seed]") {
    struct Case {
        std::string from, to, rule, at;
    };
    const std::vector<Case> cases{
        {"data_source: orders", "data_source: order", "seed/unknown-data-source", "data_source: order"},
        {"target: order_list", "target: nothing", "seed/unknown-target", "target: nothing"},
        {"type: filter", "type: highlight", "seed/unsupported-action", "type: highlight"},
        {"    - type: table", "    - type: sparkline", "seed/unsupported-element", "type: sparkline"},
        {"  name: Sales\n", "", "seed/missing-field", "workbook:"},
        {"connection: wh", "connection: [a, b]", "seed/wrong-type", "connection: [a, b]"},
    };
    for (const auto& c : cases) {
        DYNAMIC_SECTION(c.rule << " " << c.to) {
            const std::string text = mutate(kSeed, {{c.from, c.to}});
            const auto result = importText(text);
            INFO(describe(result.diagnostics));
            CHECK_FALSE(result.ok());
            REQUIRE(rules(result.diagnostics).count(c.rule) == 1);
            for (const auto& d : result.diagnostics)
                if (d.rule == c.rule) {
                    const Pos at = positionOf(text, c.at);
                    CHECK(d.location.line == at.line);
                    CHECK(d.location.file == "seed.yaml");
                }
        }
    }
    CHECK_FALSE(doc::importSeed(mustLoad("name: not a seed\n", doc::Format::Yaml)).ok());
}

TEST_CASE("connection ids are deterministic UUIDs", "[seed]") {
    const std::string a = doc::deterministicUuid("marketing_warehouse");
    CHECK(a == doc::deterministicUuid("marketing_warehouse"));
    CHECK(a != doc::deterministicUuid("finance_warehouse"));
    CHECK(std::regex_match(a, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
}

TEST_CASE("the bundled seed example imports cleanly", "[seed]") {
    auto loaded = doc::loadDocument(sourceDir() + "/resources/examples/seed-marketing.yaml");
    REQUIRE(loaded.document);
    const auto result = doc::importSeed(*loaded.document);
    INFO(describe(result.diagnostics));
    REQUIRE(result.ok());
    CHECK(result.diagnostics.empty());
    const auto found = validate::validate(*result.document);
    CHECK(rules(found) == std::multiset<std::string>{"envelope/missing-folder-id"});
    const Json* table = findElement(result.document->root, "table");
    REQUIRE(table);
    CHECK((*table)["columns"][0]["format"] == Json{{"kind", "datetime"}, {"formatString", "%Y-%m-%d"}});
    CHECK((*findElement(result.document->root, "control"))["filters"][0]["columnId"] == (*table)["columns"][0]["id"]);
}

TEST_CASE("a filter on a skipped element reports instead of throwing", "[seed]") {
    const std::string text = mutate(kSeed, {{"  elements:\n", R"(  elements:
    - type: chart
      name: order_list
      data_source: orders
      columns:
        - name: a
        - name: b
        - name: c
          type: date
)"}});
    doc::SeedImportResult result;
    REQUIRE_NOTHROW(result = importText(text));
    INFO(describe(result.diagnostics));
    CHECK_FALSE(result.ok());
    CHECK(rules(result.diagnostics).count("seed/unsupported-element") == 1);
}
