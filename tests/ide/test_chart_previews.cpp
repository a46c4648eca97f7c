// Chart previews painted by Quire itself (funnel, gauge, waterfall, treemap, sankey, maps, cross-tab pivots),
// stacked and horizontal Qt Charts bars, on-select clicks and per-element cancel, over a small SQLite
// warehouse written here. Expected values come from plain SQL on the same file or from the rows inserted;
// what is painted is checked through pixels of the grabbed canvas and the recorded mark shapes.
#include <catch2/catch.hpp>

#include "canvas_widget.h"
#include "custom_charts.h"
#include "engine_preview_provider.h"
#include "main_window.h"
#include "preview_painter.h"

#include <quire/connect/connection_registry.h>
#include <quire/connect/odbc.h>
#include <quire/doc/io.h>
#include <test_support.h>

#include <QElapsedTimer>
#include <QImage>
#include <QTest>
#include <QThread>

#include <cmath>
#include <map>

using namespace quire;
using namespace quire::ide;

namespace {

const char* kConnection = "7f3e2a10-4b6c-4d8e-9f01-23456789abcd";

// sales(region, product, amount, lat, lon, city); steps(stage, users); ledger(month, delta).
struct Warehouse {
    std::string dir = quire::test::makeTempDir("ide-charts");
    std::string db = dir + "/charts.db";
    std::string connections = dir + "/connections.json";
    Warehouse() {
        auto c = connect::Connection::open("Driver=SQLite3;Database=" + db + ";");
        c->execute("CREATE TABLE sales (region TEXT, product TEXT, amount INTEGER, lat REAL, lon REAL, city TEXT)");
        c->execute("INSERT INTO sales VALUES ('East','Widget',60,40.71,-74.01,'New York'), ('East','Widget',40,40.71,-74.01,'New York'),"
                   "('East','Gadget',50,42.36,-71.06,'Boston'), ('West','Widget',30,37.77,-122.42,'San Francisco'),"
                   "('West','Gadget',130,47.61,-122.33,'Seattle'), ('South','Widget',80,29.76,-95.37,'Houston'),"
                   "('South','Gizmo',20,25.76,-80.19,'Miami')");
        c->execute("CREATE TABLE steps (stage TEXT, users INTEGER)");
        c->execute("INSERT INTO steps VALUES ('Signup',250), ('Visit',600), ('Paid',100), ('Visit',400), ('Trial',250), ('Signup',150)");
        c->execute("CREATE TABLE ledger (month TEXT, delta INTEGER)");
        c->execute("INSERT INTO ledger VALUES ('2024-01',500), ('2024-02',-200), ('2024-03',300), ('2024-04',-100)");
        Json file = {{"version", 1}, {"connections", {{"charts", {{"type", "sqlite"}, {"connectionId", kConnection}, {"database", db}}}}}};
        doc::writeFileAtomically(connections, file.dump(2));
    }
    connect::ResultSet sql(const std::string& text) const { return connect::query("Driver=SQLite3;Database=" + db + ";", text); }
};

std::string workbookYaml(const std::string& elements, const std::string& layout) {
    return std::string(R"YAML(name: Charts
contents:
  schemaVersion: 1
  kind: workbook
  pages:
    - id: main
      name: Main
  elements:
    - id: base
      kind: table
      name: Sales
      source: {kind: warehouse-table, connectionId: )YAML") + kConnection + R"YAML(, path: [main, sales]}
      columns:
        - {id: b-region, name: Region, formula: "[sales/region]"}
        - {id: b-product, name: Product, formula: "[sales/product]"}
        - {id: b-amount, name: Amount, formula: "[sales/amount]"}
        - {id: b-lat, name: Lat, formula: "[sales/lat]"}
        - {id: b-lon, name: Lon, formula: "[sales/lon]"}
        - {id: b-city, name: City, formula: "[sales/city]"}
    - id: steps
      kind: table
      name: Steps
      source: {kind: warehouse-table, connectionId: )YAML" + kConnection + R"YAML(, path: [main, steps]}
      columns:
        - {id: s-stage, name: Stage, formula: "[steps/stage]"}
        - {id: s-users, name: Users, formula: "[steps/users]"}
    - id: ledger
      kind: table
      name: Ledger
      source: {kind: warehouse-table, connectionId: )YAML" + kConnection + R"YAML(, path: [main, ledger]}
      columns:
        - {id: l-month, name: Month, formula: "[ledger/month]"}
        - {id: l-delta, name: Delta, formula: "[ledger/delta]"}
)YAML" + elements + "  layout: |\n    <?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
           "    <Page type=\"grid\" gridTemplateColumns=\"repeat(24, 1fr)\" gridTemplateRows=\"auto\" id=\"main\">\n" + layout +
           "    </Page>\n";
}

std::string place(const std::string& id, int c0, int c1, int r0, int r1) {
    return "      <Element elementId=\"" + id + "\" gridColumn=\"" + std::to_string(c0) + " / " + std::to_string(c1) + "\" gridRow=\"" +
           std::to_string(r0) + " / " + std::to_string(r1) + "\"/>\n";
}

// A window on the workbook with live previews, painted once so every card has its marks.
struct Fixture {
    Warehouse warehouse;
    MainWindow window;
    std::unique_ptr<EnginePreviewProvider> provider;
    QImage image;
    Fixture(const std::string& elements, const std::string& layout, bool waitForPreviews = true) {
        const std::string path = warehouse.dir + "/wb.yaml";
        doc::writeFileAtomically(path, workbookYaml(elements, layout));
        window.resize(1400, 1000);
        REQUIRE(window.openFile(QString::fromStdString(path), true));
        window.showRegion("main");
        provider = std::make_unique<EnginePreviewProvider>(window.model(), QString::fromStdString(warehouse.connections));
        window.setPreviewProvider(provider.get());
        if (!waitForPreviews) return;
        REQUIRE(provider->waitIdle(60000));
        paint();
    }
    void paint() {
        window.canvas()->resize(1300, 1400);
        image = window.canvas()->grab().toImage();
    }
    PreviewData ready(const QString& id) const {
        const PreviewData d = provider->data(id);
        INFO(id.toStdString() + ": " + d.error.toStdString());
        REQUIRE(d.state == PreviewData::State::Ready);
        return d;
    }
    const ChartHits& hits(const QString& id) const { return window.previewPainter()->hits(id); }
    QColor at(const QPointF& p) const { return image.pixelColor(p.toPoint()); }
    QString text(const QString& id, int row, const QString& columnId) const {
        const PreviewData d = provider->data(id);
        return d.rows[std::size_t(row)][std::size_t(d.columnIndex(columnId))].toString();
    }
    void save(const char* name) {
        if (const QByteArray shots = qgetenv("QUIRE_SCREENSHOT_DIR"); !shots.isEmpty()) image.save(QString::fromUtf8(shots) + "/" + name);
    }
};

bool near(const QColor& a, const QColor& b, int tolerance = 12) {
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance && std::abs(a.blue() - b.blue()) <= tolerance;
}
bool whiteish(const QColor& c) { return c.red() > 235 && c.green() > 235 && c.blue() > 235; }

std::map<std::string, double> sums(const Warehouse& w, const std::string& sql) {
    std::map<std::string, double> out;
    const auto r = w.sql(sql);
    for (std::size_t i = 0; i < r.rowCount(); ++i) out[r.toString(i, 0)] = std::stod(r.toString(i, 1));
    return out;
}

} // namespace

