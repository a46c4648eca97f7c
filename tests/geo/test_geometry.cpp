// Geography values: WKT and GeoJSON read into points, lines and polygons; hostile text (deep nesting, huge
// values, bad numbers, truncation, garbage) is a located geo/bad-geometry error, never a crash.
#include <catch2/catch.hpp>

#include <quire/geo/geometry.h>

#include <string>

using namespace quire;
using namespace quire::geo;

TEST_CASE("WKT geometries of every kind are read", "[geo]") {
    auto point = parseGeometry("POINT(-122.42 37.77)");
    REQUIRE(point);
    REQUIRE(point->points.size() == 1);
    CHECK(point->points[0].lon == -122.42);
    CHECK(point->points[0].lat == 37.77);
    auto lower = parseGeometry("  point z ( 1 2 3 ) ");
    REQUIRE(lower);
    CHECK(lower->points[0].lat == 2);
    auto line = parseGeometry("LINESTRING (30 10, 10 30, 40 40)");
    REQUIRE(line);
    REQUIRE(line->lines.size() == 1);
    CHECK(line->lines[0].size() == 3);
    auto polygon = parseGeometry("POLYGON ((35 10, 45 45, 15 40, 10 20, 35 10), (20 30, 35 35, 30 20, 20 30))");
    REQUIRE(polygon);
    REQUIRE(polygon->polygons.size() == 1);
    CHECK(polygon->polygons[0].size() == 2);
    CHECK(polygon->bounds().west == 10);
    CHECK(polygon->bounds().north == 45);
    auto multi = parseGeometry("MULTIPOLYGON (((30 20, 45 40, 10 40, 30 20)), ((15 5, 40 10, 10 20, 5 10, 15 5)))");
    REQUIRE(multi);
    CHECK(multi->polygons.size() == 2);
    CHECK(multi->vertexCount() == 9);
    auto points = parseGeometry("MULTIPOINT ((10 40), (40 30), 20 20)");
    REQUIRE(points);
    CHECK(points->points.size() == 3);
    auto lines = parseGeometry("MULTILINESTRING ((10 10, 20 20), (40 40, 30 30, 40 20))");
    REQUIRE(lines);
    CHECK(lines->lines.size() == 2);
    auto collection = parseGeometry("SRID=4326;GEOMETRYCOLLECTION (POINT (40 10), LINESTRING (10 10, 20 20), POLYGON EMPTY)");
    REQUIRE(collection);
    CHECK(collection->points.size() == 1);
    CHECK(collection->lines.size() == 1);
    auto empty = parseGeometry("POINT EMPTY");
    REQUIRE(empty);
    CHECK(empty->empty());
}

TEST_CASE("GeoJSON geometries, features and collections are read", "[geo]") {
    auto point = parseGeometry(R"({"type":"Point","coordinates":[2.35,48.86]})");
    REQUIRE(point);
    CHECK(point->points.at(0).lon == 2.35);
    auto polygon = parseGeometry(R"({"type":"Polygon","coordinates":[[[0,0],[4,0],[4,3],[0,0]]]})");
    REQUIRE(polygon);
    CHECK(polygon->polygons.at(0).at(0).size() == 4);
    auto multi = parseGeometry(R"({"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]})");
    REQUIRE(multi);
    CHECK(multi->polygons.size() == 2);
    auto feature = parseGeometry(R"({"type":"Feature","properties":{"name":"x"},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1,9]]}})");
    REQUIRE(feature);
    CHECK(feature->lines.size() == 1);
    auto features = parseGeometry(R"({"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}},
        {"type":"Feature","geometry":null},{"type":"Feature","geometry":{"type":"MultiPoint","coordinates":[[3,4],[5,6]]}}]})");
    REQUIRE(features);
    CHECK(features->points.size() == 3);
}

