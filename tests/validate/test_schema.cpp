// JSON Schema check: valijson errors become located schema/* diagnostics; the embedded schema equals the file.
#include <quire/validate/schema.h>
#include <quire/validate/validator.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "base_workbook.h"
#include "helpers.h"
#include "rule_case.h"

using namespace quire;
using namespace quire::test;

TEST_CASE("schema violations are located", "[schema]") {
    expectOnlyRules(kBaseWorkbookJson, doc::Format::Json, {
        {"unknown stacking", {{R"("stacking": "none")", R"("stacking": "sideways")"}}, "schema/enum", R"("stacking": "sideways")"},
        {"unknown element kind", {{R"({ "id": "note", "kind": "text")", R"({ "id": "note", "kind": "textbox")"}}, "schema/enum", R"("kind": "textbox")"},
        {"unknown control type", {{R"("controlType": "list")", R"("controlType": "dropdown")"}}, "schema/enum", R"("controlType": "dropdown")"},
        {"list control mode", {{R"("controlType": "list", "mode": "include")", R"("controlType": "list", "mode": "contains")"}},
         "schema/enum", R"("mode": "contains")"},
        {"unknown filter kind", {{R"("kind": "list", "mode": "include")", R"("kind": "in-list", "mode": "include")"}}, "schema/enum", R"("kind": "in-list")"},
        {"unknown format kind", {{R"({ "id": "o-double", "name": "Double", "formula": "[Amount] * 2" })",
                                  R"({ "id": "o-double", "name": "Double", "formula": "[Amount] * 2", "format": { "kind": "money" } })"}},
         "schema/enum", R"("kind": "money")"},
        {"schemaVersion as text", {{R"("schemaVersion": 1)", R"("schemaVersion": "1")"}}, "schema/type", R"("schemaVersion")"},
        {"element without kind", {{R"({ "id": "note", "kind": "text", "body": "Hello" })", R"({ "id": "note", "body": "Hello" })"}},
         "schema/required", R"({ "id": "note")"},
        {"button without text", {{R"("kind": "button", "text": "Go",)", R"("kind": "button",)"}}, "schema/required", R"({ "id": "go")"},
        {"page name of the wrong type", {{R"({ "id": "p2", "name": "Second" })", R"({ "id": "p2", "name": 2 })"}}, "schema/type", R"("name": 2)"},
    });
}

TEST_CASE("unknown fields are allowed everywhere", "[schema]") {
    const std::string text = mutate(std::string(kBaseWorkbookJson),
                                    {{R"("kind": "workbook",)", R"("kind": "workbook", "x-future": {"a": [1, 2]},)"},
                                     {R"({ "id": "brk", "kind": "page-break" })", R"({ "id": "brk", "kind": "page-break", "newField": true })"}});
    const auto found = validate::validate(mustLoad(text, doc::Format::Json));
    INFO(describe(found));
    CHECK(found.empty());
}

TEST_CASE("embedded schema is the file in schemas/", "[schema]") {
    const std::string path = sourceDir() + "/schemas/workbook.schema.json";
    CHECK(validate::workbookSchemaText() == readFile(path));
    CHECK(validate::workbookSchemaText(path) == readFile(path));
    CHECK_THROWS(validate::workbookSchemaText("/nonexistent/schema.json"));
}

TEST_CASE("schema loaded from a path is used", "[schema]") {
    const std::string dir = makeTempDir("validate-schema");
    const std::string path = dir + "/strict.schema.json";
    std::ofstream(path) << R"({"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "required": ["owner"]})";
    validate::ValidationOptions options;
    options.schemaPath = path;
    options.semantic = false;
    const auto found = validate::validate(mustLoad(kBaseWorkbookJson, doc::Format::Json), options);
    REQUIRE(rules(found) == std::multiset<std::string>{"schema/required"});
    CHECK_THAT(found[0].message, Catch::Contains("owner"));

    std::ofstream(dir + "/broken.schema.json") << "{ not json";
    options.schemaPath = dir + "/broken.schema.json";
    const auto broken = validate::validate(mustLoad(kBaseWorkbookJson, doc::Format::Json), options);
    CHECK(rules(broken) == std::multiset<std::string>{"schema/invalid-schema"});
}
