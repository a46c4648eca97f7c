// Chart display options drawn from real preview rows over the embedded sample warehouse: combo series types
// and the secondary axis, reference marks and trend lines, data labels and legends, KPI comparisons, donut
// holes, conditional formats on tables and pivots, and hidden elements. Expected values come from plain SQL
// on the same SQLite file.
#include <catch2/catch.hpp>

#include "chart_options_fixture.h"
#include "document_commands.h"

#include <QApplication>

#include <algorithm>
#include <cmath>
#include <QFontMetrics>
#include <QLocale>

#include <set>

using namespace quire;
using namespace quire::ide;
using quire::test::near;
using quire::test::OptionsFixture;
using quire::test::place;

TEST_CASE("a combo chart draws each series as its type, yAxis2 series on the right-hand scale", "[ide][charts][options]") {
    OptionsFixture f(R"YAML(    - id: combo
      kind: combo-chart
      name: Sessions and average duration
      source: {kind: table, elementId: sessions}
      columns:
        - {id: c-channel, name: Channel, formula: "[Sessions/Channel]"}
        - {id: c-count, name: Session Count, formula: "Count()"}
        - {id: c-duration, name: Avg Duration, formula: "Avg([Sessions/Duration])"}
      xAxis: {columnId: c-channel}
      yAxis: {columnIds: [c-count, {columnId: c-duration, type: line}]}
      yAxis2: {columnIds: [c-duration]}
)YAML", place("combo", 1, 25, 1, 16));
    f.ready("combo");
    const auto counts = f.sql("SELECT c.channel_name, count(*) FROM sessions s JOIN channels c ON c.channel_id = s.channel_id GROUP BY 1");
    const auto durations = f.sql("SELECT c.channel_name, avg(s.duration_seconds) FROM sessions s JOIN channels c ON c.channel_id = s.channel_id GROUP BY 1");
    REQUIRE(counts.size() == 8);
    const auto& hits = f.hits("combo");
    REQUIRE(hits.size() == 16); // eight bars, then eight line points
    double baseline = 0, pxPerSession = 0, maxBar = 0;
    for (std::size_t i = 0; i < 8; ++i) {
        const QRectF bar = hits[i].shape.boundingRect();
        const std::string channel = f.text("combo", hits[i].rows[0], "c-channel").toStdString();
        if (i == 0) baseline = bar.bottom();
        CHECK(bar.bottom() == Approx(baseline).margin(1.0));
        const double ratio = bar.height() / counts.at(channel);
        if (pxPerSession == 0) pxPerSession = ratio;
        CHECK(ratio == Approx(pxPerSession).epsilon(0.02));
        maxBar = std::max(maxBar, bar.height());
        CHECK(near(f.at(bar.center()), seriesColour(0), 20)); // the bar series' colour
    }
    // The line's points: heights above the shared baseline are linear in the SQL averages on their own scale,
    // and the largest reaches well up the plot (on the left-hand scale of counts it would hug the floor).
    double pxPerSecond = 0, highest = 0;
    for (std::size_t i = 8; i < 16; ++i) {
        const QPointF point = hits[i].shape.boundingRect().center();
        const std::string channel = f.text("combo", hits[i].rows[0], "c-channel").toStdString();
        const double ratio = (baseline - point.y()) / durations.at(channel);
        if (pxPerSecond == 0) pxPerSecond = ratio;
        CHECK(ratio == Approx(pxPerSecond).epsilon(0.02));
        highest = std::max(highest, baseline - point.y());
        CHECK(near(f.at(point), seriesColour(1), 40)); // a line point is painted there
    }
    CHECK(highest > 0.5 * maxBar);
    CHECK(pxPerSecond != Approx(pxPerSession).epsilon(0.2));
    f.save("combo.png");
}

