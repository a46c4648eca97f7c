#pragma once
// The files of resources/geo, embedded by embed_geo.cmake (generated embedded_geo.cpp).
#include <string>
#include <string_view>

namespace quire::geo::detail {

// The text of resources/geo/<name> ("countries.json"), or "" when there is no such file.
std::string embeddedGeoFile(std::string_view name);

} // namespace quire::geo::detail
