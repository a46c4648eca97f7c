// The property-level three-way merge (MergeGranularity::Property): what git merges of workbooks use.
#include <quire/diff/merge.h>
#include <quire/doc/layout.h>

#include <catch2/catch.hpp>

using namespace quire;
using namespace quire::diff;

namespace {

const char* kLayout =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<Page type=\"grid\" gridTemplateColumns=\"repeat(24, 1fr)\" gridTemplateRows=\"auto\" id=\"p1\">\n"
    "  <Element elementId=\"a\" gridColumn=\"1 / 13\" gridRow=\"1 / 5\"/>\n"
    "  <Element elementId=\"b\" gridColumn=\"13 / 25\" gridRow=\"1 / 5\"/>\n"
    "</Page>\n";

Json base() {
    return Json{{"schemaVersion", 1},
                {"kind", "workbook"},
                {"elements",
                 Json::array({Json{{"id", "a"},
                                   {"kind", "table"},
                                   {"name", "A"},
                                   {"description", "first"},
                                   {"source", Json{{"kind", "warehouse-table"}, {"path", Json::array({"main", "orders"})}}},
                                   {"columns", Json::array({Json{{"id", "c1"}, {"name", "One"}, {"formula", "[orders/one]"}},
                                                            Json{{"id", "c2"}, {"name", "Two"}, {"formula", "[orders/two]"}}})}},
                              Json{{"id", "b"}, {"kind", "text"}, {"name", "B"}}})},
                {"pages", Json::array({Json{{"id", "p1"}, {"name", "One"}}})},
                {"layout", kLayout}};
}

MergeOptions fine() {
    MergeOptions options;
    options.granularity = MergeGranularity::Property;
    return options;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    REQUIRE(text.find(from) != std::string::npos);
    text.replace(text.find(from), from.size(), to);
    return text;
}

Json deepObject(int levels, const Json& leaf) {
    Json value = leaf;
    for (int i = 0; i < levels; ++i) value = Json{{"k", value}};
    return value;
}

} // namespace

TEST_CASE("different properties of the same element merge cleanly", "[merge][property]") {
    Json ours = base(), theirs = base();
    ours["elements"][0]["name"] = "A (ours)";
    theirs["elements"][0]["description"] = "changed by theirs";
    MergeResult item = mergeContents(base(), ours, theirs); // the default stays per item
    CHECK(item.conflicts.size() == 1);
    MergeResult m = mergeContents(base(), ours, theirs, fine());
    REQUIRE(m.clean());
    CHECK(m.contents["elements"][0]["name"] == "A (ours)");
    CHECK(m.contents["elements"][0]["description"] == "changed by theirs");
    CHECK(m.contents["elements"][0]["columns"] == base()["elements"][0]["columns"]);
}

TEST_CASE("the same property changed differently is one conflict naming the element and the property", "[merge][property]") {
    Json ours = base(), theirs = base();
    ours["elements"][0]["name"] = "ours";
    theirs["elements"][0]["name"] = "theirs";
    theirs["elements"][0]["description"] = "fine";
    MergeResult m = mergeContents(base(), ours, theirs, fine());
    REQUIRE(m.conflicts.size() == 1);
    const MergeConflict& c = m.conflicts[0];
    CHECK(c.collection == "elements");
    CHECK(c.id == "a");
    CHECK(c.pointer == "/name");
    CHECK(c.bodyPointer == "/elements/0/name");
    CHECK(c.kind == ConflictKind::ChangedBoth);
    CHECK(c.base == Json("A"));
    CHECK(c.ours == Json("ours"));
    CHECK(c.theirs == Json("theirs"));
    CHECK(m.contents["elements"][0]["name"] == "ours");           // ours kept
    CHECK(m.contents["elements"][0]["description"] == "fine");     // the rest still merged
}

