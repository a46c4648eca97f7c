#pragma once
// The two readers behind geo::parseGeometry; text is already within the size limit.
#include <quire/geo/geometry.h>

namespace quire::geo::detail {

Expected<Geometry> parseWkt(std::string_view text, const GeometryLimits& limits);
Expected<Geometry> parseGeoJson(std::string_view text, const GeometryLimits& limits);
// A geo/bad-geometry diagnostic at a 1-based line and column (0 = unknown).
Diagnostic badGeometry(const std::string& message, int line = 0, int column = 0);
// Whether a coordinate is usable: finite, |lon| <= 540, |lat| <= 90.
bool validCoordinate(double lon, double lat);

} // namespace quire::geo::detail