TEST_CASE("funnel stages run widest first, each as wide as its share of the largest", "[ide][charts]") {
    Fixture f(R"YAML(    - id: funnel
      kind: funnel-chart
      name: Signup funnel
      source: {kind: table, elementId: steps}
      columns:
        - {id: f-stage, name: Stage, formula: "[Steps/Stage]"}
        - {id: f-users, name: Users, formula: "Sum([Steps/Users])"}
      stage: {columnId: f-stage}
      series: {columnId: f-users}
)YAML", place("funnel", 1, 13, 1, 16));
    f.ready("funnel");
    const auto totals = sums(f.warehouse, "SELECT stage, sum(users) FROM steps GROUP BY stage");
    REQUIRE(totals.size() == 4);
    auto hits = f.hits("funnel");
    REQUIRE(hits.size() == 4);
    std::sort(hits.begin(), hits.end(), [](const ChartHit& a, const ChartHit& b) { return a.shape.boundingRect().top() < b.shape.boundingRect().top(); });
    // Top to bottom: Visit 1000, Signup 400, Trial 250, Paid 100 (the inserted rows summed by hand).
    const std::vector<std::string> order{"Visit", "Signup", "Trial", "Paid"};
    const double widest = hits[0].shape.boundingRect().width();
    for (std::size_t i = 0; i < 4; ++i) {
        const QRectF bar = hits[i].shape.boundingRect();
        REQUIRE(hits[i].rows.size() == 1);
        CHECK(f.text("funnel", hits[i].rows[0], "f-stage").toStdString() == order[i]);
        CHECK(bar.width() == Approx(widest * totals.at(order[i]) / totals.at("Visit")).margin(1.0));
        // Painted: the bar's colour at both ends of its band, background just outside.
        const double y = bar.center().y();
        CHECK_FALSE(whiteish(f.at({bar.left() + 2, y})));
        CHECK(near(f.at({bar.left() + 2, y}), f.at({bar.right() - 2, y})));
        CHECK(whiteish(f.at({bar.left() - 3, y})));
        CHECK(whiteish(f.at({bar.right() + 3, y})));
    }
    f.save("funnel.png");
}

TEST_CASE("waterfall bars follow the running total and end with the total", "[ide][charts]") {
    Fixture f(R"YAML(    - id: fall
      kind: waterfall-chart
      name: Cash by month
      source: {kind: table, elementId: ledger}
      columns:
        - {id: w-month, name: Month, formula: "[Ledger/Month]"}
        - {id: w-delta, name: Change, formula: "Sum([Ledger/Delta])"}
      xAxis: {columnId: w-month}
      yAxis: {columnIds: [w-delta]}
)YAML", place("fall", 1, 13, 1, 16));
    f.ready("fall");
    const auto r = f.warehouse.sql("SELECT month, sum(delta) FROM ledger GROUP BY month ORDER BY month");
    std::vector<double> deltas;
    for (std::size_t i = 0; i < r.rowCount(); ++i) deltas.push_back(std::stod(r.toString(i, 1)));
    REQUIRE(deltas.size() == 4);
    const auto& hits = f.hits("fall");
    REQUIRE(hits.size() == 5); // four steps and the end total
    // Measure each bar in pixels: the coloured run down the bar's centre column.
    auto extent = [&](const ChartHit& h) {
        const QRectF box = h.shape.boundingRect();
        const int x = int(box.center().x());
        const QColor colour = f.at(box.center());
        int top = int(box.top()) - 4, bottom = int(box.bottom()) + 4;
        while (top < bottom && !near(f.image.pixelColor(x, top), colour, 30)) ++top;
        while (bottom > top && !near(f.image.pixelColor(x, bottom), colour, 30)) --bottom;
        return std::make_tuple(top, bottom, colour);
    };
    const auto [totalTop, totalBottom, totalColour] = extent(hits[4]);
    const double total = deltas[0] + deltas[1] + deltas[2] + deltas[3]; // 500
    const double scale = (totalBottom - totalTop + 1) / total;
    const double baseline = totalBottom + 1; // zero
    double running = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        const auto [top, bottom, colour] = extent(hits[i]);
        const double after = running + deltas[i];
        CHECK((bottom - top + 1) == Approx(std::fabs(deltas[i]) * scale).margin(2.0));
        CHECK(top == Approx(baseline - std::max(running, after) * scale).margin(2.0));
        if (deltas[i] > 0) CHECK(colour.green() > colour.red()); // increase
        else CHECK(colour.red() > colour.green());               // decrease
        CHECK_FALSE(near(colour, totalColour, 20));
        running = after;
    }
    f.save("waterfall.png");
}

