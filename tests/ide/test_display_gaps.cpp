// The last display options of the designer's table (docs/ide.md, *Display options*): pie and donut slice order
// (`color.sort`), KPI `layout` anchors and stack totals (`dataLabel.totals`). Expected values come from plain
// SQL on the sample warehouse.
#include <catch2/catch.hpp>

#include "chart_options_fixture.h"
#include "custom_charts.h"

#include <QLocale>
#include <QPainter>
#include <QtMath>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace quire;
using namespace quire::ide;
using quire::test::OptionsFixture;
using quire::test::place;

namespace {
// The statuses of a circular chart's slices in clockwise order from 12 o'clock, read from where each wedge
// lies (the direction of its centroid from the centre of the chart), not from the order they were recorded in.
std::vector<std::string> slicesClockwise(const OptionsFixture& f, const QString& id, const QString& colourColumn) {
    QRectF outer;
    for (const auto& h : f.hits(id)) outer = outer.united(h.shape.boundingRect());
    const QPointF centre = outer.center();
    std::vector<std::pair<double, std::string>> byAngle;
    for (const auto& h : f.hits(id)) {
        const QPolygonF polygon = h.shape.toFillPolygon();
        QPointF mean;
        for (const QPointF& p : polygon) mean += p;
        mean /= double(std::max<qsizetype>(1, polygon.size()));
        // Clockwise from 12 o'clock, in degrees (screen y grows downwards).
        double angle = qRadiansToDegrees(std::atan2(mean.x() - centre.x(), centre.y() - mean.y()));
        if (angle < 0) angle += 360;
        byAngle.push_back({angle, f.text(id, h.rows.front(), colourColumn).toStdString()});
    }
    std::sort(byAngle.begin(), byAngle.end());
    std::vector<std::string> out;
    for (const auto& [angle, status] : byAngle) out.push_back(status);
    return out;
}

std::vector<std::string> firstColumn(const OptionsFixture& f, const std::string& sql) {
    const auto r = connect::query("Driver=SQLite3;Database=" + f.warehouse.db + ";", sql);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < r.rowCount(); ++i) out.push_back(r.toString(i, 0));
    return out;
}
} // namespace

TEST_CASE("color.sort orders the slices of pies and donuts clockwise", "[ide][charts][options]") {
    OptionsFixture f(R"YAML(    - id: big-first
      kind: donut-chart
      name: Largest first
      source: {kind: table, elementId: orders}
      columns:
        - {id: b-status, name: Status, formula: "[Orders/Status]"}
        - {id: b-revenue, name: Revenue, formula: "Sum([Orders/Revenue])"}
      value: {columnId: b-revenue}
      color: {columnId: b-status, sort: {by: b-revenue, direction: descending}}
    - id: small-first
      kind: pie-chart
      name: Smallest first
      source: {kind: table, elementId: orders}
      columns:
        - {id: s-status, name: Status, formula: "[Orders/Status]"}
        - {id: s-count, name: Orders, formula: "Count()"}
      value: {columnId: s-count}
      color: {columnId: s-status, sort: {by: s-count, direction: ascending}}
    - id: by-name
      kind: pie-chart
      name: Z to A
      source: {kind: table, elementId: orders}
      columns:
        - {id: n-status, name: Status, formula: "[Orders/Status]"}
        - {id: n-count, name: Orders, formula: "Count()"}
      value: {columnId: n-count}
      color: {columnId: n-status, sort: {by: n-status, direction: descending}}
)YAML", place("big-first", 1, 9, 1, 14) + place("small-first", 9, 17, 1, 14) + place("by-name", 17, 25, 1, 14));
    f.ready("big-first");
    const auto byRevenue = firstColumn(f, "SELECT status FROM orders GROUP BY status ORDER BY sum(revenue) DESC");
    const auto byCount = firstColumn(f, "SELECT status FROM orders GROUP BY status ORDER BY count(*) ASC");
    const auto byName = firstColumn(f, "SELECT DISTINCT status FROM orders ORDER BY status DESC");
    REQUIRE(byRevenue.size() >= 3);
    // The sorted orders differ from one another, so a chart drawing rows in one fixed order fails somewhere.
    CHECK((byRevenue != byName || byCount != byName));
    CHECK(slicesClockwise(f, "big-first", "b-status") == byRevenue);
    CHECK(slicesClockwise(f, "small-first", "s-status") == byCount);
    CHECK(slicesClockwise(f, "by-name", "n-status") == byName);
    f.save("slice-order.png");
}

