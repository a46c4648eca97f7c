// Line and scatter charts of a million rows (issue #15): the chart draws a reduced series (LTTB for lines,
// one point per few-pixel cell for scatter) that keeps the shape, and the card says it is downsampled. Over a
// SQLite warehouse, a line chart fetches past the table row window (200) so the reduction sees every row.
#include <catch2/catch.hpp>

#include "big_series_chart.h"
#include "canvas_widget.h"
#include "engine_preview_provider.h"
#include "main_window.h"
#include "preview_painter.h"
#include "qt_charts.h"

#include <quire/connect/odbc.h>
#include <quire/doc/io.h>
#include <test_support.h>

#include <QImage>
#include <QLocale>

#include <cmath>

using namespace quire;
using namespace quire::ide;

namespace {

// 1M rows (x, y): y a slow sine plus one spike up at row 777,777 and one down at row 333,333.
PreviewData bigSeries(std::size_t n = 1'000'000) {
    PreviewData d;
    d.state = PreviewData::State::Ready;
    d.columnIds = {"x", "y"};
    d.columnNames = {"X", "Y"};
    d.rows.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        double y = 100 + 10 * std::sin(double(i) / 50'000.0);
        if (i == 777'777) y = 400;
        if (i == 333'333) y = -200;
        d.rows.push_back({QVariant(qlonglong(i)), i % 1000 == 17 ? QVariant() : QVariant(y)}); // every 1000th a null
    }
    d.totalRows = qint64(n);
    return d;
}

Json chartElement(const char* kind) {
    return Json{{"id", "big"}, {"kind", kind}, {"xAxis", {{"columnId", "x"}}}, {"yAxis", {{"columnIds", Json::array({"y"})}}}};
}

const ChartMark* findMark(const ChartMarks& marks, const char* kind) {
    for (const auto& m : marks)
        if (m.kind == kind) return &m;
    return nullptr;
}

} // namespace

TEST_CASE("a 1M-point line chart draws an LTTB reduction and says it is downsampled", "[ide][charts][downsample]") {
    const PreviewData data = bigSeries();
    ChartHits hits;
    ChartMarks marks;
    const auto pixmap = renderQtChart(QSize(800, 300), chartElement("line-chart"), data, hits, marks);
    REQUIRE(pixmap);
    // A hit per drawn point: exactly the LTTB target, each one row.
    CHECK(hits.size() == kLinePointTarget);
    const ChartMark* note = findMark(marks, "downsampled");
    REQUIRE(note);
    CHECK(note->value == double(kLinePointTarget));
    CHECK(note->text == QString("Showing %1 of %2 points (downsampled)").arg(QLocale().toString(2000), QLocale().toString(1'000'000)));
    // The spikes and both ends survive, nulls are never drawn; the spike up is the highest dot, the one down the lowest.
    std::map<int, QRectF> byRow;
    for (const auto& h : hits) {
        REQUIRE(h.rows.size() == 1);
        byRow[h.rows[0]] = h.shape.boundingRect();
        CHECK(h.rows[0] % 1000 != 17);
    }
    REQUIRE(byRow.count(777'777));
    REQUIRE(byRow.count(333'333));
    CHECK(byRow.count(0));
    CHECK(byRow.count(999'999));
    for (const auto& [row, box] : byRow) {
        CHECK(box.center().y() >= byRow[777'777].center().y());
        CHECK(box.center().y() <= byRow[333'333].center().y());
    }
    // The line is painted up to the spike: the series colour just below the spike's dot centre.
    const QImage image = pixmap->toImage();
    if (const QByteArray shots = qgetenv("QUIRE_SCREENSHOT_DIR"); !shots.isEmpty()) image.save(QString::fromUtf8(shots) + "/chart-downsampled.png");
    const QPointF spike = byRow[777'777].center();
    bool painted = false;
    for (int dy = 0; dy < 6 && !painted; ++dy) {
        const QColor c = image.pixelColor(spike.toPoint() + QPoint(0, dy));
        painted = c.alpha() > 0 && c.blue() > c.red() + 40;
    }
    CHECK(painted);
}

TEST_CASE("a 1M-point scatter chart keeps one dot per occupied cell and says so", "[ide][charts][downsample]") {
    const PreviewData data = bigSeries();
    ChartHits hits;
    ChartMarks marks;
    const QSize size(600, 240);
    const auto pixmap = renderQtChart(size, chartElement("scatter-chart"), data, hits, marks);
    REQUIRE(pixmap);
    const std::size_t cells = std::size_t(size.width() / kScatterCellPixels) * std::size_t(size.height() / kScatterCellPixels);
    CHECK(hits.size() <= cells);
    CHECK(hits.size() > 100);
    const ChartMark* note = findMark(marks, "downsampled");
    REQUIRE(note);
    CHECK(note->value == double(hits.size()));
    CHECK(note->text.endsWith(QString("of %1 points (downsampled)").arg(QLocale().toString(1'000'000))));
    // The outliers are lone points in their cells: both kept.
    bool up = false, down = false;
    for (const auto& h : hits) up = up || h.rows[0] == 777'777, down = down || h.rows[0] == 333'333;
    CHECK(up);
    CHECK(down);
    // Every kept point is painted as a dot of the series colour (stamped, not Qt Charts markers): its centre pixel.
    const QImage image = pixmap->toImage();
    if (const QByteArray shots = qgetenv("QUIRE_SCREENSHOT_DIR"); !shots.isEmpty()) image.save(QString::fromUtf8(shots) + "/chart-downsampled-scatter.png");
    const QColor colour = seriesColour(0);
    int painted = 0;
    for (const auto& h : hits) {
        const QColor c = image.pixelColor(h.shape.boundingRect().center().toPoint());
        painted += c.alpha() > 200 && std::abs(c.red() - colour.red()) < 40 && std::abs(c.blue() - colour.blue()) < 40;
    }
    CHECK(painted == int(hits.size()));
}

TEST_CASE("a line chart of a few hundred rows draws every row, with no downsampling note", "[ide][charts][downsample]") {
    // Past the 60 categories a category axis shows, up to the LTTB target: every non-null row is a point.
    const PreviewData data = bigSeries(1500);
    ChartHits hits;
    ChartMarks marks;
    REQUIRE(renderQtChart(QSize(800, 300), chartElement("line-chart"), data, hits, marks));
    CHECK(hits.size() == 1498); // rows 17 and 1017 are null
    CHECK_FALSE(findMark(marks, "downsampled"));
}

TEST_CASE("a line chart over the warehouse fetches past the table row window and is downsampled when drawn", "[ide][charts][downsample]") {
    const std::string dir = quire::test::makeTempDir("ide-big-chart");
    const std::string db = dir + "/big.db";
    const std::string connection = "7f3e2a10-4b6c-4d8e-9f01-23456789abce";
    {
        auto c = connect::Connection::open("Driver=SQLite3;Database=" + db + ";");
        c->execute("CREATE TABLE series (t INTEGER, v REAL)");
        c->execute("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 4999) "
                   "INSERT INTO series SELECT i, CASE WHEN i = 4321 THEN 1000 ELSE i % 50 END FROM n");
    }
    const std::string connections = dir + "/connections.json";
    doc::writeFileAtomically(connections, Json{{"version", 1}, {"connections", {{"big", {{"type", "sqlite"}, {"connectionId", connection}, {"database", db}}}}}}.dump(2));
    const std::string path = dir + "/wb.yaml";
    doc::writeFileAtomically(path, R"YAML(name: Big
contents:
  schemaVersion: 1
  kind: workbook
  pages:
    - id: main
      name: Main
  elements:
    - id: line
      kind: line-chart
      name: Series
      source: {kind: warehouse-table, connectionId: )YAML" + connection + R"YAML(, path: [main, series]}
      columns:
        - {id: c-t, name: T, formula: "[series/t]"}
        - {id: c-v, name: V, formula: "[series/v]"}
      xAxis: {columnId: c-t}
      yAxis: {columnIds: [c-v]}
  layout: |
    <?xml version="1.0" encoding="utf-8"?>
    <Page type="grid" gridTemplateColumns="repeat(24, 1fr)" gridTemplateRows="auto" id="main">
      <Element elementId="line" gridColumn="1 / 20" gridRow="1 / 12"/>
    </Page>
)YAML");
    MainWindow window;
    window.resize(1400, 1000);
    REQUIRE(window.openFile(QString::fromStdString(path), true));
    window.showRegion("main");
    EnginePreviewProvider provider(window.model(), QString::fromStdString(connections));
    window.setPreviewProvider(&provider);
    REQUIRE(provider.waitIdle(60000));
    const PreviewData d = provider.data("line");
    INFO(d.error.toStdString());
    REQUIRE(d.state == PreviewData::State::Ready);
    CHECK(d.rows.size() == 5000); // not the 200-row table window
    CHECK(d.totalRows == 5000);
    // The canvas asks for the data on every paint and tooltip: it gets the provider's rows, not a copy.
    CHECK(provider.data("line").rows.data() == provider.data("line").rows.data());
    window.canvas()->resize(1300, 900);
    (void)window.canvas()->grab();
    const ChartMarks& marks = window.previewPainter()->marks("line");
    const ChartMark* note = findMark(marks, "downsampled");
    REQUIRE(note);
    CHECK(note->text == QString("Showing %1 of %2 points (downsampled)").arg(QLocale().toString(2000), QLocale().toString(5000)));
    // The spike row is among the drawn points.
    const int vi = d.columnIndex("c-v");
    bool spike = false;
    for (const auto& h : window.previewPainter()->hits("line"))
        for (int r : h.rows) spike = spike || d.rows[std::size_t(r)][std::size_t(vi)].toDouble() == 1000.0;
    CHECK(spike);
}
