#pragma once
// Region outlines for region-map previews: the bundled countries and US states (resources/geo/README.md), and
// the lookup of a warehouse value (a name, an ISO or postal code, an alias; ASCII case and surrounding spaces
// ignored) to its region.
#include <quire/core/expected.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace quire::geo {

struct LonLat {
    double lon = 0, lat = 0;
};
using Ring = std::vector<LonLat>;

// A longitude/latitude box; empty until something is added.
struct Bounds {
    double west = 1, south = 1, east = -1, north = -1;
    bool empty() const { return west > east || south > north; }
    void add(LonLat p);
    void add(const Bounds& other);
    double area() const { return empty() ? 0 : (east - west) * (north - south); }
};

struct RegionShape {
    std::string name;
    std::vector<std::string> codes;   // ISO 3166 alpha-2/alpha-3, USPS postal codes
    std::vector<std::string> aliases; // other names of the same region
    std::vector<Ring> rings;          // outer rings (islands), no holes
    Bounds bounds;
};

class RegionSet {
public:
    std::string regionType; // "country", "us-state"
    std::string source;     // where the shapes come from
    std::vector<RegionShape> regions;

    // The region a value names, or -1.
    int indexOf(std::string_view value) const;
    const RegionShape* find(std::string_view value) const;
    // Fills the lookup from names, codes and aliases; the first region claiming a key keeps it.
    void buildIndex();

private:
    std::unordered_map<std::string, int> index_;
};

// A region file of resources/geo (format in its README). Bad text gives a geo/bad-region-file diagnostic.
Expected<RegionSet> parseRegionSet(std::string_view json);

// The bundled shapes for a region-map `regionType`, parsed once; nullptr for a type Quire ships no shapes for
// (us-county, us-zipcode, ...).
const RegionSet* bundledRegions(std::string_view regionType);

} // namespace quire::geo
