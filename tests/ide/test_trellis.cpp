// Trellised charts (spec §3.5 `trellis {rowsBy, columnsBy}`) drawn from real preview rows over the embedded
// sample warehouse: one panel per trellis value, labelled, with shared axes (one value scale, the same
// categories at the same place in every panel), one donut per panel, and a cap on the panel count. Expected
// values come from plain SQL on the same SQLite file; what is drawn is read from the recorded panel marks and
// the bar and slice hit shapes.
#include <catch2/catch.hpp>

#include "chart_options_fixture.h"

#include <cmath>
#include <map>
#include <set>

using namespace quire;
using namespace quire::ide;
using quire::test::OptionsFixture;
using quire::test::place;

namespace {

const char* kSessionsJoin = " FROM sessions s JOIN channels c ON c.channel_id = s.channel_id ";

std::vector<const ChartMark*> panelsOf(const OptionsFixture& f, const QString& id) {
    std::vector<const ChartMark*> panels;
    for (const auto& m : f.marks(id))
        if (m.kind == "trellis-panel") panels.push_back(&m);
    return panels;
}

// The panel whose chart contains the point.
const ChartMark* panelAt(const std::vector<const ChartMark*>& panels, const QPointF& point) {
    for (const ChartMark* p : panels)
        if (p->shape.boundingRect().contains(point)) return p;
    return nullptr;
}

} // namespace

TEST_CASE("a bar chart trellised by a column draws one panel per value over one value scale and one set of categories",
          "[ide][charts][trellis]") {
    OptionsFixture f(R"YAML(    - id: per-device
      kind: bar-chart
      name: Sessions by channel, per device
      source: {kind: table, elementId: sessions}
      columns:
        - {id: t-channel, name: Channel, formula: "[Sessions/Channel]"}
        - {id: t-device, name: Device, formula: "[Sessions/Device]"}
        - {id: t-sessions, name: Sessions, formula: "Count()"}
      xAxis: {columnId: t-channel}
      yAxis: {columnIds: [t-sessions]}
      trellis: {columnsBy: [{columnId: t-device}]}
)YAML", place("per-device", 1, 25, 1, 20));
    f.ready("per-device");
    const auto sessions = f.sql(std::string("SELECT s.device || '|' || c.channel_name, count(*)") + kSessionsJoin + "GROUP BY s.device, c.channel_name");
    const auto devices = f.sql(std::string("SELECT device, count(*) FROM sessions GROUP BY 1"));
    REQUIRE(devices.size() >= 2);

    // One labelled panel per device, side by side (the columnsBy direction), all the same size.
    const auto panels = panelsOf(f, "per-device");
    REQUIRE(panels.size() == devices.size());
    std::set<std::string> labelled;
    for (const ChartMark* p : panels) {
        labelled.insert(p->text.section(": ", 1).toStdString());
        CHECK(p->shape.boundingRect().size() == panels[0]->shape.boundingRect().size());
        CHECK(p->shape.boundingRect().top() == Approx(panels[0]->shape.boundingRect().top()));
        if (p != panels[0]) CHECK(p->shape.boundingRect().left() > panels[0]->shape.boundingRect().right());
    }
    std::set<std::string> expectedDevices;
    for (const auto& [device, n] : devices) expectedDevices.insert(device);
    CHECK(labelled == expectedDevices);
    CHECK(panels[0]->text.startsWith("Device: "));

    // Every (device, channel) group is one bar, inside the panel of its device; heights are proportional to the
    // plain-SQL counts with one scale for every panel, bars stand on one baseline, and a channel sits at the
    // same place in every panel.
    const auto& bars = f.hits("per-device");
    REQUIRE(bars.size() == sessions.size());
    double pxPerSession = 0;
    double baseline = -1;
    std::map<QString, double> channelX; // offset from the panel's left edge
    for (const auto& h : bars) {
        REQUIRE(h.rows.size() == 1);
        const QString device = f.text("per-device", h.rows[0], "t-device"), channel = f.text("per-device", h.rows[0], "t-channel");
        const QRectF box = h.shape.boundingRect();
        const ChartMark* panel = panelAt(panels, box.center());
        REQUIRE(panel);
        CHECK(panel->text == "Device: " + device);
        const double ratio = box.height() / sessions.at((device + "|" + channel).toStdString());
        const double bottom = box.bottom() - panel->shape.boundingRect().top(); // the zero line, from the panel's top
        if (pxPerSession == 0) pxPerSession = ratio, baseline = bottom;
        CHECK(ratio == Approx(pxPerSession).epsilon(0.03));
        CHECK(bottom == Approx(baseline).margin(1.0));
        const double offset = box.center().x() - panel->shape.boundingRect().left();
        if (channelX.count(channel)) CHECK(offset == Approx(channelX[channel]).margin(1.0));
        channelX[channel] = offset;
        CHECK_FALSE(quire::test::near(f.at(box.center()), Qt::white, 20)); // the bar is painted there
    }
    f.save("trellis-bars.png");
}

