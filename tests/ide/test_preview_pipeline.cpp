// The IDE's previews run on quire_preview's pipeline (RefreshScheduler + WarehouseRefresh + ResultCache +
// ConnectionPool): a control changed and changed back re-renders from the cache, elements share pooled
// connections, Preview > Refresh bypasses the cache, and one card's cancel stops only its query. Over the
// embedded SQLite sample warehouse, as in test_preview_ide.cpp.
#include <catch2/catch.hpp>

#include "engine_preview_provider.h"
#include "main_window.h"
#include "query_log.h"
#include "sample_warehouse_fixture.h"

#include <quire/doc/io.h>
#include <test_support.h>

#include <QAction>
#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QThread>
#include <QTreeWidget>

#include <map>

using namespace quire;
using namespace quire::ide;

namespace {

const std::string kMarketing = quire::test::sourceDir() + "/resources/examples/marketing.yaml";

// Entries the Query log received after it held `before` of them: element id -> status (newest wins).
std::map<QString, QString> logSince(QueryLog* log, int before) {
    auto* tree = log->findChild<QTreeWidget*>();
    std::map<QString, QString> out;
    if (!tree) return out;
    const int added = tree->topLevelItemCount() - before;
    for (int i = added - 1; i >= 0; --i) out[tree->topLevelItem(i)->text(1)] = tree->topLevelItem(i)->text(2);
    return out;
}

// Preview > Refresh, as the user triggers it.
void triggerRefreshAction(MainWindow& window) {
    for (auto* action : window.findChildren<QAction*>())
        if (action->text() == QObject::tr("&Refresh")) {
            action->trigger();
            return;
        }
    FAIL("no Preview > Refresh action");
}

} // namespace

TEST_CASE("previews: a control changed and changed back re-renders from the cache, Refresh re-queries",
          "[ide][preview][pipeline]") {
    quire::test::SampleWarehouse warehouse;
    MainWindow window;
    REQUIRE(window.openFile(QString::fromStdString(kMarketing), true));
    window.showRegion("overview");
    EnginePreviewProvider provider(window.model(), QString::fromStdString(warehouse.connections));
    window.setPreviewProvider(&provider);
    REQUIRE(provider.waitIdle(60000));
    const PreviewData before = provider.data("conv-by-channel");
    REQUIRE(before.state == PreviewData::State::Ready);
    const std::size_t queried = provider.resultCache().entries(); // one cached result per queried element
    REQUIRE(queried >= 5);

    provider.setControlFields("channel-filter", Json{{"values", {"Email"}}});
    REQUIRE(provider.waitIdle(60000));
    REQUIRE(provider.data("conv-by-channel").rows.size() == 1);

    // Back to the authored value: every query is one that already ran, so nothing goes to the warehouse.
    const std::size_t hits = provider.resultCache().hits();
    const std::size_t borrowed = provider.connectionPool().stats().acquired;
    const int logged = window.queryLog()->entryCount();
    provider.resetControls();
    REQUIRE(provider.waitIdle(60000));
    CHECK(provider.resultCache().hits() == hits + queried);
    CHECK(provider.connectionPool().stats().acquired == borrowed); // no connection borrowed: no query ran
    const auto statuses = logSince(window.queryLog(), logged);
    CHECK(statuses.size() == queried);
    for (const auto& [id, status] : statuses) {
        INFO(id.toStdString() + ": " + status.toStdString());
        CHECK(status.startsWith("cached"));
    }
    const PreviewData again = provider.data("conv-by-channel");
    REQUIRE(again.state == PreviewData::State::Ready);
    CHECK(again.rows == before.rows);
    CHECK(again.columnIds == before.columnIds);

    // Preview > Refresh with nothing changed asks for fresh data: every element queries the warehouse again.
    const std::size_t misses = provider.resultCache().misses();
    const int loggedBeforeRefresh = window.queryLog()->entryCount();
    triggerRefreshAction(window);
    REQUIRE(provider.waitIdle(60000));
    CHECK(provider.resultCache().misses() == misses + queried);
    CHECK(provider.connectionPool().stats().acquired == borrowed + queried);
    for (const auto& [id, status] : logSince(window.queryLog(), loggedBeforeRefresh)) {
        INFO(id.toStdString() + ": " + status.toStdString());
        CHECK_FALSE(status.startsWith("cached"));
    }
    CHECK(provider.data("conv-by-channel").rows == before.rows);
}