namespace {

// Session counts per channel from SQL, and the chart's bars: category -> (bar rectangle, count).
struct Bars {
    std::map<std::string, QRectF> rect;
    std::vector<std::string> order; // left to right
    double baseline = 0, pxPerUnit = 0;
};

Bars barsOf(const OptionsFixture& f, const QString& id, const QString& xColumn, const std::map<std::string, double>& expected) {
    Bars b;
    for (const auto& h : f.hits(id)) {
        const QRectF r = h.shape.boundingRect();
        const std::string x = f.text(id, h.rows[0], xColumn).toStdString();
        b.rect[x] = r;
        b.order.push_back(x);
        b.baseline = r.bottom();
        b.pxPerUnit = r.height() / expected.at(x);
    }
    std::sort(b.order.begin(), b.order.end(), [&](const std::string& a, const std::string& c) { return b.rect[a].center().x() < b.rect[c].center().x(); });
    return b;
}

const char* kSessionCounts = "SELECT c.channel_name, count(*) FROM sessions s JOIN channels c ON c.channel_id = s.channel_id GROUP BY 1";

// Independent least squares of y on x = 1..n (models linearised as Sigma documents them).
std::vector<double> fitted(const std::string& model, const std::vector<double>& y) {
    const std::size_t n = y.size();
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double x = model == "logarithmic" || model == "power" ? std::log(double(i + 1)) : double(i + 1);
        const double v = model == "exponential" || model == "power" ? std::log(y[i]) : y[i];
        sx += x, sy += v, sxx += x * x, sxy += x * v;
    }
    const double b = (double(n) * sxy - sx * sy) / (double(n) * sxx - sx * sx), a = (sy - b * sx) / double(n);
    std::vector<double> out;
    for (std::size_t i = 0; i < n; ++i) {
        const double x = double(i + 1);
        if (model == "linear") out.push_back(a + b * x);
        if (model == "logarithmic") out.push_back(a + b * std::log(x));
        if (model == "exponential") out.push_back(std::exp(a) * std::exp(b * x));
        if (model == "power") out.push_back(std::exp(a) * std::pow(x, b));
    }
    return out;
}

} // namespace

TEST_CASE("reference lines and bands sit at the values the warehouse computes - trend lines fit the bars", "[ide][charts][options]") {
    OptionsFixture f(R"YAML(    - id: marks
      kind: bar-chart
      name: Sessions by channel
      source: {kind: table, elementId: sessions}
      columns:
        - {id: m-channel, name: Channel, formula: "[Sessions/Channel]"}
        - {id: m-count, name: Session Count, formula: "Count()"}
      xAxis: {columnId: m-channel}
      yAxis: {columnIds: [m-count]}
      refMarks:
        - type: line
          axis: series
          value: {type: formula, formula: "Avg([Session Count])"}
          line: {color: "#dc2626", width: 2}
          label: {visibility: shown, text: Average}
        - type: band
          axis: series
          value: {type: formula, formula: "Min([Session Count])"}
          endValue: {type: formula, formula: "120"}
          line: {color: "#16a34a"}
      trendlines:
        - {columnId: m-count, model: linear}
        - {columnId: m-count, model: logarithmic}
        - {columnId: m-count, model: power}
        - {columnId: m-count, model: exponential}
    - id: negative
      kind: line-chart
      name: Revenue over 300
      source: {kind: table, elementId: orders}
      columns:
        - {id: n-status, name: Status, formula: "[Orders/Status]"}
        - {id: n-over, name: Over, formula: "Sum([Orders/Revenue]) - 300"}
      xAxis: {columnId: n-status}
      yAxis: {columnIds: [n-over]}
      trendlines:
        - {columnId: n-over, model: exponential}
)YAML", place("marks", 1, 25, 1, 18) + place("negative", 1, 13, 18, 30));
    f.ready("marks");
    const auto counts = f.sql(kSessionCounts);
    const Bars bars = barsOf(f, "marks", "m-channel", counts);
    REQUIRE(bars.order.size() == 8);
    const double average = f.scalar("SELECT avg(n) FROM (SELECT count(*) AS n FROM sessions GROUP BY channel_id)");
    const double minimum = f.scalar("SELECT min(n) FROM (SELECT count(*) AS n FROM sessions GROUP BY channel_id)");
    auto yOf = [&](double v) { return bars.baseline - v * bars.pxPerUnit; };
    const ChartMark* line = nullptr;
    const ChartMark* band = nullptr;
    for (const auto& m : f.marks("marks")) {
        if (m.kind == "refline") line = &m;
        if (m.kind == "refband") band = &m;
    }
    REQUIRE(line);
    REQUIRE(band);
    CHECK(line->value == Approx(average));
    CHECK(line->text == "Average");
    const QRectF l = line->shape.boundingRect();
    CHECK(l.center().y() == Approx(yOf(average)).margin(1.5));
    int red = 0; // dashed: some pixels along the line are its colour
    for (double x = l.left() + 2; x < l.right() - 2; x += 1) red += near(f.at({x, l.center().y()}), QColor("#dc2626"), 40) ? 1 : 0;
    CHECK(red > l.width() / 6);
    const QRectF b = band->shape.boundingRect();
    CHECK(b.bottom() == Approx(yOf(minimum)).margin(1.5));
    CHECK(b.top() == Approx(yOf(120)).margin(1.5));
    // Trend lines: the fitted values at each category equal an independent fit of the SQL counts.
    std::vector<double> ys;
    for (const auto& c : bars.order) ys.push_back(counts.at(c));
    std::string model;
    std::map<std::string, int> checked;
    std::size_t index = 0;
    for (const auto& m : f.marks("marks")) {
        if (m.kind == "trendline") model = m.text.toStdString(), index = 0;
        if (m.kind != "trend-point") continue;
        const auto expected = fitted(model, ys);
        REQUIRE(index < expected.size());
        CHECK(m.text.toStdString() == bars.order[index]);
        CHECK(m.value == Approx(expected[index]).epsilon(1e-6));
        CHECK(m.shape.boundingRect().center().y() == Approx(yOf(expected[index])).margin(1.5));
        ++index;
        ++checked[model];
    }
    for (const char* each : {"linear", "logarithmic", "power", "exponential"}) CHECK(checked[each] == 8);
    // Exponential needs positive values: Revenue - 300 is negative for some statuses, so it is not drawn and the
    // chart says why.
    const auto over = f.sql("SELECT status, sum(revenue) - 300 FROM orders GROUP BY 1");
    REQUIRE(std::any_of(over.begin(), over.end(), [](const auto& kv) { return kv.second <= 0; }));
    bool said = false, drew = false;
    for (const auto& m : f.marks("negative")) {
        said = said || (m.kind == "note" && m.text.contains("positive values"));
        drew = drew || m.kind == "trendline";
    }
    CHECK(said);
    CHECK_FALSE(drew);
    f.save("refmarks-trendlines.png");
}

