// The bundled region shapes (resources/geo): they load, and a warehouse value finds its region by name, ISO
// code, postal code or alias, whatever its ASCII case and surrounding spaces.
#include <catch2/catch.hpp>

#include <quire/geo/shapes.h>

#include <cmath>

using namespace quire;
using namespace quire::geo;

namespace {

bool contains(const RegionShape& r, LonLat p) { // even-odd over all rings
    bool in = false;
    for (const Ring& ring : r.rings)
        for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
            if ((ring[i].lat > p.lat) != (ring[j].lat > p.lat) &&
                p.lon < (ring[j].lon - ring[i].lon) * (p.lat - ring[i].lat) / (ring[j].lat - ring[i].lat) + ring[i].lon)
                in = !in;
    return in;
}

} // namespace

TEST_CASE("countries are found by name, ISO codes and aliases, any case", "[geo]") {
    const RegionSet* countries = bundledRegions("country");
    REQUIRE(countries);
    CHECK(countries->regions.size() > 200);
    const RegionShape* usa = countries->find("United States");
    REQUIRE(usa);
    for (const char* key : {"usa", "US", "United States of America", "  united states  ", "USA"}) CHECK(countries->find(key) == usa);
    const RegionShape* uk = countries->find("United Kingdom");
    REQUIRE(uk);
    CHECK(countries->find("gb") == uk);
    CHECK(countries->find("GBR") == uk);
    CHECK(countries->find("uk") == uk);
    REQUIRE(countries->find("germany"));
    CHECK(countries->find("DEU") == countries->find("Germany"));
    CHECK(countries->find("de") == countries->find("Germany"));
    CHECK(countries->find("Atlantis") == nullptr);
    CHECK(countries->find("") == nullptr);
    // Every country of the sample warehouse (users.country) has a shape.
    for (const char* name : {"United States", "United Kingdom", "Canada", "Germany", "France", "Australia", "India", "Brazil", "Japan"})
        CHECK(countries->find(name));
    // Shapes are where they belong: Paris in France, Berlin in Germany, not the other way round.
    CHECK(contains(*countries->find("FR"), {2.35, 48.86}));
    CHECK(contains(*countries->find("DE"), {13.40, 52.52}));
    CHECK_FALSE(contains(*countries->find("FR"), {13.40, 52.52}));
    CHECK(contains(*countries->find("BR"), {-47.9, -15.8}));
}

TEST_CASE("US states are found by name and postal code, Alaska and Hawaii included", "[geo]") {
    const RegionSet* states = bundledRegions("us-state");
    REQUIRE(states);
    CHECK(states->regions.size() == 51); // 50 states and DC
    const RegionShape* ca = states->find("California");
    REQUIRE(ca);
    CHECK(states->find("ca") == ca);
    CHECK(states->find("CALIFORNIA") == ca);
    CHECK(states->find("DC") == states->find("District of Columbia"));
    CHECK(states->find("ZZ") == nullptr);
    CHECK(contains(*ca, {-119.4, 36.8}));
    CHECK(contains(*states->find("TX"), {-97.74, 30.27}));  // Austin
    CHECK(contains(*states->find("ak"), {-149.9, 61.2}));   // Anchorage
    CHECK(contains(*states->find("hi"), {-155.5, 19.6}));   // the Big Island
    CHECK(contains(*states->find("NY"), {-73.76, 42.65}));  // Albany
    // Alaska is one piece: the Aleutians west of 180 are stored below -180, not near +180.
    CHECK(states->find("AK")->bounds.east < -129);
    CHECK(states->find("AK")->bounds.west < -180);
    // No unknown region type gets shapes.
    CHECK(bundledRegions("us-county") == nullptr);
    CHECK(bundledRegions("") == nullptr);
}

TEST_CASE("a region file that is not well formed is a located error", "[geo]") {
    auto ok = parseRegionSet(R"({"regionType":"x","regions":[{"name":"Square","codes":["SQ"],"rings":[[0,0,1,0,1,1,0,1]]}]})");
    REQUIRE(ok);
    CHECK(ok->find("sq") == &ok->regions[0]);
    CHECK(ok->regions[0].bounds.east == 1);
    for (const char* bad : {"", "[]", "{\"regions\":3}", R"({"regions":[{"name":"A","rings":[[0,0,1]]}]})",
                            R"({"regions":[{"name":"A","rings":[[0,0,1,0,"x",1]]}]})", R"({"regions":[{"name":"A","rings":[[0,0,1,0,1,95]]}]})",
                            R"({"regions":[{"name":"A","codes":"X","rings":[]}]})", "{\"regions\":[[[[[[[[[[[]]]]]]]]]]]}"}) {
        auto r = parseRegionSet(bad);
        INFO(bad);
        REQUIRE_FALSE(r);
        CHECK(r.error().rule == "geo/bad-region-file");
    }
    auto located = parseRegionSet(R"({"regions":[{"name":"A","rings":[]},{"name":"B","rings":[[0,0]]}]})");
    REQUIRE_FALSE(located);
    CHECK(located.error().pointer == "/regions/1/rings/0");
}
