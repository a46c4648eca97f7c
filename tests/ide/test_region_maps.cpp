// Region and geography maps drawn from shapes over the embedded sample warehouse: each region's fill is its
// value on the colour scale (values computed here with plain SQL), regions without data are grey, the legend
// follows `legend.visibility`, and values that match no region or do not parse are counted on the card.
#include <catch2/catch.hpp>

#include "canvas_widget.h"
#include "engine_preview_provider.h"
#include "main_window.h"
#include "preview_painter.h"
#include "region_maps.h"
#include "sample_warehouse_fixture.h"

#include <quire/connect/sample_warehouse.h>

#include <QImage>

#include <cmath>
#include <map>

using namespace quire;
using namespace quire::ide;

namespace {

std::string workbook(const std::string& elements, const std::string& layout) {
    return R"YAML(name: Maps
contents:
  schemaVersion: 1
  kind: workbook
  pages:
    - id: main
      name: Main
  elements:
)YAML" + elements + "  layout: |\n    <?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
           "    <Page type=\"grid\" gridTemplateColumns=\"repeat(24, 1fr)\" gridTemplateRows=\"auto\" id=\"main\">\n" + layout +
           "    </Page>\n";
}

// A Custom SQL element of the sample warehouse: `statement` gives columns named by `columns` (id: name).
std::string sqlElement(const std::string& id, const std::string& kind, const std::string& statement, const std::string& columns,
                       const std::string& extra) {
    return "    - id: " + id + "\n      kind: " + kind + "\n      name: " + id + "\n      source:\n        kind: sql\n        connectionId: " +
           std::string(connect::kSampleConnectionId) + "\n        statement: \"" + statement + "\"\n      columns:\n" + columns + extra;
}

struct Fixture {
    test::SampleWarehouse warehouse;
    MainWindow window;
    std::unique_ptr<EnginePreviewProvider> provider;
    QImage image;
    Fixture(const std::string& elements, const std::string& layout) {
        const std::string path = warehouse.dir + "/maps.yaml";
        doc::writeFileAtomically(path, workbook(elements, layout));
        window.resize(1400, 1000);
        REQUIRE(window.openFile(QString::fromStdString(path), true));
        window.showRegion("main");
        provider = std::make_unique<EnginePreviewProvider>(window.model(), QString::fromStdString(warehouse.connections));
        window.setPreviewProvider(provider.get());
        REQUIRE(provider->waitIdle(60000));
        window.canvas()->resize(1300, 1400);
        image = window.canvas()->grab().toImage();
    }
    void ready(const QString& id) const {
        const PreviewData d = provider->data(id);
        INFO(id.toStdString() + ": " + d.error.toStdString());
        REQUIRE(d.state == PreviewData::State::Ready);
    }
    const ChartMarks& marks(const QString& id) const { return window.previewPainter()->marks(id); }
    const ChartMark* mark(const QString& id, const QString& kind, const QString& text = {}) const {
        for (const ChartMark& m : marks(id))
            if (m.kind == kind && (text.isEmpty() || m.text == text)) return &m;
        return nullptr;
    }
    // The colour well inside a drawn shape: the first pixel whose surroundings (a ring of 16 points at radius
    // r and r/2) lie inside it too, trying the widest clearance first (small islands and straits only blend).
    QColor inside(const QPainterPath& shape) const {
        const QRectF box = shape.boundingRect();
        for (double r : {8.0, 6.0, 4.0, 3.0, 2.0})
            for (double y = std::floor(box.top()) + 0.5; y < box.bottom(); y += 1)
                for (double x = std::floor(box.left()) + 0.5; x < box.right(); x += 1) {
                    bool clear = shape.contains({x, y});
                    for (int k = 0; k < 16 && clear; ++k) {
                        const double a = k * 3.14159265 / 8;
                        clear = shape.contains({x + r * std::cos(a), y + r * std::sin(a)}) &&
                                shape.contains({x + r / 2 * std::cos(a), y + r / 2 * std::sin(a)});
                    }
                    if (clear) return image.pixelColor(QPoint(int(x), int(y)));
                }
        FAIL("no interior point in the shape");
        return {};
    }
    void save(const char* name) {
        if (const QByteArray shots = qgetenv("QUIRE_SCREENSHOT_DIR"); !shots.isEmpty()) image.save(QString::fromUtf8(shots) + "/" + name);
    }
};