TEST_CASE("a gauge fills the share of its dial that the value is of max", "[ide][charts]") {
    Fixture f(R"YAML(    - id: gauge
      kind: gauge-chart
      name: Sales vs target
      source: {kind: table, elementId: base}
      columns:
        - {id: g-total, name: Total, formula: "Sum([Sales/Amount])"}
      value: {columnId: g-total}
      max: 800
)YAML", place("gauge", 1, 9, 1, 12));
    const PreviewData d = f.ready("gauge");
    const double total = std::stod(f.warehouse.sql("SELECT sum(amount) FROM sales").toString(0, 0)); // 410
    CHECK(d.rows[0][0].toDouble() == total);
    const auto& hits = f.hits("gauge");
    REQUIRE(hits.size() == 1);
    const QRectF dial = hits[0].shape.boundingRect();
    const QPointF centre = dial.center();
    const double radius = dial.width() / 2, mid = radius * 0.88; // the middle of the ring
    auto ringAt = [&](double degreesFromLeft) { // 0 = min (left), 180 = max (right), over the top
        const double a = (180 - degreesFromLeft) * M_PI / 180;
        return f.at(QPointF(centre.x() + mid * std::cos(a), centre.y() - mid * std::sin(a)));
    };
    const double share = total / 800; // 0.51
    const QColor filled = ringAt(180 * share * 0.5), empty = ringAt(180 * (share + (1 - share) * 0.5));
    CHECK_FALSE(whiteish(filled));
    CHECK_FALSE(whiteish(empty));
    CHECK_FALSE(near(filled, empty, 30));
    CHECK(near(ringAt(180 * share - 8), filled, 20));  // just before the value: filled
    CHECK(near(ringAt(180 * share + 8), empty, 20));   // just after: the track
    f.save("gauge.png");
}

TEST_CASE("a pivot with columnsBy is drawn as a cross-tab coloured on its backgroundScale", "[ide][charts]") {
    Fixture f(R"YAML(    - id: heat
      kind: pivot-table
      name: Amount by region and product
      source: {kind: table, elementId: base}
      columns:
        - {id: p-region, name: Region, formula: "[Sales/Region]"}
        - {id: p-product, name: Product, formula: "[Sales/Product]"}
        - {id: p-amount, name: Amount, formula: "Sum([Sales/Amount])"}
      rowsBy: [{columnId: p-region}]
      columnsBy: [{columnId: p-product}]
      values: [p-amount]
      conditionalFormats:
        - {type: backgroundScale, columnIds: [p-amount], scheme: ["#fef3c7", "#b91c1c"]}
)YAML", place("heat", 1, 25, 1, 14));
    const PreviewData d = f.ready("heat");
    const Json* element = f.window.model()->findElement("heat");
    REQUIRE(element);
    const Crosstab t = buildCrosstab(*element, d);
    REQUIRE(t.rowKeys.size() == 3);
    REQUIRE(t.columnKeys.size() == 3);
    CHECK(t.rowKeys[0].join("") == "East");
    CHECK(t.rowKeys[2].join("") == "West");
    CHECK(t.columnKeys[0].join("") == "Gadget");
    CHECK(t.columnKeys[2].join("") == "Widget");
    const auto r = f.warehouse.sql("SELECT region, product, sum(amount) FROM sales GROUP BY 1, 2");
    std::map<std::pair<std::string, std::string>, double> expected;
    for (std::size_t i = 0; i < r.rowCount(); ++i) expected[{r.toString(i, 0), r.toString(i, 1)}] = std::stod(r.toString(i, 2));
    int filled = 0;
    for (std::size_t row = 0; row < 3; ++row)
        for (std::size_t col = 0; col < 3; ++col) {
            const auto key = std::make_pair(t.rowKeys[row].join("").toStdString(), t.columnKeys[col].join("").toStdString());
            const QVariant cell = t.cells[row][col];
            if (expected.count(key)) {
                CHECK(cell.toDouble() == expected.at(key));
                ++filled;
            } else {
                CHECK(cell.isNull()); // e.g. East has no Gizmo
            }
        }
    CHECK(filled == int(expected.size()));
    // Totals come from the planner's __pivot rows; compared with plain SQL per region, per product and overall.
    REQUIRE(t.hasRowTotals);
    REQUIRE(t.hasColumnTotals);
    REQUIRE(t.hasGrandTotal);
    const auto byRegion = f.warehouse.sql("SELECT region, sum(amount) FROM sales GROUP BY 1 ORDER BY 1");
    REQUIRE(byRegion.rowCount() == 3);
    for (std::size_t row = 0; row < 3; ++row) {
        CHECK(t.rowKeys[row].join("").toStdString() == byRegion.toString(row, 0));
        CHECK(t.rowTotals[row][0].toDouble() == std::stod(byRegion.toString(row, 1)));
    }
    const auto byProduct = f.warehouse.sql("SELECT product, sum(amount) FROM sales GROUP BY 1 ORDER BY 1");
    REQUIRE(byProduct.rowCount() == 3);
    for (std::size_t col = 0; col < 3; ++col) CHECK(t.columnTotals[col].toDouble() == std::stod(byProduct.toString(col, 1)));
    CHECK(t.grandTotals[0].toDouble() == std::stod(f.warehouse.sql("SELECT sum(amount) FROM sales").toString(0, 0)));
    // The largest cell (West / Gadget, 130) wears the scale's end colour, the smallest (South / Gizmo, 20) its start.
    auto cellColour = [&](const std::string& region, const std::string& product) {
        for (const auto& h : f.hits("heat"))
            if (f.text("heat", h.rows[0], "p-region").toStdString() == region && f.text("heat", h.rows[0], "p-product").toStdString() == product)
                return f.at(h.shape.boundingRect().topLeft() + QPointF(3, 3));
        FAIL("no cell " << region << "/" << product);
        return QColor();
    };
    CHECK(near(cellColour("West", "Gadget"), QColor("#b91c1c")));
    CHECK(near(cellColour("South", "Gizmo"), QColor("#fef3c7")));
    const QColor middle = cellColour("East", "Gadget"); // 50: between the two
    CHECK(middle.green() < QColor("#fef3c7").green());
    CHECK(middle.green() > QColor("#b91c1c").green());
    f.save("pivot-heatmap.png");
}