TEST_CASE("previews: a changed connections file empties the cache of its connections", "[ide][preview][pipeline]") {
    quire::test::SampleWarehouse warehouse;
    MainWindow window;
    REQUIRE(window.openFile(QString::fromStdString(kMarketing), true));
    window.showRegion("overview");
    EnginePreviewProvider provider(window.model(), QString::fromStdString(warehouse.connections));
    window.setPreviewProvider(&provider);
    REQUIRE(provider.waitIdle(60000));
    REQUIRE(provider.data("conv-by-channel").state == PreviewData::State::Ready);

    // The connections file changes (as after Preview > Connections...): the same mapping plus one more profile.
    Json file = Json::parse(quire::test::readFile(warehouse.connections));
    file["connections"]["other"] = {{"type", "sqlite"}, {"connectionId", "0b7c2a3e-1111-4222-8333-944455556666"},
                                    {"database", warehouse.dir + "/other.db"}};
    doc::writeFileAtomically(warehouse.connections, file.dump(2));

    // A control changed and changed back: without the file change this comes from the cache (see above); now the
    // results the first refresh cached are gone, so the element depending on the control queries again.
    provider.setControlFields("channel-filter", Json{{"values", {"Email"}}});
    REQUIRE(provider.waitIdle(60000));
    const int logged = window.queryLog()->entryCount();
    provider.resetControls();
    REQUIRE(provider.waitIdle(60000));
    const auto statuses = logSince(window.queryLog(), logged);
    REQUIRE(statuses.count("conv-by-channel") == 1);
    CHECK_FALSE(statuses.at("conv-by-channel").startsWith("cached"));
    CHECK(provider.data("conv-by-channel").state == PreviewData::State::Ready);
}

TEST_CASE("previews: elements on one connection share the pool's connections", "[ide][preview][pipeline]") {
    quire::test::SampleWarehouse warehouse(1); // the profile allows one connection
    MainWindow window;
    REQUIRE(window.openFile(QString::fromStdString(kMarketing), true));
    window.showRegion("overview");
    EnginePreviewProvider provider(window.model(), QString::fromStdString(warehouse.connections));
    window.setPreviewProvider(&provider);
    REQUIRE(provider.waitIdle(60000));
    const std::size_t queried = provider.resultCache().entries();
    REQUIRE(queried >= 5);
    CHECK(provider.data("kpi-sessions").state == PreviewData::State::Ready);
    // Two workers, many elements, one connection: opened once, borrowed by every element in turn.
    auto stats = provider.connectionPool().stats();
    CHECK(stats.opened == 1);
    CHECK(stats.open == 1);
    CHECK(stats.acquired == queried);

    triggerRefreshAction(window); // every element queries again, on the same connection
    REQUIRE(provider.waitIdle(60000));
    stats = provider.connectionPool().stats();
    CHECK(stats.opened == 1);
    CHECK(stats.idle == 1);
    CHECK(stats.acquired == 2 * queried);
    CHECK(provider.data("kpi-sessions").state == PreviewData::State::Ready);
}

TEST_CASE("previews: cancelling one card stops only its query", "[ide][preview][pipeline]") {
    quire::test::SampleWarehouse warehouse;
    // marketing.yaml with two cards first on its data page: `slow` counts to two billion in a recursive CTE
    // (minutes in SQLite), `medium` to ten million (seconds). They take both workers; the page's tables
    // wait in the queue behind them.
    auto loaded = doc::loadDocument(kMarketing);
    REQUIRE(loaded.ok());
    Json& contents = *loaded.document->contents();
    const auto counter = [](const std::string& id, const std::string& upTo) {
        return Json{{"id", id}, {"kind", "table"}, {"name", id},
                    {"source", {{"kind", "sql"}, {"connectionId", connect::kSampleConnectionId},
                                {"statement", "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < " + upTo +
                                                  ") SELECT count(*) AS n FROM c"}}},
                    {"columns", Json::array({{{"id", id + "-n"}, {"name", "N"}, {"formula", "[Custom SQL/n]"}}})}};
    };
    contents["elements"].push_back(counter("slow", "2000000000"));
    contents["elements"].push_back(counter("medium", "10000000"));
    std::string layout = contents["layout"].get<std::string>();
    const std::string page = "id=\"data\">\n";
    REQUIRE(layout.find(page) != std::string::npos);
    layout.insert(layout.find(page) + page.size(), "      <Element elementId=\"slow\" gridColumn=\"5 / 13\" gridRow=\"1 / 4\"/>\n"
                                                   "      <Element elementId=\"medium\" gridColumn=\"13 / 21\" gridRow=\"1 / 4\"/>\n");
    contents["layout"] = layout;
    const std::string path = warehouse.dir + "/slow.json";
    doc::writeFileAtomically(path, doc::saveDocument(*loaded.document, doc::Format::Json));

    MainWindow window;
    REQUIRE(window.openFile(QString::fromStdString(path), true));
    window.showRegion("data");
    EnginePreviewProvider provider(window.model(), QString::fromStdString(warehouse.connections));
    window.setPreviewProvider(&provider);
    QThread::msleep(300);
    QCoreApplication::processEvents();
    REQUIRE(provider.data("slow").state == PreviewData::State::Busy);
    REQUIRE(provider.data("medium").state == PreviewData::State::Busy);
    REQUIRE(provider.data("channels").state == PreviewData::State::Busy); // still queued
    const int logged = window.queryLog()->entryCount();
    REQUIRE(provider.cancelElement("slow"));
    CHECK(provider.data("slow").error == "cancelled");
    REQUIRE(provider.waitIdle(120000)); // the driver stopped the statement: the rest drains through both workers
    CHECK(provider.data("slow").state == PreviewData::State::Error);
    CHECK(provider.data("slow").error == "cancelled"); // no late result overwrote it

    // Everything else ran to the end after the cancel: `medium` with its full count, the tables with rows.
    const auto statuses = logSince(window.queryLog(), logged);
    CHECK(statuses.at("slow") == "cancelled");
    const PreviewData medium = provider.data("medium");
    INFO(medium.error.toStdString());
    REQUIRE(medium.state == PreviewData::State::Ready);
    REQUIRE(medium.rows.size() == 1);
    CHECK(medium.rows[0][0].toLongLong() == 10000000);
    CHECK(statuses.count("medium") == 1);
    for (const char* id : {"events", "sessions", "orders", "channels"}) {
        const PreviewData d = provider.data(id);
        INFO(std::string(id) + ": " + d.error.toStdString());
        CHECK(d.state == PreviewData::State::Ready);
        CHECK_FALSE(d.rows.empty());
        CHECK(statuses.count(id) == 1); // finished after the cancel, with its rows
    }
    CHECK(qint64(provider.data("channels").rows.size()) == warehouse.scalar("SELECT count(*) FROM channels"));
    CHECK_FALSE(provider.cancelElement("channels")); // done: nothing to cancel
    // The cancelled card runs again on the next refresh (cancelled again here: two billion rows is a lot).
    provider.refresh({"slow"});
    CHECK(provider.data("slow").state == PreviewData::State::Busy);
    CHECK(provider.cancelElement("slow"));
    REQUIRE(provider.waitIdle(60000));
}

