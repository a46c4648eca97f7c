// security/navigate-hidden-page (a page hidden from some viewers that a navigate action or navigation option
// they can see leads to, reported at the action with the path) and security/persona-default (a control default
// computed from CurrentUser*(), reported at the default), with a false-positive check on the samples and corpus.
#include "base_workbook.h"
#include "helpers.h"

#include <catch2/catch.hpp>
#include <quire/validate/validator.h>

#include <filesystem>

using namespace quire;
using namespace quire::test;

namespace {

const std::string kPages = R"({ "id": "p1", "name": "Main" },
      { "id": "p2", "name": "Second" })";

std::string withPages(const std::string& p1Visibility, const std::string& p2Visibility) {
    auto page = [](const char* id, const char* name, const std::string& visibility) {
        return std::string(R"({ "id": ")") + id + R"(", "name": ")" + name + "\"" +
               (visibility.empty() ? std::string() : ", \"visibility\": " + visibility) + " }";
    };
    return mutate(std::string(kBaseWorkbookJson), {{kPages, page("p1", "Main", p1Visibility) + ",\n      " + page("p2", "Second", p2Visibility)}});
}

std::vector<Diagnostic> findings(const std::string& text, const std::string& rule) {
    const doc::Document document = mustLoad(text, doc::Format::Json, "case.json");
    std::vector<Diagnostic> out;
    for (auto& d : validate::validate(document))
        if (d.rule == rule) out.push_back(std::move(d));
    return out;
}

const std::string kTeams = R"({ "kind": "specific-users-and-teams", "assignments": { "teams": )";

} // namespace

TEST_CASE("security/navigate-hidden-page: a navigate action seen by viewers the target page hides from", "[rules][security]") {
    // Main is seen by everyone; Second only by HR: the Go button on Main leads everyone else to it.
    const auto hr = findings(withPages("", kTeams + R"(["HR"] } })"), "security/navigate-hidden-page");
    INFO(describe(hr));
    REQUIRE(hr.size() == 1);
    CHECK(hr[0].pointer == "/contents/elements/4/actions/0/effects/0");
    CHECK(hr[0].severity == Severity::Warning);
    CHECK(hr[0].location.line > 0);
    CHECK_THAT(hr[0].message, Catch::Contains("page 'Second' is hidden from every viewer outside team HR"));
    CHECK_THAT(hr[0].message, Catch::Contains("page 'Main' (every viewer) -> button 'go' -> navigate action 'a-go' -> page 'Second' (team HR)"));

    // Main for HR and Finance, Second for HR only: Finance is shut out.
    const auto finance = findings(withPages(kTeams + R"(["HR", "Finance"] } })", kTeams + R"(["HR"] } })"), "security/navigate-hidden-page");
    REQUIRE(finance.size() == 1);
    CHECK_THAT(finance[0].message, Catch::Contains("hidden from team Finance,"));

    // `hidden` pages are hidden from every viewer.
    const auto hidden = findings(withPages("", R"("hidden")"), "security/navigate-hidden-page");
    REQUIRE(hidden.size() == 1);
    CHECK_THAT(hidden[0].message, Catch::Contains("hidden from every viewer,"));

    // A navigation element's option is checked like an action.
    const std::string nav = mutate(withPages("", R"("hidden")"),
                                   {{R"({ "id": "brk", "kind": "page-break" })",
                                     R"({ "id": "brk", "kind": "page-break" },
      { "id": "nav", "kind": "navigation", "mode": "manual", "options": [ { "label": "Main", "destination": { "type": "page", "pageId": "p1" } },
        { "label": "Hidden", "destination": { "type": "page", "pageId": "p2" } } ] })"},
                                    {R"(<Element elementId=\"brk\" gridColumn=\"1 / 25\" gridRow=\"25 / 26\"/>)",
                                     R"(<Element elementId=\"brk\" gridColumn=\"1 / 25\" gridRow=\"25 / 26\"/>\n  <Element elementId=\"nav\" gridColumn=\"1 / 25\" gridRow=\"40 / 42\"/>)"}});
    const auto options = findings(nav, "security/navigate-hidden-page");
    INFO(describe(options));
    REQUIRE(options.size() == 2);
    CHECK(options[1].pointer == "/contents/elements/11/options/1/destination");
    CHECK_THAT(options[1].message, Catch::Contains("navigation 'nav' -> option 'Hidden'"));
}

