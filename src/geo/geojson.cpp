// GeoJSON geometry read with the workbook loader's bounded JSON reader (depth, size, located syntax errors),
// then walked with a depth count of its own.
#include "geometry_readers.h"

#include <quire/doc/io.h>

namespace quire::geo::detail {
namespace {

class GeoJsonReader {
public:
    explicit GeoJsonReader(const GeometryLimits& limits) : limits_(limits) {}

    bool value(const Json& node, int depth) {
        if (!node.is_object() || !node.contains("type") || !node["type"].is_string())
            return failed("a geometry is an object with a string `type`");
        const std::string type = node["type"].get<std::string>();
        if (type == "Feature") {
            if (!node.contains("geometry")) return failed("a Feature has a `geometry`");
            return node["geometry"].is_null() || value(node["geometry"], depth);
        }
        if (type == "FeatureCollection" || type == "GeometryCollection") {
            const char* key = type == "FeatureCollection" ? "features" : "geometries";
            if (depth + 1 > limits_.maxDepth) return failed("collections nest deeper than " + std::to_string(limits_.maxDepth) + " levels");
            if (!node.contains(key) || !node[key].is_array()) return failed(type + " has a `" + key + "` array");
            for (const Json& item : node[key])
                if (!value(item, depth + 1)) return false;
            return true;
        }
        if (!node.contains("coordinates") || !node["coordinates"].is_array()) return failed(type + " has a `coordinates` array");
        const Json& c = node["coordinates"];
        if (type == "Point") return point(c, geometry_.points);
        if (type == "MultiPoint") {
            for (const Json& p : c)
                if (!point(p, geometry_.points)) return false;
            return true;
        }
        if (type == "LineString") return line(c, geometry_.lines);
        if (type == "MultiLineString") {
            for (const Json& l : c)
                if (!line(l, geometry_.lines)) return false;
            return true;
        }
        if (type == "Polygon") return polygon(c);
        if (type == "MultiPolygon") {
            for (const Json& p : c)
                if (!polygon(p)) return false;
            return true;
        }
        return failed("unknown geometry type " + type);
    }

    Geometry geometry_;
    std::string problem_;

private:
    const GeometryLimits& limits_;
    std::size_t vertices_ = 0;

    bool failed(std::string message) {
        problem_ = std::move(message);
        return false;
    }
    bool point(const Json& c, std::vector<LonLat>& out) {
        if (!c.is_array() || c.size() < 2 || c.size() > 4) return failed("a position is an array of 2 to 4 numbers");
        for (const Json& n : c)
            if (!n.is_number()) return failed("a position is an array of 2 to 4 numbers");
        const double lon = c[0].get<double>(), lat = c[1].get<double>();
        if (!validCoordinate(lon, lat)) return failed("coordinate out of range (longitude, latitude in degrees)");
        if (++vertices_ > limits_.maxVertices) return failed("more than " + std::to_string(limits_.maxVertices) + " coordinates");
        out.push_back({lon, lat});
        return true;
    }
    bool positions(const Json& c, Ring& out, std::size_t minimum, const char* what) {
        if (!c.is_array()) return failed(std::string(what) + " is an array of positions");
        for (const Json& p : c)
            if (!point(p, out)) return false;
        if (out.size() < minimum) return failed(std::string(what) + " needs at least " + std::to_string(minimum) + " positions");
        return true;
    }
    bool line(const Json& c, std::vector<Ring>& out) {
        Ring l;
        if (!positions(c, l, 2, "a line")) return false;
        out.push_back(std::move(l));
        return true;
    }
    bool polygon(const Json& c) {
        if (!c.is_array() || c.empty()) return failed("a polygon is an array of rings");
        std::vector<Ring> rings;
        for (const Json& r : c) {
            Ring ring;
            if (!positions(r, ring, 4, "a polygon ring")) return false;
            if (ring.front().lon != ring.back().lon || ring.front().lat != ring.back().lat) return failed("a polygon ring is not closed");
            rings.push_back(std::move(ring));
        }
        geometry_.polygons.push_back(std::move(rings));
        return true;
    }
};

} // namespace

Expected<Geometry> parseGeoJson(std::string_view text, const GeometryLimits& limits) {
    doc::LoadLimits json;
    json.maxBytes = limits.maxBytes;
    // FeatureCollection > features > Feature > geometry > ... GeometryCollection levels (2 each) > 4 array levels.
    json.maxDepth = 2 * limits.maxDepth + 8;
    doc::LoadResult loaded = doc::parseDocument(text, doc::Format::Json, {}, json);
    if (!loaded.ok()) {
        for (const Diagnostic& d : loaded.diagnostics)
            if (d.severity == Severity::Error) return badGeometry("GeoJSON: " + d.message, d.location.line, d.location.column);
        return badGeometry("GeoJSON: not a JSON value");
    }
    GeoJsonReader reader(limits);
    if (!reader.value(loaded.document->root, 0)) return badGeometry("GeoJSON: " + reader.problem_);
    return std::move(reader.geometry_);
}

} // namespace quire::geo::detail
