// The IDE's live preview over a real SQLite warehouse through the ODBC driver: results are compared with
// plain SQL run independently on the same file.
#include <catch2/catch.hpp>

#include "canvas_widget.h"
#include "engine_preview_provider.h"
#include "main_window.h"
#include "paged_table_model.h"
#include "query_log.h"
#include "sample_warehouse_fixture.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>

#include <quire/connect/connection_registry.h>
#include <quire/connect/odbc.h>
#include <quire/connect/sample_warehouse.h>
#include <quire/doc/io.h>
#include <test_support.h>

using namespace quire;
using namespace quire::ide;

namespace {
using Warehouse = quire::test::SampleWarehouse;
} // namespace

TEST_CASE("live preview shows the rows the warehouse holds", "[ide][preview]") {
    Warehouse warehouse;
    MainWindow window;
    window.resize(1440, 900);
    REQUIRE(window.openFile(QString::fromStdString(quire::test::sourceDir() + "/resources/examples/marketing.yaml"), true));
    window.showRegion("data");
    EnginePreviewProvider provider(window.model(), QString::fromStdString(warehouse.connections));
    provider.rowLimit = 50;
    window.setPreviewProvider(&provider);
    REQUIRE(provider.waitIdle(60000));

    const PreviewData channels = provider.data("channels");
    INFO(channels.error.toStdString());
    REQUIRE(channels.state == PreviewData::State::Ready);
    CHECK(qint64(channels.rows.size()) == warehouse.scalar("SELECT count(*) FROM channels"));
    CHECK(channels.columnNames.contains("Channel Name"));
    const int nameColumn = channels.columnNames.indexOf("Channel Name");
    QStringList names;
    for (const auto& row : channels.rows) names << row[std::size_t(nameColumn)].toString();
    auto expected = connect::query("Driver=SQLite3;Database=" + warehouse.db + ";", "SELECT channel_name FROM channels");
    for (std::size_t r = 0; r < expected.rowCount(); ++r)
        CHECK(names.contains(QString::fromStdString(expected.toString(r, 0))));

    const PreviewData events = provider.data("events");
    REQUIRE(events.state == PreviewData::State::Ready);
    CHECK(events.rows.size() == 50); // the card shows the first rows only
    CHECK(window.queryLog()->entryCount() >= 2);
}

TEST_CASE("a connection that is not configured is an error on the element, not a crash", "[ide][preview]") {
    const std::string dir = quire::test::makeTempDir("ide-preview-none");
    doc::writeFileAtomically(dir + "/connections.json", R"({"version": 1, "connections": {}})");
    MainWindow window;
    const std::string path = dir + "/wb.json";
    auto loaded = doc::loadDocument(quire::test::sourceDir() + "/tests/corpus/minimal.json");
    REQUIRE(loaded.ok());
    doc::writeFileAtomically(path, doc::saveDocument(*loaded.document, doc::Format::Json));
    REQUIRE(window.openFile(QString::fromStdString(path), true));
    EnginePreviewProvider provider(window.model(), QString::fromStdString(dir + "/connections.json"));
    window.setPreviewProvider(&provider);
    REQUIRE(provider.waitIdle(10000));
    const PreviewData d = provider.data("sales-table");
    CHECK(d.state == PreviewData::State::Error);
    CHECK(d.error.contains("connections"));
}

