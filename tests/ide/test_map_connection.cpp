// Someone else's workbook: its elements name a Sigma connectionId this machine has no profile for. The card
// offers "Map connection..."; the mapping goes into the user's connections file, never into the workbook, and
// every element of that connection previews after one mapping.
#include <catch2/catch.hpp>

#include "canvas_widget.h"
#include "connections_dialog.h"
#include "engine_preview_provider.h"
#include "main_window.h"
#include "map_connection_dialog.h"
#include "preview_painter.h"
#include "sample_warehouse_fixture.h"

#include <quire/connect/connection_registry.h>
#include <quire/doc/io.h>
#include <quire/secrets/secret_store.h>
#include <test_support.h>

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QTest>
#include <QTimer>

using namespace quire;
using namespace quire::ide;

namespace {
const char* kForeignId = "0f0f0f0f-1111-4222-8333-444444444444";

// marketing.yaml as another organisation would have it: the same tables under their own connectionId.
std::string foreignWorkbook(const std::string& dir) {
    std::string text = quire::test::readFile(quire::test::sourceDir() + "/resources/examples/marketing.yaml");
    const std::string ours = connect::kSampleConnectionId;
    for (auto at = text.find(ours); at != std::string::npos; at = text.find(ours, at)) text.replace(at, ours.size(), kForeignId);
    const std::string path = dir + "/foreign.yaml";
    doc::writeFileAtomically(path, text);
    return path;
}

// A connections file with one profile ("local") over the warehouse and no connectionId of its own.
std::string connectionsWithLocalProfile(const quire::test::SampleWarehouse& warehouse) {
    const std::string file = warehouse.dir + "/mapped-connections.json";
    Json conns = {{"version", 1}, {"connections", {{"local", {{"type", "sqlite"}, {"database", warehouse.db}}}}}};
    doc::writeFileAtomically(file, conns.dump(2));
    return file;
}
} // namespace

TEST_CASE("an unknown connection shows Map connection on its card, and one mapping previews every element of it",
          "[ide][preview][map-connection]") {
    quire::test::SampleWarehouse warehouse;
    const std::string file = connectionsWithLocalProfile(warehouse);
    const std::string workbook = foreignWorkbook(warehouse.dir);
    const std::string workbookBytes = quire::test::readFile(workbook);
    MainWindow window;
    window.resize(1440, 900);
    REQUIRE(window.openFile(QString::fromStdString(workbook), true));
    window.showRegion("data");
    EnginePreviewProvider provider(window.model(), QString::fromStdString(file));
    provider.rowLimit = 20;
    window.setPreviewProvider(&provider);
    REQUIRE(provider.waitIdle(60000));

    QStringList ids;
    for (const auto& node : window.canvas()->placedNodes())
        if (provider.data(QString::fromStdString(node.handle)).state != PreviewData::State::None)
            ids << QString::fromStdString(node.handle);
    REQUIRE(ids.size() >= 2);
    for (const auto& id : ids) {
        INFO(id.toStdString());
        CHECK(provider.data(id).unmappedConnection == kForeignId);
    }
    window.canvas()->grab(); // paints the cards
    const QRect button = window.previewPainter()->mapConnectionButton(ids.front());
    REQUIRE_FALSE(button.isEmpty());

    // Click the card's button; choose the existing profile in the dialog that opens.
    bool dialogSeen = false;
    QTimer::singleShot(0, [&] {
        auto* dialog = qobject_cast<MapConnectionDialog*>(QApplication::activeModalWidget());
        if (!dialog) return;
        dialogSeen = true;
        CHECK(dialog->profiles().contains("local"));
        CHECK(dialog->chooseProfile("local"));
        QString error;
        CHECK(dialog->apply(&error));
        dialog->accept();
    });
    QTest::mouseClick(window.canvas(), Qt::LeftButton, Qt::NoModifier, button.center());
    REQUIRE(dialogSeen);
    REQUIRE(provider.waitIdle(60000));
    for (const auto& id : ids) {
        INFO(id.toStdString() << ": " << provider.data(id).error.toStdString());
        CHECK(provider.data(id).state == PreviewData::State::Ready);
    }
    // Saved in the connections file, the workbook untouched.
    auto registry = connect::ConnectionRegistry::load(file).value();
    auto mapped = registry.find(kForeignId);
    REQUIRE(mapped);
    CHECK(mapped->profile.name == "local");
    CHECK(quire::test::readFile(workbook) == workbookBytes);
    CHECK_FALSE(window.model()->isModified());
}

TEST_CASE("Map connection can create a new profile for the workbook's connection", "[ide][map-connection]") {
    quire::test::SampleWarehouse warehouse;
    const std::string file = warehouse.dir + "/new-connections.json";
    auto store = secrets::makeMemorySecretStore();
    MapConnectionDialog dialog(QString::fromStdString(file), kForeignId, 3, *store);
    CHECK_FALSE(dialog.profiles().contains("theirs"));
    QTimer::singleShot(0, [&] {
        auto* connections = qobject_cast<ConnectionsDialog*>(QApplication::activeModalWidget());
        if (!connections) return;
        for (auto* combo : connections->findChildren<QComboBox*>()) combo->setCurrentText("sqlite");
        QLineEdit* connectionId = nullptr;
        for (auto* edit : connections->findChildren<QLineEdit*>()) {
            if (edit->text() == kForeignId) connectionId = edit;
            if (edit->property("quireField").toString() == "database") edit->setText(QString::fromStdString(warehouse.db));
        }
        REQUIRE(connectionId); // the new profile carries the workbook's connectionId
        connections->findChildren<QLineEdit*>().front()->setText("theirs");
        QString error;
        CHECK(connections->saveForm(&error));
        connections->accept();
    });
    dialog.newProfile();
    REQUIRE(dialog.profiles().contains("theirs"));
    QString error;
    REQUIRE(dialog.apply(&error));
    auto found = connect::ConnectionRegistry::load(file).value().find(kForeignId);
    REQUIRE(found);
    CHECK(found->profile.name == "theirs");
}