namespace {
const char* kBars = R"YAML(    - id: stacked
      kind: bar-chart
      name: Stacked
      source: {kind: table, elementId: base}
      columns:
        - {id: k-region, name: Region, formula: "[Sales/Region]"}
        - {id: k-product, name: Product, formula: "[Sales/Product]"}
        - {id: k-amount, name: Amount, formula: "Sum([Sales/Amount])"}
      xAxis: {columnId: k-region}
      yAxis: {columnIds: [k-amount]}
      color: {by: category, column: k-product}
      stacking: stacked
    - id: normal
      kind: bar-chart
      name: Share
      source: {kind: table, elementId: base}
      columns:
        - {id: n-region, name: Region, formula: "[Sales/Region]"}
        - {id: n-product, name: Product, formula: "[Sales/Product]"}
        - {id: n-amount, name: Amount, formula: "Sum([Sales/Amount])"}
      xAxis: {columnId: n-region}
      yAxis: {columnIds: [n-amount]}
      color: {by: category, column: n-product}
      stacking: normalized
    - id: sideways
      kind: bar-chart
      name: Sideways
      source: {kind: table, elementId: base}
      columns:
        - {id: h-region, name: Region, formula: "[Sales/Region]"}
        - {id: h-amount, name: Amount, formula: "Sum([Sales/Amount])"}
      xAxis: {columnId: h-region}
      yAxis: {columnIds: [h-amount]}
      orientation: horizontal
    - id: area
      kind: area-chart
      name: Stacked area
      source: {kind: table, elementId: base}
      columns:
        - {id: a-region, name: Region, formula: "[Sales/Region]"}
        - {id: a-product, name: Product, formula: "[Sales/Product]"}
        - {id: a-amount, name: Amount, formula: "Sum([Sales/Amount])"}
      xAxis: {columnId: a-region}
      yAxis: {columnIds: [a-amount]}
      color: {by: category, column: a-product}
      stacking: stacked
    - id: donut
      kind: donut-chart
      name: Share by product
      source: {kind: table, elementId: base}
      columns:
        - {id: o-product, name: Product, formula: "[Sales/Product]"}
        - {id: o-amount, name: Amount, formula: "Sum([Sales/Amount])"}
      value: {columnId: o-amount}
      color: {columnId: o-product}
)YAML";
}

