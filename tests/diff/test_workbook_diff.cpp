#include <quire/diff/render.h>
#include <quire/diff/workbook_diff.h>
#include <quire/doc/io.h>

#include <catch2/catch.hpp>

#include "test_support.h"

using namespace quire;
using namespace quire::diff;

namespace {

doc::Document load(const std::string& relative) {
    auto result = doc::loadDocument(test::sourceDir() + "/" + relative);
    REQUIRE(result.ok());
    return *result.document;
}

const ItemChange* find(const WorkbookDiff& d, const std::string& collection, const std::string& id) {
    for (const auto& c : d.changes)
        if (c.collection == collection && c.id == id) return &c;
    return nullptr;
}

const char* kLayout =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<Page type=\"grid\" gridTemplateColumns=\"repeat(24, 1fr)\" gridTemplateRows=\"auto\" id=\"p1\">\n"
    "  <Element elementId=\"a\" gridColumn=\"1 / 13\" gridRow=\"1 / 5\"/>\n"
    "  <Element elementId=\"b\" gridColumn=\"13 / 25\" gridRow=\"1 / 5\"/>\n"
    "</Page>\n"
    "<Panel type=\"grid\" gridTemplateColumns=\"repeat(6, 1fr)\" gridTemplateRows=\"auto\" id=\"side\">\n"
    "  <Element elementId=\"c\" gridColumn=\"1 / 7\" gridRow=\"1 / 4\"/>\n"
    "</Panel>\n";

Json body() {
    return Json{{"schemaVersion", 1},
                {"kind", "workbook"},
                {"elements", Json::array({Json{{"id", "a"}, {"kind", "table"}, {"name", "A"},
                                               {"columns", Json::array({Json{{"id", "c1"}, {"formula", "[T/X]"}}})}},
                                          Json{{"id", "b"}, {"kind", "kpi-chart"}, {"name", "B"}},
                                          Json{{"id", "c"}, {"kind", "text"}, {"body", "hi"}}})},
                {"pages", Json::array({Json{{"id", "p1"}, {"name", "One"}}, Json{{"id", "p2"}, {"name", "Two"}}})},
                {"panels", Json::array({Json{{"id", "side"}, {"type", "sidebar"}}})},
                {"layout", kLayout},
                {"settings", Json{{"theme", Json{{"name", "Light"}}}, {"navigation", Json{{"primary", "sidebar"}}}}}};
}

} // namespace

TEST_CASE("identical documents have no differences", "[diff]") {
    doc::Document a = load("tests/corpus/marketing-analytics.yaml");
    doc::Document b = load("tests/corpus/marketing-analytics.yaml");
    WorkbookDiff d = diffDocuments(a, b);
    CHECK(d.empty());
    CHECK(renderText(d) == "no differences\n");
    CHECK(renderJson(d)["same"] == true);
}

TEST_CASE("element added, removed and changed by id with field pointers", "[diff]") {
    Json a = body();
    Json b = body();
    b["elements"][0]["name"] = "A2";
    b["elements"][0]["columns"][0]["formula"] = "[T/Y]";
    b["elements"][0]["style"] = Json{{"padding", "none"}};
    b["elements"].erase(1);
    b["elements"].push_back(Json{{"id", "d"}, {"kind", "bar-chart"}});
    WorkbookDiff d = diffContents(a, b);
    const ItemChange* changed = find(d, "elements", "a");
    REQUIRE(changed);
    CHECK(changed->change == ChangeKind::Changed);
    CHECK(changed->kind == "table");
    REQUIRE(changed->fields.size() == 3);
    CHECK(changed->fields[0].pointer == "/name");
    CHECK(changed->fields[0].before == Json("A"));
    CHECK(changed->fields[0].after == Json("A2"));
    CHECK(changed->fields[1].pointer == "/columns/0/formula");
    CHECK(changed->fields[2].pointer == "/style");
    CHECK_FALSE(changed->fields[2].before.has_value());
    REQUIRE(find(d, "elements", "b"));
    CHECK(find(d, "elements", "b")->change == ChangeKind::Removed);
    CHECK(find(d, "elements", "b")->kind == "kpi-chart");
    REQUIRE(find(d, "elements", "d"));
    CHECK(find(d, "elements", "d")->change == ChangeKind::Added);
    CHECK(d.count("elements", ChangeKind::Changed) == 1);
    CHECK(d.count("elements", ChangeKind::Added) == 1);
    CHECK(d.count("elements", ChangeKind::Removed) == 1);
    // The layout still places b: no layout change because the layout string is unchanged.
    CHECK_FALSE(find(d, "layout", "p1"));
}

TEST_CASE("reordering elements is not a change, reordering pages is", "[diff]") {
    Json a = body();
    Json b = body();
    std::swap(b["elements"][0], b["elements"][2]);
    CHECK(diffContents(a, b).empty());
    std::swap(b["pages"][0], b["pages"][1]);
    WorkbookDiff d = diffContents(a, b);
    REQUIRE(d.changes.size() == 1);
    CHECK(d.changes[0].collection == "pages");
    CHECK(d.changes[0].change == ChangeKind::Reordered);
    CHECK(d.changes[0].fields[0].after == Json::array({"p2", "p1"}));
}

