#include <quire/diff/merge.h>
#include <quire/diff/workbook_diff.h>

#include <catch2/catch.hpp>

using namespace quire;
using namespace quire::diff;

namespace {

const char* kLayout =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<Page type=\"grid\" gridTemplateColumns=\"repeat(24, 1fr)\" gridTemplateRows=\"auto\" id=\"p1\">\n"
    "  <Element elementId=\"a\" gridColumn=\"1 / 13\" gridRow=\"1 / 5\"/>\n"
    "</Page>\n"
    "<Page type=\"grid\" gridTemplateColumns=\"repeat(24, 1fr)\" gridTemplateRows=\"auto\" id=\"p2\">\n"
    "  <Element elementId=\"b\" gridColumn=\"1 / 25\" gridRow=\"1 / 5\"/>\n"
    "</Page>\n";

Json base() {
    return Json{{"schemaVersion", 1},
                {"kind", "workbook"},
                {"elements", Json::array({Json{{"id", "a"}, {"kind", "table"}, {"name", "A"}},
                                          Json{{"id", "b"}, {"kind", "text"}, {"name", "B"}}})},
                {"pages", Json::array({Json{{"id", "p1"}, {"name", "One"}}, Json{{"id", "p2"}, {"name", "Two"}}})},
                {"layout", kLayout},
                {"settings", Json{{"theme", Json{{"name", "Light"}}}}}};
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    text.replace(text.find(from), from.size(), to);
    return text;
}

} // namespace

TEST_CASE("non-conflicting element changes on both sides merge", "[merge]") {
    Json ours = base(), theirs = base();
    ours["elements"][0]["name"] = "A (local)";
    ours["elements"].push_back(Json{{"id", "c"}, {"kind", "kpi-chart"}});
    theirs["elements"][1]["name"] = "B (remote)";
    theirs["settings"]["navigation"] = Json{{"primary", "header"}};
    MergeResult m = mergeContents(base(), ours, theirs);
    REQUIRE(m.clean());
    Json expected = base();
    expected["elements"][0]["name"] = "A (local)";
    expected["elements"][1]["name"] = "B (remote)";
    expected["elements"].push_back(Json{{"id", "c"}, {"kind", "kpi-chart"}});
    expected["settings"]["navigation"] = Json{{"primary", "header"}};
    CHECK(diffContents(expected, m.contents).empty());
    CHECK(m.contents["elements"].size() == 3);
}

TEST_CASE("the same element changed differently on both sides is a conflict, ours is kept", "[merge]") {
    Json ours = base(), theirs = base();
    ours["elements"][0]["name"] = "local";
    theirs["elements"][0]["name"] = "remote";
    theirs["pages"][0]["name"] = "Uno";
    MergeResult m = mergeContents(base(), ours, theirs);
    REQUIRE(m.conflicts.size() == 1);
    CHECK(m.conflicts[0].collection == "elements");
    CHECK(m.conflicts[0].id == "a");
    CHECK(m.conflicts[0].reason == "changed on both sides");
    CHECK(m.contents["elements"][0]["name"] == "local");
    CHECK(m.contents["pages"][0]["name"] == "Uno");
}

TEST_CASE("delete versus change conflicts, delete versus untouched merges", "[merge]") {
    Json ours = base(), theirs = base();
    ours["elements"].erase(0);           // deleted a locally
    theirs["elements"][0]["name"] = "x"; // changed a remotely
    theirs["elements"].erase(1);         // deleted b remotely (untouched locally)
    MergeResult m = mergeContents(base(), ours, theirs);
    REQUIRE(m.conflicts.size() == 1);
    CHECK(m.conflicts[0].reason == "deleted locally, changed remotely");
    CHECK(m.contents["elements"].empty()); // a stays deleted (ours), b deleted (theirs)
}

TEST_CASE("layout merges per region", "[merge]") {
    Json ours = base(), theirs = base();
    ours["layout"] = replaced(kLayout, "1 / 13", "1 / 25");
    theirs["layout"] = replaced(kLayout, "gridRow=\"1 / 5\"/>\n</Page>\n<Page", "gridRow=\"1 / 5\"/>\n</Page>\n<Page");
    theirs["layout"] = replaced(kLayout, "1 / 25\" gridRow=\"1 / 5\"", "1 / 25\" gridRow=\"1 / 9\"");
    MergeResult m = mergeContents(base(), ours, theirs);
    REQUIRE(m.clean());
    const std::string layout = m.contents["layout"].get<std::string>();
    CHECK(layout.find("elementId=\"a\" gridColumn=\"1 / 25\" gridRow=\"1 / 5\"") != std::string::npos);
    CHECK(layout.find("elementId=\"b\" gridColumn=\"1 / 25\" gridRow=\"1 / 9\"") != std::string::npos);

    Json theirs2 = base();
    theirs2["layout"] = replaced(kLayout, "1 / 13", "1 / 7");
    MergeResult conflict = mergeContents(base(), ours, theirs2);
    REQUIRE(conflict.conflicts.size() == 1);
    CHECK(conflict.conflicts[0].collection == "layout");
    CHECK(conflict.conflicts[0].id == "p1");
}

TEST_CASE("remote page order is followed when the local order is untouched", "[merge]") {
    Json ours = base(), theirs = base();
    std::swap(theirs["pages"][0], theirs["pages"][1]);
    ours["pages"].push_back(Json{{"id", "p3"}});
    MergeResult m = mergeContents(base(), ours, theirs);
    REQUIRE(m.clean());
    REQUIRE(m.contents["pages"].size() == 3);
    CHECK(m.contents["pages"][0]["id"] == "p2");
    CHECK(m.contents["pages"][1]["id"] == "p1");
    CHECK(m.contents["pages"][2]["id"] == "p3");
}

TEST_CASE("identical changes on both sides are taken once, unknown body keys merge as values", "[merge]") {
    Json ours = base(), theirs = base();
    ours["elements"][0]["name"] = "same";
    theirs["elements"][0]["name"] = "same";
    ours["agents"] = Json::array();
    theirs["futureKey"] = Json{{"x", 1}};
    MergeResult m = mergeContents(base(), ours, theirs);
    REQUIRE(m.clean());
    CHECK(m.contents["elements"][0]["name"] == "same");
    CHECK(m.contents["futureKey"]["x"] == 1);
    CHECK(m.contents.contains("agents"));
}
