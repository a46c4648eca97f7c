#include <catch2/catch.hpp>
#include <quire/doc/io.h>

#include <test_support.h>

#include <fstream>
#include <string>
#include <vector>

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

// Found by fuzz_yaml_reader with yaml-cpp, which unescaped \N and \_ to the single bytes 0x85 / 0xA0 (a valid file
// loaded into a document that could not be written again). libyaml decodes them to the code points.
TEST_CASE("the YAML escapes of NEL and NO-BREAK SPACE load as the code points they name", "[doc][yaml]") {
    auto r = parseDocument("name: ok\nlayout: \"a\\Nb\\_c\"\n\"k\\N\": 1\n", Format::Yaml, "e.yaml");
    REQUIRE(r.ok());
    CHECK(r.document->root["layout"] == "a\xC2\x85" "b\xC2\xA0" "c");
    CHECK(r.document->root.contains("k\xC2\x85"));
    CHECK(saveDocument(*r.document, Format::Json).find("layout") != std::string::npos);
    auto escaped = parseDocument("name: \"a\\u0085b\\x85\"\n", Format::Yaml, "e.yaml");
    REQUIRE(escaped.ok());
    CHECK(escaped.document->root["name"] == "a\xC2\x85" "b\xC2\x85");
}

TEST_CASE("raw control characters in YAML are located errors", "[doc][yaml]") {
    // Found by fuzz_validate: control characters inside a plain scalar of a flow sequence (with a NUL after them;
    // a NUL is refused before the YAML is read: see the next test).
    auto r = parseDocument("path: [A, USER\x1e_EVENTS]\n", Format::Yaml, "c.yaml");
    REQUIRE_FALSE(r.document);
    CHECK(r.diagnostics.at(0).rule == "yaml/syntax");
    CHECK(r.diagnostics.at(0).message.find("U+001E") != std::string::npos);
    CHECK(r.diagnostics.at(0).location.line == 1);
    CHECK(r.diagnostics.at(0).location.column == 15); // the character itself
    auto del = parseDocument("a: 1\nb: x\x7Fy\n", Format::Yaml, "c.yaml");
    REQUIRE_FALSE(del.document);
    CHECK(del.diagnostics.at(0).location.line == 2);
    CHECK(del.diagnostics.at(0).location.column == 5);
    // Tabs and CRLF line ends are not control characters here.
    auto fine = parseDocument("a: \"x\ty\"\r\nb: 2\r\n", Format::Yaml, "c.yaml");
    REQUIRE(fine.ok());
    CHECK(fine.document->root["a"] == "x\ty");
    CHECK(fine.document->positions.find("/b").line == 2);
}

TEST_CASE("a NUL byte in YAML or JSON is io/nul-byte at the NUL, before the text is read", "[doc][yaml][json]") {
    const std::string control("path: [A, USER\x1e\x00_EVENTS]\n", 25);
    auto mangled = parseDocument(control, Format::Yaml, "c.yaml");
    REQUIRE_FALSE(mangled.document);
    CHECK(mangled.diagnostics.at(0).rule == "io/nul-byte");
    CHECK(mangled.diagnostics.at(0).location.line == 1);
    CHECK(mangled.diagnostics.at(0).location.column == 16);
    for (const std::string& text : {std::string("name: a\0b\n", 10), std::string("{\"name\": \"a\0\"}", 13)}) {
        INFO(text);
        auto nul = parseDocument(text, text[0] == '{' ? Format::Json : Format::Yaml, "n");
        REQUIRE_FALSE(nul.document);
        REQUIRE(nul.diagnostics.size() == 1);
        CHECK(nul.diagnostics[0].rule == "io/nul-byte");
        CHECK(nul.diagnostics[0].location.column == int(text.find('\0')) + 1);
    }
}

