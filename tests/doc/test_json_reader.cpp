#include <catch2/catch.hpp>
#include <quire/doc/io.h>

#include <string>
#include <vector>

using namespace quire;
using namespace quire::doc;

namespace {
Diagnostic onlyError(const LoadResult& r) {
    REQUIRE_FALSE(r.document.has_value());
    REQUIRE(r.diagnostics.size() == 1);
    return r.diagnostics.front();
}
} // namespace

TEST_CASE("JSON reader keeps key order and records positions", "[doc][json]") {
    auto r = parseDocument("{\n  \"z\": 1,\n  \"a\": {\"k\": [true, null, \"x\"]}\n}\n", Format::Json, "t.json");
    REQUIRE(r.ok());
    const auto& doc = *r.document;
    auto it = doc.root.begin();
    CHECK(it.key() == "z");
    CHECK((++it).key() == "a");
    CHECK(doc.positions.find("/z").line == 2);
    CHECK(doc.positions.find("/z").column == 3);
    CHECK(doc.positions.find("/a/k/2").line == 3);
    CHECK(doc.positions.find("/a/k/2").column == 27);
    CHECK(doc.locate("/a/k/1").file == "t.json");
}

TEST_CASE("JSON reader keeps integers and floats apart", "[doc][json]") {
    auto r = parseDocument(R"({"i": 9007199254740993, "u": 18446744073709551615, "f": 1.0, "e": -2.5e-3, "n": -7})",
                           Format::Json);
    REQUIRE(r.ok());
    const auto& root = r.document->root;
    CHECK(root["i"].is_number_integer());
    CHECK(root["i"].get<std::int64_t>() == 9007199254740993LL);
    CHECK(root["u"].is_number_unsigned());
    CHECK(root["f"].is_number_float());
    CHECK(root["n"].get<int>() == -7);
    CHECK(toJsonText(root).find("1.0") != std::string::npos);
}

TEST_CASE("JSON reader rejects duplicate keys at the second key", "[doc][json]") {
    const auto d = onlyError(parseDocument("{\n  \"id\": 1,\n  \"id\": 2\n}", Format::Json, "dup.json"));
    CHECK(d.rule == "json/duplicate-key");
    CHECK(d.location.line == 3);
    CHECK(d.location.column == 3);
}

TEST_CASE("JSON syntax errors carry the line and column", "[doc][json]") {
    SECTION("missing comma") {
        const auto d = onlyError(parseDocument("{\"a\": 1\n \"b\": 2}", Format::Json));
        CHECK(d.rule == "json/syntax");
        CHECK(d.location.line == 2);
        CHECK(d.location.column == 2);
    }
    SECTION("unterminated string points at its start") {
        const auto d = onlyError(parseDocument("{\"a\": \"abc", Format::Json));
        CHECK(d.message.find("unterminated") != std::string::npos);
        CHECK(d.location.column == 7);
    }
    SECTION("trailing garbage") { CHECK(onlyError(parseDocument("{} x", Format::Json)).location.column == 4); }
    SECTION("empty file") { CHECK(onlyError(parseDocument("  \n", Format::Json)).rule == "json/syntax"); }
    SECTION("leading zero") { CHECK(onlyError(parseDocument("[01]", Format::Json)).rule == "json/syntax"); }
    SECTION("bad escape") { CHECK(onlyError(parseDocument(R"(["\q"])", Format::Json)).rule == "json/syntax"); }
    SECTION("raw control character") { CHECK(onlyError(parseDocument("[\"a\tb\"]", Format::Json)).rule == "json/syntax"); }
    SECTION("lone surrogate") { CHECK(onlyError(parseDocument(R"(["\ud800"])", Format::Json)).rule == "io/invalid-utf8"); }
}

TEST_CASE("JSON escapes decode to UTF-8", "[doc][json]") {
    auto r = parseDocument(R"({"s": "\u00e9\ud83d\ude00\n\"\\\/"})", Format::Json);
    REQUIRE(r.ok());
    CHECK(r.document->root["s"].get<std::string>() == "\xC3\xA9\xF0\x9F\x98\x80\n\"\\/");
}

TEST_CASE("invalid UTF-8 is reported where it is", "[doc][json]") {
    std::string text = "{\n  \"a\": \"ok\",\n  \"b\": \"x\xFFy\"\n}";
    const auto d = onlyError(parseDocument(text, Format::Json, "bad.json"));
    CHECK(d.rule == "io/invalid-utf8");
    CHECK(d.location.line == 3);
    CHECK(d.location.column == 10);
}

TEST_CASE("10,000-deep nesting is an error, not a crash", "[doc][json]") {
    std::string deep(10000, '[');
    deep += std::string(10000, ']');
    const auto d = onlyError(parseDocument(deep, Format::Json));
    CHECK(d.rule == "io/too-deep");
    std::string deepObjects;
    for (int i = 0; i < 10000; ++i) deepObjects += "{\"a\":";
    deepObjects += "1" + std::string(10000, '}');
    CHECK(onlyError(parseDocument(deepObjects, Format::Json)).rule == "io/too-deep");
}

TEST_CASE("a 50 MB JSON document loads", "[doc][json]") {
    std::string big = "{\"rows\": [";
    const std::string row = R"({"id": "row-0000", "value": 12345.678, "label": "caf\u00e9 \u2014 d\u00e9j\u00e0 vu", "flags": [true, false, null]})";
    std::size_t count = 0;
    while (big.size() < 50u * 1024 * 1024) {
        if (count++) big += ',';
        big += row;
    }
    big += "]}";
    auto r = parseDocument(big, Format::Json, "big.json");
    REQUIRE(r.ok());
    CHECK(r.document->root["rows"].size() == count);
}

TEST_CASE("loadDocument reports unreadable files", "[doc][json]") {
    auto r = loadDocument("/nonexistent/dir/file.json");
    REQUIRE_FALSE(r.document.has_value());
    CHECK(r.diagnostics.at(0).rule == "io/read-failed");
    CHECK(r.diagnostics.at(0).message.find("no such file") != std::string::npos);
}

TEST_CASE("JSON objects keep every member in file order around large members", "[doc][json]") {
    // A large member followed by more members (as `layout` follows `elements`), past the size where duplicate
    // keys are looked up in a set.
    std::string text = "{\"big\": [";
    for (int i = 0; i < 50; ++i) text += std::string(i ? "," : "") + "{\"id\": \"e" + std::to_string(i) + "\", \"cols\": [\"a\"]}";
    text += "]";
    for (int k = 0; k < 20; ++k) text += ",\n\"k" + std::to_string(k) + "\": " + std::to_string(k);
    auto r = parseDocument(text + "}", Format::Json, "o.json");
    REQUIRE(r.ok());
    const Json& root = r.document->root;
    std::vector<std::string> keys;
    for (auto it = root.begin(); it != root.end(); ++it) keys.push_back(it.key());
    REQUIRE(keys.size() == 21);
    CHECK(keys.front() == "big");
    CHECK(keys[1] == "k0");
    CHECK(keys.back() == "k19");
    CHECK(root["big"][49]["id"] == "e49");
    CHECK(root["k19"] == 19);
    CHECK(r.document->positions.find("/k19").line == 21);

    const auto d = onlyError(parseDocument(text + ",\n\"k17\": 0}", Format::Json, "o.json"));
    CHECK(d.rule == "json/duplicate-key");
    CHECK(d.location.line == 22);
}