TEST_CASE("a control value set in the IDE filters the previews that depend on it", "[ide][preview]") {
    Warehouse warehouse;
    MainWindow window;
    REQUIRE(window.openFile(QString::fromStdString(quire::test::sourceDir() + "/resources/examples/marketing.yaml"), true));
    window.showRegion("overview");
    EnginePreviewProvider provider(window.model(), QString::fromStdString(warehouse.connections));
    window.setPreviewProvider(&provider);
    REQUIRE(provider.waitIdle(60000));
    const PreviewData before = provider.data("conv-by-channel");
    REQUIRE(before.state == PreviewData::State::Ready);
    REQUIRE(before.rows.size() > 1);

    // The list control's choices are the distinct channel names of its source.
    QString error;
    const QStringList choices = provider.distinctValues("channel-filter", 500, &error);
    INFO(error.toStdString());
    CHECK(qint64(choices.size()) == warehouse.scalar("SELECT count(DISTINCT channel_name) FROM channels"));
    REQUIRE(choices.contains("Email"));

    provider.setControlFields("channel-filter", Json{{"values", {"Email"}}});
    REQUIRE(provider.waitIdle(60000));
    const PreviewData after = provider.data("conv-by-channel");
    REQUIRE(after.state == PreviewData::State::Ready);
    REQUIRE(after.rows.size() == 1);
    CHECK(after.rows[0][0].toString() == "Email");
    CHECK(provider.controlSummary("channel-filter") == "Email");

    provider.resetControls();
    REQUIRE(provider.waitIdle(60000));
    CHECK(provider.data("conv-by-channel").rows.size() == before.rows.size());
}

TEST_CASE("buttons run their actions: set a control, navigate to a page", "[ide][preview]") {
    Warehouse warehouse;
    MainWindow window;
    REQUIRE(window.openFile(QString::fromStdString(quire::test::sourceDir() + "/resources/examples/marketing.yaml"), true));
    window.showRegion("overview");
    EnginePreviewProvider provider(window.model(), QString::fromStdString(warehouse.connections));
    window.setPreviewProvider(&provider);
    REQUIRE(provider.waitIdle(60000));

    const auto paid = provider.fireClick("btn-paid");
    CHECK(paid.errors.isEmpty());
    CHECK(provider.controlSummary("channel-filter") == "Paid Search");
    REQUIRE(provider.waitIdle(60000));
    REQUIRE(provider.data("conv-by-channel").rows.size() == 1);
    CHECK(provider.data("conv-by-channel").rows[0][0].toString() == "Paid Search");

    REQUIRE(window.activateInPreview("see-data"));
    CHECK(window.canvas()->region() == "data");
    // The data page's elements (its grouped table and join included) now load; let them finish before the
    // provider is destroyed. Destroying it mid-fetch cancels the statement with SQLCancel while the worker is
    // inside SQLFetchScroll, which sqliteodbc does not survive (a known race, reported; not this test's subject).
    REQUIRE(provider.waitIdle(60000));
}

TEST_CASE("the Data view pages every row of an element from the warehouse", "[ide][preview]") {
    Warehouse warehouse;
    MainWindow window;
    REQUIRE(window.openFile(QString::fromStdString(quire::test::sourceDir() + "/resources/examples/marketing.yaml"), true));
    EnginePreviewProvider provider(window.model(), QString::fromStdString(warehouse.connections));
    window.setPreviewProvider(&provider);
    QString error;
    auto source = provider.rowSource("events", &error);
    INFO(error.toStdString());
    REQUIRE(source);
    CHECK(source->rowCount() == -1); // counted on the source's worker, not on the UI thread
    bool counted = false;
    source->whenCounted([&] { counted = true; });
    QElapsedTimer clock;
    clock.start();
    while (!counted && clock.elapsed() < 60'000) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    CHECK(source->rowCount() == warehouse.scalar("SELECT count(*) FROM user_events"));
    CHECK(source->columnNames().contains("Event Type"));
    PagedTableModel model(source, 100, 4);
    CHECK(model.rowCount() == source->rowCount());
    const int last = model.rowCount() - 1;
    CHECK(model.data(model.index(last, 0), Qt::DisplayRole).toString() == "…"); // fetched off the UI thread
    clock.restart();
    while (!model.rowLoaded(last) && clock.elapsed() < 60'000) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    CHECK_FALSE(model.data(model.index(last, 0), Qt::DisplayRole).toString().isEmpty());
    CHECK(model.loadedPages() == 2); // only the page holding the last row and the one above it (one query)
    REQUIRE(window.showAllRows("events"));
    CHECK_FALSE(window.showAllRows("no-such-element"));
}
