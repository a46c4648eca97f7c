// Rules on the document body, envelope and ids (JSON base document).
#include "base_workbook.h"
#include "rule_case.h"

using namespace quire;
using namespace quire::test;

TEST_CASE("base workbooks validate without any diagnostic", "[rules]") {
    for (auto [text, format] : {std::pair{kBaseWorkbookJson, doc::Format::Json}, std::pair{kBaseWorkbookYaml, doc::Format::Yaml}}) {
        const auto found = validate::validate(mustLoad(text, format));
        INFO(describe(found));
        CHECK(found.empty());
    }
}

TEST_CASE("document body and envelope rules", "[rules]") {
    expectOnlyRules(kBaseWorkbookJson, doc::Format::Json, {
        {"legacy document key", {{R"("contents": {)", R"("document": {)"}}, "contents/legacy-document-key", R"("document")"},
        {"missing schemaVersion", {{"\"schemaVersion\": 1,\n    ", ""}}, "contents/missing-key", R"("contents")"},
        {"kind is not workbook", {{R"("kind": "workbook")", R"("kind": "report")"}}, "contents/not-workbook", R"("kind": "report")"},
        {"legacy theme key", {{R"("kind": "workbook",)", R"("kind": "workbook", "themeName": "Dark",)"}}, "contents/legacy-theme-key", R"("themeName")"},
        {"elements nested in a page", {{R"({ "id": "p2", "name": "Second" })", R"({ "id": "p2", "name": "Second", "elements": [] })"}},
         "contents/nested-elements", R"("elements": [] })"},
        {"elements without layout", {{R"("layout": "<?xml)", R"("layout": "", "x-old-layout": "<?xml)"}}, "contents/empty-layout", R"("layout": "")"},
        {"no name", {{"\"name\": \"Rules Base\",\n  ", ""}}, "envelope/missing-name", "{\n  \"folderId\""},
        {"no folderId", {{"\"folderId\": \"5f0c7e9a-1d2b-4c3e-8f40-a1b2c3d4e5f6\",\n  ", ""}}, "envelope/missing-folder-id", "{\n  \"name\""},
    });
}

TEST_CASE("a document without a body", "[rules]") {
    const std::string text = "{\n  \"name\": \"Flat\",\n  \"folderId\": \"f\",\n  \"elements\": []\n}\n";
    const auto found = validate::validate(mustLoad(text, doc::Format::Json));
    INFO(describe(found));
    REQUIRE(rules(found) == std::multiset<std::string>{"contents/missing"});
    CHECK(found[0].location.line == 1);
    CHECK(found[0].location.column == 1);
}

TEST_CASE("unique ids per scope", "[rules]") {
    const std::string sidePanelRegion =
        R"(id=\"ov1\">\n</Page>\n<Panel type=\"grid\" gridTemplateColumns=\"repeat(6, 1fr)\" gridTemplateRows=\"auto\" id=\"side\">\n</Panel>\n")";
    expectOnlyRules(kBaseWorkbookJson, doc::Format::Json, {
        {"duplicate page", {{R"({ "id": "p2", "name": "Second" })", R"({ "id": "p2", "name": "Second" }, { "id": "p2", "name": "Again" })"}},
         "ids/duplicate-page", R"("id": "p2", "name": "Again")"},
        {"duplicate overlay", {{"] } ] }\n    ],\n    \"elements\"", "] } ] },\n      { \"id\": \"ov1\", \"type\": \"drawer\" }\n    ],\n    \"elements\""}},
         "ids/duplicate-overlay", R"("id": "ov1", "type": "drawer")"},
        {"duplicate panel", {{R"("overlays": [)", R"("panels": [ { "id": "side", "type": "sidebar" }, { "id": "side", "type": "header" } ],
    "overlays": [)"}, {R"(id=\"ov1\">\n</Page>\n")", sidePanelRegion}},
         "ids/duplicate-panel", R"("id": "side", "type": "header")"},
        {"panel shares a page id", {{R"("overlays": [)", R"("panels": [ { "id": "p2", "type": "sidebar" } ],
    "overlays": [)"}}, "ids/duplicate-region-id", R"("id": "p2", "type": "sidebar")"},
        {"duplicate element", {{R"({ "id": "note", "kind": "text", "body": "Hello" },)",
                                R"({ "id": "note", "kind": "text", "body": "Hello" },
      { "id": "note", "kind": "text", "body": "Again" },)"}},
         "ids/duplicate-element", R"("id": "note", "kind": "text", "body": "Again")"},
        {"duplicate column", {{R"({ "id": "o-double", "name": "Double")", R"({ "id": "o-amount", "name": "Double")"}},
         "ids/duplicate-column", R"("id": "o-amount", "name": "Double")"},
        {"duplicate action id", {{R"("id": "a-go")", R"("id": "a-sel")"}}, "ids/duplicate-action", R"("id": "a-sel", "trigger": "on-click")"},
        {"duplicate control handle",
         {{R"({ "id": "note", "kind": "text", "body": "Hello" },)", R"({ "id": "note", "kind": "text", "body": "Hello" },
      { "id": "ctl2", "kind": "control", "controlId": "region-filter", "controlType": "text" },)"},
          {R"(<Element elementId=\"go\" gridColumn=\"7 / 9\" gridRow=\"1 / 3\"/>\n)",
           R"(<Element elementId=\"go\" gridColumn=\"7 / 9\" gridRow=\"1 / 3\"/>\n  <Element elementId=\"ctl2\" gridColumn=\"9 / 13\" gridRow=\"1 / 3\"/>\n)"}},
         "ids/duplicate-control-id", R"("controlId": "region-filter", "controlType": "text")"},
    });
}