std::map<std::string, double> counts(const test::SampleWarehouse& w, const std::string& sql) {
    std::map<std::string, double> out;
    const auto r = connect::query("Driver=SQLite3;Database=" + w.db + ";", sql);
    for (std::size_t i = 0; i < r.rowCount(); ++i) out[r.toString(i, 0)] = std::stod(r.toString(i, 1));
    return out;
}

bool near(const QColor& a, const QColor& b, int tolerance = 6) {
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance && std::abs(a.blue() - b.blue()) <= tolerance;
}

const std::vector<QColor> kDefaultScale{QColor("#dbeafe"), QColor("#1e3a8a")};

} // namespace

TEST_CASE("a country map fills each country by its value, grey without data, and counts unmatched values", "[ide][maps]") {
    Fixture f(sqlElement("countries", "region-map",
                         "SELECT country, count(*) AS users FROM users GROUP BY country UNION ALL SELECT 'Atlantis', 3",
                         "        - {id: c-country, name: Country, formula: \"[Custom SQL/country]\"}\n"
                         "        - {id: c-users, name: Users, formula: \"[Custom SQL/users]\"}\n",
                         "      region: {columnId: c-country, regionType: country}\n"
                         "      color: {by: scale, column: c-users}\n") +
                  sqlElement("quiet", "region-map", "SELECT country, count(*) AS users FROM users GROUP BY country",
                             "        - {id: q-country, name: Country, formula: \"[Custom SQL/country]\"}\n"
                             "        - {id: q-users, name: Users, formula: \"[Custom SQL/users]\"}\n",
                             "      region: {columnId: q-country, regionType: country}\n      legend: {visibility: hidden}\n"),
              "      <Element elementId=\"countries\" gridColumn=\"1 / 25\" gridRow=\"1 / 22\"/>\n"
              "      <Element elementId=\"quiet\" gridColumn=\"1 / 13\" gridRow=\"22 / 34\"/>\n");
    f.ready("countries");
    const auto users = counts(f.warehouse, "SELECT country, count(*) FROM users GROUP BY country");
    REQUIRE(users.size() == 9);
    double lo = 1e18, hi = -1e18;
    for (const auto& [country, n] : users) lo = std::min(lo, n), hi = std::max(hi, n);
    // Each sample country is drawn in the colour of its count on the light-to-dark scale; the largest is darkest.
    std::string darkest;
    int darkestLightness = 256;
    for (const auto& [country, n] : users) {
        const ChartMark* region = f.mark("countries", "region", QString::fromStdString(country == "United States" ? "USA" : country == "United Kingdom" ? "UK" : country));
        INFO(country);
        REQUIRE(region);
        CHECK(region->value == n);
        const QColor painted = f.inside(region->shape);
        INFO(painted.name().toStdString() + " expected " + scaleColour(kDefaultScale, (n - lo) / (hi - lo)).name().toStdString());
        CHECK(near(painted, scaleColour(kDefaultScale, (n - lo) / (hi - lo))));
        if (painted.lightness() < darkestLightness) darkestLightness = painted.lightness(), darkest = country;
    }
    CHECK(users.at(darkest) == hi);
    // Countries without users are grey.
    for (const char* empty : {"China", "Russia", "Argentina"}) {
        const ChartMark* region = f.mark("countries", "region-empty", empty);
        INFO(empty);
        REQUIRE(region);
        CHECK(near(f.inside(region->shape), noDataGrey(), 3));
    }
    // The one value that names no country is counted on the card; the legend is there.
    const ChartMark* note = f.mark("countries", "unmatched");
    REQUIRE(note);
    CHECK(note->value == 1);
    CHECK(note->text.contains("Atlantis"));
    CHECK(f.mark("countries", "legend"));
    // Second map: no colour channel (the measure is the scale), legend hidden, every value matched.
    f.ready("quiet");
    CHECK_FALSE(f.mark("quiet", "legend"));
    CHECK_FALSE(f.mark("quiet", "unmatched"));
    CHECK(f.mark("quiet", "region", "Japan"));
    CHECK(near(f.inside(f.mark("quiet", "region", "USA")->shape), kDefaultScale.back()));
    f.save("region-map-countries.png");
}