namespace {
// The KPI painter over a known card area: the marks it records and the ink it leaves.
struct KpiCard {
    QImage image{400, 260, QImage::Format_ARGB32};
    QRect area{20, 30, 320, 180};
    ChartMarks marks;
    explicit KpiCard(const Json& layout) {
        image.fill(Qt::white);
        Json element = Json::parse(R"J({"id": "k", "kind": "kpi-chart", "value": {"columnId": "v", "fontSize": 28},
                                        "comparisonColumn": {"columnId": "c"}, "comparison": {"display": "delta"}})J");
        if (!layout.is_null()) element["layout"] = layout;
        PreviewData data;
        data.state = PreviewData::State::Ready;
        data.columnIds = {"v", "c"};
        data.columnNames = {"Value", "Before"};
        data.rows = {{QVariant(1234.0), QVariant(1000.0)}};
        QPainter p(&image);
        paintKpi(p, area, element, data, marks);
    }
    QRectF box(const char* kind) const {
        for (const auto& m : marks)
            if (m.kind == kind) return m.shape.boundingRect();
        FAIL("no " << kind);
        return {};
    }
    QRect ink() const { // the bounding box of everything painted
        QRect r;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                if (image.pixelColor(x, y).lightness() < 200) r = r.united(QRect(x, y, 1, 1));
        return r;
    }
};
} // namespace

TEST_CASE("KPI layout anchors place the value and its comparison in the card", "[ide][charts][options]") {
    const KpiCard centred(Json{}), leftTop(Json{{"anchor", "left"}, {"verticalAnchor", "top"}}),
        rightBottom(Json{{"anchor", "right"}, {"verticalAnchor", "bottom"}});
    const QRect area = centred.area;
    // Default: both lines centred on the card.
    CHECK(centred.box("kpi-value").center().x() == Approx(area.center().x()).margin(1));
    CHECK(centred.box("kpi-delta").center().x() == Approx(area.center().x()).margin(1));
    // left / top: both lines flush with the left edge, the value at the top; the ink is there too.
    CHECK(leftTop.box("kpi-value").left() == Approx(area.left() + 6).margin(1));
    CHECK(leftTop.box("kpi-delta").left() == Approx(area.left() + 6).margin(1));
    CHECK(leftTop.box("kpi-value").top() == Approx(area.top() + 6).margin(1));
    CHECK(leftTop.box("kpi-delta").top() >= leftTop.box("kpi-value").bottom() - 1); // the comparison stays below the value
    const QRect lt = leftTop.ink();
    CHECK(lt.left() >= area.left() + 5);
    CHECK(lt.left() <= area.left() + 10);
    CHECK(lt.top() >= area.top() + 5);
    CHECK(lt.top() <= area.top() + 16);
    CHECK(lt.bottom() < area.center().y());
    // right / bottom: flush right, the comparison line's bottom at the bottom edge.
    CHECK(rightBottom.box("kpi-value").right() == Approx(area.right() - 6).margin(1));
    CHECK(rightBottom.box("kpi-delta").right() == Approx(area.right() - 6).margin(1));
    CHECK(rightBottom.box("kpi-delta").bottom() == Approx(area.bottom() - 6).margin(1));
    CHECK(rightBottom.box("kpi-delta").top() >= rightBottom.box("kpi-value").bottom() - 1);
    const QRect rb = rightBottom.ink();
    CHECK(rb.right() <= area.right() - 5);
    CHECK(rb.right() >= area.right() - 10);
    CHECK(rb.bottom() <= area.bottom() - 5);
    CHECK(rb.bottom() >= area.bottom() - 16);
    CHECK(rb.top() > area.center().y());
    // The texts do not change with the layout.
    CHECK(leftTop.box("kpi-value").size() == centred.box("kpi-value").size());
    CHECK(rightBottom.box("kpi-delta").size() == centred.box("kpi-delta").size());
}