// libyaml reads YAML 1.1, where NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR are line breaks (a raw NEL in a
// quoted string would be folded into a space): refused where they stand instead of read as something else.
TEST_CASE("raw Unicode line breaks in YAML are located errors, their escapes load", "[doc][yaml]") {
    for (const char* text : {"a: 1\nb: \"x\xC2\x85y\"\n", "a: 1\nb: x\xE2\x80\xA8y\n", "a: 1\nb: x # \xE2\x80\xA9\n"}) {
        INFO(text);
        auto r = parseDocument(text, Format::Yaml, "u.yaml");
        REQUIRE_FALSE(r.document);
        CHECK(r.diagnostics.at(0).rule == "yaml/syntax");
        CHECK(r.diagnostics.at(0).location.line == 2);
    }
    auto escaped = parseDocument("a: \"x\\L\\P\\u2028\"\n", Format::Yaml);
    REQUIRE(escaped.ok());
    CHECK(escaped.document->root["a"] == "x\xE2\x80\xA8\xE2\x80\xA9\xE2\x80\xA8");
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
    // "é" is 2 bytes, the emoji 4: byte columns would say 11 and 17.
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

TEST_CASE("aliases may not expand the document beyond the file size limit", "[doc][yaml]") {
    // A 1 MiB scalar anchored once and aliased 2,000 times would copy 2 GB into the tree.
    const std::size_t scalar = std::size_t(1) << 20;
    std::string text = "big: &b " + std::string(scalar, 'x') + "\nl:\n";
    for (int i = 0; i < 2000; ++i) text += "  - *b\n";
    LoadLimits limits;
    limits.maxBytes = std::size_t(16) << 20;
    auto r = parseDocument(text, Format::Yaml, "aliases.yaml", limits);
    REQUIRE_FALSE(r.document);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].rule == "yaml/alias-expansion");
    // Each alias adds the scalar's bytes (+1 for the value); the first one past the limit is reported.
    const std::size_t budget = limits.maxBytes - text.size();
    const int first = static_cast<int>(budget / (scalar + 1));
    CHECK(r.diagnostics[0].location.line == 3 + first);
    CHECK(r.diagnostics[0].location.column == 5);
    CHECK(r.diagnostics[0].location.file == "aliases.yaml");

    // The same aliases within the limit load.
    limits.maxBytes = std::size_t(1) << 30;
    std::string few = "big: &b " + std::string(1000, 'x') + "\nl:\n";
    for (int i = 0; i < 100; ++i) few += "  - *b\n";
    auto ok = parseDocument(few, Format::Yaml, "few.yaml", limits);
    REQUIRE(ok.ok());
    CHECK(ok.document->root["l"].size() == 100);
    CHECK(ok.document->positions.find("/l/99").line == 102);
}

TEST_CASE("YAML tags outside the core schema are errors naming the tag", "[doc][yaml][tags]") {
    const std::pair<const char*, const char*> cases[] = {
        {"v: !!python/object/apply:os.system ['ls']\n", "!!python/object/apply:os.system"},
        {"v: !!python/object:__main__.X {a: 1}\n", "!!python/object:__main__.X"},
        {"v: !!set {a, b}\n", "!!set"},
        {"v: !!omap [a: 1, b: 2]\n", "!!omap"},
        {"v: !!binary aGVsbG8=\n", "!!binary"},
        {"v: !binary aGVsbG8=\n", "!binary"},
        {"v: !foo bar\n", "!foo"},
        {"v: !foo {a: 1}\n", "!foo"},
        {"v: !foo [1]\n", "!foo"},
        {"v: !!timestamp 2001-12-14\n", "!!timestamp"},
        {"v: !foo\n", "!foo"},
        {"v: !foo null\n", "!foo"},
        {"v: !foo ~\n", "!foo"},
        {"!foo v: 1\n", "!foo"},
        {"? !!int 1\n: x\n", "!!int"},
    };
    for (const auto& [text, tag] : cases) {
        INFO(text);
        auto r = parseDocument(std::string("a: 1\n") + text, Format::Yaml, "t.yaml");
        REQUIRE_FALSE(r.document);
        REQUIRE(r.diagnostics.size() == 1);
        CHECK(r.diagnostics[0].rule == "yaml/unsupported-tag");
        CHECK(r.diagnostics[0].message.find(std::string("'") + tag + "'") != std::string::npos);
        CHECK(r.diagnostics[0].location.line == 2);
    }
}

TEST_CASE("core-schema tags type their value, and a value of another type is an error", "[doc][yaml][tags]") {
    auto r = parseDocument("a: !!str 12\nb: !!int 12\nc: !!float 1\nd: !!bool true\ne: !!null null\nf: !!map {x: 1}\n"
                           "g: !!seq [1]\nh: ! 12\ni: !!str\nj: !!null\nk: !<tag:yaml.org,2002:str> 5\n!!str l: 1\n"
                           "m: !!float -2.5e3\nn: !!int 0x10\n",
                           Format::Yaml);
    REQUIRE(r.ok());
    const Json& root = r.document->root;
    CHECK(root["a"] == "12");
    CHECK(root["b"] == 12);
    CHECK(root["b"].is_number_integer());
    CHECK(root["c"].is_number_float());
    CHECK(root["c"] == 1.0);
    CHECK(root["d"] == true);
    CHECK(root["e"].is_null());
    CHECK(root["f"]["x"] == 1);
    CHECK(root["g"][0] == 1);
    CHECK(root["h"] == "12");
    CHECK(root["i"] == "");
    CHECK(root["j"].is_null());
    CHECK(root["k"] == "5");
    CHECK(root["l"] == 1);
    CHECK(root["m"] == -2500.0);
    CHECK(root["n"] == 16);

    const std::pair<const char*, int> mismatches[] = {
        {"v: !!int abc\n", 4}, {"v: !!int 1.5\n", 4}, {"v: !!bool yes\n", 4}, {"v: !!null 0\n", 4},
        {"v: !!float x\n", 4}, {"v: !!map [1]\n", 4},  {"v: !!seq {a: 1}\n", 4}, {"v: !!seq x\n", 4},
        {"v: !!float .inf\n", 4},
    };
    for (const auto& [text, column] : mismatches) {
        INFO(text);
        auto bad = parseDocument(std::string("a: 1\n") + text, Format::Yaml, "m.yaml");
        REQUIRE_FALSE(bad.document);
        CHECK(bad.diagnostics.at(0).rule == "yaml/tag-mismatch");
        CHECK(bad.diagnostics.at(0).location.line == 2);
        CHECK(bad.diagnostics.at(0).location.column == column);
    }
}