TEST_CASE("data labels follow labelDisplay and valueFormat - the legend follows `legend`", "[ide][charts][options]") {
    OptionsFixture f(R"YAML(    - id: extremes
      kind: bar-chart
      name: Min and max labelled
      source: {kind: table, elementId: sessions}
      columns:
        - {id: e-channel, name: Channel, formula: "[Sessions/Channel]"}
        - {id: e-count, name: Session Count, formula: "Count()"}
      xAxis: {columnId: e-channel}
      yAxis: {columnIds: [e-count]}
      dataLabel: {labels: shown, labelDisplay: min-max, valueFormat: {kind: number, formatString: "$,.2f"}}
      legend: {position: bottom}
    - id: every
      kind: bar-chart
      name: All labelled, no legend
      source: {kind: table, elementId: sessions}
      columns:
        - {id: a-device, name: Device, formula: "[Sessions/Device]"}
        - {id: a-count, name: Session Count, formula: "Count()"}
        - {id: a-pages, name: Pages, formula: "Sum([Sessions/Pages])"}
      xAxis: {columnId: a-device}
      yAxis: {columnIds: [a-count, a-pages]}
      dataLabel: {labelDisplay: all}
      legend: {visibility: hidden}
    - id: legend
      kind: bar-chart
      name: Default legend
      source: {kind: table, elementId: sessions}
      columns:
        - {id: d-device, name: Device, formula: "[Sessions/Device]"}
        - {id: d-count, name: Session Count, formula: "Count()"}
        - {id: d-pages, name: Pages, formula: "Sum([Sessions/Pages])"}
      xAxis: {columnId: d-device}
      yAxis: {columnIds: [d-count, d-pages]}
)YAML", place("extremes", 1, 25, 1, 16) + place("every", 1, 13, 16, 30) + place("legend", 13, 25, 16, 30));
    f.ready("extremes");
    const auto counts = f.sql(kSessionCounts);
    const Bars bars = barsOf(f, "extremes", "e-channel", counts);
    auto lowest = std::min_element(counts.begin(), counts.end(), [](auto& a, auto& b) { return a.second < b.second; });
    auto highest = std::max_element(counts.begin(), counts.end(), [](auto& a, auto& b) { return a.second < b.second; });
    std::vector<const ChartMark*> labels;
    const ChartMark* legend = nullptr;
    for (const auto& m : f.marks("extremes")) {
        if (m.kind == "label") labels.push_back(&m);
        if (m.kind == "legend") legend = &m;
    }
    REQUIRE(labels.size() == 2); // min-max: the lowest and the highest bar only
    for (const auto* label : labels) {
        const auto& which = label->value == lowest->second ? *lowest : *highest;
        CHECK(label->value == which.second);
        CHECK(label->text == QStringLiteral("$%1.00").arg(int(which.second))); // valueFormat, not the column's
        const QRectF box = label->shape.boundingRect(), bar = bars.rect.at(which.first);
        CHECK(box.center().x() == Approx(bar.center().x()).margin(1.0));
        CHECK(box.bottom() == Approx(bar.top() - 2).margin(2.0)); // just above the bar
        bool ink = false;
        for (double x = box.left(); x < box.right() && !ink; ++x)
            for (double y = box.top(); y < box.bottom() && !ink; ++y) ink = f.at({x, y}).lightness() < 120;
        CHECK(ink);
    }
    REQUIRE(legend); // position: bottom shows it (even for one series) under the plot
    CHECK(legend->shape.boundingRect().top() > bars.baseline);
    // all: one label per bar (3 devices x 2 series); hidden legend: none. The default legend of two series is on top.
    std::multiset<double> expected, shown;
    for (const auto& [device, n] : f.sql("SELECT device, count(*) FROM sessions GROUP BY 1")) expected.insert(n);
    for (const auto& [device, n] : f.sql("SELECT device, sum(pages_viewed) FROM sessions GROUP BY 1")) expected.insert(n);
    for (const auto& m : f.marks("every")) {
        if (m.kind == "label") shown.insert(m.value);
        CHECK(m.kind != "legend");
    }
    CHECK(shown == expected);
    const ChartMark* top = nullptr;
    for (const auto& m : f.marks("legend"))
        if (m.kind == "legend") top = &m;
    REQUIRE(top);
    double plotTop = 1e9;
    for (const auto& h : f.hits("legend")) plotTop = std::min(plotTop, h.shape.boundingRect().top());
    CHECK(top->shape.boundingRect().bottom() <= plotTop);
    f.save("labels-legend.png");
}

