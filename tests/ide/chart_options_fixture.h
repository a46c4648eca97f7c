#pragma once
// A window previewing a workbook over the embedded sample warehouse (generated small): a `sessions` table
// (custom SQL joining sessions and channels) and an `orders` table, plus the elements a test adds. Expected
// values come from plain SQL on the same SQLite file; what is painted is read from the grabbed canvas and the
// marks the painter recorded.
#include "canvas_widget.h"
#include "engine_preview_provider.h"
#include "main_window.h"
#include "preview_painter.h"
#include "sample_warehouse_fixture.h"

#include <QImage>

#include <map>
#include <string>

namespace quire::test {

inline std::string optionsWorkbook(const std::string& elements, const std::string& layout, const std::string& pages = {}) {
    const std::string connection = connect::kSampleConnectionId;
    return "name: Options\ncontents:\n  schemaVersion: 1\n  kind: workbook\n  pages:\n    - id: main\n      name: Main\n" + pages +
           "  elements:\n"
           "    - id: sessions\n      kind: table\n      name: Sessions\n"
           "      source:\n        kind: sql\n        connectionId: " + connection + "\n"
           "        statement: SELECT s.session_id, s.duration_seconds, s.pages_viewed, s.device, c.channel_name FROM sessions s JOIN channels c ON c.channel_id = s.channel_id\n"
           "      columns:\n"
           "        - {id: s-id, name: Session, formula: \"[Custom SQL/session_id]\"}\n"
           "        - {id: s-duration, name: Duration, formula: \"[Custom SQL/duration_seconds]\"}\n"
           "        - {id: s-pages, name: Pages, formula: \"[Custom SQL/pages_viewed]\"}\n"
           "        - {id: s-device, name: Device, formula: \"[Custom SQL/device]\"}\n"
           "        - {id: s-channel, name: Channel, formula: \"[Custom SQL/channel_name]\"}\n"
           "    - id: orders\n      kind: table\n      name: Orders\n"
           "      source: {kind: warehouse-table, connectionId: " + connection + ", path: [main, orders]}\n"
           "      columns:\n"
           "        - {id: o-status, name: Status, formula: \"[orders/status]\"}\n"
           "        - {id: o-revenue, name: Revenue, formula: \"[orders/revenue]\"}\n"
           "        - {id: o-items, name: Items, formula: \"[orders/items]\"}\n"
           "        - {id: o-date, name: Order Date, formula: \"[orders/order_date]\"}\n" +
           elements + "  layout: |\n    <?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
           "    <Page type=\"grid\" gridTemplateColumns=\"repeat(24, 1fr)\" gridTemplateRows=\"auto\" id=\"main\">\n" + layout +
           "      <Element elementId=\"sessions\" gridColumn=\"1 / 25\" gridRow=\"200 / 210\"/>\n"
           "      <Element elementId=\"orders\" gridColumn=\"1 / 25\" gridRow=\"210 / 220\"/>\n"
           "    </Page>\n";
}

inline std::string place(const std::string& id, int c0, int c1, int r0, int r1) {
    return "      <Element elementId=\"" + id + "\" gridColumn=\"" + std::to_string(c0) + " / " + std::to_string(c1) + "\" gridRow=\"" +
           std::to_string(r0) + " / " + std::to_string(r1) + "\"/>\n";
}

struct OptionsFixture {
    SampleWarehouse warehouse;
    ide::MainWindow window;
    std::unique_ptr<ide::EnginePreviewProvider> provider;
    QImage image;
    OptionsFixture(const std::string& elements, const std::string& layout) {
        const std::string path = warehouse.dir + "/options.yaml";
        doc::writeFileAtomically(path, optionsWorkbook(elements, layout));
        window.resize(1400, 1000);
        REQUIRE(window.openFile(QString::fromStdString(path), true));
        window.showRegion("main");
        provider = std::make_unique<ide::EnginePreviewProvider>(window.model(), QString::fromStdString(warehouse.connections));
        window.setPreviewProvider(provider.get());
        REQUIRE(provider->waitIdle(60000));
        window.canvas()->resize(1300, 1400);
        image = window.canvas()->grab().toImage();
    }
    ide::PreviewData ready(const QString& id) const {
        const ide::PreviewData d = provider->data(id);
        INFO(id.toStdString() + ": " + d.error.toStdString());
        REQUIRE(d.state == ide::PreviewData::State::Ready);
        return d;
    }
    const ide::ChartHits& hits(const QString& id) const { return window.previewPainter()->hits(id); }
    const ide::ChartMarks& marks(const QString& id) const { return window.previewPainter()->marks(id); }
    QColor at(const QPointF& p) const { return image.pixelColor(p.toPoint()); }
    QString text(const QString& id, int row, const QString& columnId) const {
        const ide::PreviewData d = provider->data(id);
        return d.rows[std::size_t(row)][std::size_t(d.columnIndex(columnId))].toString();
    }
    // (label, number) rows of a two-column SQL query on the warehouse.
    std::map<std::string, double> sql(const std::string& text) const {
        std::map<std::string, double> out;
        const auto r = connect::query("Driver=SQLite3;Database=" + warehouse.db + ";", text);
        for (std::size_t i = 0; i < r.rowCount(); ++i) out[r.toString(i, 0)] = std::stod(r.toString(i, 1));
        return out;
    }
    double scalar(const std::string& text) const {
        const auto r = connect::query("Driver=SQLite3;Database=" + warehouse.db + ";", text);
        return std::stod(r.toString(0, 0));
    }
    void save(const char* name) const {
        if (const QByteArray shots = qgetenv("QUIRE_SCREENSHOT_DIR"); !shots.isEmpty()) image.save(QString::fromUtf8(shots) + "/" + name);
    }
};

inline bool near(const QColor& a, const QColor& b, int tolerance = 12) {
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance && std::abs(a.blue() - b.blue()) <= tolerance;
}

} // namespace quire::test