TEST_CASE("arrays of objects with ids merge per id, other arrays as one value", "[merge][property]") {
    Json ours = base(), theirs = base();
    ours["elements"][0]["columns"][0]["formula"] = "[orders/uno]";
    theirs["elements"][0]["columns"][1]["name"] = "Zwei";
    theirs["elements"][0]["columns"].push_back(Json{{"id", "c3"}, {"name", "Three"}, {"formula", "[orders/three]"}});
    MergeResult m = mergeContents(base(), ours, theirs, fine());
    REQUIRE(m.clean());
    const Json& columns = m.contents["elements"][0]["columns"];
    REQUIRE(columns.size() == 3);
    CHECK(columns[0]["formula"] == "[orders/uno]");
    CHECK(columns[1]["name"] == "Zwei");
    CHECK(columns[2]["id"] == "c3");

    // A column inserted by ours shifts the index: the conflict pointer uses ours' index.
    Json ours2 = base(), theirs2 = base();
    ours2["elements"][0]["columns"].insert(ours2["elements"][0]["columns"].begin(), Json{{"id", "c0"}, {"formula", "1"}});
    ours2["elements"][0]["columns"][2]["formula"] = "[orders/deux]";
    theirs2["elements"][0]["columns"][1]["formula"] = "[orders/dos]";
    ours2["elements"][0]["source"]["path"] = Json::array({"main", "orders_v2"});
    theirs2["elements"][0]["source"]["path"] = Json::array({"main", "orders_v3"});
    MergeResult m2 = mergeContents(base(), ours2, theirs2, fine());
    REQUIRE(m2.conflicts.size() == 2);
    CHECK(m2.conflicts[0].pointer == "/source/path"); // a plain array is one value
    CHECK(m2.conflicts[1].pointer == "/columns/2/formula");
    CHECK(m2.conflicts[1].resultPointer == "/elements/0/columns/2/formula");
    REQUIRE(m2.contents["elements"][0]["columns"].size() == 3);
    CHECK(m2.contents["elements"][0]["columns"][0]["id"] == "c0"); // an insertion keeps its place

    // Theirs inserts a column in front while ours edits c2: the result index differs from ours' index.
    Json ours3 = base(), theirs3 = base();
    ours3["elements"][0]["columns"][1]["formula"] = "[orders/deux]";
    theirs3["elements"][0]["columns"][1]["formula"] = "[orders/dos]";
    theirs3["elements"][0]["columns"].insert(theirs3["elements"][0]["columns"].begin(), Json{{"id", "c0"}, {"formula", "0"}});
    ours3["elements"].insert(ours3["elements"].begin(), Json{{"id", "first"}, {"kind", "text"}});
    MergeResult m3 = mergeContents(base(), ours3, theirs3, fine());
    REQUIRE(m3.conflicts.size() == 1);
    CHECK(m3.conflicts[0].bodyPointer == "/elements/1/columns/1/formula");
    CHECK(m3.conflicts[0].resultPointer == "/elements/1/columns/2/formula");
    CHECK(m3.contents["elements"][1]["columns"][2]["formula"] == "[orders/deux]");
}

TEST_CASE("a delete against a property edit is a conflict at that property", "[merge][property]") {
    Json ours = base(), theirs = base();
    ours["elements"][0].erase("description");
    theirs["elements"][0]["description"] = "edited";
    MergeResult m = mergeContents(base(), ours, theirs, fine());
    REQUIRE(m.conflicts.size() == 1);
    CHECK(m.conflicts[0].pointer == "/description");
    CHECK(m.conflicts[0].kind == ConflictKind::DeletedOursChanged);
    CHECK_FALSE(m.conflicts[0].ours.has_value());
    CHECK_FALSE(m.contents["elements"][0].contains("description"));

    // A whole element deleted on one side and edited on the other stays an element-level conflict.
    Json ours2 = base(), theirs2 = base();
    ours2["elements"].erase(1);
    theirs2["elements"][1]["name"] = "B2";
    MergeResult m2 = mergeContents(base(), ours2, theirs2, fine());
    REQUIRE(m2.conflicts.size() == 1);
    CHECK(m2.conflicts[0].id == "b");
    CHECK(m2.conflicts[0].pointer.empty());
}

TEST_CASE("values nested deeper than maxDepth are compared whole", "[merge][property]") {
    Json b = base(), ours = base(), theirs = base();
    b["elements"][1]["config"] = deepObject(6, Json{{"x", 1}, {"y", 1}});
    ours["elements"][1]["config"] = deepObject(6, Json{{"x", 2}, {"y", 1}});
    theirs["elements"][1]["config"] = deepObject(6, Json{{"x", 1}, {"y", 2}});
    MergeResult deep = mergeContents(b, ours, theirs, fine());
    CHECK(deep.clean());
    MergeOptions shallow = fine();
    shallow.maxDepth = 3;
    MergeResult limited = mergeContents(b, ours, theirs, shallow);
    REQUIRE(limited.conflicts.size() == 1);
    CHECK(limited.conflicts[0].pointer == "/config/k/k");

    // Hundreds of levels (the loader allows 512) end in a conflict, not a stack overflow.
    Json b2 = base(), o2 = base(), t2 = base();
    b2["elements"][1]["config"] = deepObject(500, 0);
    o2["elements"][1]["config"] = deepObject(500, 1);
    t2["elements"][1]["config"] = deepObject(500, 2);
    MergeResult bounded = mergeContents(b2, o2, t2, fine());
    REQUIRE(bounded.conflicts.size() == 1);
    CHECK(bounded.conflicts[0].pointer.size() == 7 + 2 * 63); // maxDepth 64 tokens: "/config" + 63 x "/k"
}