TEST_CASE("hostile geography values are located errors, never a crash", "[geo]") {
    auto rejected = [](const std::string& text, const GeometryLimits& limits = {}) {
        auto r = parseGeometry(text, limits);
        INFO(text.substr(0, 120));
        REQUIRE_FALSE(r);
        CHECK(r.error().rule == "geo/bad-geometry");
        CHECK_FALSE(r.error().message.empty());
        return r.error();
    };
    // Malformed WKT, each stopping at a known column.
    CHECK(rejected("POINT(1 2").location.column == 10);
    CHECK(rejected("POINT(1)").location.column == 8);
    CHECK(rejected("POINT(1 2) trailing").location.column == 12);
    CHECK(rejected("CIRCLE(1 2 3)").location.column == 1);
    rejected("");
    rejected("   ");
    rejected("POINT");
    rejected("POINT(abc def)");
    rejected("POINT(1 2 3 4 5)");
    rejected("POINT(nan 2)");
    rejected("POINT(inf 2)");
    rejected("POINT(1e400 2)");
    rejected("POINT(10 95)");           // latitude out of range
    rejected("POINT(1000 10)");         // longitude out of range
    rejected("LINESTRING(1 2)");        // one point is no line
    rejected("POLYGON((0 0, 1 0, 1 1))");          // too few points
    rejected("POLYGON((0 0, 1 0, 1 1, 0 1))");     // not closed
    rejected("MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0))");
    rejected("SRID=4326 POINT(1 2)");
    rejected("POINT(1 2)\x01");
    rejected(std::string("POINT(1 2\0)", 11));
    // Deep nesting: collections beyond the limit, and a wall of parentheses.
    std::string deep;
    for (int i = 0; i < 10000; ++i) deep += "GEOMETRYCOLLECTION(";
    deep += "POINT(1 2)" + std::string(10000, ')'); // well formed but for its depth
    CHECK(rejected(deep).message.find("deeper") != std::string::npos);
    std::string shallowEnough = "GEOMETRYCOLLECTION(GEOMETRYCOLLECTION(POINT(1 2)))";
    CHECK(parseGeometry(shallowEnough));
    rejected(std::string(100000, '('));
    rejected("POLYGON" + std::string(50000, '(') + "0 0" + std::string(50000, ')'));
    // Size and vertex limits.
    GeometryLimits small;
    small.maxBytes = 64;
    rejected("LINESTRING(" + std::string(100, ' ') + "0 0, 1 1)", small);
    GeometryLimits few;
    few.maxVertices = 3;
    rejected("LINESTRING(0 0, 1 1, 2 2, 3 3)", few);
    std::string many = "MULTIPOINT(";
    for (int i = 0; i < 300000; ++i) many += (i ? ",1 1" : "1 1");
    rejected(many + ")");
    // GeoJSON: syntax errors are located by line and column; wrong shapes are refused.
    const Diagnostic syntax = rejected("{\"type\":\"Point\",\n \"coordinates\":[1,}");
    CHECK(syntax.location.line == 2);
    rejected(R"({"type":"Point"})");
    rejected(R"({"type":"Point","coordinates":[1]})");
    rejected(R"({"type":"Point","coordinates":["1","2"]})");
    rejected(R"({"type":"Point","coordinates":[1,2,3,4,5]})");
    rejected(R"({"type":"Point","coordinates":[600,2]})");
    rejected(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]})");
    rejected(R"({"type":"Polygon","coordinates":[]})");
    rejected(R"({"type":"Sphere","coordinates":[1,2]})");
    rejected(R"({"type":7})");
    rejected(R"({"type":"Feature"})");
    rejected(R"({"type":"GeometryCollection","geometries":{}})");
    rejected(R"({"type":"Point","coordinates":[1,2],"type":"Point"})"); // duplicate key
    std::string nested = R"({"type":"Point","coordinates":)" + std::string(20000, '[') + std::string(20000, ']') + "}";
    rejected(nested);
    std::string collections;
    for (int i = 0; i < 50; ++i) collections += R"({"type":"GeometryCollection","geometries":[)";
    collections += R"({"type":"Point","coordinates":[1,2]})";
    for (int i = 0; i < 50; ++i) collections += "]}";
    CHECK(rejected(collections).message.find("deeper") != std::string::npos);
    rejected("{\"type\":\"Point\",\"coordinates\":[1,2]}\xff");
}