TEST_CASE("a US state map finds states by postal code or name and insets Alaska and Hawaii", "[ide][maps]") {
    const std::string states = "CASE user_id % 4 WHEN 0 THEN 'CA' WHEN 1 THEN 'tx' WHEN 2 THEN 'New York' ELSE 'AK' END";
    Fixture f(sqlElement("states", "region-map",
                         "SELECT " + states + " AS state, count(*) AS users FROM users WHERE country = 'United States' GROUP BY 1",
                         "        - {id: s-state, name: State, formula: \"[Custom SQL/state]\"}\n"
                         "        - {id: s-users, name: Users, formula: \"[Custom SQL/users]\"}\n",
                         "      region: {columnId: s-state, regionType: us-state}\n"),
              "      <Element elementId=\"states\" gridColumn=\"1 / 25\" gridRow=\"1 / 22\"/>\n");
    f.ready("states");
    const auto users = counts(f.warehouse, "SELECT " + states + ", count(*) FROM users WHERE country = 'United States' GROUP BY 1");
    REQUIRE(users.size() == 4);
    double lo = 1e18, hi = -1e18;
    for (const auto& [state, n] : users) lo = std::min(lo, n), hi = std::max(hi, n);
    const std::map<std::string, QString> names{{"CA", "California"}, {"tx", "Texas"}, {"New York", "New York"}, {"AK", "Alaska"}};
    for (const auto& [state, n] : users) {
        const ChartMark* region = f.mark("states", "region", names.at(state));
        INFO(state);
        REQUIRE(region);
        CHECK(region->value == n);
        CHECK(near(f.inside(region->shape), scaleColour(kDefaultScale, (n - lo) / (hi - lo))));
    }
    CHECK_FALSE(f.mark("states", "unmatched"));
    // Alaska is an inset under California, Hawaii (no data, grey) beside it; the lower 48 keep their shape.
    const QRectF ak = f.mark("states", "region", "Alaska")->shape.boundingRect(), ca = f.mark("states", "region", "California")->shape.boundingRect();
    const QRectF hi_ = f.mark("states", "region-empty", "Hawaii")->shape.boundingRect();
    const QRectF me = f.mark("states", "region-empty", "Maine")->shape.boundingRect(), fl = f.mark("states", "region-empty", "Florida")->shape.boundingRect();
    CHECK(ak.top() > ca.center().y());
    CHECK(ak.width() < ca.width() * 3);
    CHECK_FALSE(ak.intersects(ca));
    CHECK(hi_.left() > ak.left());
    CHECK(near(f.inside(f.mark("states", "region-empty", "Hawaii")->shape), noDataGrey(), 3));
    const double widthToHeight = (me.right() - ca.left()) / (ca.bottom() - fl.bottom());
    CHECK(std::fabs(widthToHeight) > 1.0); // the lower 48 are wider than tall (not squashed into the card)
    f.save("region-map-states.png");
}