TEST_CASE("stacked, normalized and horizontal bars stack their segments in proportion", "[ide][charts]") {
    Fixture f(kBars, place("stacked", 1, 13, 1, 16) + place("normal", 13, 25, 1, 16) + place("sideways", 1, 13, 16, 30) +
                         place("area", 13, 25, 16, 30) + place("donut", 1, 13, 30, 44));
    const PreviewData d = f.ready("stacked");
    const auto r = f.warehouse.sql("SELECT region, product, sum(amount) FROM sales GROUP BY 1, 2");
    std::map<std::pair<QString, QString>, double> amount;
    std::map<QString, double> regionTotal;
    for (std::size_t i = 0; i < r.rowCount(); ++i) {
        amount[{QString::fromStdString(r.toString(i, 0)), QString::fromStdString(r.toString(i, 1))}] = std::stod(r.toString(i, 2));
        regionTotal[QString::fromStdString(r.toString(i, 0))] += std::stod(r.toString(i, 2));
    }
    // Stacked: one segment per (region, product) row; per region they touch end to end, heights ∝ amounts.
    const auto& stacked = f.hits("stacked");
    REQUIRE(stacked.size() == amount.size());
    std::map<QString, std::vector<QRectF>> byRegion;
    double pxPerUnit = 0;
    std::map<QString, QColor> productColour;
    for (const auto& h : stacked) {
        const QString region = f.text("stacked", h.rows[0], "k-region"), product = f.text("stacked", h.rows[0], "k-product");
        const QRectF box = h.shape.boundingRect();
        byRegion[region].push_back(box);
        const double ratio = box.height() / amount.at({region, product});
        if (pxPerUnit == 0) pxPerUnit = ratio;
        CHECK(ratio == Approx(pxPerUnit).epsilon(0.03));
        const QColor painted = f.at(box.center());
        CHECK_FALSE(whiteish(painted));
        if (productColour.count(product)) CHECK(near(productColour[product], painted)); // one colour per series
        productColour[product] = painted;
    }
    CHECK_FALSE(near(productColour["Widget"], productColour["Gadget"]));
    for (auto& [region, boxes] : byRegion) {
        std::sort(boxes.begin(), boxes.end(), [](const QRectF& a, const QRectF& b) { return a.top() < b.top(); });
        for (std::size_t i = 0; i + 1 < boxes.size(); ++i) {
            CHECK(boxes[i].bottom() == Approx(boxes[i + 1].top()).margin(1.5));
            CHECK(boxes[i].center().x() == Approx(boxes[i + 1].center().x()).margin(1.0));
        }
        CHECK(boxes.back().bottom() - boxes.front().top() == Approx(regionTotal.at(region) * pxPerUnit).epsilon(0.03));
    }
    // Normalized: every region's stack is the same height (100%), segments ∝ their share of the region.
    std::map<QString, std::pair<double, double>> span;
    for (const auto& h : f.hits("normal")) {
        const QString region = f.text("normal", h.rows[0], "n-region"), product = f.text("normal", h.rows[0], "n-product");
        const QRectF box = h.shape.boundingRect();
        auto& s = span.try_emplace(region, 1e9, -1e9).first->second;
        s.first = std::min(s.first, box.top()), s.second = std::max(s.second, box.bottom());
        (void)product;
    }
    REQUIRE(span.size() == 3);
    const double full = span.begin()->second.second - span.begin()->second.first;
    for (const auto& [region, s] : span) CHECK(s.second - s.first == Approx(full).margin(1.5));
    // Horizontal: bars lie along x, lengths ∝ region totals, one row each.
    const auto& side = f.hits("sideways");
    REQUIRE(side.size() == 3);
    double pxSide = 0;
    for (const auto& h : side) {
        const QRectF box = h.shape.boundingRect();
        CHECK(box.width() > box.height() * 0.5);
        const double ratio = box.width() / regionTotal.at(f.text("sideways", h.rows[0], "h-region"));
        if (pxSide == 0) pxSide = ratio;
        CHECK(ratio == Approx(pxSide).epsilon(0.03));
        CHECK_FALSE(whiteish(f.at(box.center())));
    }
    CHECK(side[0].shape.boundingRect().center().y() != Approx(side[1].shape.boundingRect().center().y()).margin(5));
    // Stacked area: the top series' points sit at the region totals.
    CHECK(f.hits("area").size() == amount.size());
    // Donut: inside each slice's hit shape the canvas has one colour, a different one per slice, so a click
    // lands on the slice that is drawn there.
    const auto& slices = f.hits("donut");
    REQUIRE(slices.size() == 3);
    std::vector<QColor> sliceColours;
    for (const auto& h : slices) {
        const QRectF box = h.shape.boundingRect();
        QColor first;
        int inside = 0, same = 0;
        for (double y = box.top(); y < box.bottom(); y += 3)
            for (double x = box.left(); x < box.right(); x += 3) {
                const QPointF pt(x, y);
                bool interior = true; // 4 px clear of the slice's edges
                for (const QPointF d : {QPointF(4, 0), QPointF(-4, 0), QPointF(0, 4), QPointF(0, -4)}) interior = interior && h.shape.contains(pt + d);
                if (!interior) continue;
                if (inside++ == 0) first = f.at(pt);
                if (near(f.at(pt), first, 16)) ++same;
            }
        REQUIRE(inside > 10);
        CHECK(same >= inside * 95 / 100);
        CHECK_FALSE(whiteish(first));
        for (const auto& other : sliceColours) CHECK_FALSE(near(other, first, 16));
        sliceColours.push_back(first);
    }
    (void)d;
    f.save("bars-stacked.png");
}

