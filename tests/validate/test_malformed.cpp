// Malformed input: the loader's errors come out of validateText/validateFile, located, and nothing crashes.
#include <quire/validate/validator.h>

#include <catch2/catch.hpp>

#include "helpers.h"

using namespace quire;
using namespace quire::test;

namespace {
validate::FileValidation check(const std::string& text, doc::Format format) {
    return validate::validateText(text, format, format == doc::Format::Json ? "bad.json" : "bad.yaml");
}
} // namespace

TEST_CASE("JSON syntax error is reported with its location", "[malformed]") {
    const auto result = check("{\n  \"name\": \"x\",\n  \"contents\": { \"kind\": }\n}\n", doc::Format::Json);
    INFO(describe(result.diagnostics));
    CHECK_FALSE(result.loaded);
    REQUIRE(hasErrors(result.diagnostics));
    CHECK(result.diagnostics[0].location.file == "bad.json");
    CHECK(result.diagnostics[0].location.line == 3);
}

TEST_CASE("YAML syntax error is reported with its location", "[malformed]") {
    const auto result = check("name: x\ncontents:\n  kind: [workbook\n  pages: []\n", doc::Format::Yaml);
    INFO(describe(result.diagnostics));
    CHECK_FALSE(result.loaded);
    REQUIRE(hasErrors(result.diagnostics));
    CHECK(result.diagnostics[0].location.line >= 3);
}

TEST_CASE("duplicate keys are reported", "[malformed]") {
    const auto result = check("{\n  \"name\": \"a\",\n  \"name\": \"b\"\n}\n", doc::Format::Json);
    INFO(describe(result.diagnostics));
    REQUIRE(hasErrors(result.diagnostics));
    bool atSecondKey = false;
    for (const auto& d : result.diagnostics) atSecondKey = atSecondKey || d.location.line == 3;
    CHECK(atSecondKey);
}

TEST_CASE("10,000-deep nesting is refused without crashing", "[malformed]") {
    const std::string json = std::string(10000, '[') + std::string(10000, ']');
    const auto jsonResult = check(json, doc::Format::Json);
    INFO(describe(jsonResult.diagnostics));
    CHECK(hasErrors(jsonResult.diagnostics));

    const auto yamlFlow = check(std::string(10000, '[') + std::string(10000, ']'), doc::Format::Yaml);
    CHECK(hasErrors(yamlFlow.diagnostics));
}

TEST_CASE("a file that does not exist", "[malformed]") {
    const auto result = validate::validateFile("/nonexistent/dir/workbook.json");
    CHECK_FALSE(result.loaded);
    CHECK(hasErrors(result.diagnostics));
}

TEST_CASE("values of the wrong JSON type never crash the rules", "[malformed]") {
    // Every collection and reference replaced by a scalar or the wrong container: schema errors, no exception.
    const std::string text = R"({"name": 1, "folderId": [], "contents": {"schemaVersion": "x", "kind": 3, "elements": [1, "a", null,
      {"id": 5, "kind": "table", "columns": "no", "source": {"kind": "table", "elementId": 7}, "filters": {}, "actions": [1]},
      {"id": "c", "kind": "control", "controlType": "list", "filters": [1, {"source": 2}], "source": {"kind": "source", "source": 3}},
      {"id": "b", "kind": "bar-chart", "xAxis": 1, "yAxis": {"columnIds": [1, {}]}, "color": 2, "trellis": 1},
      {"id": "bt", "kind": "button", "text": "x", "actions": [{"trigger": 1, "effects": [1, {"kind": 2}, {"kind": "select-tab", "tabbedContainerElementId": 1}]}]}],
      "pages": {"id": 1}, "overlays": 1, "panels": [1], "layout": 12}})";
    validate::FileValidation result;
    REQUIRE_NOTHROW(result = check(text, doc::Format::Json));
    CHECK(result.loaded);
    CHECK(hasErrors(result.diagnostics));
}

TEST_CASE("an element whose kind is not a string is a schema error, not an exception (found by fuzz_validate)", "[malformed]") {
    // The full formula check reads the controls' ids; it used to call value("kind", "") on a boolean and throw.
    const std::string text = R"({"name": "x", "contents": {"schemaVersion": 1, "kind": "workbook", "pages": [{"id": "p1", "name": "P"}],
      "elements": [{"id": "e1", "kind": true, "controlId": "c"},
                   {"id": "t", "kind": "table", "name": "T", "source": {"kind": "warehouse-table", "connectionId": "c", "path": ["a", "b"]},
                    "columns": [{"id": "x", "name": "X", "formula": "[b/x] + 1"}]}],
      "layout": "<Page id=\"p1\"><Element elementId=\"e1\"/><Element elementId=\"t\"/></Page>"}})";
    validate::FileValidation result;
    REQUIRE_NOTHROW(result = check(text, doc::Format::Json));
    INFO(describe(result.diagnostics));
    CHECK(result.loaded);
    CHECK(hasErrors(result.diagnostics));
}