TEST_CASE("a geography map draws WKT and GeoJSON values and counts the ones it cannot read", "[ide][maps]") {
    const std::string values = "SELECT 'POLYGON((-10 40, 0 40, 0 50, -10 50, -10 40))' AS geo, 1 AS n UNION ALL "
                               "SELECT '{\\\"type\\\":\\\"Point\\\",\\\"coordinates\\\":[20,45]}', 2 UNION ALL "
                               "SELECT 'LINESTRING(5 35, 15 38)', 3 UNION ALL SELECT 'POINT(1 2', 4 UNION ALL SELECT 'GEOMETRYCOLLECTION(((', 5";
    Fixture f(sqlElement("shapes", "geography-map", values,
                         "        - {id: g-geo, name: Geo, formula: \"[Custom SQL/geo]\"}\n"
                         "        - {id: g-n, name: N, formula: \"[Custom SQL/n]\"}\n",
                         "      geography: {columnId: g-geo}\n      color: {by: single, value: \"#dc2626\"}\n"),
              "      <Element elementId=\"shapes\" gridColumn=\"1 / 25\" gridRow=\"1 / 22\"/>\n");
    f.ready("shapes");
    const auto& hits = f.window.previewPainter()->hits("shapes");
    REQUIRE(hits.size() == 3); // polygon, GeoJSON point, line
    const ChartMark* note = f.mark("shapes", "unreadable");
    REQUIRE(note);
    CHECK(note->value == 2);
    const PreviewData d = f.provider->data("shapes");
    auto rowOf = [&](const ChartHit& h) { return d.rows[std::size_t(h.rows.at(0))][std::size_t(d.columnIndex("g-n"))].toInt(); };
    const ChartHit* polygon = nullptr;
    const ChartHit* point = nullptr;
    for (const auto& h : hits) {
        if (rowOf(h) == 1) polygon = &h;
        if (rowOf(h) == 2) point = &h;
    }
    REQUIRE(polygon);
    REQUIRE(point);
    // The polygon (10 x 10 degrees at 45N) is drawn square in proportion: cos(45) wide per degree of height.
    const QRectF box = polygon->shape.boundingRect();
    CHECK(box.width() / box.height() == Approx(std::cos(45 * 3.14159265 / 180)).epsilon(0.08));
    CHECK(point->shape.boundingRect().center().x() > box.right());
    const QColor fill = f.inside(polygon->shape);
    CHECK(fill.red() > fill.green() + 60); // the single red colour over the pale basemap
    f.save("geography-map.png");
}

TEST_CASE("a map's legend.position puts the legend above, below or beside the map", "[ide][maps]") {
    auto country = [](const std::string& id, const std::string& legend) {
        return sqlElement(id, "region-map", "SELECT country, count(*) AS users FROM users GROUP BY country",
                          "        - {id: " + id + "-country, name: Country, formula: \"[Custom SQL/country]\"}\n"
                          "        - {id: " + id + "-users, name: Users, formula: \"[Custom SQL/users]\"}\n",
                          "      region: {columnId: " + id + "-country, regionType: country}\n" + legend);
    };
    Fixture f(country("below", "") + country("above", "      legend: {position: top}\n") + country("right", "      legend: {position: right}\n") +
                  country("left", "      legend: {position: left, fontSize: 10}\n"),
              "      <Element elementId=\"below\" gridColumn=\"1 / 13\" gridRow=\"1 / 16\"/>\n"
              "      <Element elementId=\"above\" gridColumn=\"13 / 25\" gridRow=\"1 / 16\"/>\n"
              "      <Element elementId=\"right\" gridColumn=\"1 / 13\" gridRow=\"16 / 31\"/>\n"
              "      <Element elementId=\"left\" gridColumn=\"13 / 25\" gridRow=\"16 / 31\"/>\n");
    // The extent of the drawn regions of a map, and its legend.
    auto regions = [&](const QString& id) {
        QRectF box;
        for (const ChartMark& m : f.marks(id))
            if (m.kind == "region" || m.kind == "region-empty") box = box.united(m.shape.boundingRect());
        return box;
    };
    auto legend = [&](const QString& id) {
        const ChartMark* m = f.mark(id, "legend");
        REQUIRE(m);
        return m->shape.boundingRect();
    };
    for (const char* id : {"below", "above", "right", "left"}) f.ready(id);
    CHECK(legend("below").top() >= regions("below").bottom() - 1);
    CHECK(legend("above").bottom() <= regions("above").top() + 1);
    CHECK(legend("right").left() >= regions("right").right() - 1);
    CHECK(legend("right").height() > legend("below").height() * 2); // upright beside the map
    CHECK(legend("left").right() <= regions("left").left() + 1);
    f.save("region-map-legends.png");
}
