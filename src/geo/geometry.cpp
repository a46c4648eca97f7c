#include <quire/geo/geometry.h>

#include "geometry_readers.h"

#include <cmath>

namespace quire::geo {

std::size_t Geometry::vertexCount() const {
    std::size_t n = points.size();
    for (const Ring& line : lines) n += line.size();
    for (const auto& polygon : polygons)
        for (const Ring& ring : polygon) n += ring.size();
    return n;
}

Bounds Geometry::bounds() const {
    Bounds b;
    for (const LonLat& p : points) b.add(p);
    for (const Ring& line : lines)
        for (const LonLat& p : line) b.add(p);
    for (const auto& polygon : polygons)
        if (!polygon.empty())
            for (const LonLat& p : polygon.front()) b.add(p); // holes lie inside the outer ring
    return b;
}

namespace detail {

Diagnostic badGeometry(const std::string& message, int line, int column) {
    SourceLocation at;
    at.line = line;
    at.column = column;
    return makeDiagnostic("geo/bad-geometry", message, {}, at);
}

bool validCoordinate(double lon, double lat) {
    return std::isfinite(lon) && std::isfinite(lat) && std::fabs(lon) <= 540 && std::fabs(lat) <= 90;
}

} // namespace detail

Expected<Geometry> parseGeometry(std::string_view text, const GeometryLimits& limits) {
    if (text.size() > limits.maxBytes)
        return detail::badGeometry("geography value is " + std::to_string(text.size()) + " bytes, more than the " +
                                   std::to_string(limits.maxBytes) + " a map reads");
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return detail::badGeometry("geography value is empty");
    return text[first] == '{' ? detail::parseGeoJson(text, limits) : detail::parseWkt(text, limits);
}

} // namespace quire::geo