TEST_CASE("KPI comparison deltas in the good and bad colours, value colour and size - donut hole value and radius", "[ide][charts][options]") {
    OptionsFixture f(R"YAML(    - id: up
      kind: kpi-chart
      name: Revenue vs completed
      source: {kind: table, elementId: orders}
      columns:
        - {id: u-total, name: Revenue, formula: "Sum([Orders/Revenue])", format: {kind: number, formatString: "$,.2f"}}
        - {id: u-completed, name: Completed, formula: "SumIf([Orders/Revenue], [Orders/Status] = \"completed\")"}
      value: {columnId: u-total, color: "#7c3aed", fontSize: 30}
      comparisonColumn: {columnId: u-completed}
      comparison: {display: delta, colorGood: "#0891b2", colorBad: "#be123c"}
    - id: down
      kind: kpi-chart
      name: Completed vs total
      source: {kind: table, elementId: orders}
      columns:
        - {id: w-completed, name: Completed, formula: "SumIf([Orders/Revenue], [Orders/Status] = \"completed\")"}
        - {id: w-total, name: Revenue, formula: "Sum([Orders/Revenue])"}
      value: {columnId: w-completed}
      comparisonColumn: {columnId: w-total}
      comparison: {display: delta, colorGood: "#0891b2", colorBad: "#be123c"}
    - id: wide
      kind: donut-chart
      name: Thin ring
      source: {kind: table, elementId: orders}
      columns:
        - {id: h-status, name: Status, formula: "[Orders/Status]"}
        - {id: h-revenue, name: Revenue, formula: "Sum([Orders/Revenue])"}
        - {id: h-count, name: Orders, formula: "Count()"}
      value: {columnId: h-revenue}
      color: {columnId: h-status}
      holeValue: {columnId: h-count}
      innerRadius: 0.8
    - id: narrow
      kind: donut-chart
      name: Thick ring
      source: {kind: table, elementId: orders}
      columns:
        - {id: k-status, name: Status, formula: "[Orders/Status]"}
        - {id: k-revenue, name: Revenue, formula: "Sum([Orders/Revenue])"}
      value: {columnId: k-revenue}
      color: {columnId: k-status}
      innerRadius: 0.3
)YAML", place("up", 1, 9, 1, 9) + place("down", 9, 17, 1, 9) + place("wide", 1, 13, 9, 24) + place("narrow", 13, 25, 9, 24));
    f.ready("up");
    const double total = f.scalar("SELECT sum(revenue) FROM orders");
    const double completed = f.scalar("SELECT sum(revenue) FROM orders WHERE status = 'completed'");
    auto mark = [&](const QString& id, const QString& kind) -> const ChartMark& {
        for (const auto& m : f.marks(id))
            if (m.kind == kind) return m;
        FAIL("no " << kind.toStdString() << " on " << id.toStdString());
        return f.marks(id).front();
    };
    auto inked = [&](const QRectF& box, const QColor& colour) {
        int n = 0;
        for (double x = box.left(); x < box.right(); ++x)
            for (double y = box.top(); y < box.bottom(); ++y) n += near(f.at({x, y}), colour, 40) ? 1 : 0;
        return n;
    };
    const ChartMark& value = mark("up", "kpi-value");
    CHECK(value.value == Approx(total));
    CHECK(value.text == QLocale(QLocale::English).toString(total, 'f', 2).prepend("$"));
    CHECK(value.shape.boundingRect().height() == Approx(QFontMetrics([] { QFont x; x.setBold(true); x.setPixelSize(30); return x; }()).height()).margin(1));
    CHECK(inked(value.shape.boundingRect(), QColor("#7c3aed")) > 20);
    const ChartMark& rise = mark("up", "kpi-delta");
    CHECK(rise.value == Approx(total - completed));
    CHECK(rise.text.startsWith(QStringLiteral("▲ +")));
    CHECK(rise.text.contains(QStringLiteral("(+%1%)").arg(100 * (total - completed) / completed, 0, 'f', 1)));
    CHECK(inked(rise.shape.boundingRect(), QColor("#0891b2")) > 10);
    CHECK(inked(rise.shape.boundingRect(), QColor("#be123c")) == 0);
    const ChartMark& fall = mark("down", "kpi-delta");
    CHECK(fall.value == Approx(completed - total));
    CHECK(inked(fall.shape.boundingRect(), QColor("#be123c")) > 10);
    CHECK(inked(fall.shape.boundingRect(), QColor("#0891b2")) == 0);
    // Donut: the hole shows the count of orders; the ring's inner edge is innerRadius of the outer radius.
    const ChartMark& hole = mark("wide", "hole");
    CHECK(hole.value == f.scalar("SELECT count(*) FROM orders"));
    CHECK(hole.text == QString::number(int(hole.value)));
    CHECK(inked(hole.shape.boundingRect(), QColor("#0f172a")) > 5);
    for (const auto& [id, inner] : {std::pair<QString, double>{"wide", 0.8}, {"narrow", 0.3}}) {
        QRectF outer;
        for (const auto& h : f.hits(id)) outer = outer.united(h.shape.boundingRect());
        const QPointF centre = outer.center();
        const double radius = outer.width() / 2;
        auto blank = [&](double r) { // a ring of samples at radius r: white everywhere?
            int white = 0;
            for (int a = 0; a < 36; ++a) {
                const QColor c = f.at(centre + QPointF(r * std::cos(a * M_PI / 18), r * std::sin(a * M_PI / 18)));
                white += c.red() > 235 && c.green() > 235 && c.blue() > 235 ? 1 : 0;
            }
            return white;
        };
        CHECK(blank(radius * (inner - 0.06)) >= 30); // inside the hole (text only near the centre)
        CHECK(blank(radius * (inner + 0.06)) <= 3);  // on the ring
    }
    f.save("kpi-donut.png");
}

