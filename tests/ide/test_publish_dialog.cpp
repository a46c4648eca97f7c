// File > Publish to Sigma against the local fake Sigma API (tests/publish/fake_sigma_server.*).
#include <catch2/catch.hpp>

#include "fake_sigma_server.h"
#include "main_window.h"
#include "publish_dialog.h"
#include "pull_dialog.h"
#include "start_page.h"

#include <quire/doc/io.h>
#include <quire/governance/audit_log.h>
#include <quire/publish/sidecar.h>
#include <test_support.h>

#include <QApplication>
#include <QCheckBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>
#include <QTimer>

#include <cstdlib>
#include <filesystem>

using namespace quire;
using namespace quire::ide;

namespace {

// The marketing sample saved at `path` and loaded from there (so the sidecar lands next to it).
doc::LoadResult copyOfSample(const std::string& path) {
    auto loaded = doc::loadDocument(quire::test::sourceDir() + "/resources/examples/marketing.yaml");
    REQUIRE(loaded.ok());
    doc::writeFileAtomically(path, doc::saveDocument(*loaded.document, doc::Format::Yaml));
    auto document = doc::loadDocument(path);
    REQUIRE(document.ok());
    return document;
}

} // namespace

TEST_CASE("publishing from the IDE creates the workbook, then updates it", "[ide][publish]") {
    quire::test::FakeSigmaServer server;
    ::setenv("QUIRE_SIGMA_CLIENT_ID", server.clientId.c_str(), 1);
    ::setenv("QUIRE_SIGMA_CLIENT_SECRET", server.clientSecret.c_str(), 1);
    const std::string dir = quire::test::makeTempDir("ide-publish");
    const std::string path = dir + "/marketing.yaml";
    auto document = copyOfSample(path);

    const std::string auditLog = dir + "/audit/audit.jsonl";
    const char* testLog = std::getenv("QUIRE_AUDIT_LOG");
    const std::string previousLog = testLog ? testLog : quire::test::binaryDir() + "/test-audit/audit.jsonl";
    ::setenv("QUIRE_AUDIT_LOG", auditLog.c_str(), 1);
    PublishDialog dialog(*document.document);
    dialog.baseUrlEdit()->setText(QString::fromStdString(server.baseUrl()));
    const QString first = dialog.run(false);
    INFO(dialog.log().toStdString());
    CHECK(first.startsWith("created"));
    REQUIRE(server.workbooks.size() == 1);
    const auto sidecar = publish::loadSidecar(path).value();
    REQUIRE(sidecar);
    CHECK(server.workbooks.count(sidecar->workbookId) == 1);
    // The IDE's publish is in the audit log like the CLI's: who, what, which workbook; never the secret.
    const auto logged = governance::audit::read(auditLog);
    REQUIRE(logged);
    REQUIRE(logged->entries.size() == 1);
    const Json& entry = logged->entries[0].entry;
    CHECK(entry.value("action", "") == "publish");
    CHECK(entry.value("outcome", "") == "created");
    CHECK(entry.value("workbookId", "") == sidecar->workbookId);
    CHECK(entry.value("sigmaIdentity", "") == server.clientId);
    CHECK(doc::readFileBytes(auditLog).value().find(server.clientSecret) == std::string::npos);

    // A second dialog finds the workbook through the sidecar: nothing changed, nothing is written.
    PublishDialog again(*document.document);
    CHECK(again.baseUrlEdit()->text().isEmpty()); // a loopback sidecar host is never prefilled
    again.baseUrlEdit()->setText(QString::fromStdString(server.baseUrl()));
    const QString second = again.run(false);
    INFO(again.log().toStdString());
    CHECK((second.startsWith("unchanged") || second.startsWith("updated")));
    CHECK(server.workbooks.size() == 1);
    CHECK(governance::audit::read(auditLog)->entries.size() == 2);
    CHECK(governance::audit::verify(auditLog)->ok());
    ::setenv("QUIRE_AUDIT_LOG", previousLog.c_str(), 1);
    ::unsetenv("QUIRE_SIGMA_CLIENT_ID");
    ::unsetenv("QUIRE_SIGMA_CLIENT_SECRET");
}

