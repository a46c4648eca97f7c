#include <quire/geo/shapes.h>

#include "embedded_geo.h"

#include <quire/core/text.h>
#include <quire/doc/io.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>

namespace quire::geo {

void Bounds::add(LonLat p) {
    if (empty()) {
        west = east = p.lon, south = north = p.lat;
        return;
    }
    west = std::min(west, p.lon), east = std::max(east, p.lon);
    south = std::min(south, p.lat), north = std::max(north, p.lat);
}

void Bounds::add(const Bounds& other) {
    if (other.empty()) return;
    add(LonLat{other.west, other.south});
    add(LonLat{other.east, other.north});
}

namespace {

std::string keyOf(std::string_view value) { return asciiLower(trimmed(value, " \t\r\n")); }

Diagnostic badFile(const std::string& message, const std::string& pointer = {}) {
    return makeDiagnostic("geo/bad-region-file", message, pointer);
}

// Strings of a member that must be an array of strings (absent = none).
bool readStrings(const Json& object, const char* key, std::vector<std::string>& out) {
    if (!object.contains(key)) return true;
    const Json& list = object[key];
    if (!list.is_array()) return false;
    for (const Json& s : list) {
        if (!s.is_string()) return false;
        out.push_back(s.get<std::string>());
    }
    return true;
}

} // namespace

int RegionSet::indexOf(std::string_view value) const {
    auto it = index_.find(keyOf(value));
    return it == index_.end() ? -1 : it->second;
}

const RegionShape* RegionSet::find(std::string_view value) const {
    const int i = indexOf(value);
    return i < 0 ? nullptr : &regions[std::size_t(i)];
}

void RegionSet::buildIndex() {
    index_.clear();
    for (std::size_t i = 0; i < regions.size(); ++i) {
        const RegionShape& r = regions[i];
        index_.emplace(keyOf(r.name), int(i));
        for (const auto& c : r.codes) index_.emplace(keyOf(c), int(i));
        for (const auto& a : r.aliases) index_.emplace(keyOf(a), int(i));
    }
    index_.erase(std::string());
}

Expected<RegionSet> parseRegionSet(std::string_view json) {
    doc::LoadLimits limits;
    limits.maxDepth = 8;
    limits.maxBytes = 64u << 20;
    doc::LoadResult loaded = doc::parseDocument(json, doc::Format::Json, {}, limits);
    if (!loaded.ok()) {
        for (const Diagnostic& d : loaded.diagnostics)
            if (d.severity == Severity::Error) return badFile("region file: " + d.message + " [" + d.rule + "]", d.pointer);
        return badFile("region file: not a JSON object");
    }
    const Json& root = loaded.document->root;
    if (!root.is_object() || !root.contains("regions") || !root["regions"].is_array())
        return badFile("region file: expected an object with a `regions` array");
    RegionSet set;
    set.regionType = root.value("regionType", "");
    set.source = root.value("source", "");
    const Json& regions = root["regions"];
    for (std::size_t i = 0; i < regions.size(); ++i) {
        const std::string at = "/regions/" + std::to_string(i);
        const Json& r = regions[i];
        if (!r.is_object() || !r.contains("name") || !r["name"].is_string() || !r.contains("rings") || !r["rings"].is_array())
            return badFile("region file: a region is an object with a `name` and `rings`", at);
        RegionShape shape;
        shape.name = r["name"].get<std::string>();
        if (!readStrings(r, "codes", shape.codes) || !readStrings(r, "aliases", shape.aliases))
            return badFile("region file: `codes` and `aliases` are arrays of strings", at);
        for (std::size_t k = 0; k < r["rings"].size(); ++k) {
            const Json& flat = r["rings"][k];
            if (!flat.is_array() || flat.size() % 2 != 0 || flat.size() < 6)
                return badFile("region file: a ring is an array of at least three lon, lat pairs", at + "/rings/" + std::to_string(k));
            Ring ring;
            ring.reserve(flat.size() / 2);
            for (std::size_t j = 0; j + 1 < flat.size(); j += 2) {
                if (!flat[j].is_number() || !flat[j + 1].is_number())
                    return badFile("region file: coordinates are numbers", at + "/rings/" + std::to_string(k));
                const LonLat p{flat[j].get<double>(), flat[j + 1].get<double>()};
                if (!std::isfinite(p.lon) || !std::isfinite(p.lat) || std::fabs(p.lat) > 90 || std::fabs(p.lon) > 540)
                    return badFile("region file: a coordinate is out of range", at + "/rings/" + std::to_string(k));
                ring.push_back(p);
                shape.bounds.add(p);
            }
            shape.rings.push_back(std::move(ring));
        }
        set.regions.push_back(std::move(shape));
    }
    set.buildIndex();
    return set;
}

const RegionSet* bundledRegions(std::string_view regionType) {
    static std::mutex mutex;
    static std::map<std::string, std::optional<RegionSet>, std::less<>> cache;
    const std::lock_guard lock(mutex);
    if (auto it = cache.find(regionType); it != cache.end()) return it->second ? &*it->second : nullptr;
    std::optional<RegionSet> set;
    const char* file = regionType == "country" ? "countries.json" : regionType == "us-state" ? "us-states.json" : nullptr;
    if (file) {
        Expected<RegionSet> parsed = parseRegionSet(detail::embeddedGeoFile(file));
        if (parsed) set = std::move(parsed).value();
    }
    auto [it, inserted] = cache.emplace(std::string(regionType), std::move(set));
    (void)inserted;
    return it->second ? &*it->second : nullptr;
}

} // namespace quire::geo
