// Map elements (spec §3.5 Maps): the channel each kind draws from is there, and a region map names a region
// type Sigma knows.
#include "context.h"
#include "pointer.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace quire::validate {
namespace {

constexpr std::array<std::string_view, 7> kRegionTypes{"country", "us-state", "us-county", "us-zipcode", "us-cbsa", "us-postal-place",
                                                        "ca-province"};

// A channel present as an object with a column pointer (columnId, or `id` in older map documents).
bool hasChannel(const Json& element, const char* key) {
    const Json* channel = Context::member(element, key);
    return channel && channel->is_object() && (!Context::str(*channel, "columnId").empty() || !Context::str(*channel, "id").empty());
}

void requireChannel(Context& ctx, const ElementRef& e, const char* key, const char* what) {
    if (!hasChannel(*e.json, key))
        ctx.report("chart/map-channel", child(e.pointer, key),
                   "a " + e.kind + " needs `" + key + ": {columnId}` (" + what + "); without it the map draws nothing");
}

} // namespace

void checkMaps(Context& ctx) {
    for (const auto& e : ctx.elements) {
        if (e.kind == "point-map") {
            requireChannel(ctx, e, "latitude", "the column of latitudes");
            requireChannel(ctx, e, "longitude", "the column of longitudes");
        } else if (e.kind == "geography-map") {
            requireChannel(ctx, e, "geography", "the column of WKT or GeoJSON values");
        } else if (e.kind == "region-map") {
            requireChannel(ctx, e, "region", "the column of region names or codes");
            const Json* region = Context::member(*e.json, "region");
            if (!region || !region->is_object()) continue;
            const Json* type = Context::member(*region, "regionType");
            std::string known;
            for (std::string_view t : kRegionTypes) known += (known.empty() ? "" : ", ") + std::string(t);
            if (!type)
                ctx.report("chart/region-type", child(child(e.pointer, "region"), "regionType"),
                           "a region map needs `region.regionType` (" + known + ")");
            else if (!type->is_string() || std::find(kRegionTypes.begin(), kRegionTypes.end(), type->get<std::string>()) == kRegionTypes.end())
                ctx.report("chart/region-type", child(child(e.pointer, "region"), "regionType"),
                           "region type " + type->dump() + " is not one of " + known);
        }
    }
}

} // namespace quire::validate
