// The Data view over a real warehouse table (issue #15): "Show all rows" pages the element's query with
// LIMIT/OFFSET off the UI thread (its count(*) too), so scrolling to the end shows "…" at once, then the real last rows (the same
// as plain SQL), with the page above them prefetched; and back at the top, the first rows.
#include <catch2/catch.hpp>

#include "engine_preview_provider.h"
#include "main_window.h"
#include "paged_table_model.h"
#include "preview_painter.h"
#include "sample_warehouse_fixture.h"

#include <quire/connect/odbc.h>
#include <quire/doc/io.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QTableView>

#include <memory>

using namespace quire;
using namespace quire::ide;

namespace {

// Processes events until `done` or 60 s.
template <typename F> bool waitFor(F done) {
    QElapsedTimer clock;
    clock.start();
    while (!done() && clock.elapsed() < 60'000) QApplication::processEvents(QEventLoop::AllEvents, 20);
    return done();
}

// A one-page workbook with table `events` over the sample warehouse's table `table`, with these columns (YAML
// flow mappings, one per line, indented for the `columns:` list).
std::string eventsWorkbook(const std::string& table, const std::string& columns) {
    return std::string(R"YAML(name: Events
contents:
  schemaVersion: 1
  kind: workbook
  pages:
    - id: main
      name: Main
  elements:
    - id: events
      kind: table
      name: Events
      source: {kind: warehouse-table, connectionId: )YAML") + connect::kSampleConnectionId + ", path: [main, " + table + R"YAML(]}
      columns:
)YAML" + columns + R"YAML(  layout: |
    <?xml version="1.0" encoding="utf-8"?>
    <Page type="grid" gridTemplateColumns="repeat(24, 1fr)" gridTemplateRows="auto" id="main">
      <Element elementId="events" gridColumn="1 / 20" gridRow="1 / 12"/>
    </Page>
)YAML";
}

// The workbook at `path` open in a window, and the Data view's row source of its `events` table.
struct EventsRowSource {
    MainWindow window;
    std::unique_ptr<EnginePreviewProvider> provider;
    std::shared_ptr<RowSource> source;

    EventsRowSource(const test::SampleWarehouse& warehouse, const std::string& path) {
        REQUIRE(window.openFile(QString::fromStdString(path), true));
        provider = std::make_unique<EnginePreviewProvider>(window.model(), QString::fromStdString(warehouse.connections));
        QString error;
        source = provider->rowSource("events", &error);
        INFO(error.toStdString());
        REQUIRE(source);
    }
};

} // namespace

TEST_CASE("the Data view scrolls a warehouse table to its real last rows and back, fetching off the UI thread", "[ide][paged]") {
    test::SampleWarehouse warehouse;
    const std::string path = warehouse.dir + "/events.yaml";
    doc::writeFileAtomically(path, eventsWorkbook("user_events", R"YAML(        - {id: ev-id, name: Event Id, formula: "[user_events/event_id]"}
        - {id: ev-type, name: Event Type, formula: "[user_events/event_type]"}
        - {id: ev-page, name: Page, formula: "[user_events/page]"}
)YAML"));
    EventsRowSource events(warehouse, path);
    const long long total = warehouse.scalar("SELECT count(*) FROM user_events");
    REQUIRE(total > 2000);
    PagedTableModel model(events.source, 200, 16);
    CHECK(model.rowCount() == 0); // until the count, run off the UI thread too, arrives
    REQUIRE(waitFor([&] { return model.rowCount() > 0; }));
    CHECK(model.rowCount() == total);
    QTableView view;
    view.resize(800, 400);
    view.setModel(&model);
    view.show();
    REQUIRE(waitFor([&] { return model.rowLoaded(0); }));

    QScrollBar* bar = view.verticalScrollBar();
    bar->setValue(bar->maximum());
    view.viewport()->repaint();
    const int last = int(total) - 1;
    // Not fetched on the UI thread: the last row is a placeholder until its page arrives.
    CHECK(model.data(model.index(last, 0), Qt::DisplayRole).toString() == "…");
    REQUIRE(waitFor([&] { return model.rowLoaded(last); }));
    // The real last rows, as plain SQL gives them (SQLite scans user_events in rowid order either way).
    const auto expected = connect::query("Driver=SQLite3;Database=" + warehouse.db + ";",
                                         "SELECT event_id, event_type FROM user_events LIMIT 5 OFFSET " + std::to_string(total - 5));
    REQUIRE(expected.rowCount() == 5);
    for (std::size_t r = 0; r < 5; ++r) {
        const int row = int(total - 5) + int(r);
        CHECK(model.data(model.index(row, 0), Qt::DisplayRole) == formatPreviewValue(QVariant(qlonglong(std::get<std::int64_t>(expected.value(r, 0)))), nullptr));
        CHECK(model.data(model.index(row, 1), Qt::DisplayRole).toString() == QString::fromStdString(expected.toString(r, 1)));
    }
    // The page above the last one came in the same fetch: scrolling up a page needs no new query.
    CHECK(model.rowLoaded(last - 200));

    bar->setValue(0);
    view.viewport()->repaint();
    REQUIRE(waitFor([&] { return model.rowLoaded(0); }));
    const auto first = connect::query("Driver=SQLite3;Database=" + warehouse.db + ";", "SELECT event_id FROM user_events LIMIT 1");
    CHECK(model.data(model.index(0, 0), Qt::DisplayRole) == formatPreviewValue(QVariant(qlonglong(std::get<std::int64_t>(first.value(0, 0)))), nullptr));
}

TEST_CASE("the Data view says when the warehouse cannot count or fetch the rows, instead of showing an empty table", "[ide][paged]") {
    test::SampleWarehouse warehouse;
    const std::string path = warehouse.dir + "/broken.yaml";
    // The planner does not read the catalog: a table the warehouse does not have fails when the query runs.
    doc::writeFileAtomically(path, eventsWorkbook("no_such_table", R"YAML(        - {id: ev-id, name: Event Id, formula: "[no_such_table/event_id]"}
)YAML"));
    EventsRowSource events(warehouse, path);
    PagedTableModel model(events.source, 200, 16);
    QStringList failures;
    QObject::connect(&model, &PagedTableModel::fetchFailed, [&](const QString& message) { failures << message; });
    REQUIRE(waitFor([&] { return !failures.isEmpty(); }));
    CHECK(model.rowCount() == 0);
    CHECK(failures.first().startsWith("counting the rows failed: "));
    CHECK(failures.first().contains("no_such_table"));
    CHECK(events.source->error() == failures.first());
}