TEST_CASE("KPI titleOrient and comparisonValueOrient place the title and the comparison around the value", "[ide][charts][options]") {
    const KpiCard plain(Json{});
    bool titled = false;
    for (const auto& m : plain.marks) titled = titled || m.kind == "kpi-title";
    CHECK_FALSE(titled); // without titleOrient the card header is the only title
    const QRect area = plain.area;
    // The comparison beside the value, on its right or left, vertically centred on it.
    const KpiCard right(Json{{"comparisonValueOrient", "right"}}), left(Json{{"comparisonValueOrient", "left"}});
    CHECK(right.box("kpi-delta").left() >= right.box("kpi-value").right());
    CHECK(right.box("kpi-delta").center().y() == Approx(right.box("kpi-value").center().y()).margin(1));
    CHECK(right.box("kpi-value").united(right.box("kpi-delta")).center().x() == Approx(area.center().x()).margin(1));
    CHECK(left.box("kpi-delta").right() <= left.box("kpi-value").left());
    // Above the value.
    const KpiCard top(Json{{"comparisonValueOrient", "top"}});
    CHECK(top.box("kpi-delta").bottom() <= top.box("kpi-value").top());
    // The title (the value column's name: the element has no name) above, below or beside the value.
    const KpiCard titleTop(Json{{"titleOrient", "top"}}), titleBottom(Json{{"titleOrient", "bottom"}}),
        titleLeft(Json{{"titleOrient", "left"}, {"anchor", "left"}});
    CHECK(titleTop.box("kpi-title").bottom() <= titleTop.box("kpi-value").top());
    CHECK(titleBottom.box("kpi-title").top() >= titleBottom.box("kpi-delta").bottom());
    CHECK(titleLeft.box("kpi-title").left() == Approx(area.left() + 6).margin(1));
    CHECK(titleLeft.box("kpi-value").left() >= titleLeft.box("kpi-title").right());
    for (const auto& m : titleTop.marks)
        if (m.kind == "kpi-title") CHECK(m.text == "Value");
    // Everything stays inside the card.
    for (const KpiCard* card : {&right, &left, &top, &titleTop, &titleBottom, &titleLeft}) {
        const QRect ink = card->ink();
        CHECK(area.contains(ink));
    }
}

