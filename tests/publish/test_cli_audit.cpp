// The audit log end to end: the real quire binary publishes to the fake server and previews an element of the
// sample warehouse and changes a connection; all are in the log, `quire audit verify` passes, a tampered log fails naming the line, no
// credential or token is in the log, and an unwritable log never fails the publish.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_runner.h"
#include "publish_test_helpers.h"
#include "test_support.h"

using namespace quire;
using namespace quire::test;

namespace {

constexpr const char* kSample = "6a1e3c2b-5d4f-4e8a-9b7c-0d1f2e3a4b5c"; // the built-in sample connection

std::vector<Json> entries(const std::string& log) {
    std::istringstream in(readFile(log));
    std::vector<Json> out;
    for (std::string line; std::getline(in, line);) out.push_back(Json::parse(line));
    return out;
}

} // namespace

TEST_CASE("quire publish and quire preview are audited, and quire audit verify detects tampering", "[publish][cli][audit]") {
    FakeSigmaServer server;
    const std::string dir = makeRepoDir("publish-cli-audit");
    const std::string log = dir + "/audit/audit.jsonl";
    const std::map<QString, QString> sandbox{{"XDG_CONFIG_HOME", QString::fromStdString(dir + "/config")},
                                             {"XDG_DATA_HOME", QString::fromStdString(dir + "/data")},
                                             {"HOME", QString::fromStdString(dir + "/home")},
                                             {"QUIRE_CONNECTIONS_FILE", QString::fromStdString(dir + "/config/quire/connections.json")},
                                             {"QUIRE_AUDIT_LOG", QString::fromStdString(log)}};

    const QString file = QString::fromStdString(writeWorkbook(dir, "wb.yaml", Json{{"name", "Audited"}, {"contents", workbookContents()}}));
    Run published = runQuire(server, with({"publish", file, "--yes"}, server), sandbox);
    INFO(published.out << published.err);
    REQUIRE(published.code == 0);
    REQUIRE(server.workbooks.size() == 1);
    const std::string id = server.workbooks.begin()->first;

    // A preview of an element on the sample warehouse: one query, audited with its element, SQL hash and rows.
    Run generated = runQuire(server, {"warehouse", "generate", "--rows", "200", "-o", QString::fromStdString(dir + "/data/quire/marketing.db")}, sandbox);
    REQUIRE(generated.code == 0);
    const Json contents{{"schemaVersion", 1}, {"kind", "workbook"}, {"pages", Json::array({Json{{"id", "p"}, {"name", "P"}}})},
                        {"elements", Json::array({Json{{"id", "orders"}, {"kind", "table"}, {"name", "Orders"},
                                                       {"source", {{"kind", "warehouse-table"}, {"connectionId", kSample}, {"path", {"main", "orders"}}}},
                                                       {"columns", Json::array({Json{{"id", "st"}, {"name", "Status"}, {"formula", "[orders/status]"}}})}}})},
                        {"layout", "<Page id=\"p\"><Element elementId=\"orders\" gridColumn=\"1 / 25\" gridRow=\"1 / 5\"/></Page>"}};
    const QString sample = QString::fromStdString(writeWorkbook(dir, "sample.json", Json{{"name", "Sample"}, {"contents", contents}}));
    Run preview = runQuire(server, {"preview", sample, "--element", "orders", "--limit", "7", "--format", "csv"}, sandbox);
    INFO(preview.out << preview.err);
    REQUIRE(preview.code == 0);
    const long long previewRows = static_cast<long long>(std::count(preview.out.begin(), preview.out.end(), '\n')) - 1; // minus the header
    REQUIRE(previewRows > 0);

    auto written = entries(log);
    REQUIRE(written.size() == 2);
    CHECK(written[0]["action"] == "publish");
    CHECK(written[0]["outcome"] == "created");
    CHECK(written[0]["workbook"] == file.toStdString());
    CHECK(written[0]["workbookId"] == id);
    CHECK(written[0]["sigmaIdentity"] == server.clientId);
    CHECK(written[1]["action"] == "preview-query");
    CHECK(written[1]["workbook"] == sample.toStdString());
    CHECK(written[1]["element"] == "orders");
    CHECK(written[1]["rows"] == previewRows);
    CHECK(written[1]["sqlHash"].get<std::string>().size() == 64);
    for (const auto& e : written) CHECK(e["user"].get<std::string>().size() > 0);

    // No credential and no token anywhere in the log.
    const std::string text = readFile(log);
    CHECK(text.find(server.clientSecret) == std::string::npos);
    bool sawToken = false;
    for (const auto& request : server.apiRequests()) {
        const std::string auth = request.header("authorization");
        if (auth.rfind("Bearer ", 0) != 0) continue;
        sawToken = true;
        CHECK(text.find(auth.substr(7)) == std::string::npos);
    }
    CHECK(sawToken);
    CHECK(text.find("SELECT") == std::string::npos); // the SQL's hash, never its text

    // Connection changes and tests are audited by profile name.
    for (const QStringList& args : {QStringList{"connections", "add", "audited", "--type", "sqlite", "--database", QString::fromStdString(dir + "/x.db")},
                                    QStringList{"connections", "test", "audited"}, QStringList{"connections", "remove", "audited"}}) {
        Run connection = runQuire(server, args, sandbox);
        INFO(connection.out << connection.err);
        CHECK(connection.code == 0);
    }
    written = entries(log);
    REQUIRE(written.size() == 5);
    CHECK(written[2]["action"] == "connection-add");
    CHECK(written[3]["action"] == "connection-test");
    CHECK(written[3]["outcome"] == "ok");
    CHECK(written[4]["action"] == "connection-remove");
    CHECK(written[4]["target"] == "audited");

    Run shown = runQuire(server, {"audit", "show", "--format", "json"}, sandbox);
    REQUIRE(shown.code == 0);
    CHECK(Json::parse(shown.out).size() == 5);
    Run since = runQuire(server, {"audit", "show", "--since", "2999-01-01"}, sandbox);
    CHECK(since.code == 0);
    CHECK(since.out.empty());
    Run badSince = runQuire(server, {"audit", "show", "--since", "yesterday"}, sandbox);
    CHECK(badSince.code == 2);

    Run intact = runQuire(server, {"audit", "verify"}, sandbox);
    INFO(intact.out << intact.err);
    CHECK(intact.code == 0);
    CHECK(intact.out.find("5 entries, chain intact") != std::string::npos);

    // Tamper: the publish entry now claims another workbook id.
    std::string tampered = text;
    const auto at = tampered.find(id);
    REQUIRE(at != std::string::npos);
    tampered.replace(at, id.size(), std::string(id.size(), 'x'));
    std::ofstream(log, std::ios::binary | std::ios::trunc) << tampered;
    Run broken = runQuire(server, {"audit", "verify"}, sandbox);
    INFO(broken.out << broken.err);
    CHECK(broken.code == 1);
    CHECK(broken.out.find(log + ":1:1: error [audit/edited]: line 1") != std::string::npos);
    CHECK(broken.out.find("was edited") != std::string::npos);

    // A removed entry: the preview line alone.
    std::ofstream(log, std::ios::binary | std::ios::trunc) << text.substr(text.find('\n') + 1);
    Run removed = runQuire(server, {"audit", "verify", "--log", QString::fromStdString(log)}, sandbox);
    CHECK(removed.code == 1);
    CHECK(removed.out.find("[audit/removed]") != std::string::npos);
}

TEST_CASE("an unwritable audit log never fails a publish", "[publish][cli][audit]") {
    FakeSigmaServer server;
    const std::string dir = makeRepoDir("publish-cli-audit-ro");
    std::ofstream(dir + "/not-a-dir") << "a file where the log's directory should be";
    const std::map<QString, QString> unwritable{{"QUIRE_AUDIT_LOG", QString::fromStdString(dir + "/not-a-dir/audit.jsonl")}};
    const QString file = QString::fromStdString(writeWorkbook(dir, "wb.yaml", Json{{"name", "Audited"}, {"contents", workbookContents()}}));
    Run published = runQuire(server, with({"publish", file, "--yes"}, server), unwritable);
    INFO(published.out << published.err);
    CHECK(published.code == 0);
    CHECK(server.workbooks.size() == 1);
    CHECK(published.out.find("created workbook ") != std::string::npos);
    // Warned once, named by its rule.
    const auto first = published.err.find("audit/write-failed");
    REQUIRE(first != std::string::npos);
    CHECK(published.err.find("audit/write-failed", first + 1) == std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir + "/not-a-dir/audit.jsonl"));
}