TEST_CASE("layout changes are reported per region and per placed element", "[diff]") {
    Json a = body();
    Json b = body();
    std::string layout = kLayout;
    layout.replace(layout.find("gridRow=\"1 / 5\"/>\n  <Element elementId=\"b\""), 15, "gridRow=\"1 / 9\"");
    b["layout"] = layout;
    WorkbookDiff d = diffContents(a, b);
    REQUIRE(d.changes.size() == 1);
    const ItemChange& c = d.changes[0];
    CHECK(c.collection == "layout");
    CHECK(c.id == "p1");
    CHECK(c.kind == "Page");
    REQUIRE(c.fields.size() == 1);
    CHECK(c.fields[0].pointer == "/nodes/a/gridRow");
    CHECK(c.fields[0].before == Json("1 / 5"));
    CHECK(c.fields[0].after == Json("1 / 9"));
    // Whitespace-only differences in the XML are no layout change.
    Json c2 = body();
    std::string spaced = kLayout;
    spaced.replace(spaced.find("  <Element elementId=\"c\""), 2, "      ");
    c2["layout"] = spaced;
    CHECK(diffContents(a, c2).empty());
}

TEST_CASE("pages, panels, settings and other body keys", "[diff]") {
    Json a = body();
    Json b = body();
    b["pages"][1]["name"] = "Second";
    b["panels"][0]["width"] = "large";
    b["settings"]["navigation"]["primary"] = "header";
    b["settings"].erase("theme");
    b["schemaVersion"] = 2;
    b["overlays"] = Json::array({Json{{"id", "m1"}, {"type", "modal"}}});
    WorkbookDiff d = diffContents(a, b);
    REQUIRE(find(d, "pages", "p2"));
    CHECK(find(d, "pages", "p2")->fields[0].pointer == "/name");
    REQUIRE(find(d, "panels", "side"));
    CHECK(find(d, "panels", "side")->kind == "sidebar");
    CHECK(find(d, "settings", "navigation")->fields[0].pointer == "/primary");
    CHECK(find(d, "settings", "theme")->change == ChangeKind::Removed);
    CHECK(find(d, "contents", "schemaVersion")->fields[0].after == Json(2));
    CHECK(find(d, "overlays", "m1")->change == ChangeKind::Added);
    CHECK(d.changes.size() == 6);
}

TEST_CASE("documents: envelope keys compared, response-only fields ignored by default", "[diff]") {
    doc::Document a = load("tests/corpus/minimal.json");
    doc::Document b = a;
    b.root["name"] = "Renamed";
    b.root["workbookId"] = "wb-1";
    b.root["documentVersion"] = 7;
    WorkbookDiff d = diffDocuments(a, b);
    REQUIRE(d.changes.size() == 1);
    CHECK(d.changes[0].collection == "envelope");
    CHECK(d.changes[0].id == "name");
    CHECK(diffDocuments(a, b, DiffOptions{true, true}).changes.size() == 3);
    CHECK(diffDocuments(a, b, DiffOptions{false, false}).empty());
    // A legacy `document` body is compared like `contents`, and the key itself is reported: Sigma reads only
    // `contents` (a body under `document` creates a blank workbook).
    doc::Document legacy = a;
    legacy.root["document"] = legacy.root["contents"];
    legacy.root.erase("contents");
    const auto legacyDiff = diffDocuments(a, legacy);
    REQUIRE(legacyDiff.changes.size() == 1);
    CHECK(legacyDiff.changes[0].collection == "envelope");
    CHECK(legacyDiff.changes[0].id == "body key");
    CHECK(legacyDiff.changes[0].fields[0].before == Json("contents"));
    CHECK(legacyDiff.changes[0].fields[0].after == Json("document"));
    CHECK(diffDocuments(legacy, legacy).empty());
}

TEST_CASE("text rendering: stat summary then details", "[diff]") {
    Json a = body();
    Json b = body();
    b["elements"][0]["name"] = "A2";
    b["elements"].push_back(Json{{"id", "d"}, {"kind", "bar-chart"}});
    b["pages"][0]["name"] = std::string(200, 'x');
    const std::string text = renderText(diffContents(a, b));
    CHECK(text.find(" elements | 1 changed, 1 added\n") != std::string::npos);
    CHECK(text.find(" pages    | 1 changed\n") != std::string::npos);
    CHECK(text.find(" 3 changes: 2 changed, 1 added\n") != std::string::npos);
    CHECK(text.find("~ element a (table)\n    /name: \"A\" -> \"A2\"\n") != std::string::npos);
    CHECK(text.find("+ element d (bar-chart)\n") != std::string::npos);
    CHECK(text.find("...") != std::string::npos); // long values are shortened
    CHECK(renderText(diffContents(a, b), TextOptions{false, 80}).find("~ element") == std::string::npos);
}

TEST_CASE("JSON rendering", "[diff]") {
    Json a = body();
    Json b = body();
    b["elements"][1]["name"] = "B2";
    b["elements"].erase(0);
    Json j = renderJson(diffContents(a, b));
    CHECK(j["same"] == false);
    CHECK(j["summary"]["elements"]["changed"] == 1);
    CHECK(j["summary"]["elements"]["removed"] == 1);
    REQUIRE(j["changes"].size() == 2);
    CHECK(j["changes"][0]["id"] == "a");
    CHECK(j["changes"][0]["change"] == "removed");
    CHECK(j["changes"][0]["fields"][0]["before"]["name"] == "A");
    CHECK_FALSE(j["changes"][0]["fields"][0].contains("after"));
    CHECK(j["changes"][1]["fields"][0] == Json{{"pointer", "/name"}, {"before", "B"}, {"after", "B2"}});
}