TEST_CASE("dataLabel.totals draws each stack's total above it", "[ide][charts][options]") {
    OptionsFixture f(R"YAML(    - id: stacks
      kind: bar-chart
      name: Sessions by channel and device
      source: {kind: table, elementId: sessions}
      columns:
        - {id: t-channel, name: Channel, formula: "[Sessions/Channel]"}
        - {id: t-device, name: Device, formula: "[Sessions/Device]"}
        - {id: t-count, name: Session Count, formula: "Count()"}
      xAxis: {columnId: t-channel}
      yAxis: {columnIds: [t-count]}
      color: {by: category, column: t-device}
      stacking: stacked
      dataLabel: {labels: hidden, totals: shown}
    - id: sideways
      kind: bar-chart
      name: Sideways, labelled
      source: {kind: table, elementId: sessions}
      columns:
        - {id: w-device, name: Device, formula: "[Sessions/Device]"}
        - {id: w-channel, name: Channel, formula: "[Sessions/Channel]"}
        - {id: w-pages, name: Pages, formula: "Sum([Sessions/Pages])"}
      xAxis: {columnId: w-device}
      yAxis: {columnIds: [w-pages]}
      color: {by: category, column: w-channel}
      stacking: stacked
      orientation: horizontal
      dataLabel: {labels: shown, labelDisplay: all, totals: shown}
    - id: plain
      kind: bar-chart
      name: Not stacked
      source: {kind: table, elementId: sessions}
      columns:
        - {id: p-channel, name: Channel, formula: "[Sessions/Channel]"}
        - {id: p-device, name: Device, formula: "[Sessions/Device]"}
        - {id: p-count, name: Session Count, formula: "Count()"}
      xAxis: {columnId: p-channel}
      yAxis: {columnIds: [p-count]}
      color: {by: category, column: p-device}
      dataLabel: {labels: hidden, totals: shown}
)YAML", place("stacks", 1, 13, 1, 16) + place("sideways", 13, 25, 1, 16) + place("plain", 1, 13, 16, 26));
    f.ready("stacks");
    const auto perChannel = f.sql("SELECT c.channel_name, count(*) FROM sessions s JOIN channels c ON c.channel_id = s.channel_id GROUP BY 1");
    // Vertical: one total per channel, the SQL count, centred over the stack's bars and just above the highest.
    std::vector<const ChartMark*> totals;
    for (const auto& m : f.marks("stacks"))
        if (m.kind == "total") totals.push_back(&m);
    REQUIRE(totals.size() == perChannel.size());
    for (const auto& [channel, n] : perChannel) {
        INFO(channel);
        QRectF stack;
        for (const auto& h : f.hits("stacks"))
            if (f.text("stacks", h.rows.front(), "t-channel").toStdString() == channel) stack = stack.united(h.shape.boundingRect());
        REQUIRE(!stack.isEmpty());
        // The total over this channel's stack.
        auto over = std::find_if(totals.begin(), totals.end(), [&](const ChartMark* m) {
            return std::fabs(m->shape.boundingRect().center().x() - stack.center().x()) <= 1.0;
        });
        REQUIRE(over != totals.end());
        const ChartMark& total = **over;
        CHECK(total.value == n);
        CHECK(total.text == formatPreviewValue(QVariant(n), nullptr));
        const QRectF box = total.shape.boundingRect();
        CHECK(box.bottom() == Approx(stack.top() - 2).margin(2.0));
        bool ink = false;
        for (double x = box.left(); x < box.right() && !ink; ++x)
            for (double y = box.top(); y < box.bottom() && !ink; ++y) ink = f.at({x, y}).lightness() < 120;
        CHECK(ink);
    }
    // Horizontal with segment labels: each device's total right of its stack, past the last segment's label.
    std::map<double, const ChartMark*> sideways;
    double labelRight = 0;
    for (const auto& m : f.marks("sideways")) {
        if (m.kind == "total") sideways[m.value] = &m;
        if (m.kind == "label") labelRight = std::max(labelRight, m.shape.boundingRect().right());
    }
    const auto perDevice = f.sql("SELECT device, sum(pages_viewed) FROM sessions GROUP BY 1");
    REQUIRE(sideways.size() == perDevice.size());
    double stacksRight = 0;
    for (const auto& h : f.hits("sideways")) stacksRight = std::max(stacksRight, h.shape.boundingRect().right());
    for (const auto& [device, n] : perDevice) {
        INFO(device);
        REQUIRE(sideways.count(n));
        CHECK(sideways[n]->text == formatPreviewValue(QVariant(n), nullptr));
    }
    const ChartMark* longest = sideways.rbegin()->second; // the longest stack's total lies past every segment label
    CHECK(longest->shape.boundingRect().left() >= labelRight - 0.5);
    CHECK(longest->shape.boundingRect().left() > stacksRight);
    // Not stacked: no totals.
    for (const auto& m : f.marks("plain")) CHECK(m.kind != "total");
    f.save("stack-totals.png");
}