TEST_CASE("treemap tiles, sankey nodes and map points are sized and placed from the data", "[ide][charts]") {
    Fixture f(R"YAML(    - id: tree
      kind: treemap-chart
      name: Amount by product
      source: {kind: table, elementId: base}
      columns:
        - {id: t-product, name: Product, formula: "[Sales/Product]"}
        - {id: t-amount, name: Amount, formula: "Sum([Sales/Amount])"}
      category: {columnId: t-product}
    - id: flow
      kind: sankey-chart
      name: Region to product
      source: {kind: table, elementId: base}
      columns:
        - {id: y-region, name: Region, formula: "[Sales/Region]"}
        - {id: y-product, name: Product, formula: "[Sales/Product]"}
        - {id: y-amount, name: Amount, formula: "Sum([Sales/Amount])"}
      stages: [{columnId: y-region}, {columnId: y-product}]
      value: {columnId: y-amount}
    - id: points
      kind: point-map
      name: Cities
      source: {kind: table, elementId: base}
      columns:
        - {id: m-city, name: City, formula: "[Sales/City]"}
        - {id: m-lat, name: Lat, formula: "[Sales/Lat]"}
        - {id: m-lon, name: Lon, formula: "[Sales/Lon]"}
        - {id: m-amount, name: Amount, formula: "Sum([Sales/Amount])"}
      latitude: {columnId: m-lat}
      longitude: {columnId: m-lon}
      size: {columnId: m-amount}
    - id: regions
      kind: region-map
      name: Regions
      source: {kind: table, elementId: base}
      columns:
        - {id: r-region, name: Region, formula: "[Sales/Region]"}
        - {id: r-amount, name: Amount, formula: "Sum([Sales/Amount])"}
      region: {columnId: r-region, regionType: us-cbsa}
)YAML", place("tree", 1, 13, 1, 16) + place("flow", 13, 25, 1, 16) + place("points", 1, 13, 16, 32) + place("regions", 13, 25, 16, 32));
    // Treemap: tile areas ∝ product totals.
    f.ready("tree");
    const auto products = sums(f.warehouse, "SELECT product, sum(amount) FROM sales GROUP BY product");
    const auto& tiles = f.hits("tree");
    REQUIRE(tiles.size() == products.size());
    double areaPerUnit = 0;
    for (const auto& h : tiles) {
        const QRectF box = h.shape.boundingRect().adjusted(-1, -1, 1, 1); // tiles are inset by a 1 px gutter
        const double ratio = box.width() * box.height() / products.at(f.text("tree", h.rows[0], "t-product").toStdString());
        if (areaPerUnit == 0) areaPerUnit = ratio;
        CHECK(ratio == Approx(areaPerUnit).epsilon(0.05));
        CHECK_FALSE(whiteish(f.at(h.shape.boundingRect().bottomRight() - QPointF(3, 3))));
    }
    // Sankey: one node per region and per product, heights ∝ the value through them.
    f.ready("flow");
    const auto regions = sums(f.warehouse, "SELECT region, sum(amount) FROM sales GROUP BY region");
    double pxPerUnit = 0, firstColumn = 1e9;
    int nodes = 0, ribbons = 0;
    for (const auto& h : f.hits("flow"))
        if (std::fabs(h.shape.boundingRect().width() - 12) < 0.5) firstColumn = std::min(firstColumn, h.shape.boundingRect().left());
    for (const auto& h : f.hits("flow")) {
        const QRectF box = h.shape.boundingRect();
        if (std::fabs(box.width() - 12) > 0.5) { ++ribbons; continue; } // nodes are 12 px wide, ribbons span the gap
        ++nodes;
        const bool regionNode = std::fabs(box.left() - firstColumn) < 0.5; // the first stage: regions
        const double expected = regionNode ? regions.at(f.text("flow", h.rows[0], "y-region").toStdString())
                                           : products.at(f.text("flow", h.rows[0], "y-product").toStdString());
        for (int row : h.rows) // every row behind a node carries its label
            CHECK(f.text("flow", row, regionNode ? "y-region" : "y-product") == f.text("flow", h.rows[0], regionNode ? "y-region" : "y-product"));
        const double ratio = box.height() / expected;
        if (pxPerUnit == 0) pxPerUnit = ratio;
        CHECK(ratio == Approx(pxPerUnit).epsilon(0.03));
    }
    CHECK(nodes == int(regions.size() + products.size()));
    CHECK(ribbons == int(std::get<std::int64_t>(f.warehouse.sql("SELECT count(*) FROM (SELECT DISTINCT region, product FROM sales) d").value(0, 0))));
    // Point map: positions are linear in longitude (x) and latitude (y, north up).
    const PreviewData points = f.ready("points");
    const auto& dots = f.hits("points");
    REQUIRE(dots.size() == points.rows.size());
    REQUIRE(dots.size() == 6); // six cities
    auto lonOf = [&](const ChartHit& h) { return points.rows[std::size_t(h.rows[0])][std::size_t(points.columnIndex("m-lon"))].toDouble(); };
    auto latOf = [&](const ChartHit& h) { return points.rows[std::size_t(h.rows[0])][std::size_t(points.columnIndex("m-lat"))].toDouble(); };
    const ChartHit* west = &dots[0];
    const ChartHit* east = &dots[0];
    for (const auto& h : dots) {
        if (lonOf(h) < lonOf(*west)) west = &h;
        if (lonOf(h) > lonOf(*east)) east = &h;
    }
    const QPointF w = west->shape.boundingRect().center(), e = east->shape.boundingRect().center();
    for (const auto& h : dots) {
        const QPointF c = h.shape.boundingRect().center();
        CHECK(c.x() == Approx(w.x() + (e.x() - w.x()) * (lonOf(h) - lonOf(*west)) / (lonOf(*east) - lonOf(*west))).margin(1.0));
        // North up, linear in latitude: measured against the northern- and southernmost cities.
        const ChartHit* north = &dots[0];
        const ChartHit* south = &dots[0];
        for (const auto& o : dots) {
            if (latOf(o) > latOf(*north)) north = &o;
            if (latOf(o) < latOf(*south)) south = &o;
        }
        const double ny = north->shape.boundingRect().center().y(), sy = south->shape.boundingRect().center().y();
        CHECK(ny < sy);
        CHECK(c.y() == Approx(ny + (sy - ny) * (latOf(*north) - latOf(h)) / (latOf(*north) - latOf(*south))).margin(1.0));
    }
    // Region map of a type Quire ships no shapes for: one labelled bubble per region, the largest first.
    const PreviewData byRegion = f.ready("regions");
    const auto& bubbles = f.hits("regions");
    REQUIRE(bubbles.size() == regions.size());
    CHECK(f.text("regions", bubbles[0].rows[0], "r-region").toStdString() == "West"); // 160, the largest
    CHECK(bubbles[0].shape.boundingRect().width() > bubbles[2].shape.boundingRect().width());
    (void)byRegion;
    f.save("tree-sankey-maps.png");
}

