#include <catch2/catch.hpp>
#include <quire/doc/io.h>
#include <quire/doc/layout.h>
#include <test_support.h>

#include <random>

using namespace quire;
using namespace quire::doc;

TEST_CASE("grid spans", "[doc][layout]") {
    CHECK(parseGridSpan("1 / 25") == GridSpan{1, 25});
    CHECK(parseGridSpan(" 3/7 ") == GridSpan{3, 7});
    CHECK(parseGridSpan("4") == GridSpan{4, 5});
    CHECK(parseGridSpan("2 / span 3") == GridSpan{2, 5});
    CHECK_FALSE(parseGridSpan("7 / 3"));
    CHECK_FALSE(parseGridSpan("0 / 3"));
    CHECK_FALSE(parseGridSpan("a / b"));
    CHECK(formatGridSpan({13, 25}) == "13 / 25");
}

TEST_CASE("layout with several regions, containers and tabs", "[doc][layout]") {
    const char* xml = R"XML(<?xml version="1.0" encoding="utf-8"?>
<Page type="grid" gridTemplateColumns="repeat(24, 1fr)" gridTemplateRows="auto" id="pg-main">
  <!-- a comment -->
  <Container elementId="hero" type="grid" gridColumn="1 / 25" gridRow="1 / 5" gridTemplateColumns="repeat(24, 1fr)">
    <Element elementId="title" gridColumn="1 / 25" gridRow="1 / 5"/>
  </Container>
  <TabbedContainer elementId="tc" gridColumn="1 / 25" gridRow="5 / 30">
    <Tab gridTemplateColumns="repeat(24, 1fr)"><Element elementId="chart-a" gridColumn="1 / 25" gridRow="1 / 12"/></Tab>
    <Tab/>
  </TabbedContainer>
</Page>
<Panel type="grid" gridTemplateColumns="repeat(6, 1fr)" id="nav" data-x="a&amp;b &quot;q&quot; &#233;">
  <Element elementId="side" gridColumn="1 / 7" gridRow="1 / 4"/>
</Panel>
)XML";
    auto r = parseLayout(xml);
    REQUIRE(r.ok());
    REQUIRE(r.tree.regions.size() == 2);
    const auto& page = r.tree.regions[0];
    CHECK(page.kind == LayoutNode::Kind::Page);
    CHECK(page.handle() == "pg-main");
    CHECK(page.innerColumns() == 24);
    CHECK(page.line == 2);
    REQUIRE(page.children.size() == 2);
    CHECK(page.children[0].kind == LayoutNode::Kind::Container);
    CHECK(page.children[1].kind == LayoutNode::Kind::TabbedContainer);
    CHECK(page.children[1].children.size() == 2);
    CHECK(page.children[1].children[0].children[0].handle() == "chart-a");
    CHECK(r.tree.regions[1].kind == LayoutNode::Kind::Panel);
    CHECK(*r.tree.regions[1].attribute("data-x") == "a&b \"q\" \xC3\xA9");
    const LayoutNode* chart = r.tree.find("chart-a");
    REQUIRE(chart);
    CHECK(chart->gridRow() == GridSpan{1, 12});
    CHECK(chart->line == 8);
    // Writing and reading again keeps the tree.
    auto again = parseLayout(writeLayout(r.tree));
    REQUIRE(again.ok());
    CHECK(writeLayout(again.tree) == writeLayout(r.tree));
    CHECK(again.tree.find("side")->gridColumn() == GridSpan{1, 7});
    CHECK(*again.tree.regions[1].attribute("data-x") == "a&b \"q\" \xC3\xA9");
}

TEST_CASE("layout edits keep unknown attributes", "[doc][layout]") {
    auto r = parseLayout(R"XML(<Page id="p" custom="keep"><Element elementId="e" gridColumn="1 / 5" gridRow="1 / 3" x="1"/></Page>)XML");
    REQUIRE(r.ok());
    LayoutNode* e = r.tree.find("e");
    REQUIRE(e);
    e->setGrid({5, 13}, {2, 9});
    std::string out = writeLayout(r.tree);
    CHECK(out.find(R"XML(<Element elementId="e" gridColumn="5 / 13" gridRow="2 / 9" x="1"/>)XML") != std::string::npos);
    CHECK(out.find(R"(custom="keep")") != std::string::npos);
    CHECK(r.tree.prolog.empty());
}

