// Hover tooltips of chart and map previews (chart_tooltips.h): a tooltip event at a mark's drawn position shows
// the mark's category, its value in the column format and the `tooltip` columns of the mark's rows. Expected
// values come from plain SQL on the sample warehouse.
#include <catch2/catch.hpp>

#include "chart_options_fixture.h"
#include "chart_tooltips.h"

#include <quire/connect/connection_registry.h>

#include <QApplication>
#include <QHelpEvent>
#include <QLocale>
#include <QTest>
#include <QTextDocument>
#include <QToolTip>

#include <map>
#include <string>

using namespace quire;
using namespace quire::ide;
using quire::test::OptionsFixture;
using quire::test::place;

namespace {

// What the canvas shows for a pointer resting at `pos`: the tooltip's lines (empty when it shows none).
QStringList hover(OptionsFixture& f, const QPointF& pos) {
    QToolTip::hideText(); // the last tip fades out over a few hundred milliseconds
    REQUIRE(QTest::qWaitFor([] { return !QToolTip::isVisible(); }, 2000));
    QWidget* canvas = f.window.canvas();
    QHelpEvent event(QEvent::ToolTip, pos.toPoint(), canvas->mapToGlobal(pos.toPoint()));
    QApplication::sendEvent(canvas, &event);
    if (!QToolTip::isVisible()) return {};
    QTextDocument text;
    text.setHtml(QToolTip::text());
    return text.toPlainText().replace(QChar::LineSeparator, QChar('\n')).split('\n');
}

// A point well inside a shape (the centre of its bounding box when inside, else the first inside point).
QPointF insidePoint(const QPainterPath& shape) {
    const QRectF box = shape.boundingRect();
    if (shape.contains(box.center())) return box.center();
    for (double y = box.top() + 1; y < box.bottom(); y += 1)
        for (double x = box.left() + 1; x < box.right(); x += 1)
            if (shape.contains({x, y}) && shape.contains({x + 2, y}) && shape.contains({x, y + 2}) && shape.contains({x - 2, y}))
                return {x, y};
    FAIL("no point inside the shape");
    return {};
}

struct Row {
    std::vector<std::string> cells;
};
std::map<std::string, Row> byFirst(const OptionsFixture& f, const std::string& sql) {
    std::map<std::string, Row> out;
    const auto r = connect::query("Driver=SQLite3;Database=" + f.warehouse.db + ";", sql);
    for (std::size_t i = 0; i < r.rowCount(); ++i) {
        Row row;
        for (std::size_t c = 0; c < r.columns.size(); ++c) row.cells.push_back(r.toString(i, c));
        out[row.cells.front()] = row;
    }
    return out;
}

const QLocale kEnglish(QLocale::English);
QString money(const std::string& v) { return "$" + kEnglish.toString(std::stod(v), 'f', 2); }
QString whole(const std::string& v) { return kEnglish.toString(qlonglong(std::llround(std::stod(v)))); }
QString oneDecimal(const std::string& v) { return kEnglish.toString(std::stod(v), 'f', 1); }

const std::string kCharts = R"YAML(    - id: tip-bars
      kind: bar-chart
      name: Revenue by status
      source: {kind: table, elementId: orders}
      columns:
        - {id: b-status, name: Status, formula: "[Orders/Status]"}
        - {id: b-revenue, name: Revenue, formula: "Sum([Orders/Revenue])", format: {kind: number, formatString: "$,.2f"}}
        - {id: b-orders, name: Orders, formula: "Count()"}
        - {id: b-items, name: Avg Items, formula: "Avg([Orders/Items])", format: {kind: number, formatString: ",.1f"}}
      xAxis: {columnId: b-status}
      yAxis: {columnIds: [b-revenue]}
      tooltip: {columnIds: [b-orders, {columnId: b-items}]}
    - id: tip-lines
      kind: line-chart
      name: Sessions and pages by device
      source: {kind: table, elementId: sessions}
      columns:
        - {id: l-device, name: Device, formula: "[Sessions/Device]"}
        - {id: l-sessions, name: Sessions, formula: "Count()"}
        - {id: l-pages, name: Pages, formula: "Sum([Sessions/Pages])"}
        - {id: l-duration, name: Avg Duration, formula: "Avg([Sessions/Duration])", format: {kind: number, formatString: ",.1f"}}
      xAxis: {columnId: l-device}
      yAxis: {columnIds: [l-sessions, l-pages]}
      tooltip: {columnNames: hidden, columnIds: [l-duration]}
    - id: tip-donut
      kind: donut-chart
      name: Orders by status
      source: {kind: table, elementId: orders}
      columns:
        - {id: d-status, name: Status, formula: "[Orders/Status]"}
        - {id: d-orders, name: Orders, formula: "Count()"}
        - {id: d-revenue, name: Revenue, formula: "Sum([Orders/Revenue])", format: {kind: number, formatString: "$,.2f"}}
      value: {columnId: d-orders}
      color: {columnId: d-status}
      tooltip: {multiSeries: shown, columnIds: [d-revenue]}
    - id: tip-map
      kind: region-map
      name: Users by country
      source:
        kind: sql
        connectionId: )YAML" + std::string(connect::kSampleConnectionId) + R"YAML(
        statement: SELECT country, count(*) AS users, sum(is_subscribed) AS subscribed FROM users GROUP BY country UNION ALL SELECT 'USA', 5, 2
      columns:
        - {id: m-country, name: Country, formula: "[Custom SQL/country]"}
        - {id: m-users, name: Users, formula: "[Custom SQL/users]"}
        - {id: m-subscribed, name: Subscribed, formula: "[Custom SQL/subscribed]"}
      region: {columnId: m-country, regionType: country}
      tooltip: [{columnId: m-subscribed}]
)YAML";

} // namespace