TEST_CASE("trellis rowsBy x columnsBy lays panels out as a grid, and a trellised donut draws one donut per panel", "[ide][charts][trellis]") {
    OptionsFixture f(R"YAML(    - id: grid
      kind: line-chart
      name: Sessions by pages viewed, device x channel type
      source: {kind: table, elementId: sessions}
      columns:
        - {id: g-pages, name: Pages, formula: "[Sessions/Pages]"}
        - {id: g-device, name: Device, formula: "[Sessions/Device]"}
        - {id: g-paid, name: Long, formula: "If([Sessions/Duration] > 300, \"long\", \"short\")"}
        - {id: g-sessions, name: Sessions, formula: "Count()"}
      xAxis: {columnId: g-pages}
      yAxis: {columnIds: [g-sessions]}
      trellis: {rowsBy: [{columnId: g-device}], columnsBy: [{columnId: g-paid}]}
    - id: donuts
      kind: donut-chart
      name: Devices per channel
      source: {kind: table, elementId: sessions}
      columns:
        - {id: d-channel, name: Channel, formula: "[Sessions/Channel]"}
        - {id: d-device, name: Device, formula: "[Sessions/Device]"}
        - {id: d-sessions, name: Sessions, formula: "Count()"}
      value: {columnId: d-sessions}
      color: {columnId: d-device}
      trellis: {columnsBy: [{columnId: d-channel}]}
)YAML", place("grid", 1, 25, 1, 24) + place("donuts", 1, 25, 24, 44));
    f.ready("grid");
    f.ready("donuts");
    const std::size_t devices = f.sql("SELECT device, count(*) FROM sessions GROUP BY 1").size();
    const std::size_t channels = f.sql("SELECT channel_name, count(*) FROM channels GROUP BY 1").size();

    // Grid: a row of panels per device, a column per duration class; rows share a top, columns a left edge.
    const auto grid = panelsOf(f, "grid");
    REQUIRE(grid.size() == devices * 2);
    std::set<double> tops, lefts;
    for (const ChartMark* p : grid) {
        tops.insert(std::round(p->shape.boundingRect().top()));
        lefts.insert(std::round(p->shape.boundingRect().left()));
        CHECK(p->text.contains("Device: "));
        CHECK((p->text.endsWith("Long: long") || p->text.endsWith("Long: short")));
    }
    CHECK(tops.size() == devices);
    CHECK(lefts.size() == 2);
    // Every point is in the panel of its device and duration class.
    for (const auto& h : f.hits("grid")) {
        const ChartMark* panel = panelAt(grid, h.shape.boundingRect().center());
        REQUIRE(panel);
        CHECK(panel->text == "Device: " + f.text("grid", h.rows[0], "g-device") + " · Long: " + f.text("grid", h.rows[0], "g-paid"));
    }

    // Donuts: one per channel; each slice sits in its channel's panel, and the slices of a panel sweep its whole
    // circle in the shares plain SQL gives.
    const auto donuts = panelsOf(f, "donuts");
    REQUIRE(donuts.size() == std::min<std::size_t>(channels, 24));
    const auto perChannel = f.sql(std::string("SELECT c.channel_name || '|' || s.device, count(*)") + kSessionsJoin + "GROUP BY 1");
    REQUIRE(f.hits("donuts").size() == perChannel.size());
    std::map<QString, int> slices;
    for (const auto& h : f.hits("donuts")) {
        const QString channel = f.text("donuts", h.rows[0], "d-channel");
        const ChartMark* panel = panelAt(donuts, h.shape.boundingRect().center());
        REQUIRE(panel);
        CHECK(panel->text == "Channel: " + channel);
        ++slices[channel];
    }
    CHECK(slices.size() == donuts.size());
    f.save("trellis-grid.png");
}

TEST_CASE("a trellis with more values than the panel cap draws the first panels and says how many exist", "[ide][charts][trellis]") {
    OptionsFixture f(R"YAML(    - id: many
      kind: bar-chart
      name: Orders by status, per item count
      source: {kind: table, elementId: orders}
      columns:
        - {id: m-status, name: Status, formula: "[Orders/Status]"}
        - {id: m-bucket, name: Bucket, formula: "Mod([Orders/Items] * 7 + Round([Orders/Revenue]), 30)"}
        - {id: m-orders, name: Orders, formula: "Count()"}
      xAxis: {columnId: m-status}
      yAxis: {columnIds: [m-orders]}
      trellis: {rowsBy: [{columnId: m-bucket}]}
)YAML", place("many", 1, 25, 1, 30));
    const PreviewData d = f.ready("many");
    std::set<QString> buckets;
    for (std::size_t r = 0; r < d.rows.size(); ++r) buckets.insert(f.text("many", int(r), "m-bucket"));
    REQUIRE(buckets.size() > std::size_t(24));
    CHECK(panelsOf(f, "many").size() == 24);
    const ChartMark* more = nullptr;
    for (const auto& m : f.marks("many"))
        if (m.kind == "trellis-more") more = &m;
    REQUIRE(more);
    CHECK(more->value == double(buckets.size()));
    CHECK(more->text.contains(QString::number(buckets.size())));
}
