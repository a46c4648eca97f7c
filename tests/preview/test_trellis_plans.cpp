// Trellised charts of the display-options gallery (spec §3.5 `trellis`, §10.2: a chart groups by its axis,
// colour and trellis dimensions), planned and run on a generated SQLite sample warehouse: the trellis column is
// in the result, grouped with the axis, its values match hand-written SQL, and rows come panel by panel.
#include <catch2/catch.hpp>

#include <quire/connect/odbc.h>
#include <quire/connect/sample_warehouse.h>
#include <quire/doc/io.h>
#include <quire/preview/connect_params.h>
#include <quire/preview/planner.h>
#include <quire/preview/session.h>
#include <quire/sql/dialect.h>
#include <test_support.h>

#include "small_sample.h"

#include <algorithm>
#include <map>

using namespace quire;
using namespace quire::preview;

namespace {

struct TrellisSample : quire::test::SmallSample {
    TrellisSample() : SmallSample("trellis-plans", 5000) {}
};

std::size_t columnOf(const PlannedQuery& plan, const std::string& name) {
    const auto it = std::find(plan.columns.begin(), plan.columns.end(), name);
    REQUIRE(it != plan.columns.end());
    return std::size_t(it - plan.columns.begin());
}

} // namespace

TEST_CASE("a trellised chart groups by its trellis column and returns its rows panel by panel", "[preview][trellis]") {
    TrellisSample sample;
    auto loaded = doc::loadDocument(quire::test::sourceDir() + "/resources/examples/gallery.yaml");
    REQUIRE(loaded.ok());
    PreviewSession session(*loaded.document->contents());
    const auto& sqlite = sql::dialect(sql::DialectId::SQLite);

    SECTION("bars per device: one row per (device, channel), counts as plain SQL, devices in order") {
        const PlannedQuery plan = planElement(session, "trellis-bars", sqlite, {"2025-06-01", {}, {}});
        REQUIRE(plan.ok());
        const std::size_t device = columnOf(plan, "Device"), channel = columnOf(plan, "Channel"), count = columnOf(plan, "Sessions");
        const auto got = sample.run(plan);
        const auto want = sample.pairs("SELECT s.device || '|' || c.channel_name, count(*) FROM sessions s "
                                       "JOIN channels c ON c.channel_id = s.channel_id GROUP BY s.device, c.channel_name");
        REQUIRE(got.rowCount() == want.size());
        REQUIRE(want.size() > 8); // more than one device per channel
        for (std::size_t r = 0; r < got.rowCount(); ++r) {
            const std::string key = got.toString(r, device) + "|" + got.toString(r, channel);
            INFO(key);
            REQUIRE(want.count(key));
            CHECK(got.toString(r, count) == want.at(key));
            if (r > 0) { // panel by panel (device), each along its axis (channel)
                const std::string previous = got.toString(r - 1, device);
                CHECK(previous <= got.toString(r, device));
                if (previous == got.toString(r, device)) CHECK(got.toString(r - 1, channel) < got.toString(r, channel));
            }
        }
    }
    SECTION("lines per status: revenue per (status, month) as plain SQL, statuses in order") {
        const PlannedQuery plan = planElement(session, "trellis-lines", sqlite, {"2025-06-01", {}, {}});
        REQUIRE(plan.ok());
        const std::size_t status = columnOf(plan, "Status"), month = columnOf(plan, "Month"), revenue = columnOf(plan, "Revenue");
        const auto got = sample.run(plan);
        const auto want = sample.pairs("SELECT status || '|' || strftime('%Y-%m', order_date), round(sum(revenue), 2) FROM orders GROUP BY 1");
        REQUIRE(got.rowCount() == want.size());
        for (std::size_t r = 0; r < got.rowCount(); ++r) {
            const std::string key = got.toString(r, status) + "|" + got.toString(r, month).substr(0, 7);
            INFO(key);
            REQUIRE(want.count(key));
            CHECK(std::stod(got.toString(r, revenue)) == Approx(std::stod(want.at(key))).margin(0.01));
            if (r > 0) CHECK(got.toString(r - 1, status) <= got.toString(r, status));
        }
    }
    SECTION("an explicit sort wins over the panel order") {
        Json contents = *loaded.document->contents();
        for (auto& e : contents["elements"])
            if (e.value("id", "") == "trellis-bars") e["sort"] = Json::array({Json{{"columnId", "tb-sessions"}, {"direction", "descending"}}});
        PreviewSession sorted(contents);
        const PlannedQuery plan = planElement(sorted, "trellis-bars", sqlite, {"2025-06-01", {}, {}});
        REQUIRE(plan.ok());
        const auto got = sample.run(plan);
        const std::size_t count = columnOf(plan, "Sessions");
        for (std::size_t r = 1; r < got.rowCount(); ++r) CHECK(std::stoll(got.toString(r - 1, count)) >= std::stoll(got.toString(r, count)));
    }
}