TEST_CASE("hovering a mark shows its category, value and tooltip columns", "[ide][charts][tooltips]") {
    OptionsFixture f(kCharts, place("tip-bars", 1, 13, 1, 14) + place("tip-lines", 13, 25, 1, 14) + place("tip-donut", 1, 13, 14, 28) +
                                  place("tip-map", 13, 25, 14, 28));
    for (const char* id : {"tip-bars", "tip-lines", "tip-donut", "tip-map"}) f.ready(id);

    SECTION("bars: the category, the measure in its format and both tooltip columns") {
        const auto expected = byFirst(f, "SELECT status, sum(revenue), count(*), avg(items) FROM orders GROUP BY status");
        REQUIRE(f.hits("tip-bars").size() == expected.size());
        for (const ChartHit& hit : f.hits("tip-bars")) {
            const std::string status = f.text("tip-bars", hit.rows.front(), "b-status").toStdString();
            const Row& row = expected.at(status);
            INFO(status);
            CHECK(hover(f, insidePoint(hit.shape)) ==
                  QStringList{"Status: " + QString::fromStdString(status), "Revenue: " + money(row.cells[1]), "Orders: " + whole(row.cells[2]),
                              "Avg Items: " + oneDecimal(row.cells[3])});
        }
    }
    SECTION("lines: the hovered series' value, names hidden") {
        const auto expected = byFirst(f, "SELECT s.device, count(*), sum(s.pages_viewed), avg(s.duration_seconds) FROM sessions s JOIN channels c "
                                         "ON c.channel_id = s.channel_id GROUP BY s.device");
        const PreviewData data = f.ready("tip-lines");
        int checked = 0;
        for (const ChartHit& hit : f.hits("tip-lines")) {
            const std::string device = f.text("tip-lines", hit.rows.front(), "l-device").toStdString();
            const bool pages = hit.measure == data.columnIndex("l-pages");
            INFO(device << (pages ? " pages" : " sessions"));
            const Row& row = expected.at(device);
            CHECK(hover(f, hit.shape.boundingRect().center()) ==
                  QStringList{QString::fromStdString(device), whole(row.cells[pages ? 2 : 1]), oneDecimal(row.cells[3])});
            checked += pages ? 1 : 0;
        }
        CHECK(checked == int(expected.size())); // every Pages point was hovered, not only the first series
    }
    SECTION("donut slices") {
        const auto expected = byFirst(f, "SELECT status, count(*), sum(revenue) FROM orders GROUP BY status");
        for (const ChartHit& hit : f.hits("tip-donut")) {
            const std::string status = f.text("tip-donut", hit.rows.front(), "d-status").toStdString();
            const Row& row = expected.at(status);
            CHECK(hover(f, insidePoint(hit.shape)) ==
                  QStringList{"Status: " + QString::fromStdString(status), "Orders: " + whole(row.cells[1]), "Revenue: " + money(row.cells[2])});
        }
    }
    SECTION("regions: the rows of one region add up") {
        const auto expected = byFirst(f, "SELECT country, count(*), sum(is_subscribed) FROM users GROUP BY country");
        const ChartMark* usa = nullptr;
        for (const ChartMark& m : f.marks("tip-map"))
            if (m.kind == "region" && m.text == "USA") usa = &m;
        REQUIRE(usa);
        const QStringList lines = hover(f, insidePoint(usa->shape));
        REQUIRE(lines.size() == 3);
        CHECK(lines[0].startsWith("Country: "));
        CHECK(lines[0].contains("United States"));
        CHECK(lines[0].contains("USA"));
        const Row& us = expected.at("United States");
        CHECK(lines[1] == "Users: " + whole(std::to_string(std::stod(us.cells[1]) + 5)));
        CHECK(lines[2] == "Subscribed: " + whole(std::to_string(std::stod(us.cells[2]) + 2)));
        // A large country with one row (small islands leave no room to rest the pointer on).
        const ChartMark* other = nullptr;
        for (const ChartMark& m : f.marks("tip-map"))
            if (m.kind == "region" && m.text != "USA" && expected.count(m.text.toStdString()) &&
                (!other || m.shape.boundingRect().width() > other->shape.boundingRect().width()))
                other = &m;
        REQUIRE(other);
        const Row& row = expected.at(other->text.toStdString());
        CHECK(hover(f, insidePoint(other->shape)) ==
              QStringList{"Country: " + other->text, "Users: " + whole(row.cells[1]), "Subscribed: " + whole(row.cells[2])});
    }
    SECTION("nothing under the pointer, or a table: no tooltip") {
        CHECK(hover(f, QPointF(2, 2)).isEmpty());
        for (const auto& node : f.window.canvas()->placedNodes())
            if (node.handle == "orders") CHECK(hover(f, node.rect.center()).isEmpty());
    }
}

