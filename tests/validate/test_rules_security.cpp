// security/* leak rules: a column restricted by columnSecurities that flows by formula lineage into a sibling,
// a child element, a control's values or an export without the same restriction is reported where it leaks,
// with its path; the same restriction downstream, or a restricted column nobody reads, is no finding.
#include "base_workbook.h"
#include "helpers.h"

#include <catch2/catch.hpp>
#include <quire/doc/io.h>
#include <quire/validate/validator.h>

using namespace quire;
using namespace quire::test;

namespace {

const std::string kOrdersActions = R"("actions": [ { "id": "a-sel", "trigger": "on-select", "effects": [ { "kind": "open-overlay", "overlayId": "ov1" } ] } ]
      },)";

std::string restrict(const std::string& columnId, const std::string& criteria = R"({ "kind": "no-one-can-view" })") {
    return R"("actions": [ { "id": "a-sel", "trigger": "on-select", "effects": [ { "kind": "open-overlay", "overlayId": "ov1" } ] } ],
        "columnSecurities": [ { "id": "cs-1", "criteria": )" + criteria + R"(, "restrictedColumns": [")" + columnId + R"("] } ]
      },)";
}

std::vector<Diagnostic> securityFindings(const std::string& text) {
    const doc::Document document = mustLoad(text, doc::Format::Json, "case.json");
    std::vector<Diagnostic> out;
    for (auto& d : validate::validate(document))
        if (d.rule.rfind("security/", 0) == 0) out.push_back(std::move(d));
    return out;
}

std::multiset<std::string> pointers(const std::vector<Diagnostic>& found) {
    std::multiset<std::string> out;
    for (const auto& d : found) out.insert(d.rule + " " + d.pointer);
    return out;
}

} // namespace

TEST_CASE("security/leak: a restricted column read by siblings and child charts", "[rules][security]") {
    const std::string text = mutate(std::string(kBaseWorkbookJson), {{kOrdersActions, restrict("o-amount")}});
    const auto found = securityFindings(text);
    INFO(describe(found));
    CHECK(pointers(found) == std::multiset<std::string>{
                                 "security/leak /contents/elements/0/columns/3",   // Double = [Amount] * 2
                                 "security/leak /contents/elements/1/columns/1",   // by-region Sum([Orders/Amount])
                                 "security/leak /contents/elements/1/columns/3",   // Filtered reads the chart's [Amount]
                                 "security/leak /contents/elements/2/columns/1"}); // share Sum([Orders/Amount])
    for (const auto& d : found) {
        CHECK(d.severity == Severity::Error);
        CHECK(d.location.line > 0);
    }
    bool path = false;
    for (const auto& d : found)
        path |= d.message.find("'orders'.[Amount] -> 'by-region'.[Amount] -> 'by-region'.[Filtered]") != std::string::npos;
    CHECK(path);
}

TEST_CASE("security/leak: no finding without a reader, or with the same restriction downstream", "[rules][security]") {
    // Nobody reads Order Date: restricting it is not a leak (no false positive).
    CHECK(securityFindings(mutate(std::string(kBaseWorkbookJson), {{kOrdersActions, restrict("o-date")}})).empty());
    // A child table restricting its copy the same way does not leak; one with a different criteria does.
    const std::string criteria = R"({ "kind": "specific-users-and-teams", "assignments": [ { "type": "team", "teamId": "Finance" } ] })";
    const std::string child = R"({ "id": "note", "kind": "text", "body": "Hello" },
      { "id": "fin", "kind": "table", "name": "Fin", "source": { "kind": "table", "elementId": "orders" },
        "columns": [ { "id": "f-date", "name": "Day", "formula": "[Orders/Order Date]" } ],
        "columnSecurities": [ { "id": "cs-2", "criteria": CRITERIA, "restrictedColumns": ["f-date"] } ] },)";
    auto withChild = [&](const std::string& childCriteria) {
        std::string c = child;
        c.replace(c.find("CRITERIA"), 8, childCriteria);
        std::string text = mutate(std::string(kBaseWorkbookJson), {{kOrdersActions, restrict("o-date", criteria)},
                                                      {R"({ "id": "note", "kind": "text", "body": "Hello" },)", c},
                                                      {R"(<Element elementId=\"note\")", R"(<Element elementId=\"fin\" gridColumn=\"1 / 25\" gridRow=\"3 / 5\"/>\n    <Element elementId=\"note\")"}});
        return securityFindings(text);
    };
    const auto same = withChild(criteria);
    INFO(describe(same));
    CHECK(same.empty());
    const auto different = withChild(R"({ "kind": "no-one-can-view" })");
    INFO(describe(different));
    REQUIRE(different.size() == 1);
    CHECK(different[0].rule == "security/leak");
    CHECK_THAT(different[0].message, Catch::Contains("column [Day] of 'fin' reads [Order Date], restricted by columnSecurities 'cs-1'"));
}

