#include <catch2/catch.hpp>
#include <quire/doc/document.h>

using namespace quire::doc;

TEST_CASE("SourceMap falls back to the nearest ancestor", "[base]") {
    SourceMap map;
    map.set("", {1, 1});
    map.set("/contents", {3, 3});
    map.set("/contents/elements/0", {7, 7});
    CHECK(map.find("/contents/elements/0/columns/2").line == 7);
    CHECK(map.find("/contents/pages").line == 3);
    CHECK(map.find("/name").line == 1);
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
