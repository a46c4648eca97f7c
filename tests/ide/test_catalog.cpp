// The Catalog dock reads a connection's tables and columns off the UI thread into an item model, in batches:
// the tables appear first, then each table's columns under it; nothing is rebuilt (no model reset after the
// first). A table can be dragged once its columns are known; the filter keeps tables whose name or columns match.
#include <catch2/catch.hpp>

#include "catalog_browser.h"
#include "catalog_model.h"
#include "canvas_widget.h"
#include "sample_warehouse_fixture.h"

#include <quire/connect/odbc.h>

#include <QApplication>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QMimeData>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>
#include <QTreeView>

#include <set>

using namespace quire;
using namespace quire::ide;

namespace {

std::set<std::string> warehouseTables(const test::SampleWarehouse& warehouse) {
    auto result = connect::query("Driver=SQLite3;Database=" + warehouse.db + ";",
                                 "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'");
    std::set<std::string> names;
    for (std::size_t r = 0; r < result.rowCount(); ++r) names.insert(result.toString(r, 0));
    return names;
}

std::vector<std::string> warehouseColumns(const test::SampleWarehouse& warehouse, const std::string& table) {
    auto result = connect::query("Driver=SQLite3;Database=" + warehouse.db + ";", "SELECT name FROM pragma_table_info('" + table + "')");
    std::vector<std::string> names;
    for (std::size_t r = 0; r < result.rowCount(); ++r) names.push_back(result.toString(r, 0));
    return names;
}

bool waitUntilLoaded(const CatalogBrowser& browser) {
    for (int i = 0; i < 600 && browser.loading(); ++i) QTest::qWait(20);
    return !browser.loading();
}

int rowOf(const CatalogModel& model, const std::string& name) {
    for (int r = 0; r < model.tableCount(); ++r)
        if (model.table(r).name == name) return r;
    return -1;
}

} // namespace

TEST_CASE("the catalog dock lists every table and its columns, in batches without resets", "[ide][catalog]") {
    test::SampleWarehouse warehouse;
    CatalogBrowser browser(nullptr, QString::fromStdString(warehouse.connections));
    REQUIRE(browser.selectConnection("test-sample"));
    CatalogModel& model = *browser.model();
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    browser.loadSelected();
    REQUIRE(waitUntilLoaded(browser));
    INFO(browser.status().toStdString());

    const auto expected = warehouseTables(warehouse);
    REQUIRE(expected.size() >= 3);
    std::set<std::string> listed;
    for (int r = 0; r < model.tableCount(); ++r) listed.insert(model.table(r).name);
    CHECK(listed == expected);
    CHECK(browser.status().contains(QString::number(expected.size()) + " tables"));
    CHECK(resets.count() == 1); // the one clear() when the load starts; rows arrive as insertions
    CHECK(inserted.count() >= 1 + static_cast<int>(expected.size()) - 1); // the tables, then columns per table

    for (const auto& name : expected) {
        const int row = rowOf(model, name);
        REQUIRE(row >= 0);
        const QModelIndex table = model.index(row, 0);
        std::vector<std::string> columns;
        for (int c = 0; c < model.rowCount(table); ++c) columns.push_back(model.index(c, 0, table).data().toString().toStdString());
        CHECK(columns == warehouseColumns(warehouse, name));
        CHECK(model.flags(table).testFlag(Qt::ItemIsDragEnabled));
        CHECK(model.parent(model.index(0, 0, table)) == table);
    }

    // The drag payload names the connection, the table's path and its columns, as the canvas expects.
    const int orders = rowOf(model, "orders");
    REQUIRE(orders >= 0);
    std::unique_ptr<QMimeData> mime(model.mimeData({model.index(orders, 0)}));
    REQUIRE(mime);
    const Json payload = Json::parse(mime->data(kCatalogTableMime).toStdString());
    CHECK(payload["connectionId"] == connect::kSampleConnectionId);
    CHECK(payload["path"] == Json::array({"main", "orders"})); // SQLite's schema, as Sigma's path has two parts
    CHECK(payload["columns"].size() == warehouseColumns(warehouse, "orders").size());
}

TEST_CASE("the catalog filter keeps tables whose name or columns match", "[ide][catalog]") {
    test::SampleWarehouse warehouse;
    CatalogBrowser browser(nullptr, QString::fromStdString(warehouse.connections));
    REQUIRE(browser.selectConnection("test-sample"));
    browser.loadSelected();
    REQUIRE(waitUntilLoaded(browser));
    auto* proxy = static_cast<QSortFilterProxyModel*>(browser.view()->model());
    const int all = proxy->rowCount();
    REQUIRE(all == browser.model()->tableCount());

    browser.filter()->setText("USER_"); // case-insensitive, on table and column names
    REQUIRE(proxy->rowCount() >= 1);
    for (int r = 0; r < proxy->rowCount(); ++r) {
        const QString table = proxy->index(r, 0).data().toString();
        bool matches = table.contains("user_", Qt::CaseInsensitive);
        const QModelIndex parent = proxy->index(r, 0);
        for (int c = 0; c < proxy->rowCount(parent); ++c)
            matches = matches || proxy->index(c, 0, parent).data().toString().contains("user_", Qt::CaseInsensitive);
        CHECK(matches);
    }
    CHECK(proxy->rowCount() < all);
    // A table whose name matches shows all its columns; in another table only the matching columns show.
    browser.filter()->setText("orders");
    REQUIRE(proxy->rowCount() == 1);
    const QModelIndex orders = proxy->index(0, 0);
    CHECK(proxy->rowCount(orders) == static_cast<int>(warehouseColumns(warehouse, "orders").size()));

    browser.filter()->setText("no-such-name-anywhere");
    CHECK(proxy->rowCount() == 0);
    browser.filter()->clear();
    CHECK(proxy->rowCount() == all);
}

