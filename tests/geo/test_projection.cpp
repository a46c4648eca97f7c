// Map projections: every bundled shape lands inside the plane; the US layout keeps the lower 48 in proportion
// and puts Alaska and Hawaii in insets that overlap no state.
#include <catch2/catch.hpp>

#include <quire/geo/projection.h>

#include <cmath>

using namespace quire::geo;

namespace {

struct Box {
    double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
    void add(PlanePoint p) { x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y); }
    bool overlaps(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

Box projected(const MapProjection& m, const RegionShape& r) {
    Box b;
    for (const Ring& ring : r.rings)
        for (const LonLat& p : ring) b.add(m.project(p));
    return b;
}

} // namespace

TEST_CASE("the US state layout fits every state, keeps proportions and insets Alaska and Hawaii", "[geo]") {
    const RegionSet* states = bundledRegions("us-state");
    REQUIRE(states);
    const MapProjection m = MapProjection::usStates();
    const PlaneSize size = m.size();
    for (const RegionShape& r : states->regions) {
        const Box b = projected(m, r);
        INFO(r.name);
        CHECK(b.x0 >= -0.01);
        CHECK(b.y0 >= -0.01);
        CHECK(b.x1 <= size.width + 0.01);
        CHECK(b.y1 <= size.height + 0.01);
    }
    // The lower 48: as wide as their longitudes at 38N and as tall as their latitudes (not squashed).
    Box lower48;
    for (const RegionShape& r : states->regions)
        if (r.name != "Alaska" && r.name != "Hawaii") {
            const Box b = projected(m, r);
            lower48.add({b.x0, b.y0});
            lower48.add({b.x1, b.y1});
        }
    const double ratio = (lower48.x1 - lower48.x0) / (lower48.y1 - lower48.y0);
    CHECK(ratio == Approx((124.7 - 66.95) * std::cos(38 * 3.14159265 / 180) / (49.38 - 24.52)).epsilon(0.04));
    // Alaska and Hawaii: insets under the south-west, smaller than real Alaska, touching no other state.
    const Box alaska = projected(m, *states->find("AK")), hawaii = projected(m, *states->find("HI"));
    CHECK(alaska.x0 < lower48.x0 + (lower48.x1 - lower48.x0) / 3);
    CHECK(alaska.y1 > lower48.y0 + (lower48.y1 - lower48.y0) * 0.7);
    CHECK(alaska.x1 - alaska.x0 < (lower48.x1 - lower48.x0) / 3);
    CHECK_FALSE(alaska.overlaps(hawaii));
    for (const char* name : {"CA", "AZ", "NM", "TX", "NV", "OR"}) {
        INFO(name);
        CHECK_FALSE(projected(m, *states->find(name)).overlaps(alaska));
        CHECK_FALSE(projected(m, *states->find(name)).overlaps(hawaii));
    }
    REQUIRE(m.insets().size() == 2);
    // North is up and east is right.
    CHECK(m.project({-100, 45}).y < m.project({-100, 30}).y);
    CHECK(m.project({-120, 40}).x < m.project({-80, 40}).x);
}

TEST_CASE("the world plane holds every country but Antarctica, which comes only when asked", "[geo]") {
    const RegionSet* countries = bundledRegions("country");
    REQUIRE(countries);
    const MapProjection m = MapProjection::world();
    CHECK(m.size().width == 360);
    for (const RegionShape& r : countries->regions) {
        if (r.name == "Antarctica") continue;
        const Box b = projected(m, r);
        INFO(r.name);
        CHECK(b.x0 >= 0);
        CHECK(b.x1 <= 360);
        CHECK(b.y0 >= 0);
        CHECK(b.y1 <= m.size().height);
    }
    CHECK(projected(m, *countries->find("Antarctica")).y1 > m.size().height);
    const MapProjection withAntarctica = MapProjection::world(true);
    CHECK(projected(withAntarctica, *countries->find("Antarctica")).y1 <= withAntarctica.size().height + 0.01);
}

TEST_CASE("a fitted plane covers its view with a margin and keeps shapes in proportion", "[geo]") {
    Bounds view;
    view.add(LonLat{10, 40});
    view.add(LonLat{20, 50});
    const MapProjection m = MapProjection::fitted(view);
    const PlanePoint sw = m.project({10, 40}), ne = m.project({20, 50});
    CHECK(sw.x > 0);
    CHECK(ne.y > 0);
    CHECK(ne.x < m.size().width);
    CHECK(sw.y < m.size().height);
    CHECK((ne.x - sw.x) / (sw.y - ne.y) == Approx(std::cos(45 * 3.14159265 / 180)));
    // One point: still a plane around it.
    Bounds point;
    point.add(LonLat{5, 5});
    const MapProjection single = MapProjection::fitted(point);
    CHECK(single.size().width > 0.9);
    CHECK(single.size().height > 0.9);
    CHECK(MapProjection::fitted(Bounds{}).size().width == 360);
}