TEST_CASE("dataLabel on funnel, gauge and treemap charts: valueFormat and hidden labels", "[ide][charts][options]") {
    OptionsFixture f(R"YAML(    - id: funnel
      kind: funnel-chart
      name: Revenue by status
      source: {kind: table, elementId: orders}
      columns:
        - {id: f-status, name: Status, formula: "[Orders/Status]"}
        - {id: f-revenue, name: Revenue, formula: "Sum([Orders/Revenue])"}
      stage: {columnId: f-status}
      series: {columnId: f-revenue}
      dataLabel: {labels: shown, valueFormat: {kind: number, formatString: "$,.0f"}}
    - id: gauge
      kind: gauge-chart
      name: Items
      source: {kind: table, elementId: orders}
      columns:
        - {id: g-items, name: Items, formula: "Sum([Orders/Items])"}
      value: {columnId: g-items}
      dataLabel: {valueFormat: {kind: number, formatString: "$,.2s"}}
    - id: tiles
      kind: treemap-chart
      name: Orders by status
      source: {kind: table, elementId: orders}
      columns:
        - {id: t-status, name: Status, formula: "[Orders/Status]"}
        - {id: t-orders, name: Orders, formula: "Count()"}
      category: {columnId: t-status}
      dataLabel: {labels: hidden}
    - id: tiles-shown
      kind: treemap-chart
      name: Orders by status, labelled
      source: {kind: table, elementId: orders}
      columns:
        - {id: u-status, name: Status, formula: "[Orders/Status]"}
        - {id: u-orders, name: Orders, formula: "Count()"}
      category: {columnId: u-status}
      dataLabel: {valueFormat: {kind: number, formatString: ",.1f"}}
)YAML", place("funnel", 1, 9, 1, 14) + place("gauge", 9, 17, 1, 14) + place("tiles", 17, 25, 1, 14) + place("tiles-shown", 1, 25, 14, 30));
    f.ready("funnel");
    const auto revenue = f.sql("SELECT status, sum(revenue) FROM orders GROUP BY status");
    std::vector<QString> expected, drawn;
    for (const auto& [status, total] : revenue) expected.push_back("$" + QLocale(QLocale::English).toString(total, 'f', 0));
    for (const auto& m : f.marks("funnel"))
        if (m.kind == "data-label") drawn.push_back(m.text.section("  ·  ", 0, 0));
    std::sort(expected.begin(), expected.end());
    std::sort(drawn.begin(), drawn.end());
    CHECK(drawn == expected);
    f.ready("gauge");
    const double items = f.scalar("SELECT sum(items) FROM orders");
    const Json format = Json{{"kind", "number"}, {"formatString", "$,.2s"}};
    bool gaugeLabel = false;
    for (const auto& m : f.marks("gauge"))
        if (m.kind == "data-label") {
            gaugeLabel = true;
            CHECK(m.text == formatPreviewValue(QVariant(items), &format));
        }
    CHECK(gaugeLabel);
    CHECK(formatPreviewValue(QVariant(items), &format).startsWith("$"));
    f.ready("tiles");
    CHECK_FALSE(f.hits("tiles").empty());
    for (const auto& m : f.marks("tiles")) CHECK(m.kind != "data-label");
    f.ready("tiles-shown");
    const auto orders = f.sql("SELECT status, count(*) FROM orders GROUP BY status");
    std::vector<QString> counts, labelled;
    for (const auto& [status, n] : orders) counts.push_back(QLocale(QLocale::English).toString(n, 'f', 1));
    for (const auto& m : f.marks("tiles-shown"))
        if (m.kind == "data-label") labelled.push_back(m.text);
    REQUIRE_FALSE(labelled.empty()); // tiles too small for a value line have none
    for (const QString& text : labelled) CHECK(std::find(counts.begin(), counts.end(), text) != counts.end());
}
