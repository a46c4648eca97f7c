#include <catch2/catch.hpp>
#include <quire/doc/io.h>

using namespace quire;
using namespace quire::doc;

TEST_CASE("YAML scalars follow the core schema and quoted ones stay strings", "[doc][yaml]") {
    auto r = parseDocument("a: 1\nb: '1'\nc: 1.5\nd: true\ne: \"true\"\nf: null\ng: ~\nh:\ni: yes\nj: 0x1F\nk: -3\nl: 1e3\n",
                           Format::Yaml);
    REQUIRE(r.ok());
    const auto& j = r.document->root;
    CHECK(j["a"] == 1);
    CHECK(j["b"] == "1");
    CHECK(j["c"] == 1.5);
    CHECK(j["d"] == true);
    CHECK(j["e"] == "true");
    CHECK(j["f"].is_null());
    CHECK(j["g"].is_null());
    CHECK(j["h"].is_null());
    CHECK(j["i"] == "yes"); // YAML 1.2: not a boolean
    CHECK(j["j"] == 31);
    CHECK(j["k"] == -3);
    CHECK(j["l"].is_number_float());
}

TEST_CASE("YAML positions point at keys and items", "[doc][yaml]") {
    auto r = parseDocument("name: x\ncontents:\n  elements:\n    - id: a\n      kind: table\n", Format::Yaml, "w.yaml");
    REQUIRE(r.ok());
    CHECK(r.document->positions.find("/contents/elements/0").line == 4);
    CHECK(r.document->positions.find("/contents/elements/0/kind").line == 5);
    CHECK(r.document->positions.find("/contents/elements/0/kind").column == 7);
}

TEST_CASE("YAML duplicate keys are errors at the second key", "[doc][yaml]") {
    auto r = parseDocument("a: 1\nb:\n  c: 1\n  c: 2\n", Format::Yaml, "d.yaml");
    REQUIRE_FALSE(r.document);
    CHECK(r.diagnostics.at(0).rule == "yaml/duplicate-key");
    CHECK(r.diagnostics.at(0).location.line == 4);
    CHECK(r.diagnostics.at(0).location.column == 3);
}

TEST_CASE("YAML syntax errors carry a location", "[doc][yaml]") {
    auto r = parseDocument("a: [1, 2\nb: 3\n", Format::Yaml, "s.yaml");
    REQUIRE_FALSE(r.document);
    CHECK(r.diagnostics.at(0).rule == "yaml/syntax");
    CHECK(r.diagnostics.at(0).location.line >= 1);
}

TEST_CASE("YAML with several documents is rejected", "[doc][yaml]") {
    auto r = parseDocument("a: 1\n---\nb: 2\n", Format::Yaml);
    REQUIRE_FALSE(r.document);
    CHECK(r.diagnostics.at(0).rule == "yaml/multiple-documents");
    CHECK(r.diagnostics.at(0).location.line == 2); // the "---" that starts the second document
}

TEST_CASE("deep YAML nesting is an error, not a crash", "[doc][yaml]") {
    std::string flow(10000, '[');
    flow += std::string(10000, ']');
    auto r = parseDocument("a: " + flow + "\n", Format::Yaml);
    REQUIRE_FALSE(r.document);
    CHECK(r.diagnostics.at(0).rule == "io/too-deep");
    CHECK(r.diagnostics.at(0).location.line == 1);
    CHECK(r.diagnostics.at(0).location.column == 515); // the bracket that goes one level too deep
    std::string block;
    for (int i = 0; i < 3000; ++i) block += std::string(static_cast<std::size_t>(i) * 2, ' ') + "k:\n";
    r = parseDocument(block, Format::Yaml);
    REQUIRE_FALSE(r.document);
    CHECK(r.diagnostics.at(0).rule == "io/too-deep");
    CHECK(r.diagnostics.at(0).location.line == 513);
}

TEST_CASE("quotes inside plain scalars do not hide deep nesting from the pre-scan", "[doc][yaml]") {
    const std::string deep = std::string(1000, '[') + std::string(1000, ']');
    for (const std::string& text : {"a: [it's, " + deep + "]\n", "a: [\"x\\\"\", " + deep + "]\n",
                                    "a: ['q''s', " + deep + "]\n"}) {
        INFO(text.substr(0, 20));
        auto r = parseDocument(text, Format::Yaml);
        REQUIRE_FALSE(r.document);
        CHECK(r.diagnostics.at(0).rule == "io/too-deep");
    }
    // The same shapes at a legal depth load, quotes and all.
    auto ok = parseDocument("a: [it's, \"x\\\"\", 'q''s', [[1]]]\n", Format::Yaml);
    REQUIRE(ok.ok());
    CHECK(ok.document->root["a"] == Json::array({"it's", "x\"", "q's", Json::array({Json::array({1})})}));
}