namespace {
// A table grouped by region and a bar chart by region, both setting the region control on select; the
// control filters a detail table of the same source.
const char* kSelect = R"YAML(    - id: by-region
      kind: table
      name: By region
      source: {kind: table, elementId: base}
      columns:
        - {id: g-region, name: Region, formula: "[Sales/Region]"}
        - {id: g-amount, name: Amount, formula: "Sum([Sales/Amount])"}
      sort: [{columnId: g-region, direction: ascending}]
      actions:
        - id: pick-region-row
          trigger: on-select
          effects:
            - {kind: set-control-value, control: region-filter, value: {type: column, column: g-region}}
    - id: region-bars
      kind: bar-chart
      name: Amount by region
      source: {kind: table, elementId: base}
      columns:
        - {id: c-region, name: Region, formula: "[Sales/Region]"}
        - {id: c-amount, name: Amount, formula: "Sum([Sales/Amount])"}
      xAxis: {columnId: c-region}
      yAxis: {columnIds: [c-amount]}
      actions:
        - id: pick-region-bar
          trigger: on-select
          effects:
            - {kind: set-control-value, control: region-filter, value: {type: column, column: c-region}}
    - id: region-control
      kind: control
      controlId: region-filter
      controlType: list
      name: Region
      mode: include
      values: []
      filters:
        - source: {kind: table, elementId: detail}
          columnId: d-region
    - id: detail
      kind: table
      name: Detail
      source: {kind: table, elementId: base}
      columns:
        - {id: d-region, name: Region, formula: "[Sales/Region]"}
        - {id: d-city, name: City, formula: "[Sales/City]"}
        - {id: d-amount, name: Amount, formula: "[Sales/Amount]"}
)YAML";

QPoint centreOfRow(const Fixture& f, const QString& id, const QString& columnId, const QString& value) {
    for (const auto& h : f.hits(id))
        if (h.rows.size() == 1 && f.text(id, h.rows[0], columnId) == value) return h.shape.boundingRect().center().toPoint();
    FAIL("no mark for " << value.toStdString() << " on " << id.toStdString());
    return {};
}
} // namespace

TEST_CASE("clicking a table row or a bar runs on-select and filters the target with the picked value", "[ide][charts]") {
    Fixture f(kSelect, place("region-control", 1, 9, 1, 4) + place("by-region", 1, 9, 4, 16) + place("region-bars", 9, 25, 4, 16) +
                           place("detail", 1, 25, 16, 30));
    const auto count = [&](const std::string& region) {
        return std::size_t(std::get<std::int64_t>(f.warehouse.sql("SELECT count(*) FROM sales WHERE region = '" + region + "'").value(0, 0)));
    };
    const std::size_t all = std::size_t(std::get<std::int64_t>(f.warehouse.sql("SELECT count(*) FROM sales").value(0, 0)));
    CHECK(f.ready("detail").rows.size() == all);

    // A real click on the West row of the table card.
    QTest::mouseClick(f.window.canvas(), Qt::LeftButton, Qt::NoModifier, centreOfRow(f, "by-region", "g-region", "West"));
    CHECK(f.provider->controlSummary("region-filter") == "West");
    // Re-running (results arrive through the event loop): the old rows stay veiled and are not clickable.
    REQUIRE(f.provider->data("detail").state == PreviewData::State::Busy);
    f.paint();
    CHECK(f.hits("detail").empty());
    REQUIRE(f.provider->waitIdle(60000));
    PreviewData detail = f.ready("detail");
    CHECK(detail.rows.size() == count("West"));
    for (const auto& row : detail.rows) CHECK(row[std::size_t(detail.columnIndex("d-region"))].toString() == "West");
    CHECK_FALSE(detail.sql.contains("'West'")); // bound as a parameter, never spliced
    CHECK(detail.sql.contains("?"));
    CHECK(f.window.model()->selection() == QStringList{"by-region"});

    // Then the South bar of the chart (the hits of the repainted canvas).
    f.paint();
    QTest::mouseClick(f.window.canvas(), Qt::LeftButton, Qt::NoModifier, centreOfRow(f, "region-bars", "c-region", "South"));
    CHECK(f.provider->controlSummary("region-filter") == "South");
    REQUIRE(f.provider->waitIdle(60000));
    detail = f.ready("detail");
    CHECK(detail.rows.size() == count("South"));

    // A drag is a move, not a selection; a click on a card without on-select does nothing.
    f.paint();
    const QPoint east = centreOfRow(f, "region-bars", "c-region", "East");
    CHECK_FALSE(f.window.selectInPreview("detail", centreOfRow(f, "detail", "d-region", "South")));
    CHECK(f.window.selectInPreview("region-bars", east));
    CHECK(f.provider->controlSummary("region-filter") == "East");
    REQUIRE(f.provider->waitIdle(60000));
    f.save("on-select.png");
}

