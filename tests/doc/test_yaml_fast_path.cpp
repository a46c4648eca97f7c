// The YAML reader's fast path against libyaml: wherever the fast path reads a text, the tree (types included) and
// every value's position must be libyaml's; common workbook shapes must take the fast path, the rest must not.
#include <catch2/catch.hpp>
#include <quire/doc/io.h>

#include <test_support.h>

#include "yaml_reader_diff.h"

#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using quire::test::compareYamlReaders;

namespace {

std::vector<std::string> repositoryYamlFiles() {
    std::vector<std::string> files;
    for (const std::string& root : {quire::test::sourceDir() + "/resources", quire::test::sourceDir() + "/tests",
                                    quire::test::sharedDir() + "/corpus"}) {
        if (!fs::exists(root)) continue;
        for (const auto& entry : fs::recursive_directory_iterator(root))
            if (entry.is_regular_file() && (entry.path().extension() == ".yaml" || entry.path().extension() == ".yml"))
                files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

void requireSame(const std::string& text) {
    INFO(text);
    const auto c = compareYamlReaders(text);
    REQUIRE(c.difference == "");
}

// The same text with CRLF line breaks (a checkout with core.autocrlf).
std::string withCrlf(const std::string& text) {
    std::string out;
    out.reserve(text.size() + text.size() / 16);
    for (char c : text) {
        if (c == '\n') out += '\r';
        out += c;
    }
    return out;
}

bool fastPathReads(const std::string& text) {
    INFO(text);
    const auto c = compareYamlReaders(text);
    REQUIRE(c.difference == "");
    return c.fastPathRead;
}

} // namespace

TEST_CASE("every YAML file of the repository reads the same on the fast path, which reads the workbooks", "[yaml][fast]") {
    const auto files = repositoryYamlFiles();
    REQUIRE(files.size() >= 10);
    int read = 0;
    for (const auto& file : files) {
        INFO(file);
        const std::string text = quire::test::readFile(file);
        const auto c = compareYamlReaders(text);
        REQUIRE(c.difference == "");
        if (c.fastPathRead) ++read;
        const auto crlf = compareYamlReaders(withCrlf(text));
        REQUIRE(crlf.difference == "");
        CHECK(crlf.fastPathRead == c.fastPathRead);
        // Quire's own examples and templates are the shape the fast path exists for.
        if (file.find("/resources/") != std::string::npos) CHECK(c.fastPathRead);
        // The canonical writer's text of what loads.
        auto loaded = quire::doc::parseDocument(text, quire::doc::Format::Yaml, file);
        if (loaded.document) {
            const std::string canonical = quire::doc::toYamlText(loaded.document->root);
            const auto again = compareYamlReaders(canonical);
            INFO(canonical.substr(0, 400));
            REQUIRE(again.difference == "");
            CHECK(again.fastPathRead);
        }
    }
    CHECK(read >= int(files.size()) / 2);
}

TEST_CASE("the fast path reads the common shapes exactly as libyaml does", "[yaml][fast]") {
    const std::vector<std::string> common = {
        "a: 1\nb: two\nc: 3.5\nd: true\ne: null\nf: ~\ng:\nh: -4\ni: 0x1F\nj: 0o17\nk: .inf\nl: 1e3\nm: +2\n",
        "# comment\n\na: x   # trailing\n  # indented comment\nb: \"q # not a comment\"\n",
        "list:\n  - 1\n  - two\n  - \"three\"\n  - 'fo''ur'\nnext: x\n",
        "list:\n- a\n- b\nafter: 1\n",
        "items:\n  - id: a\n    name: A\n  - id: b\n    cols:\n      - x\n      - y\n",
        "- a: 1\n  b: 2\n- - x\n  - y\n- [1, 2, [3, 'four']]\n",
        "s: \"esc \\\" \\\\ \\/ \\t \\n \\u00e9 \\x41 \\U0001F600 \\0 \\e end\"\n",
        "u: héllo wörld\nk\u00e9y: v\n\"quoted key\": 1\n'single key': 2\n\"\": empty key\n",
        "lit: |\n  line one\n    indented\n\n  line three\nnext: 1\n",
        "strip: |-\n  a\n  b\n\n\nfold: >\n  folded\n  text\n\n  para\nfoldstrip: >-\n  x\n  y\n",
        "flow: [a, b c, 'd', \"e\", 1, -2, true, null]\nempty: []\nobj: {}\nspaced: [ ]\n",
        "---\na: 1\n",
        "url: http://example.com/a:b\ncolon: a:b\nbrackets: Sum([x/y]) {z}\nhash: a#b\n",
        "  indented: root\n  other: 2\n",
        "a:\n  b:\n    c:\n      d: deep\n  e: 1\n",
        "empty_lit: |\nnext: 1\n",
        "lit_eof: |\n  no newline at the end",
        "k: v\n\n\n",
        "seq:\n  -\n    a: 1\n  -\n    - x\n",
        "k: 'it''s'\n",
        "m: {a: 1, b: 'x', \"c\": [1, 2], d: {e: f}, g: {}}\n",
        "cols:\n  - {id: a, name: B c, formula: \"[T/x]\"}\n  - {id: b, format: {kind: number}}\n",
    };
    for (const auto& text : common) {
        INFO(text);
        CHECK(fastPathReads(text));
        CHECK(fastPathReads(withCrlf(text)));
    }

    // Left to libyaml: it reads them (or refuses them) itself.
    const std::vector<std::string> libyaml = {
        "a: &x 1\nb: *x\n", "a: !!str 1\n", "%YAML 1.1\n---\na: 1\n", "a: 1\n---\nb: 2\n", "a: 1\n...\n",
        "a: multi\n  line plain\n", "a: \"multi\n  line\"\n", "a:\tb\n", "\ta: 1\n", "a: 1\rb: 2\r", "a: 1\r\r\nb: 2\n", "a: x\ry\n",
        "a: 1\na: 2\n", "? a\n: b\n", "a: [1,\n 2]\n", "a: |+\n  keep\n\n", "a: |2\n   x\n",
        "a: b: c\n", "a: 99999999999999999999999\n", "null: 1\n", "a: >\n  x\n    more\n  y\n",
        "a: [x, ]\n", "a: [x,,y]\n", "a: \"\\N\"\n", "- \n- b\n", "a:\n  - x\n b: 1\n", "a: 'unclosed\n",
        "scalar at the top\n", "", "# only a comment\n",
    };
    for (const auto& text : libyaml) {
        INFO(text);
        CHECK_FALSE(fastPathReads(text));
    }
}

TEST_CASE("edge cases read the same both ways", "[yaml][fast]") {
    const std::vector<std::string> edges = {
        "a: 1\n  # deeper comment\nb: 2\n", "a:\n   # deeper comment\nb: 2\n", "a: |\n\n  after blank\n",
        "a: |\n   \n  x\n", "a: |\n  x\n   \n  y\n", "a: |\n  x\n \n", "a: >\n\n  x\n\n\n  y\n", "a: |-\n  x\n# c\nb: 1\n",
        "a: |\n  # not a comment\n", "- |\n  x\n- >-\n  y\n", "a:\n- |\n x\n", "a: |  # c\n  x\n", "a: |#c\n  x\n",
        "a: 'x'  # c\n", "a: \"x\"#c\n", "a: x #c\n", "a: x#c\n", "key with spaces: v\n", "a  : v\n",
        "\"a\" : v\n", "-x: 1\n", "a: -x\n", "a: - x\n", "a: [-1, -x, - ]\n", "a: [a b, c  ]\n", "a: [\"x\" , 'y']\n",
        "a: [[], [[]], {}]\n", "a: {   }\n", "a: '' \n", "a: \"\"\n", "a: 0\nb: -0\nc: 00\nd: 0.0\ne: .5\nf: 1.\n",
        "a: True\nb: FALSE\nc: Null\nd: NULL\ne: yes\nf: ~x\n", "a: \"\\u0000\"\n", "a: \"\\uD800\"\n", "a: \"\\x4\"\n",
        "a: 1\n\n  \n\nb: 2\n", "a:\n\n  b: 1\n", "- a\n-  b\n-   c: 1\n    d: 2\n", "-   - x\n    - y\n", "a: \"é\" \nb: 'ü'\n",
        "é: 1\nb:\n  - ü: 2\n    ö: 3\n", "a: x\n- b\n", "- a\nb: 1\n", "a:\n  - b\n  c: 1\n", "a: |\n  x\n  \ty\n",
        "a: >\n  x\n  \ty\n", "a: |\n\t x\n", "---\n", "--- # c\na: 1\n", "  ---\na: 1\n", "---a: 1\n", "a: 1\n--- \n",
        "a: `x`\n", "a: @x\n", "a: %x\n", "a: ?x\n", "a: :x\n", "a: ,x\n", "a: x,\n", "a: }\n", "a: \"a\" \"b\"\n",
        "a: {b:1}\n", "a: {b : 1}\n", "a: {\"b\":1}\n", "a: {b: 1,}\n", "a: {b: }\n", "a: {b: 1, b: 2}\n", "a: {b}\n",
        "a: {b: c: d}\n", "a: {b: -1, c: -x, d: [ -2 ]}\n", "a: {null: 1}\n", "a: {'': 1}\n", "a: [{b: 1}, {c: [d]}]\n",
        "- {a: 1}\n  b: 2\n", "- {a: 1}: 2\n",
        std::string("a: 1\n") + std::string(1100, 'k') + ": 2\n", std::string(990, 'k') + ": 2\n",
    };
    for (const auto& text : edges) {
        requireSame(text);
        requireSame(withCrlf(text));
    }
    // CRLF mixed with LF, and in the places a scalar could swallow it.
    for (const std::string text : {"a: 1\r\nb: 2\n", "a: |\r\n  x\r\n\r\n  y\r\n", "a: >-\r\n  x\r\n  y\n", "a: 'q'\r\n",
                                   "- [a, b]\r\n- {c: d}\r\n", "a: x # c\r\n", "a:\r\n  - b\r\n", "a: |\r\n  \r\n"})
        requireSame(text);
}

TEST_CASE("mutations of the sample workbook read the same both ways", "[yaml][fast]") {
    const std::string original = quire::test::readFile(quire::test::sourceDir() + "/resources/examples/marketing.yaml");
    REQUIRE(compareYamlReaders(original).fastPathRead);
    std::mt19937 random(20261206);
    const std::string inserts = " \t:-#'\"|>[]{},&*!?\n\\x0";
    int fastRead = 0;
    for (int round = 0; round < 300; ++round) {
        std::string text = original;
        const int edits = 1 + int(random() % 3);
        for (int e = 0; e < edits; ++e) {
            const std::size_t at = random() % text.size();
            switch (random() % 4) {
            case 0: text.erase(at, 1); break;
            case 1: text.insert(at, 1, inserts[random() % inserts.size()]); break;
            case 2: text[at] = inserts[random() % inserts.size()]; break;
            default: { // a line copied elsewhere
                const std::size_t start = text.rfind('\n', at) + 1;
                const std::size_t end = text.find('\n', at);
                const std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start + 1);
                text.insert(random() % text.size(), line);
            }
            }
        }
        INFO("round " << round);
        if (fastPathReads(text)) ++fastRead;
    }
    CHECK(fastRead > 30); // the mutations exercise the fast path, not only libyaml
}

TEST_CASE("mutations of the sample workbook with CRLF line breaks read the same both ways", "[yaml][fast]") {
    const std::string original = withCrlf(quire::test::readFile(quire::test::sourceDir() + "/resources/examples/marketing.yaml"));
    REQUIRE(compareYamlReaders(original).fastPathRead);
    std::mt19937 random(1206);
    const std::string inserts = " \t:-#'\"|>[]{},\n\r";
    int fastRead = 0;
    for (int round = 0; round < 150; ++round) {
        std::string text = original;
        for (int e = 0; e < 2; ++e) {
            const std::size_t at = random() % text.size();
            if (random() % 2) text.erase(at, 1);
            else text.insert(at, 1, inserts[random() % inserts.size()]);
        }
        INFO("round " << round);
        if (fastPathReads(text)) ++fastRead;
    }
    CHECK(fastRead > 15);
}