TEST_CASE("layout XML errors have positions", "[doc][layout]") {
    struct Case { const char* xml; int line; };
    for (auto c : {Case{"<Page id=\"p\">\n  <Element elementId=\"e\">\n</Page>", 3}, Case{"<Page id=p/>", 1},
                   Case{"<Page id=\"p\"\n", 2}, Case{"<Page id=\"a&bogus;\"/>", 1}, Case{"<Page>text</Page>", 1},
                   Case{"<Page a=\"1\" a=\"2\"/>", 1}}) {
        INFO(c.xml);
        auto r = parseLayout(c.xml);
        REQUIRE_FALSE(r.ok());
        CHECK(r.diagnostics[0].rule == "layout/xml-syntax");
        CHECK(r.diagnostics[0].location.line == c.line);
    }
    std::string deep;
    for (int i = 0; i < 2000; ++i) deep += "<Container>";
    CHECK_FALSE(parseLayout(deep).ok());
}

TEST_CASE("every corpus layout parses and re-parses to the same tree", "[doc][layout][corpus]") {
    for (const char* name : {"minimal.json", "marketing-analytics.yaml", "invalid/tableau-structural-workarounds.json",
                             "invalid/mode-orders-report-normalized-ids.json"}) {
        INFO(name);
        auto loaded = loadDocument(quire::test::sourceDir() + "/tests/corpus/" + name);
        REQUIRE(loaded.ok());
        const Json* contents = loaded.document->contents();
        REQUIRE(contents);
        auto r = parseLayout(contents->value("layout", ""));
        REQUIRE(r.ok());
        CHECK_FALSE(r.tree.regions.empty());
        auto again = parseLayout(writeLayout(r.tree));
        REQUIRE(again.ok());
        CHECK(writeLayout(again.tree) == writeLayout(r.tree));
    }
}

TEST_CASE("hostile attribute values survive write and parse", "[doc][layout]") {
    std::mt19937 rng(77);
    const std::vector<std::string> pieces = {"a", " ", "&", "<", ">", "\"", "'", "&amp;", "&#10;", "\n", "\t", "\r",
                                             "/>", "-->", "<!--", "]]>", "\xC3\xA9", "\xF0\x9F\x98\x80", "=", "1 / 25"};
    for (int n = 0; n < 500; ++n) {
        std::string value;
        int len = std::uniform_int_distribution<int>(0, 8)(rng);
        for (int k = 0; k < len; ++k) value += pieces[std::uniform_int_distribution<std::size_t>(0, pieces.size() - 1)(rng)];
        LayoutTree tree;
        LayoutNode page;
        page.kind = LayoutNode::Kind::Page;
        page.tag = "Page";
        page.setAttribute("id", value);
        LayoutNode element;
        element.kind = LayoutNode::Kind::Element;
        element.tag = "Element";
        element.setAttribute("elementId", value + "x");
        element.setAttribute("data-v", value);
        page.children.push_back(element);
        tree.regions.push_back(page);
        const std::string xml = writeLayout(tree);
        INFO(xml);
        auto r = parseLayout(xml);
        REQUIRE(r.ok());
        REQUIRE(r.tree.regions.size() == 1);
        CHECK(r.tree.regions[0].handle() == value);
        REQUIRE(r.tree.regions[0].children.size() == 1);
        CHECK(r.tree.regions[0].children[0].handle() == value + "x");
        CHECK(*r.tree.regions[0].children[0].attribute("data-v") == value);
        CHECK(writeLayout(r.tree) == xml);
    }
}

TEST_CASE("layout entities: numeric references and single-quoted values", "[doc][layout]") {
    auto r = parseLayout(R"XML(<Page id='a "b"' x="&#x41;&#66;&lt;&gt;&apos;" y="&#x1F600;"/>)XML");
    REQUIRE(r.ok());
    const auto& page = r.tree.regions.at(0);
    CHECK(page.handle() == "a \"b\"");
    CHECK(*page.attribute("x") == "AB<>'");
    CHECK(*page.attribute("y") == "\xF0\x9F\x98\x80");
    CHECK(writeLayout(r.tree) == "<Page id=\"a &quot;b&quot;\" x=\"AB&lt;&gt;'\" y=\"\xF0\x9F\x98\x80\"/>\n");
    for (const char* bad : {"<Page x=\"&#0;\"/>", "<Page x=\"&#xD800;\"/>", "<Page x=\"&#x110000;\"/>", "<Page x=\"&#;\"/>",
                            "<Page x=\"&#12a;\"/>", "<Page x=\"a & b\"/>", "<Page x=\"<\"/>"}) {
        INFO(bad);
        auto e = parseLayout(bad);
        REQUIRE_FALSE(e.ok());
        CHECK(e.diagnostics[0].rule == "layout/xml-syntax");
        CHECK(e.diagnostics[0].location.line == 1);
    }
}