TEST_CASE("a catalog table cannot be dragged before its columns arrive", "[ide][catalog]") {
    CatalogModel model;
    model.clear("conn-1");
    model.appendTables({CatalogEntry{"main", "orders", "TABLE", {}, {}, false}, CatalogEntry{"", "v", "VIEW", {}, {}, false}});
    const QModelIndex orders = model.index(0, 0);
    CHECK_FALSE(model.flags(orders).testFlag(Qt::ItemIsDragEnabled));
    CHECK(model.mimeData({orders}) == nullptr);
    CHECK_FALSE(model.hasChildren(orders));
    CHECK(model.index(1, 1).data().toString() == "view");

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setColumns(0, {{"id", "INTEGER"}, {"amount", "REAL"}});
    REQUIRE(inserted.count() == 1);
    CHECK(inserted.at(0).at(0).value<QModelIndex>() == orders); // only under that table
    CHECK(resets.count() == 0);
    CHECK(model.rowCount(orders) == 2);
    CHECK(model.index(1, 1, orders).data().toString() == "REAL");
    CHECK(model.flags(orders).testFlag(Qt::ItemIsDragEnabled));
    std::unique_ptr<QMimeData> mime(model.mimeData({orders}));
    REQUIRE(mime);
    CHECK(Json::parse(mime->data(kCatalogTableMime).toStdString()) ==
          Json{{"connectionId", "conn-1"}, {"path", {"main", "orders"}}, {"columns", {"id", "amount"}}});
    // Out-of-range rows are ignored, never a crash.
    model.setColumns(7, {{"x", "TEXT"}});
    CHECK_FALSE(model.index(5, 0).isValid());
}

TEST_CASE("a connection that cannot be opened says so in the catalog dock", "[ide][catalog]") {
    const std::string dir = test::makeTempDir("catalog-dead");
    const std::string file = dir + "/connections.json";
    doc::writeFileAtomically(file, Json{{"version", 1},
                                        {"connections", {{"dead", {{"type", "postgresql"}, {"host", "127.0.0.1"}, {"port", 1},
                                                                   {"database", "x"}, {"user", "u"}}}}}}.dump());
    CatalogBrowser browser(nullptr, QString::fromStdString(file));
    REQUIRE(browser.selectConnection("dead"));
    browser.loadSelected();
    REQUIRE(waitUntilLoaded(browser));
    CHECK(browser.status().startsWith("Could not load tables"));
    CHECK(browser.model()->tableCount() == 0);
}

TEST_CASE("the catalog dock shows its progress and can be cancelled", "[ide][catalog]") {
    test::SampleWarehouse warehouse;
    SECTION("a finished read hides the bar after counting every table") {
        CatalogBrowser browser(nullptr, QString::fromStdString(warehouse.connections));
        REQUIRE(browser.selectConnection("test-sample"));
        browser.loadSelected();
        CHECK_FALSE(browser.progress()->isHidden());
        CHECK_FALSE(browser.cancelButton()->isHidden());
        int maxSeen = 0;
        for (int i = 0; i < 600 && browser.loading(); ++i) {
            QTest::qWait(10);
            maxSeen = std::max(maxSeen, browser.progress()->maximum());
        }
        REQUIRE_FALSE(browser.loading());
        CHECK(browser.progress()->isHidden());
        CHECK(browser.cancelButton()->isHidden());
        CHECK(browser.progress()->maximum() == int(warehouseTables(warehouse).size()));
        CHECK(browser.progress()->value() == browser.progress()->maximum());
    }
    SECTION("Cancel stops the read and says how far it got") {
        CatalogBrowser browser(nullptr, QString::fromStdString(warehouse.connections));
        REQUIRE(browser.selectConnection("test-sample"));
        browser.loadSelected();
        QTest::mouseClick(browser.cancelButton(), Qt::LeftButton);
        CHECK_FALSE(browser.loading());
        CHECK(browser.progress()->isHidden());
        CHECK(browser.status().startsWith("Cancelled"));
        const int tables = browser.model()->tableCount();
        QTest::qWait(300); // the reader's late results are ignored
        CHECK(browser.model()->tableCount() == tables);
        CHECK(browser.status().startsWith("Cancelled"));
        // A new read after a cancel works.
        browser.loadSelected();
        REQUIRE(waitUntilLoaded(browser));
        CHECK(browser.model()->tableCount() == int(warehouseTables(warehouse).size()));
    }
}
