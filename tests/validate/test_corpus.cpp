// The corpus documents (copies in data/, see data/README.md): valid ones are clean, invalid ones give exactly
// the errors the corpus README describes.
#include <quire/validate/validator.h>

#include <catch2/catch.hpp>

#include "helpers.h"

using namespace quire;
using namespace quire::test;

namespace {

std::vector<Diagnostic> ofSeverity(const std::vector<Diagnostic>& all, Severity severity) {
    std::vector<Diagnostic> out;
    for (const auto& d : all)
        if (d.severity == severity) out.push_back(d);
    return out;
}

// The first 'single-quoted' name in a message.
std::string firstQuoted(const std::string& message) {
    const auto open = message.find('\'');
    const auto close = message.find('\'', open + 1);
    return open == std::string::npos || close == std::string::npos ? std::string() : message.substr(open + 1, close - open - 1);
}

validate::FileValidation run(const std::string& relative) {
    auto result = validate::validateFile(dataPath(relative));
    INFO(describe(result.diagnostics));
    REQUIRE(result.loaded);
    return result;
}

} // namespace

TEST_CASE("valid corpus documents have no diagnostics", "[corpus]") {
    for (const char* file : {"minimal.json", "marketing-analytics.yaml"}) {
        const auto result = run(file);
        INFO(file << "\n" << describe(result.diagnostics));
        CHECK(result.diagnostics.empty());
    }
}

TEST_CASE("tableau structural workarounds: master sourced from a missing element", "[corpus]") {
    const std::string path = dataPath("invalid/tableau-structural-workarounds.json");
    const auto result = run("invalid/tableau-structural-workarounds.json");
    INFO(describe(result.diagnostics));
    const auto errors = ofSeverity(result.diagnostics, Severity::Error);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].rule == "source/unknown-element");
    CHECK(errors[0].pointer == "/document/elements/0/source/elementId");
    CHECK_THAT(errors[0].message, Catch::Contains("'master'") && Catch::Contains("'dm-base'"));
    const Pos at = positionOf(readFile(path), R"("elementId": "dm-base")");
    CHECK(errors[0].location.line == at.line);
    CHECK(errors[0].location.column == at.column);
    CHECK(rules(ofSeverity(result.diagnostics, Severity::Warning)) ==
          std::multiset<std::string>{"contents/legacy-document-key", "envelope/missing-folder-id"});
}

TEST_CASE("mode orders report: layout names unknown elements and pages, elements unplaced", "[corpus]") {
    const auto result = run("invalid/mode-orders-report-normalized-ids.json");
    INFO(describe(result.diagnostics));
    const auto errors = ofSeverity(result.diagnostics, Severity::Error);
    std::multiset<std::string> unknownElements, unknownRegions, unplaced;
    for (const auto& d : errors) {
        if (d.rule == "layout/unknown-element") unknownElements.insert(firstQuoted(d.message));
        else if (d.rule == "layout/unknown-region") unknownRegions.insert(firstQuoted(d.message));
        else if (d.rule == "layout/unplaced-element") unplaced.insert(firstQuoted(d.message));
        else FAIL("unexpected error " << formatDiagnostic(d));
    }
    CHECK(unknownElements == std::multiset<std::string>{"data-q1", "data-q2", "chart-c1", "chart-c2"});
    CHECK(unknownRegions == std::multiset<std::string>{"page-data", "page-report"});
    CHECK(unplaced == std::multiset<std::string>{"id0004", "id0007", "id0009", "id0012"});
    CHECK(errors.size() == 10);
    // Unplaced elements point at the element in the file.
    for (const auto& d : errors)
        if (d.rule == "layout/unplaced-element") CHECK(d.location.line > 0);
    const auto warnings = ofSeverity(result.diagnostics, Severity::Warning);
    CHECK(rules(warnings) == std::multiset<std::string>{"contents/legacy-document-key", "contents/page-hidden-key", "layout/missing-region", "layout/missing-region"});
}