TEST_CASE("conditional formats colour cells and draw data bars on tables and pivots - tableStyle bands rows", "[ide][charts][options]") {
    OptionsFixture f(R"YAML(    - id: styled
      kind: table
      name: Orders by status
      source: {kind: table, elementId: orders}
      columns:
        - {id: t-status, name: Status, formula: "[Orders/Status]"}
        - {id: t-revenue, name: Revenue, formula: "Sum([Orders/Revenue])"}
        - {id: t-count, name: Orders, formula: "Count()"}
      conditionalFormats:
        - {type: dataBars, columnIds: [t-revenue], scheme: ["#22c55e"]}
        - {type: single, columnIds: [t-count], condition: ">", value: 3, style: {backgroundColor: "#fde68a"}}
        - {type: single, columnIds: [t-status], condition: "=", value: refunded, style: {color: "#dc2626", bold: true}}
      tableStyle: {bandingColor: "#e0f2fe", gridLines: all}
    - id: plain
      kind: table
      name: No banding
      source: {kind: table, elementId: orders}
      columns:
        - {id: p-status, name: Status, formula: "[Orders/Status]"}
        - {id: p-count, name: Orders, formula: "Count()"}
      tableStyle: {banding: hidden}
    - id: grid
      kind: pivot-table
      name: Items by status
      source: {kind: table, elementId: orders}
      columns:
        - {id: g-status, name: Status, formula: "[Orders/Status]"}
        - {id: g-items, name: Items, formula: "Sum([Orders/Items])"}
      rowsBy: [{columnId: g-status}]
      values: [g-items]
      conditionalFormats:
        - {type: dataBars, columnIds: [g-items]}
)YAML", place("styled", 1, 13, 1, 10) + place("plain", 13, 25, 1, 10) + place("grid", 1, 13, 10, 20));
    f.ready("styled");
    const auto revenue = f.sql("SELECT status, sum(revenue) FROM orders GROUP BY 1");
    const auto counts = f.sql("SELECT status, count(*) FROM orders GROUP BY 1");
    REQUIRE(revenue.size() == 4);
    double maxRevenue = 0;
    for (const auto& [s, v] : revenue) maxRevenue = std::max(maxRevenue, v);
    std::vector<const ChartMark*> bars, highlighted, statuses;
    for (const auto& m : f.marks("styled")) {
        if (m.kind == "databar") bars.push_back(&m);
        if (m.kind == "cell-format" && m.text == "t-count") highlighted.push_back(&m);
        if (m.kind == "cell-format" && m.text == "t-status") statuses.push_back(&m);
    }
    REQUIRE(bars.size() == 4);
    double fullWidth = 0;
    for (const auto* b : bars) fullWidth = std::max(fullWidth, b->shape.boundingRect().width());
    for (const auto* b : bars) {
        CHECK(std::any_of(revenue.begin(), revenue.end(), [&](const auto& kv) { return std::fabs(kv.second - b->value) < 0.01; }));
        CHECK(b->shape.boundingRect().width() == Approx(fullWidth * b->value / maxRevenue).margin(1.0));
        CHECK(near(f.at(b->shape.boundingRect().center()), QColor("#22c55e"), 30));
    }
    std::multiset<double> expected, got;
    for (const auto& [s, n] : counts)
        if (n > 3) expected.insert(n);
    for (const auto* m : highlighted) {
        got.insert(m->value);
        CHECK(near(f.at(m->shape.boundingRect().topLeft() + QPointF(3, 3)), QColor("#fde68a"), 12));
    }
    CHECK(got == expected);
    REQUIRE(statuses.size() == 1); // only "refunded", in red ink
    int red = 0;
    const QRectF s = statuses[0]->shape.boundingRect();
    for (double x = s.left(); x < s.right(); ++x)
        for (double y = s.top(); y < s.bottom(); ++y) red += near(f.at({x, y}), QColor("#dc2626"), 50) ? 1 : 0;
    CHECK(red > 5);
    // Banding: the second row of the styled table has the banding colour where nothing else is drawn; the
    // table with `banding: hidden` stays white.
    const QRectF second = f.hits("styled")[1].shape.boundingRect();
    CHECK(near(f.at(second.topLeft() + QPointF(2, second.height() / 2)), QColor("#e0f2fe"), 6));
    const QRectF plainSecond = f.hits("plain")[1].shape.boundingRect();
    const QColor plainColour = f.at(plainSecond.topLeft() + QPointF(2, plainSecond.height() / 2));
    CHECK((plainColour.red() > 250 && plainColour.green() > 250 && plainColour.blue() > 250));
    // Pivot data bars: lengths in proportion to SQL sums of items per status.
    const auto items = f.sql("SELECT status, sum(items) FROM orders GROUP BY 1");
    double maxItems = 0, widest = 0;
    for (const auto& [k, v] : items) maxItems = std::max(maxItems, v);
    std::vector<const ChartMark*> pivotBars;
    for (const auto& m : f.marks("grid"))
        if (m.kind == "databar") pivotBars.push_back(&m), widest = std::max(widest, m.shape.boundingRect().width());
    REQUIRE(pivotBars.size() == items.size());
    for (const auto* b : pivotBars) CHECK(b->shape.boundingRect().width() == Approx(widest * b->value / maxItems).margin(1.0));
    f.save("conditional-formats.png");
}

