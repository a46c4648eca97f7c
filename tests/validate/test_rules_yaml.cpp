// Rules on a YAML document: locations are the YAML keys; a literal-block layout is one member.
#include "base_workbook.h"
#include "rule_case.h"

using namespace quire;
using namespace quire::test;

TEST_CASE("rules report YAML locations", "[rules][yaml]") {
    expectOnlyRules(kBaseWorkbookYaml, doc::Format::Yaml, {
        {"chart axis names a foreign column", {{"columnId: t-store", "columnId: s-store"}}, "chart/unknown-column",
         "xAxis:\n        @@columnId: s-store"},
        {"stacking enum", {{"stacking: stacked", "stacking: piled"}}, "schema/enum", "stacking: piled"},
        {"unknown source column", {{"Sum([Sales/Total])", "Sum([Sales/Totl])"}}, "formula/unknown-column", "formula: Sum([Sales/Totl])"},
        {"duplicate column id", {{"- id: s-total\n          name: Total", "- id: s-store\n          name: Total"}}, "ids/duplicate-column",
         "id: s-store\n          name: Total"},
        {"unknown layout element", {{"    </Page>\n", "      <Element elementId=\"ghost\" gridColumn=\"1 / 2\" gridRow=\"25 / 26\"/>\n    </Page>\n"}},
         "layout/unknown-element", "layout: |"},
        {"legacy document key", {{"contents:\n", "document:\n"}}, "contents/legacy-document-key", "document:"},
        {"path depth", {{"path: [DB, PUBLIC, SALES]", "path: [A, B, C, SALES]"}}, "source/path-depth", "path: [A"},
    });
}

TEST_CASE("unplaced element in YAML", "[rules][yaml]") {
    const std::string text = mutate(std::string(kBaseWorkbookYaml), {{"      <Element elementId=\"trend\" gridColumn=\"1 / 25\" gridRow=\"15 / 25\"/>\n", ""}});
    const auto found = validate::validate(mustLoad(text, doc::Format::Yaml, "wb.yaml"));
    INFO(describe(found));
    REQUIRE(rules(found) == std::multiset<std::string>{"layout/unplaced-element"});
    CHECK(found[0].pointer == "/contents/elements/1");
    CHECK(found[0].location.line == positionOf(text, "id: trend").line);
}