TEST_CASE("security/navigate-hidden-page: no finding when every viewer of the action may see the target", "[rules][security]") {
    CHECK(findings(withPages("", ""), "security/navigate-hidden-page").empty());
    CHECK(findings(withPages(kTeams + R"(["HR"] } })", kTeams + R"(["HR", "Finance"] } })"), "security/navigate-hidden-page").empty());
    CHECK(findings(withPages(kTeams + R"(["HR"] } })", kTeams + R"(["HR"] } })"), "security/navigate-hidden-page").empty());
    // Hidden to hidden: no viewer reaches the action at all.
    CHECK(findings(withPages(R"("hidden")", R"("hidden")"), "security/navigate-hidden-page").empty());
    // Restricted start page, open target.
    CHECK(findings(withPages(kTeams + R"(["HR"] } })", ""), "security/navigate-hidden-page").empty());
}

TEST_CASE("security/persona-default: a control default computed from CurrentUser*()", "[rules][security]") {
    const std::string values = R"("values": [],
        "source": { "kind": "source", "source": { "kind": "table", "elementId": "orders" }, "columnId": "o-region" })";
    auto withValues = [&](const std::string& list) {
        return mutate(std::string(kBaseWorkbookJson), {{values, R"("values": )" + list + R"(,
        "source": { "kind": "source", "source": { "kind": "table", "elementId": "orders" }, "columnId": "o-region" })"}});
    };
    const auto found = findings(withValues(R"J([ { "type": "formula", "formula": "CurrentUserAttributeText(\"region\")" } ])J"),
                                "security/persona-default");
    INFO(describe(found));
    REQUIRE(found.size() == 1);
    CHECK(found[0].pointer == "/contents/elements/3/values/0/formula");
    CHECK(found[0].severity == Severity::Warning);
    CHECK(found[0].location.line > 0);
    CHECK_THAT(found[0].message, Catch::Contains("control 'region-ctl' defaults to a value computed from CurrentUserAttributeText()"));
    // Nested in a formula, as `{formula}`.
    CHECK(findings(withValues(R"J([ { "formula": "Upper(If(CurrentUserInTeam(\"EU\"), \"East\", \"West\"))" } ])J"), "security/persona-default").size() == 1);

    // Formulas that do not depend on the viewer, and literal text that only looks like a call, are fine.
    CHECK(findings(withValues(R"J([ { "type": "formula", "formula": "Upper(\"east\")" } ])J"), "security/persona-default").empty());
    CHECK(findings(withValues(R"J([ "CurrentUserEmail()" ])J"), "security/persona-default").empty());
    CHECK(findings(withValues(R"J([ { "type": "formula", "formula": "\"CurrentUserEmail()\"" } ])J"), "security/persona-default").empty());
    CHECK(findings(withValues("[]"), "security/persona-default").empty());
}

TEST_CASE("security/navigate-hidden-page and persona-default: no findings on the samples and the corpus", "[rules][security][corpus]") {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(sourceDir() + "/resources/examples")) files.push_back(entry.path().string());
    // The corpus as copied into tests/validate/data (a clean clone has no ../shared).
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dataPath("")))
        if (entry.is_regular_file() && entry.path().extension() != ".md") files.push_back(entry.path().string());
    REQUIRE(files.size() >= 8);
    for (const auto& file : files) {
        const auto result = validate::validateFile(file);
        INFO(file << "\n" << describe(result.diagnostics));
        if (!result.loaded) continue;
        for (const auto& d : result.diagnostics) {
            CHECK(d.rule != "security/navigate-hidden-page");
            CHECK(d.rule != "security/persona-default");
        }
    }
}