TEST_CASE("Cancel Publish, clicked while the publish talks to Sigma, stops it with nothing published", "[ide][publish]") {
    quire::test::FakeSigmaServer server;
    ::setenv("QUIRE_SIGMA_CLIENT_ID", server.clientId.c_str(), 1);
    ::setenv("QUIRE_SIGMA_CLIENT_SECRET", server.clientSecret.c_str(), 1);
    const std::string dir = quire::test::makeTempDir("ide-publish-cancel");
    const std::string path = dir + "/marketing.yaml";
    auto document = copyOfSample(path);
    PublishDialog first(*document.document);
    first.baseUrlEdit()->setText(QString::fromStdString(server.baseUrl()));
    REQUIRE(first.run(false).startsWith("created"));
    const std::string id = publish::loadSidecar(path).value()->workbookId;
    const Json published = server.workbooks.at(id).contents;

    // An edit, then a second publish: its first request fetches the workbook to diff against.
    (*document.document->contents())["pages"][0]["name"] = "Renamed";
    PublishDialog dialog(*document.document);
    dialog.baseUrlEdit()->setText(QString::fromStdString(server.baseUrl()));
    dialog.show();
    CHECK_FALSE(dialog.cancelButton()->isEnabled());
    bool enabledWhileRunning = false, publishOffWhileRunning = false;
    // The click lands while the workbook is fetched (its request's event loop delivers it, as a person's click
    // would), before anything is sent.
    QTimer clicker;
    clicker.setInterval(0);
    QObject::connect(&clicker, &QTimer::timeout, &dialog, [&] {
        if (!dialog.log().contains("fetching workbook")) return;
        clicker.stop();
        enabledWhileRunning = dialog.cancelButton()->isEnabled();
        publishOffWhileRunning = !dialog.publishButton()->isEnabled();
        QTest::mouseClick(dialog.cancelButton(), Qt::LeftButton);
    });
    clicker.start();
    const QString outcome = dialog.run(false);
    clicker.stop();
    INFO(dialog.log().toStdString());
    CHECK(enabledWhileRunning);
    CHECK(publishOffWhileRunning);
    CHECK(outcome.startsWith("cancelled"));
    CHECK(server.workbooks.at(id).contents == published);
    for (const auto& r : server.apiRequests()) CHECK(r.method != "PUT");
    CHECK(dialog.publishButton()->isEnabled());
    CHECK_FALSE(dialog.cancelButton()->isEnabled());
    // Publishing again afterwards works.
    CHECK(dialog.run(false).startsWith("updated"));
    CHECK(server.workbooks.at(id).contents["pages"][0]["name"] == "Renamed");
    ::unsetenv("QUIRE_SIGMA_CLIENT_ID");
    ::unsetenv("QUIRE_SIGMA_CLIENT_SECRET");
}

TEST_CASE("publishing without credentials says what is missing", "[ide][publish]") {
    ::unsetenv("QUIRE_SIGMA_CLIENT_ID");
    ::unsetenv("QUIRE_SIGMA_CLIENT_SECRET");
    auto loaded = doc::loadDocument(quire::test::sourceDir() + "/tests/corpus/minimal.json");
    REQUIRE(loaded.ok());
    PublishDialog dialog(*loaded.document);
    dialog.baseUrlEdit()->setText("http://127.0.0.1:9");
    const QString outcome = dialog.run(false);
    CHECK_FALSE(outcome.isEmpty());
    CHECK(dialog.log().contains("Cannot connect"));
}

