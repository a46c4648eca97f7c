// The `quire publish` / `quire pull` / `quire diff` commands end to end against the fake server (the quire
// binary runs as a child process while this process serves).
#include <quire/publish/sidecar.h>

#include <catch2/catch.hpp>

#include <QEventLoop>
#include <QProcess>
#include <QProcessEnvironment>

#include <filesystem>

#include "publish_test_helpers.h"
#include "test_support.h"

using namespace quire;
using namespace quire::test;

namespace {

struct Run {
    int code = -1;
    std::string out;
    std::string err;
};

Run runQuire(const FakeSigmaServer& server, const QStringList& args) {
    const QString binary = QString::fromStdString(binaryDir() + "/bin/quire");
    REQUIRE(std::filesystem::exists(binary.toStdString()));
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QUIRE_SIGMA_CLIENT_ID", QString::fromStdString(server.clientId));
    env.insert("QUIRE_SIGMA_CLIENT_SECRET", QString::fromStdString(server.clientSecret));
    env.remove("QUIRE_SIGMA_REGION");
    env.remove("QUIRE_SIGMA_BASE_URL");
    process.setProcessEnvironment(env);
    process.setStandardInputFile(QProcess::nullDevice());
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    process.start(binary, args);
    REQUIRE(process.waitForStarted(10000));
    if (process.state() != QProcess::NotRunning) loop.exec(); // serve the fake API while the child runs
    return Run{process.exitCode(), process.readAllStandardOutput().toStdString(), process.readAllStandardError().toStdString()};
}

QStringList with(QStringList args, const FakeSigmaServer& server) {
    args << "--base-url" << QString::fromStdString(server.baseUrl());
    return args;
}

} // namespace

TEST_CASE("quire publish / pull / diff on the command line", "[publish][cli]") {
    FakeSigmaServer server;
    const std::string dir = makeTempDir("publish-cli");
    Json contents = workbookContents();
    contents["elements"][1]["style"]["backgroundColor"] = "#abcdef";
    const QString file = QString::fromStdString(writeWorkbook(dir, "wb.yaml", Json{{"name", "CLI"}, {"contents", contents}}));

    Run refused = runQuire(server, with({"publish", file}, server));
    CHECK(refused.code == 3); // stdin is not a terminal and no --yes
    CHECK(refused.err.find("without --yes") != std::string::npos);
    CHECK(server.workbooks.empty());

    Run dry = runQuire(server, with({"publish", file, "--dry-run"}, server));
    CHECK(dry.code == 0);
    CHECK(dry.out.find("dry run accepted") != std::string::npos);
    CHECK(server.workbooks.empty());

    Run created = runQuire(server, with({"-vv", "publish", file, "--yes"}, server));
    INFO(created.out << created.err);
    REQUIRE(created.code == 0);
    CHECK(created.out.find(" elements | 2 added") != std::string::npos);
    CHECK(created.out.find("created workbook ") != std::string::npos);
    CHECK(created.err.find("<redacted>") != std::string::npos);
    CHECK(created.err.find(server.clientSecret) == std::string::npos);
    CHECK(created.out.find(server.clientSecret) == std::string::npos);
    REQUIRE(server.workbooks.size() == 1);
    const std::string id = server.workbooks.begin()->first;

    // Pull into a second file, edit the first, publish: update with the sidecar's host and version.
    const QString pulled = QString::fromStdString(dir + "/pulled.json");
    Run pull = runQuire(server, with({"pull", QString::fromStdString(id), "-o", pulled}, server));
    CHECK(pull.code == 0);
    Run same = runQuire(server, {"diff", file, pulled, "--no-envelope"}); // the pulled file also has folderId
    CHECK(same.code == 0);
    CHECK(same.out == "no differences\n");

    server.editRemotely(id, [](Json& c) { c["pages"][0]["name"] = "Remote page"; });
    doc::Document local = loadWorkbook(file.toStdString());
    (*local.contents())["elements"][0]["name"] = "Local orders";
    doc::writeFileAtomically(file.toStdString(), doc::saveDocument(local, local.format));
    Run stale = runQuire(server, {"publish", file, "--yes"}); // host from the sidecar
    CHECK(stale.code == 4);
    CHECK(stale.out.find("pull --merge") != std::string::npos);
    Run merge = runQuire(server, {"pull", "--merge", file});
    INFO(merge.out << merge.err);
    CHECK(merge.code == 0);
    Run json = runQuire(server, {"publish", file, "--yes", "--format", "json"});
    REQUIRE(json.code == 0);
    const Json reply = Json::parse(json.out);
    CHECK(reply["status"] == "updated");
    CHECK(reply["documentVersion"] == 3);
    CHECK(server.workbooks.at(id).contents["pages"][0]["name"] == "Remote page");
    CHECK(server.workbooks.at(id).contents["elements"][0]["name"] == "Local orders");

    Run different = runQuire(server, {"diff", pulled, file, "--format", "json"});
    CHECK(different.code == 1);
    CHECK(Json::parse(different.out)["summary"]["elements"]["changed"] == 1);

    Run noCreds = runQuire(server, {"publish", file, "--region", "mars"});
    CHECK(noCreds.code == 2);
    CHECK(noCreds.err.find("unknown region 'mars'") != std::string::npos);
}