TEST_CASE("cards of a hidden page are drawn veiled with a badge, not removed", "[ide][charts][options]") {
    OptionsFixture f(R"YAML(    - id: veiled
      kind: bar-chart
      name: Still drawn
      source: {kind: table, elementId: sessions}
      columns:
        - {id: v-device, name: Device, formula: "[Sessions/Device]"}
        - {id: v-count, name: Session Count, formula: "Count()"}
      xAxis: {columnId: v-device}
      yAxis: {columnIds: [v-count]}
)YAML", place("veiled", 1, 13, 1, 14));
    f.ready("veiled");
    const QRectF firstBar = f.hits("veiled").front().shape.boundingRect();
    const QColor before = f.at(firstBar.center());
    CHECK(f.window.canvas()->hiddenBadge("veiled").isEmpty());
    CHECK(f.window.canvas()->hiddenReason().isEmpty());
    // Hide the page (one undoable edit, as the page editor does it).
    f.window.model()->undoStack()->push(makeSetValue(f.window.model(), "/contents/pages/0/visibility", Json("hidden"), "hide"));
    QApplication::processEvents();
    const QImage hidden = f.window.canvas()->grab().toImage();
    CHECK(f.window.canvas()->hiddenReason() == "Hidden page");
    const QRect badge = f.window.canvas()->hiddenBadge("veiled");
    REQUIRE_FALSE(badge.isEmpty());
    int dark = 0; // the badge is drawn: a dark pill with white text
    for (int x = badge.left() + 2; x < badge.right() - 2; ++x) dark += hidden.pixelColor(x, badge.center().y()).lightness() < 110 ? 1 : 0;
    CHECK(dark > badge.width() / 4);
    // The chart is still there (same marks), lighter under the veil.
    REQUIRE(f.hits("veiled").size() == 3);
    const QColor after = hidden.pixelColor(firstBar.center().toPoint());
    CHECK(after.lightness() > before.lightness() + 20);
    CHECK(after.hue() == Approx(before.hue()).margin(20));
    // Undo shows it plainly again.
    f.window.model()->undoStack()->undo();
    QApplication::processEvents();
    f.window.canvas()->grab();
    CHECK(f.window.canvas()->hiddenBadge("veiled").isEmpty());
}

