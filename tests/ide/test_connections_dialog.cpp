#include <catch2/catch.hpp>

#include "connections_dialog.h"

#include <quire/connect/sample_warehouse.h>
#include <quire/secrets/secret_store.h>
#include <test_support.h>

#include <QComboBox>
#include <QLineEdit>

using namespace quire;
using namespace quire::ide;

namespace {
QLineEdit* field(ConnectionsDialog& dialog, const QString& label) {
    // Field editors carry no object names: find the row by its label text through the form.
    for (auto* edit : dialog.findChildren<QLineEdit*>())
        if (edit->property("quireField").toString() == label) return edit;
    return nullptr;
}
} // namespace

TEST_CASE("the connections dialog saves profiles without secrets and tests them for real", "[ide][connections]") {
    const std::string dir = quire::test::makeTempDir("connections-dialog");
    const std::string file = dir + "/connections.json";
    const std::string db = dir + "/m.db";
    connect::SampleOptions small;
    small.eventRows = 1000;
    connect::generateSqlite(db, small);
    auto store = secrets::makeMemorySecretStore();
    ConnectionsDialog dialog(QString::fromStdString(file), *store);

    auto edits = dialog.findChildren<QLineEdit*>();
    auto* kind = dialog.findChild<QComboBox*>();
    REQUIRE(kind);
    // New SQLite profile.
    edits[0]->setText("local-sqlite");                          // name
    edits[1]->setText("11111111-2222-3333-4444-555555555555");  // connectionId
    kind->setCurrentText("sqlite");
    QLineEdit* database = field(dialog, "database");
    REQUIRE(database);
    database->setText(QString::fromStdString(db));
    CHECK(dialog.testForm().isEmpty());
    QString error;
    REQUIRE(dialog.saveForm(&error));
    auto registry = connect::ConnectionRegistry::load(file).value();
    auto entry = registry.find("11111111-2222-3333-4444-555555555555");
    REQUIRE(entry);
    CHECK(entry->profile.field("database") == db);

    // PostgreSQL profile: the password goes to the secret store, never into the file.
    kind->setCurrentText("postgresql");
    edits = dialog.findChildren<QLineEdit*>();
    edits[0]->setText("pg");
    field(dialog, "host")->setText("127.0.0.1");
    field(dialog, "port")->setText("1"); // nothing listens there
    field(dialog, "database")->setText("db");
    field(dialog, "user")->setText("me");
    QLineEdit* password = field(dialog, "password");
    REQUIRE(password);
    password->setText("s3cret-value");
    const QString failure = dialog.testForm();
    CHECK_FALSE(failure.isEmpty());
    CHECK_FALSE(failure.contains("s3cret-value"));
    REQUIRE(dialog.saveForm(&error));
    CHECK(store->read("connection/pg/password").value() == std::optional<std::string>("s3cret-value"));
    CHECK(quire::test::readFile(file).find("s3cret-value") == std::string::npos);
    CHECK(connect::ConnectionRegistry::load(file).value().find("pg").has_value());
    if (const QByteArray shots = qgetenv("QUIRE_SCREENSHOT_DIR"); !shots.isEmpty()) {
        dialog.selectProfile("pg");
        dialog.grab().save(QString::fromUtf8(shots) + "/connections.png");
    }
}

TEST_CASE("an incomplete connection form is an error, not a crash", "[ide][connections]") {
    const std::string dir = quire::test::makeTempDir("connections-dialog-bad");
    auto store = secrets::makeMemorySecretStore();
    ConnectionsDialog dialog(QString::fromStdString(dir + "/c.json"), *store);
    dialog.findChildren<QLineEdit*>()[0]->setText("");
    QString error;
    CHECK_FALSE(dialog.saveForm(&error));
    CHECK(error.contains("name"));
}
