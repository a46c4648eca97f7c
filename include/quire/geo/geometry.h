#pragma once
// A geography value as a geography-map draws it: WKT or GeoJSON text from a warehouse cell, read by a strict,
// bounded parser (size, nesting depth and vertex count are limited; anything else is a located error, never
// a crash).
#include <quire/core/expected.h>
#include <quire/geo/shapes.h>

#include <cstddef>
#include <string_view>
#include <vector>

namespace quire::geo {

struct Geometry {
    std::vector<LonLat> points;
    std::vector<Ring> lines;
    std::vector<std::vector<Ring>> polygons; // each: the outer ring, then its holes
    bool empty() const { return points.empty() && lines.empty() && polygons.empty(); }
    std::size_t vertexCount() const;
    Bounds bounds() const;
};

struct GeometryLimits {
    std::size_t maxBytes = 1u << 20;    // longer text is refused unread
    std::size_t maxVertices = 200'000;  // coordinates in one value
    int maxDepth = 6;                   // GEOMETRYCOLLECTION / GeometryCollection nesting
};

// WKT: POINT, MULTIPOINT, LINESTRING, MULTILINESTRING, POLYGON, MULTIPOLYGON, GEOMETRYCOLLECTION, each optionally
// EMPTY, with an optional `SRID=n;` prefix; Z/M ordinates are read and dropped. GeoJSON: the same geometry
// types, a Feature (its geometry) or a FeatureCollection. Coordinates are longitude, latitude in degrees
// (|lon| <= 540, |lat| <= 90, finite). An error is a geo/bad-geometry diagnostic whose column is the
// character where reading stopped.
Expected<Geometry> parseGeometry(std::string_view text, const GeometryLimits& limits = {});

} // namespace quire::geo