TEST_CASE("the layout merges per element placement", "[merge][property][layout]") {
    Json ours = base(), theirs = base();
    ours["layout"] = replaced(kLayout, "elementId=\"a\" gridColumn=\"1 / 13\" gridRow=\"1 / 5\"",
                              "elementId=\"a\" gridColumn=\"1 / 13\" gridRow=\"1 / 9\"");
    theirs["layout"] = replaced(kLayout, "elementId=\"b\" gridColumn=\"13 / 25\"", "elementId=\"b\" gridColumn=\"15 / 25\"");
    theirs["layout"] = replaced(theirs["layout"].get<std::string>(), "</Page>",
                                "  <Element elementId=\"c\" gridColumn=\"1 / 25\" gridRow=\"9 / 13\"/>\n</Page>");
    CHECK(mergeContents(base(), ours, theirs).conflicts.size() == 1); // per region: the page changed on both sides
    MergeResult m = mergeContents(base(), ours, theirs, fine());
    REQUIRE(m.clean());
    const std::string layout = m.contents["layout"].get<std::string>();
    auto parsed = doc::parseLayout(layout);
    REQUIRE(parsed.ok());
    REQUIRE(parsed.tree.regions.size() == 1);
    REQUIRE(parsed.tree.regions[0].children.size() == 3);
    CHECK(*parsed.tree.find("a")->attribute("gridRow") == "1 / 9");
    CHECK(*parsed.tree.find("b")->attribute("gridColumn") == "15 / 25");
    CHECK(parsed.tree.regions[0].children[2].handle() == "c");

    Json theirs2 = base();
    theirs2["layout"] = replaced(kLayout, "elementId=\"a\" gridColumn=\"1 / 13\" gridRow=\"1 / 5\"",
                                 "elementId=\"a\" gridColumn=\"1 / 13\" gridRow=\"1 / 3\"");
    MergeResult conflict = mergeContents(base(), ours, theirs2, fine());
    REQUIRE(conflict.conflicts.size() == 1);
    CHECK(conflict.conflicts[0].collection == "layout");
    CHECK(conflict.conflicts[0].id == "a");
    CHECK((*conflict.conflicts[0].theirs)["gridRow"] == "1 / 3");
    CHECK(conflict.contents["layout"].get<std::string>().find("gridRow=\"1 / 9\"") != std::string::npos);
}

TEST_CASE("a placement moved into a container by one side keeps the other side's edits", "[merge][property][layout]") {
    const std::string withContainer = replaced(kLayout, "</Page>",
                                               "  <Container elementId=\"box\" gridColumn=\"1 / 25\" gridRow=\"5 / 9\""
                                               " gridTemplateColumns=\"repeat(24, 1fr)\"/>\n</Page>");
    Json b = base(), ours = base(), theirs = base();
    b["layout"] = ours["layout"] = theirs["layout"] = withContainer;
    // theirs moves b into the container; ours resizes a
    theirs["layout"] = replaced(replaced(withContainer, "  <Element elementId=\"b\" gridColumn=\"13 / 25\" gridRow=\"1 / 5\"/>\n", ""),
                                "gridTemplateColumns=\"repeat(24, 1fr)\"/>",
                                "gridTemplateColumns=\"repeat(24, 1fr)\">\n    <Element elementId=\"b\" gridColumn=\"1 / 13\" gridRow=\"1 / 5\"/>\n  </Container>");
    ours["layout"] = replaced(withContainer, "gridColumn=\"1 / 13\" gridRow=\"1 / 5\"", "gridColumn=\"1 / 7\" gridRow=\"1 / 5\"");
    MergeResult m = mergeContents(b, ours, theirs, fine());
    REQUIRE(m.clean());
    auto parsed = doc::parseLayout(m.contents["layout"].get<std::string>());
    REQUIRE(parsed.ok());
    const doc::LayoutNode* box = parsed.tree.find("box");
    REQUIRE(box);
    REQUIRE(box->children.size() == 1);
    CHECK(box->children[0].handle() == "b");
    CHECK(parsed.tree.regions[0].children.size() == 2); // a and box
    CHECK(*parsed.tree.find("a")->attribute("gridColumn") == "1 / 7");
}