TEST_CASE("previews: cached cells become the QVariant types the painters read", "[ide][preview][pipeline]") {
    CHECK_FALSE(previewCell(Json(nullptr), "text").isValid());
    CHECK(previewCell(Json(true), "bool").metaType().id() == QMetaType::Bool);
    CHECK(previewCell(Json(42), "int64") == QVariant(qlonglong(42)));
    CHECK(previewCell(Json(42), "int64").metaType().id() == QMetaType::LongLong);
    CHECK(previewCell(Json(2.5), "decimal").metaType().id() == QMetaType::Double);
    CHECK(previewCell(Json("2024-03-05"), "date") == QVariant(QDate(2024, 3, 5)));
    CHECK(previewCell(Json("2024-03-05"), "text") == QVariant(QString("2024-03-05"))); // text that looks like a date
    const QVariant stamp = previewCell(Json("2024-03-05 14:07:09.250000"), "timestamp");
    REQUIRE(stamp.metaType().id() == QMetaType::QDateTime);
    CHECK(stamp.toDateTime() == QDateTime(QDate(2024, 3, 5), QTime(14, 7, 9, 250), Qt::UTC));
    CHECK(previewCell(Json("2024-03-05 14:07:09"), "timestamp").toDateTime() == QDateTime(QDate(2024, 3, 5), QTime(14, 7, 9), Qt::UTC));
    CHECK(previewCell(Json("not a date"), "date") == QVariant(QString("not a date")));
    CHECK(previewCell(Json("2024-03-05 25:00:00"), "timestamp") == QVariant(QString("2024-03-05 25:00:00")));

    // End to end: the sample's date and timestamp columns arrive as QDate / QDateTime.
    quire::test::SampleWarehouse warehouse;
    MainWindow window;
    REQUIRE(window.openFile(QString::fromStdString(kMarketing), true));
    window.showRegion("data");
    EnginePreviewProvider provider(window.model(), QString::fromStdString(warehouse.connections));
    provider.rowLimit = 20;
    window.setPreviewProvider(&provider);
    REQUIRE(provider.waitIdle(60000));
    const PreviewData orders = provider.data("orders");
    REQUIRE(orders.state == PreviewData::State::Ready);
    CHECK(orders.rows.size() == 20);
    CHECK(orders.totalRows == -1); // more rows than the window: the card holds the first ones
    const int date = orders.columnNames.indexOf("Order Date");
    REQUIRE(date >= 0);
    CHECK(orders.rows[0][std::size_t(date)].metaType().id() == QMetaType::QDate);
    const PreviewData events = provider.data("events");
    REQUIRE(events.state == PreviewData::State::Ready);
    const int time = events.columnNames.indexOf("Event Time");
    REQUIRE(time >= 0);
    CHECK(events.rows[0][std::size_t(time)].metaType().id() == QMetaType::QDateTime);
    const PreviewData channels = provider.data("channels");
    REQUIRE(channels.state == PreviewData::State::Ready);
    CHECK(channels.totalRows == warehouse.scalar("SELECT count(*) FROM channels")); // all of them fit
}