TEST_CASE("YAML anchors resolve to copies", "[doc][yaml]") {
    auto r = parseDocument("base: &b {x: 1}\nother: *b\n", Format::Yaml);
    REQUIRE(r.ok());
    CHECK(r.document->root["other"]["x"] == 1);
}

TEST_CASE("invalid UTF-8 in YAML is located", "[doc][yaml]") {
    auto r = parseDocument("a: ok\nb: \xC3\x28\n", Format::Yaml, "u.yaml");
    REQUIRE_FALSE(r.document);
    CHECK(r.diagnostics.at(0).rule == "io/invalid-utf8");
    CHECK(r.diagnostics.at(0).location.line == 2);
    CHECK(r.diagnostics.at(0).location.column == 4);
}

TEST_CASE("format detection", "[doc]") {
    CHECK(detectFormat("a.json", "x: 1") == Format::Json);
    CHECK(detectFormat("a.YML", "{}") == Format::Yaml);
    CHECK(detectFormat("-", "  {\"a\":1}") == Format::Json);
    CHECK(detectFormat("-", "a: 1") == Format::Yaml);
}

TEST_CASE("a document that is not a mapping is a clear error", "[doc][yaml][json]") {
    struct Case { const char* text; Format format; const char* rule; int line; int column; };
    for (auto c : {Case{"# list\n- a\n- b\n", Format::Yaml, "yaml/not-a-mapping", 2, 1},
                   Case{"just text\n", Format::Yaml, "yaml/not-a-mapping", 1, 1},
                   Case{"  [1, 2]", Format::Json, "json/not-an-object", 1, 3},
                   Case{"\"s\"", Format::Json, "json/not-an-object", 1, 1},
                   Case{"\n42\n", Format::Json, "json/not-an-object", 2, 1}}) {
        INFO(c.text);
        auto r = parseDocument(c.text, c.format, "root");
        REQUIRE_FALSE(r.document);
        REQUIRE(r.diagnostics.size() == 1);
        CHECK(r.diagnostics[0].rule == c.rule);
        CHECK(r.diagnostics[0].location.line == c.line);
        CHECK(r.diagnostics[0].location.column == c.column);
        CHECK(r.diagnostics[0].message.find("top level") != std::string::npos);
    }
}

TEST_CASE("YAML columns count code points, not bytes", "[doc][yaml]") {
    // "é" is 2 bytes, the emoji 4: yaml-cpp's byte columns would say 11 and 17.
    auto r = parseDocument("a: \xC3\xA9\nb: [\xC3\xA9\xC3\xA9, \xF0\x9F\x98\x80, z]\n", Format::Yaml);
    REQUIRE(r.ok());
    CHECK(r.document->positions.find("/b/1").column == 9);
    CHECK(r.document->positions.find("/b/2").column == 12);
    auto bad = parseDocument("k: \xC3\xA9\xC3\xA9\nb: [\xC3\xA9\xC3\xA9, x: {]\n", Format::Yaml, "c.yaml");
    REQUIRE_FALSE(bad.document);
    CHECK(bad.diagnostics.at(0).location.line == 2);
    CHECK(bad.diagnostics.at(0).location.column == 13); // the ']' (byte column 15)
    // One very long line of flow YAML: positions stay linear (and right) far along the line.
    std::string line = "a: [";
    for (int i = 0; i < 200000; ++i) line += "\xC3\xA9, ";
    line += "end]\n";
    auto longLine = parseDocument(line, Format::Yaml);
    REQUIRE(longLine.ok());
    CHECK(longLine.document->positions.find("/a/200000").column == 5 + 200000 * 3);
}

TEST_CASE("an alias bomb is an error, not a hang", "[doc][yaml]") {
    // Nine levels of ten aliases each would expand to a billion values.
    std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int level = 1; level <= 9; ++level) {
        text += "a" + std::to_string(level) + ": &a" + std::to_string(level) + " [";
        for (int k = 0; k < 10; ++k) text += (k ? ", *a" : "*a") + std::to_string(level - 1);
        text += "]\n";
    }
    auto r = parseDocument(text, Format::Yaml, "bomb.yaml");
    REQUIRE_FALSE(r.document);
    CHECK(r.diagnostics.at(0).rule == "yaml/alias-expansion");
    CHECK(r.diagnostics.at(0).location.line >= 5);
    // Modest reuse is fine.
    auto ok = parseDocument("base: &b {x: [1, 2]}\nc1: *b\nc2: *b\n", Format::Yaml);
    REQUIRE(ok.ok());
    CHECK(ok.document->root["c2"]["x"][1] == 2);
}