TEST_CASE("a hidden table column is drawn veiled with a badge, its values still there", "[ide][charts][options]") {
    OptionsFixture f(R"YAML(    - id: partly
      kind: table
      name: Orders by status
      source: {kind: table, elementId: orders}
      columns:
        - {id: h-status, name: Status, formula: "[Orders/Status]"}
        - {id: h-revenue, name: Revenue, formula: "Sum([Orders/Revenue])", hidden: true}
)YAML", place("partly", 1, 13, 1, 10));
    const PreviewData d = f.ready("partly");
    REQUIRE(d.columnIndex("h-revenue") >= 0); // planned and fetched like any column
    const ChartMark* veil = nullptr;
    int count = 0;
    for (const auto& m : f.marks("partly"))
        if (m.kind == "hidden-column") veil = &m, ++count;
    REQUIRE(count == 1);
    CHECK(veil->text == "h-revenue");
    const QRectF box = veil->shape.boundingRect();
    // The second column of the card's grid, the header's badge dark, the values drawn (some ink) but light.
    const QRectF first = f.hits("partly")[0].shape.boundingRect();
    CHECK(box.left() == Approx(first.left() + first.width() / 2).margin(2));
    int ink = 0, black = 0;
    for (double x = box.left() + 2; x < box.right() - 2; ++x)
        for (double y = box.top() + 22; y < box.bottom() - 2; ++y) {
            const QColor c = f.at({x, y});
            ink += c.lightness() < 200 ? 1 : 0;
            black += c.lightness() < 60 ? 1 : 0;
        }
    CHECK(ink > 20);
    CHECK(black == 0); // veiled: no full-strength text
    int visibleBlack = 0; // the Status column's text is full strength
    for (double x = first.left() + 2; x < box.left() - 2; ++x)
        for (double y = box.top() + 22; y < box.bottom() - 2; ++y) visibleBlack += f.at({x, y}).lightness() < 60 ? 1 : 0;
    CHECK(visibleBlack > 10);
}
