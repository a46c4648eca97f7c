// The `quire publish` / `quire pull` / `quire diff` commands end to end against the fake server (the quire
// binary runs as a child process while this process serves).
#include <quire/publish/sidecar.h>

#include <catch2/catch.hpp>

#include <filesystem>

#include "cli_runner.h"
#include "publish_test_helpers.h"
#include "test_support.h"

using namespace quire;
using namespace quire::test;


TEST_CASE("quire publish / pull / diff on the command line", "[publish][cli]") {
    FakeSigmaServer server;
    const std::string dir = makeRepoDir("publish-cli");
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
    // A loopback sidecar host is never used by itself (only Sigma's region hosts are): name the host.
    Run stale = runQuire(server, with({"publish", file, "--yes"}, server));
    CHECK(stale.code == 4);
    CHECK(stale.out.find("pull --merge") != std::string::npos);
    Run merge = runQuire(server, with({"pull", "--merge", file}, server));
    INFO(merge.out << merge.err);
    CHECK(merge.code == 0);
    Run json = runQuire(server, with({"publish", file, "--yes", "--format", "json"}, server));
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

TEST_CASE("quire pull: a 40,000-character id or URL is an error, not a crash", "[publish][cli][hostile]") {
    FakeSigmaServer server;
    const std::string dir = makeRepoDir("publish-cli-long-id");
    const QString out = QString::fromStdString(dir + "/wb.json");
    Run id = runQuire(server, with({"pull", QString(40000, 'a'), "-o", out}, server));
    CHECK(id.code == 1);
    CHECK(id.out.find("is neither a workbook id") != std::string::npos);
    CHECK(id.out.size() < 1000);
    CHECK(server.requests.empty());
    const QString url = "https://app.sigmacomputing.com/acme/workbook/" + QString(40000, 'S') + "-4kaP2YhJ3r5H";
    Run byUrl = runQuire(server, with({"pull", url, "-o", out}, server));
    CHECK(byUrl.code == 1);
    CHECK(byUrl.out.find("URL id '4kaP2YhJ3r5H'") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out.toStdString()));
}

TEST_CASE("quire publish: 50,000- and 1,000,000-character server messages, an overflowing index", "[publish][cli][hostile]") {
    FakeSigmaServer server;
    const std::string dir = makeRepoDir("publish-cli-long-message");
    const QString file = QString::fromStdString(writeWorkbook(dir, "wb.yaml", Json{{"name", "Long"}, {"contents", workbookContents()}}));
    for (std::size_t length : {std::size_t(50000), std::size_t(1000000)}) {
        for (const std::string& message : {"element '" + std::string(length, 'x') + "' is not placed in layout",
                                           "contents." + std::string(length, 'a') + ": Invalid"}) {
            server.faults.push_back(Fault{"POST", "/v2/workbooks", 400, Json{{"message", message}}, "", {}, 0, 1});
            Run run = runQuire(server, with({"publish", file, "--yes"}, server));
            INFO(run.err);
            CHECK(run.code == 1);
            CHECK(run.out.find("HTTP 400: " + message.substr(0, 100)) != std::string::npos);
            CHECK(run.out.find("more characters)") != std::string::npos);
            CHECK(run.out.size() < 20000);
        }
    }
    server.faults.push_back(Fault{"POST", "/v2/workbooks", 400,
                                  Json{{"message", "contents.elements[99999999999999999999].kind: Invalid kind"}}, "", {}, 0, 1});
    Run overflow = runQuire(server, with({"publish", file, "--yes"}, server));
    INFO(overflow.out);
    CHECK(overflow.code == 1);
    CHECK(overflow.out.find("HTTP 400: contents.elements[99999999999999999999].kind: Invalid kind [request id") != std::string::npos);
    CHECK(overflow.out.find("stoul") == std::string::npos);
    CHECK(overflow.err.find("stoul") == std::string::npos);
    CHECK(server.workbooks.empty());
}

TEST_CASE("quire pull: 10,000- and 200,000-deep replies are refused, nothing is written", "[publish][cli][hostile]") {
    FakeSigmaServer server;
    const std::string id = server.addWorkbook("Deep", workbookContents()).workbookId;
    const std::string dir = makeRepoDir("publish-cli-deep");
    for (std::size_t depth : {std::size_t(10000), std::size_t(200000)}) {
        const std::string path = dir + "/deep.yaml";
        const std::string reply = "{\"workbookId\": \"" + id + "\", \"name\": \"Deep\", \"contents\": {\"x\": " +
                                  std::string(depth, '[') + std::string(depth, ']') + "}}";
        server.faults.push_back(Fault{"GET", "/v2/workbooks/" + id, 200, Json(), reply, {}, 0, 1});
        Run run = runQuire(server, with({"pull", QString::fromStdString(id), "-o", QString::fromStdString(path)}, server));
        INFO(run.out << run.err);
        CHECK(run.code == 1);
        CHECK(run.out.find("deeper than 512 levels") != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(path));
        CHECK_FALSE(std::filesystem::exists(publish::sidecarPathFor(path)));
        CHECK_FALSE(std::filesystem::exists(publish::snapshotPathFor(path)));
    }
}

TEST_CASE("a committed sidecar never chooses where the credentials go", "[publish][cli][hosts]") {
    FakeSigmaServer server;
    FakeSigmaServer attacker; // a second instance: must receive no request at all
    const std::string dir = makeRepoDir("publish-cli-sidecar-host");
    const std::string path = writeWorkbook(dir, "wb.yaml", Json{{"name", "Host"}, {"contents", workbookContents()}});
    const QString file = QString::fromStdString(path);
    doc::writeFileAtomically(publish::sidecarPathFor(path),
                             Json{{"workbookId", "0b1f2c3d-0000-4000-8000-000000000001"}, {"baseUrl", attacker.baseUrl()}}.dump());

    Run alone = runQuire(server, {"publish", file, "--yes"});
    INFO(alone.out << alone.err);
    CHECK(alone.code == 2);
    CHECK(alone.err.find("not one of Sigma's region hosts") != std::string::npos);
    CHECK(alone.err.find(attacker.baseUrl()) != std::string::npos);

    Run mismatch = runQuire(server, with({"publish", file, "--yes"}, server));
    INFO(mismatch.out << mismatch.err);
    CHECK(mismatch.code == 1);
    CHECK(mismatch.out.find("belongs to the API host " + attacker.baseUrl()) != std::string::npos);
    CHECK(mismatch.out.find("the host in use is " + server.baseUrl()) != std::string::npos);

    Run merge = runQuire(server, {"pull", "--merge", file});
    CHECK(merge.code == 2);
    Run mergeElsewhere = runQuire(server, with({"pull", "--merge", file}, server));
    CHECK(mergeElsewhere.code == 1);
    CHECK(mergeElsewhere.out.find(attacker.baseUrl()) != std::string::npos);

    Run plainHttp = runQuire(server, {"publish", file, "--yes", "--base-url", "http://sigma.example.com"});
    CHECK(plainHttp.code == 2);
    CHECK(plainHttp.err.find("plain http") != std::string::npos);

    CHECK(attacker.requests.empty());
    CHECK(server.requests.empty());
}