TEST_CASE("whole documents merge the envelope by key and name conflicts with document pointers", "[merge][property]") {
    const Json b{{"name", "WB"}, {"folderId", "f"}, {"contents", base()}};
    Json ours = b, theirs = b;
    theirs["name"] = "WB renamed";
    ours["description"] = "added by ours";
    ours["contents"]["elements"][1]["name"] = "B ours";
    theirs["contents"]["elements"][1]["name"] = "B theirs";
    MergeResult m = mergeDocuments(b, ours, theirs, fine());
    REQUIRE(m.conflicts.size() == 1);
    CHECK(m.conflicts[0].id == "b");
    CHECK(m.conflicts[0].bodyPointer == "/contents/elements/1/name");
    CHECK(m.contents["name"] == "WB renamed");
    CHECK(m.contents["description"] == "added by ours");
    CHECK(m.contents["contents"]["elements"][1]["name"] == "B ours");

    // git passes an empty base when both branches added the file: identical parts merge, the rest conflicts.
    MergeResult added = mergeDocuments(Json(), ours, ours, fine());
    CHECK(added.clean());
    CHECK(added.contents == ours);
    MergeResult addedBoth = mergeDocuments(Json(), ours, theirs, fine());
    CHECK_FALSE(addedBoth.clean());
}

TEST_CASE("layouts that cannot be merged per placement fall back to one conflict", "[merge][property][layout]") {
    Json ours = base(), theirs = base();
    ours["layout"] = replaced(kLayout, "gridRow=\"1 / 5\"/>\n  <Element elementId=\"b\"", "gridRow=\"1 / 9\"/>\n  <Element elementId=\"b\"");
    // theirs: broken XML
    theirs["layout"] = "<Page id=\"p1\"><Element elementId=\"a\"";
    MergeResult broken = mergeContents(base(), ours, theirs, fine());
    REQUIRE(broken.conflicts.size() == 1);
    CHECK(broken.conflicts[0].collection == "contents");
    CHECK(broken.conflicts[0].id == "layout");
    CHECK(broken.contents["layout"] == ours["layout"]);

    // theirs: element b placed twice in the region -> the region is one conflicting value
    Json twice = base();
    twice["layout"] = replaced(kLayout, "</Page>", "  <Element elementId=\"b\" gridColumn=\"1 / 3\" gridRow=\"9 / 10\"/>\n</Page>");
    MergeResult duplicate = mergeContents(base(), ours, twice, fine());
    REQUIRE(duplicate.conflicts.size() == 1);
    CHECK(duplicate.conflicts[0].collection == "layout");
    CHECK(duplicate.conflicts[0].id == "p1");
    CHECK(duplicate.contents["layout"].get<std::string>().find("gridRow=\"1 / 9\"") != std::string::npos);

    // theirs deletes the container ours placed a new element into: the orphan is not dropped silently
    const std::string withBox = replaced(kLayout, "</Page>", "  <Container elementId=\"box\" gridColumn=\"1 / 25\" gridRow=\"5 / 9\">\n"
                                                              "    <Element elementId=\"x\" gridColumn=\"1 / 5\" gridRow=\"1 / 3\"/>\n"
                                                              "  </Container>\n</Page>");
    Json b3 = base(), o3 = base(), t3 = base();
    b3["layout"] = withBox;
    o3["layout"] = replaced(withBox, "    <Element elementId=\"x\" gridColumn=\"1 / 5\" gridRow=\"1 / 3\"/>\n",
                            "    <Element elementId=\"x\" gridColumn=\"1 / 5\" gridRow=\"1 / 3\"/>\n"
                            "    <Element elementId=\"y\" gridColumn=\"5 / 9\" gridRow=\"1 / 3\"/>\n");
    t3["layout"] = replaced(replaced(withBox, "  <Container elementId=\"box\" gridColumn=\"1 / 25\" gridRow=\"5 / 9\">\n"
                                              "    <Element elementId=\"x\" gridColumn=\"1 / 5\" gridRow=\"1 / 3\"/>\n"
                                              "  </Container>\n", ""),
                            "gridColumn=\"13 / 25\"", "gridColumn=\"15 / 25\"");
    MergeResult orphan = mergeContents(b3, o3, t3, fine());
    REQUIRE_FALSE(orphan.clean());
    CHECK(orphan.contents["layout"].get<std::string>().find("elementId=\"y\"") != std::string::npos);
}
