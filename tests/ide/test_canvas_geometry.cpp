// Where cards sit: a container's title and padding take room of their own, so a container's children are never
// clipped by it and the next container never overlaps them.
#include <catch2/catch.hpp>

#include "canvas_geometry.h"

#include <quire/doc/layout.h>

using namespace quire;
using namespace quire::ide;

namespace {
const PlacedNode& placed(const std::vector<PlacedNode>& nodes, const std::string& handle) {
    for (const auto& n : nodes)
        if (n.handle == handle) return n;
    FAIL("no placed node " << handle);
    return nodes.front();
}
} // namespace

TEST_CASE("a 3-row container holds its three rows of controls, and the next container starts below them", "[ide][geometry]") {
    auto parsed = doc::parseLayout(R"xml(<Page type="grid" gridTemplateColumns="repeat(24, 1fr)" gridTemplateRows="auto" id="p">
  <Container elementId="filters" type="grid" gridColumn="1 / 25" gridRow="1 / 4" gridTemplateColumns="repeat(24, 1fr)">
    <Element elementId="c1" gridColumn="1 / 9" gridRow="1 / 2"/>
    <Element elementId="c2" gridColumn="1 / 9" gridRow="2 / 3"/>
    <Element elementId="c3" gridColumn="9 / 17" gridRow="2 / 4"/>
  </Container>
  <Container elementId="more" type="grid" gridColumn="1 / 25" gridRow="4 / 7" gridTemplateColumns="repeat(24, 1fr)">
    <Element elementId="d1" gridColumn="1 / 25" gridRow="1 / 4"/>
  </Container>
  <Element elementId="table" gridColumn="1 / 25" gridRow="7 / 12"/>
</Page>)xml");
    REQUIRE(parsed.tree.regions.size() == 1);
    const CanvasMetrics m;
    const auto nodes = placeRegion(parsed.tree.regions.front(), 1200, m);
    const QRect filters = placed(nodes, "filters").rect;
    const QRect more = placed(nodes, "more").rect;
    for (const char* child : {"c1", "c2", "c3"}) {
        INFO(child);
        const QRect r = placed(nodes, child).rect;
        CHECK(innerArea(placed(nodes, "filters"), m).contains(r));
        CHECK(r.height() >= m.rowHeight - 6); // a full row: not cut
        CHECK_FALSE(r.intersects(more));
    }
    CHECK(placed(nodes, "c3").rect.height() >= 2 * m.rowHeight - 6);
    CHECK_FALSE(filters.intersects(more));
    CHECK(innerArea(placed(nodes, "more"), m).contains(placed(nodes, "d1").rect));
    CHECK_FALSE(placed(nodes, "table").rect.intersects(more));
    // Rows without containers keep the grid's row height.
    CHECK(placed(nodes, "table").rect.height() == 5 * m.rowHeight - 6);
}