TEST_CASE("the publish dialog shows and applies quire.yaml's sharing", "[ide][publish][grants]") {
    quire::test::FakeSigmaServer server;
    server.teams = {quire::test::FakeTeam{"t-fin", "Finance", {}}};
    ::setenv("QUIRE_SIGMA_CLIENT_ID", server.clientId.c_str(), 1);
    ::setenv("QUIRE_SIGMA_CLIENT_SECRET", server.clientSecret.c_str(), 1);
    const std::string dir = quire::test::makeTempDir("ide-sharing");
    std::filesystem::create_directory(dir + "/.git"); // its own repository: quire.yaml is searched up to here
    doc::writeFileAtomically(dir + "/quire.yaml", "sharing:\n  - team: Finance\n    permission: view\nenvironments:\n  dev: {}\n");
    const std::string path = dir + "/marketing.yaml";
    auto document = copyOfSample(path);

    PublishDialog dialog(*document.document);
    dialog.baseUrlEdit()->setText(QString::fromStdString(server.baseUrl()));
    const QString outcome = dialog.run(false);
    INFO(dialog.log().toStdString());
    CHECK(outcome.startsWith("created"));
    CHECK(dialog.log().contains("+ team Finance: view"));
    REQUIRE(server.workbooks.size() == 1);
    const auto& grants = server.grants[server.workbooks.begin()->first];
    REQUIRE(grants.size() == 1);
    CHECK(grants[0].teamId == "t-fin");
    CHECK(grants[0].permission == "view");
    ::unsetenv("QUIRE_SIGMA_CLIENT_ID");
    ::unsetenv("QUIRE_SIGMA_CLIENT_SECRET");
}

TEST_CASE("Open from Sigma on the start page pulls the workbook as quire pull does and opens it", "[ide][publish][start]") {
    quire::test::FakeSigmaServer server;
    ::setenv("QUIRE_SIGMA_CLIENT_ID", server.clientId.c_str(), 1);
    ::setenv("QUIRE_SIGMA_CLIENT_SECRET", server.clientSecret.c_str(), 1);
    const std::string dir = quire::test::makeTempDir("ide-pull");
    auto document = copyOfSample(dir + "/published.yaml");
    PublishDialog publish(*document.document);
    publish.baseUrlEdit()->setText(QString::fromStdString(server.baseUrl()));
    REQUIRE(publish.run(false).startsWith("created"));
    REQUIRE(server.workbooks.size() == 1);
    const std::string workbookId = server.workbooks.begin()->first;

    MainWindow window;
    REQUIRE(window.start(QString(), false, true));
    REQUIRE(window.startPageShown());
    const std::string pulled = dir + "/pulled.yaml";
    // The start page's button opens the pull dialog (modal): fill it in and press "Pull and open" as a user would.
    QTimer::singleShot(0, [&] {
        auto* dialog = qobject_cast<PullDialog*>(QApplication::activeModalWidget());
        CHECK(dialog);
        if (!dialog) return;
        dialog->workbookEdit()->setText(QString::fromStdString(workbookId));
        dialog->baseUrlEdit()->setText(QString::fromStdString(server.baseUrl()));
        dialog->outputEdit()->setText(QString::fromStdString(pulled));
        QTest::mouseClick(dialog->findChild<QPushButton*>("pull-run"), Qt::LeftButton);
        if (dialog->isVisible()) { // the pull failed: say why, and close
            UNSCOPED_INFO(dialog->log().toStdString());
            dialog->reject();
        }
    });
    QTest::mouseClick(window.startPage()->sigmaButton(), Qt::LeftButton);
    CHECK_FALSE(window.startPageShown());
    CHECK(window.model()->filePath() == QString::fromStdString(pulled));
    // The same files as `quire pull`: the workbook and its sidecar, which remembers the workbook id.
    const auto sidecar = publish::loadSidecar(pulled).value();
    REQUIRE(sidecar);
    CHECK(sidecar->workbookId == workbookId);
    CHECK(window.model()->root().value("name", "") == document.document->root.value("name", ""));
    ::unsetenv("QUIRE_SIGMA_CLIENT_ID");
    ::unsetenv("QUIRE_SIGMA_CLIENT_SECRET");
}
