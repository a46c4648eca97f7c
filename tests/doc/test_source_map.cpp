#include "test_support.h"

#include <catch2/catch.hpp>
#include <quire/doc/document.h>
#include <quire/doc/io.h>

#include <filesystem>
#include <sstream>

using namespace quire::doc;

namespace {

// The text at a 1-based line:column (columns count UTF-8 characters).
std::string_view textAt(std::string_view text, SourcePos pos) {
    std::size_t at = 0;
    for (int line = 1; line < pos.line && at != std::string_view::npos; ++line) {
        at = text.find('\n', at);
        if (at != std::string_view::npos) ++at;
    }
    if (at == std::string_view::npos) return {};
    for (int column = 1; column < pos.column && at < text.size(); ++at)
        if ((static_cast<unsigned char>(text[at]) & 0xC0) != 0x80) ++column;
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
    return text.substr(at);
}

// Every member of every object is located at its key: the key as written, plain or quoted.
int checkMemberPositions(const Document& doc, std::string_view text) {
    int checked = 0;
    std::vector<std::pair<const quire::Json*, std::string>> stack{{&doc.root, ""}};
    while (!stack.empty()) {
        auto [value, pointer] = stack.back();
        stack.pop_back();
        if (value->is_object()) {
            for (auto it = value->begin(); it != value->end(); ++it) {
                const std::string child = pointer + "/" + escapePointerToken(it.key());
                const std::string_view at = textAt(text, doc.positions.find(child));
                const bool ok = at.substr(0, it.key().size()) == it.key() ||
                                at.substr(0, it.key().size() + 1) == "\"" + it.key() ||
                                at.substr(0, it.key().size() + 1) == "'" + it.key();
                INFO(child << " is at: " << std::string(at.substr(0, 40)));
                REQUIRE(ok);
                ++checked;
                stack.push_back({&*it, child});
            }
        } else if (value->is_array()) {
            for (std::size_t i = 0; i < value->size(); ++i) stack.push_back({&(*value)[i], pointer + "/" + std::to_string(i)});
        }
    }
    return checked;
}

} // namespace

TEST_CASE("SourceMap falls back to the nearest ancestor", "[base]") {
    SourceMap map;
    map.set("", {1, 1});
    map.set("/contents", {3, 3});
    map.set("/contents/elements/0", {7, 7});
    CHECK(map.find("/contents/elements/0/columns/2").line == 7);
    CHECK(map.find("/contents/pages").line == 3);
    CHECK(map.find("/name").line == 1);
}

TEST_CASE("SourceMap keeps the last position set for a pointer, also after lookups", "[base]") {
    SourceMap map;
    map.set("/a", {1, 1});
    map.set("/a/b", {2, 2});
    map.set("/a", {5, 5});
    CHECK(map.find("/a").line == 5);
    CHECK(map.size() == 2);
    map.set("/a/b", {9, 9}); // set after a lookup: sorted again on the next one
    map.set("/a/c", {4, 4});
    CHECK(map.find("/a/b/x/y").line == 9);
    CHECK(map.find("/a/c").line == 4);
    CHECK(map.find("/z").line == 0); // no root recorded
    map.set("", {1, 2});
    CHECK(map.find("no-slash").column == 2);
    CHECK(map.find("/a~1b").line == 1); // "/a~1b" is one token, not /a then /b
    map.clear();
    CHECK(map.empty());
    CHECK(map.find("/a").line == 0);
}

TEST_CASE("SourceMap tells 200,000 recorded pointers apart and builds lazily once", "[base]") {
    SourceMap map;
    int builds = 0;
    map.setLazy([&](SourceMap& m) {
        ++builds;
        for (int e = 0; e < 10000; ++e)
            for (int c = 0; c < 20; ++c)
                m.set("/contents/elements/" + std::to_string(e) + "/columns/" + std::to_string(c), {e + 1, c + 1});
    });
    CHECK(builds == 0);
    CHECK(map.size() == 200000);
    for (int e = 0; e < 10000; e += 7)
        for (int c = 0; c < 20; c += 3) {
            const SourcePos pos = map.find("/contents/elements/" + std::to_string(e) + "/columns/" + std::to_string(c) + "/formula");
            REQUIRE(pos.line == e + 1);
            REQUIRE(pos.column == c + 1);
        }
    CHECK(builds == 1);
}

// The positions are recorded by a second pass that builds nothing (yaml_reader.cpp); this checks each of them
// against the text over every workbook the repository ships.
TEST_CASE("every member of the shipped YAML and JSON workbooks is located at its key", "[base]") {
    int files = 0;
    for (const char* dir : {"/resources/examples", "/resources/templates", "/tests/corpus", "/tests/corpus/seed-compact"}) {
        for (const auto& entry : std::filesystem::directory_iterator(quire::test::sourceDir() + dir)) {
            const std::string ext = entry.path().extension().string();
            if (ext != ".yaml" && ext != ".json") continue;
            const auto loaded = loadDocument(entry.path().string());
            INFO(entry.path().string());
            REQUIRE(loaded.ok());
            CHECK(checkMemberPositions(*loaded.document, *loaded.document->sourceText) > 10);
            ++files;
        }
    }
    CHECK(files >= 8);
}

TEST_CASE("Document finds its body under contents or legacy document", "[base]") {
    Document doc;
    doc.root = quire::Json::parse(R"({"name":"x","document":{"kind":"workbook"}})");
    REQUIRE(doc.contents() != nullptr);
    CHECK(doc.contentsPointer() == "/document");
    doc.root = quire::Json::parse(R"({"contents":{"kind":"workbook"}})");
    CHECK(doc.contentsPointer() == "/contents");
    doc.root = quire::Json::parse(R"([1,2])");
    CHECK(doc.contents() == nullptr);
}