TEST_CASE("YAML mappings keep every member in file order around large members", "[doc][yaml]") {
    // A large member followed by more keys (as `layout` follows `elements`), past the size where duplicate
    // keys are looked up in a set; an anchored mapping is aliased after it closed.
    std::string text = "big:\n";
    for (int i = 0; i < 50; ++i) text += "  - {id: e" + std::to_string(i) + ", cols: [a, b]}\n";
    for (int k = 0; k < 12; ++k) text += "k" + std::to_string(k) + ": " + std::to_string(k) + "\n";
    text += "anchored: &m {x: 1, y: [2, 3]}\nalias: *m\n";
    auto r = parseDocument(text, Format::Yaml, "o.yaml");
    REQUIRE(r.ok());
    const Json& root = r.document->root;
    std::vector<std::string> keys;
    for (auto it = root.begin(); it != root.end(); ++it) keys.push_back(it.key());
    REQUIRE(keys.size() == 15);
    CHECK(keys.front() == "big");
    CHECK(keys[1] == "k0");
    CHECK(keys[12] == "k11");
    CHECK(keys.back() == "alias");
    CHECK(root["big"].size() == 50);
    CHECK(root["big"][49]["id"] == "e49");
    CHECK(root["k11"] == 11);
    CHECK(root["alias"] == root["anchored"]);
    CHECK(root["alias"].dump() == R"({"x":1,"y":[2,3]})");
    CHECK(r.document->positions.find("/k11").line == 63);

    auto dup = parseDocument(text + "k10: again\n", Format::Yaml, "o.yaml");
    REQUIRE_FALSE(dup.document);
    CHECK(dup.diagnostics.at(0).rule == "yaml/duplicate-key");
    CHECK(dup.diagnostics.at(0).location.line == 66);
}

TEST_CASE("YAML with a byte order mark is read in place", "[doc][yaml]") {
    auto r = parseDocument("\xEF\xBB\xBF" "a: 1\nb:\n  c: x\n", Format::Yaml, "bom.yaml");
    REQUIRE(r.ok());
    CHECK(r.document->root["b"]["c"] == "x");
    CHECK(r.document->positions.find("/b/c").line == 3);
    CHECK(r.document->positions.find("/b/c").column == 3);
}

TEST_CASE("a loaded file keeps its text for positions and saves", "[doc][yaml]") {
    const std::string path = quire::test::makeTempDir("yaml-load") + "/w.yaml";
    const std::string text = "# kept\nname: w\ncontents:\n  kind: workbook\n";
    std::ofstream(path, std::ios::binary) << text;
    auto r = loadDocument(path);
    REQUIRE(r.ok());
    REQUIRE(r.document->sourceText);
    CHECK(*r.document->sourceText == text);
    CHECK(r.document->positions.find("/contents/kind").line == 4);
    CHECK(r.document->positions.find("/contents/kind").column == 3);
}

// Found by the differential check of yaml-cpp and libyaml: an alias names the most recent anchor written before
// it, also when that anchor sits inside a collection anchored with the same name (which completes later).
TEST_CASE("an alias refers to the most recent anchor of its name written before it", "[doc][yaml]") {
    auto r = parseDocument("l:\n  - &n\n    - &n x\n    - *n\n  - *n\n", Format::Yaml, "a.yaml");
    REQUIRE(r.ok());
    CHECK(r.document->root["l"][0] == Json::array({"x", "x"}));
    CHECK(r.document->root["l"][1] == "x");
    auto self = parseDocument("a: &s [1, *s]\n", Format::Yaml, "a.yaml");
    REQUIRE_FALSE(self.document);
    CHECK(self.diagnostics.at(0).rule == "yaml/syntax");
    CHECK(self.diagnostics.at(0).location.column == 11); // the alias
}
