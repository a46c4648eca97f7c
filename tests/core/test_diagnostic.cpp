#include <catch2/catch.hpp>
#include <quire/core/diagnostic.h>

using namespace quire;

TEST_CASE("formatDiagnostic reads like a compiler message", "[base]") {
    Diagnostic d{Severity::Error, "layout/unplaced-element", "element 'x' is not placed", "/contents/elements/0",
                 {"wb.json", 12, 5}, std::nullopt};
    CHECK(formatDiagnostic(d) ==
          "wb.json:12:5: error [layout/unplaced-element]: element 'x' is not placed (at /contents/elements/0)");
}

TEST_CASE("formatDiagnostic leaves out unknown parts", "[base]") {
    Diagnostic d{Severity::Warning, "contents/legacy-document", "legacy body", "", {}, std::nullopt};
    CHECK(formatDiagnostic(d) == "warning [contents/legacy-document]: legacy body");
}

TEST_CASE("hasErrors ignores warnings", "[base]") {
    std::vector<Diagnostic> ds{{Severity::Warning, "a", "w", "", {}, std::nullopt}};
    CHECK_FALSE(hasErrors(ds));
    ds.push_back({Severity::Error, "b", "e", "", {}, std::nullopt});
    CHECK(hasErrors(ds));
}