TEST_CASE("cancel on a busy card stops that element's query only, errors show on their card", "[ide][charts]") {
    // `slow` counts to two billion in a recursive CTE (minutes in SQLite); `fast` and `broken` are ordinary.
    Fixture f(std::string(R"YAML(    - id: slow
      kind: table
      name: Slow
      source:
        kind: sql
        connectionId: )YAML") + kConnection + R"YAML(
        statement: "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000000) SELECT count(*) AS n FROM c"
      columns:
        - {id: sl-n, name: N, formula: "[Custom SQL/n]"}
    - id: fast
      kind: table
      name: Fast
      source: {kind: table, elementId: base}
      columns:
        - {id: fa-region, name: Region, formula: "[Sales/Region]"}
    - id: broken
      kind: bar-chart
      name: Broken
      source: {kind: table, elementId: base}
      columns:
        - {id: br-x, name: X, formula: "[Sales/No Such Column]"}
        - {id: br-y, name: Y, formula: "Sum([Sales/Amount])"}
      xAxis: {columnId: br-x}
      yAxis: {columnIds: [br-y]}
)YAML", place("slow", 1, 9, 1, 10) + place("fast", 9, 17, 1, 10) + place("broken", 17, 25, 1, 10) + place("steps", 1, 25, 10, 20),
              false);
    // `slow` is first on the page: it runs while the others wait in the queue.
    QThread::msleep(300);
    QCoreApplication::processEvents();
    REQUIRE(f.provider->data("slow").state == PreviewData::State::Busy);
    f.paint();
    const PlacedNode* slowCard = nullptr;
    const auto nodes = f.window.canvas()->placedNodes();
    for (const auto& n : nodes)
        if (n.handle == "slow") slowCard = &n;
    REQUIRE(slowCard);
    const QRect button = CanvasWidget::cancelButtonRect(slowCard->rect);
    // The busy card shows its cancel button (red-tinted) in the header.
    int reddish = 0;
    for (int y = button.top(); y <= button.bottom(); ++y)
        for (int x = button.left(); x <= button.right(); ++x)
            if (f.image.pixelColor(x, y).red() > f.image.pixelColor(x, y).blue() + 40) ++reddish;
    CHECK(reddish > 10);
    f.save("busy-cancel.png");
    QElapsedTimer timer;
    timer.start();
    QTest::mouseClick(f.window.canvas(), Qt::LeftButton, Qt::NoModifier, button.center());
    CHECK(f.provider->data("slow").state == PreviewData::State::Error);
    CHECK(f.provider->data("slow").error == "cancelled");
    REQUIRE(f.provider->waitIdle(20000)); // the driver stopped the statement: the queue drains at once
    CHECK(timer.elapsed() < 15000);
    CHECK(f.provider->data("slow").error == "cancelled"); // no late result overwrote it
    CHECK(f.ready("fast").rows.size() == std::size_t(std::get<std::int64_t>(f.warehouse.sql("SELECT count(*) FROM sales").value(0, 0))));
    CHECK(f.ready("steps").rows.size() == 6);
    CHECK_FALSE(f.provider->cancelElement("fast")); // not busy: nothing to cancel
    // The planner's error is on the broken chart's card, in red.
    const PreviewData broken = f.provider->data("broken");
    CHECK(broken.state == PreviewData::State::Error);
    CHECK(broken.error.contains("No Such Column"));
    f.paint();
    const PlacedNode* brokenCard = nullptr;
    const auto again = f.window.canvas()->placedNodes();
    for (const auto& n : again)
        if (n.handle == "broken") brokenCard = &n;
    REQUIRE(brokenCard);
    int red = 0;
    for (int y = brokenCard->rect.top() + 28; y < brokenCard->rect.bottom(); ++y)
        for (int x = brokenCard->rect.left(); x < brokenCard->rect.right(); ++x)
            if (const QColor c = f.image.pixelColor(x, y); c.red() > 150 && c.green() < 90 && c.blue() < 90) ++red;
    CHECK(red > 20);
}

TEST_CASE("a box chart draws the quartiles of each category's detail values", "[ide][charts]") {
    Fixture f(R"YAML(    - id: spread
      kind: box-chart
      name: Order amounts by region
      source: {kind: table, elementId: base}
      columns:
        - {id: x-region, name: Region, formula: "[Sales/Region]"}
        - {id: x-amount, name: Amount, formula: "[Sales/Amount]"}
      xAxis: {columnId: x-region}
      yAxis: {columnIds: [x-amount]}
)YAML", place("spread", 1, 13, 1, 16));
    const PreviewData d = f.ready("spread");
    CHECK(d.rows.size() == std::size_t(std::get<std::int64_t>(f.warehouse.sql("SELECT count(*) FROM sales").value(0, 0))));
    // Quartiles by hand (linear interpolation) of the inserted amounts: East 40 50 60 -> 45..55,
    // South 20 80 -> 35..65, West 30 130 -> 55..105.
    const std::map<QString, std::pair<double, double>> quartiles{{"East", {45, 55}}, {"South", {35, 65}}, {"West", {55, 105}}};
    const auto& boxes = f.hits("spread");
    REQUIRE(boxes.size() == 3);
    std::map<QString, QRectF> byRegion;
    for (const auto& h : boxes) {
        const QString region = f.text("spread", h.rows[0], "x-region");
        for (int r : h.rows) CHECK(f.text("spread", r, "x-region") == region);
        byRegion[region] = h.shape.boundingRect();
    }
    const double scale = byRegion["East"].height() / 10; // pixels per unit
    for (const auto& [region, q] : quartiles) {
        const QRectF box = byRegion.at(region);
        CHECK(box.height() == Approx((q.second - q.first) * scale).margin(1.0));
        // Box middles: East and South both at 50, West 30 units higher.
        CHECK(box.center().y() == Approx(byRegion["East"].center().y() - ((q.first + q.second) / 2 - 50) * scale).margin(1.0));
        CHECK_FALSE(whiteish(f.at(box.topLeft() + QPointF(3, 2))));
    }
    f.save("box.png");
}