TEST_CASE("security/leak on control values and exports, and security/unknown-column", "[rules][security]") {
    // Region feeds the control's values (every viewer sees them) besides the charts.
    const auto region = securityFindings(mutate(std::string(kBaseWorkbookJson), {{kOrdersActions, restrict("o-region")}}));
    INFO(describe(region));
    CHECK(pointers(region).count("security/leak /contents/elements/3/source/columnId") == 1);

    // A download of an element carrying a leaked column.
    const std::string text = mutate(std::string(kBaseWorkbookJson),
                                    {{kOrdersActions, restrict("o-amount")},
                                     {R"({ "kind": "open-url", "url": "https://example.com", "openTarget": "_blank" },)",
                                      R"({ "kind": "open-url", "url": "https://example.com", "openTarget": "_blank" }, { "kind": "download", "elementId": "share", "format": "csv" },)"}});
    const auto exported = securityFindings(text);
    INFO(describe(exported));
    CHECK(pointers(exported).count("security/leak /contents/elements/4/actions/0/effects/2") == 1);

    const auto unknown = securityFindings(mutate(std::string(kBaseWorkbookJson), {{kOrdersActions, restrict("o-ghost")}}));
    REQUIRE(unknown.size() == 1);
    CHECK(unknown[0].rule == "security/unknown-column");
    CHECK(unknown[0].pointer == "/contents/elements/0/columnSecurities/0/restrictedColumns/0");
}

TEST_CASE("security rules: no findings on the samples and the shared corpus (false-positive check)", "[rules][security][corpus]") {
    std::vector<std::string> files = {sourceDir() + "/resources/examples/marketing.yaml", sourceDir() + "/resources/examples/minimal.json"};
    for (const char* f : {"marketing-analytics.yaml", "minimal.json", "invalid/mode-orders-report-normalized-ids.json",
                          "invalid/tableau-structural-workarounds.json"})
        files.push_back(dataPath(f)); // the corpus copies in tests/validate/data (a clean clone has no ../shared)
    std::size_t restrictedAlone = 0;
    for (const auto& file : files) {
        const auto result = validate::validateFile(file);
        INFO(file << "\n" << describe(result.diagnostics));
        REQUIRE(result.loaded);
        for (const auto& d : result.diagnostics) CHECK(d.rule.rfind("security/", 0) != 0);
        // Restrict each table column in turn: when no formula anywhere names it and no control lists it, nothing
        // can leak, so any finding would be a false positive.
        const auto loaded = doc::loadDocument(file);
        REQUIRE(loaded.ok());
        const Json& root = loaded.document->root;
        const std::string body = root.contains("contents") ? "contents" : "document";
        if (!root.contains(body) || !root[body].contains("elements")) continue;
        const std::string all = root.dump();
        const Json& elements = root[body]["elements"];
        for (std::size_t e = 0; e < elements.size(); ++e) {
            if (elements[e].value("kind", "") != "table" || !elements[e].contains("columns")) continue;
            for (const auto& column : elements[e]["columns"]) {
                const std::string id = column.value("id", ""), name = column.value("name", id);
                if (id.empty() || all.find("[" + name + "]") != std::string::npos || all.find("/" + name + "]") != std::string::npos ||
                    all.find("\"columnId\":\"" + id + "\"") != std::string::npos)
                    continue;
                Json changed = root;
                changed[body]["elements"][e]["columnSecurities"] =
                    Json::array({{{"id", "cs-test"}, {"criteria", {{"kind", "no-one-can-view"}}}, {"restrictedColumns", {id}}}});
                const doc::Document document = mustLoad(changed.dump(), doc::Format::Json, "changed.json");
                std::size_t found = 0;
                for (const auto& d : validate::validate(document)) found += d.rule.rfind("security/", 0) == 0;
                INFO(file << ": " << id);
                CHECK(found == 0);
                ++restrictedAlone;
            }
        }
    }
    CHECK(restrictedAlone > 5); // the check saw columns (a broken scan would pass vacuously)
}