TEST_CASE("tooltip lines over a hand-made result", "[ide][charts][tooltips]") {
    PreviewData data;
    data.state = PreviewData::State::Ready;
    data.columnIds = {"x", "a", "b", "t"};
    data.columnNames = {"Month", "Alpha", "Beta", "Note <b>"};
    data.rows = {{QVariant("Jan"), QVariant(1.5), QVariant(2000), QVariant("<i>hi</i>")}};
    Json element = Json::parse(R"J({"id": "c", "kind": "combo-chart", "xAxis": {"columnId": "x"},
        "yAxis": {"columnIds": ["a", {"columnId": "b", "type": "line"}]}, "tooltip": {"columnIds": ["t", "ghost"]},
        "columns": [{"id": "a", "format": {"kind": "number", "formatString": ".1%"}}]})J");
    const ChartHit second(QPainterPath(), {0}, 2);
    CHECK(markToolTipLines(element, data, second) == QStringList{"Month: Jan", "Beta: 2,000", "Note <b>: <i>hi</i>"});
    element["tooltip"]["multiSeries"] = "shown";
    element["tooltip"]["valueFormat"] = Json{{"kind", "number"}, {"formatString", "$,.0f"}};
    CHECK(markToolTipLines(element, data, second) == QStringList{"Month: Jan", "Alpha: $2", "Beta: $2,000", "Note <b>: <i>hi</i>"});
    // Hostile text is escaped, never rendered as markup.
    CHECK(markToolTip(element, data, second).contains("&lt;i&gt;hi&lt;/i&gt;"));
    // Tables and rows outside the result show nothing.
    element["kind"] = "table";
    CHECK(markToolTipLines(element, data, second).isEmpty());
    element["kind"] = "bar-chart";
    CHECK(markToolTipLines(element, data, ChartHit(QPainterPath(), {7})).isEmpty());
    CHECK(tooltipColumns(Json::parse(R"J({"tooltip": [{"columnId": "p"}, "q", {"id": "r"}]})J")) == QStringList{"p", "q", "r"});
}
