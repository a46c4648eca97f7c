// The first start's sample warehouse: a progress dialog that counts rows and whose Cancel leaves nothing behind.
#include <catch2/catch.hpp>

#include "sample_warehouse_progress.h"

#include <quire/connect/sample_warehouse.h>

#include <test_support.h>

#include <QApplication>
#include <QLabel>
#include <QProgressDialog>
#include <QPushButton>
#include <QTest>
#include <QTimer>
#include <QWidget>

#include <filesystem>

using namespace quire;
using namespace quire::ide;

TEST_CASE("ide: the sample warehouse progress dialog counts rows and Cancel leaves no file", "[ide][sample-progress]") {
    namespace fs = std::filesystem;
    const QByteArray savedData = qgetenv("XDG_DATA_HOME");
    const std::string data = quire::test::makeTempDir("ide-sample-progress");
    qputenv("XDG_DATA_HOME", QByteArray::fromStdString(data));
    const std::string path = connect::defaultSampleWarehousePath();
    REQUIRE(path.rfind(data, 0) == 0);
    REQUIRE_FALSE(fs::exists(path));

    QWidget parent;
    parent.resize(800, 600);
    parent.show();
    int shownValue = -1;
    QString shownLabel;
    // A person watching the bar move, then pressing Cancel.
    QTimer watcher;
    QObject::connect(&watcher, &QTimer::timeout, [&] {
        auto* dialog = parent.findChild<QProgressDialog*>("sample-warehouse-progress");
        if (!dialog || !dialog->isVisible() || dialog->value() <= 0) return;
        shownValue = dialog->value();
        shownLabel = dialog->findChild<QLabel*>()->text();
        watcher.stop();
        if (auto* cancel = dialog->findChild<QPushButton*>()) QTest::mouseClick(cancel, Qt::LeftButton);
    });
    watcher.start(20);
    const auto outcome = ensureSampleWarehouseWithProgress(&parent);
    watcher.stop();

    CHECK(outcome.state == SampleWarehouseState::Cancelled);
    CHECK(outcome.message.contains("not generated"));
    CHECK(shownValue > 0);
    CHECK(shownValue < 1000);
    CHECK(shownLabel.contains("rows"));
    CHECK_FALSE(fs::exists(path));
    for (const auto& e : fs::directory_iterator(fs::path(path).parent_path()))
        CHECK(e.path().filename().string().find("quire-tmp") == std::string::npos);
    // A card over the sample now says it was not generated instead of generating it behind the user's back.
    CHECK_THROWS_WITH(connect::ensureSampleWarehouse(), Catch::Contains("not generated"));
    CHECK_FALSE(fs::exists(path));

    connect::allowSampleWarehouseGeneration(true);
    qputenv("XDG_DATA_HOME", savedData);
}

TEST_CASE("ide: an existing sample warehouse opens no dialog", "[ide][sample-progress]") {
    const QByteArray savedData = qgetenv("XDG_DATA_HOME");
    const std::string data = quire::test::makeTempDir("ide-sample-existing");
    qputenv("XDG_DATA_HOME", QByteArray::fromStdString(data));
    connect::generateSqlite(connect::defaultSampleWarehousePath(), {2000, connect::SampleOptions{}.seed});
    QWidget parent;
    const auto outcome = ensureSampleWarehouseWithProgress(&parent);
    CHECK(outcome.state == SampleWarehouseState::Ready);
    CHECK(parent.findChild<QProgressDialog*>() == nullptr);
    qputenv("XDG_DATA_HOME", savedData);
}
