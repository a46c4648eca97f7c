// `quire verify` end to end: the real quire binary against the fake server's recorded compiled SQL, run on the
// embedded SQLite sample warehouse next to Quire's own SQL for each element.
#include <quire/doc/io.h>

#include <catch2/catch.hpp>

#include <filesystem>

#include "cli_runner.h"
#include "publish_test_helpers.h"
#include "test_support.h"

using namespace quire;
using namespace quire::test;

namespace {

constexpr const char* kSample = "6a1e3c2b-5d4f-4e8a-9b7c-0d1f2e3a4b5c"; // the built-in sample connection

Json ordersTable(const std::string& id, const std::string& connectionId) {
    return Json{{"id", id},
                {"kind", "table"},
                {"name", "Orders " + id},
                {"source", {{"kind", "warehouse-table"}, {"connectionId", connectionId}, {"path", {"main", "orders"}}}},
                {"columns", Json::array({Json{{"id", "st"}, {"name", "Status"}, {"formula", "[orders/status]"}},
                                         Json{{"id", "rev"}, {"name", "Revenue"}, {"formula", "[orders/revenue]"}}})}};
}

} // namespace

TEST_CASE("quire verify compares Sigma's compiled SQL with Quire's on the sample warehouse", "[publish][cli][verify]") {
    FakeSigmaServer server;
    const std::string dir = makeRepoDir("publish-cli-verify");
    const std::map<QString, QString> sandbox{{"XDG_CONFIG_HOME", QString::fromStdString(dir + "/config")},
                                             {"XDG_DATA_HOME", QString::fromStdString(dir + "/data")},
                                             {"HOME", QString::fromStdString(dir + "/home")},
                                             {"QUIRE_CONNECTIONS_FILE", QString::fromStdString(dir + "/config/quire/connections.json")}};
    const std::string database = dir + "/data/quire/marketing.db";
    Run generated = runQuire(server, {"warehouse", "generate", "--rows", "3000", "-o", QString::fromStdString(database)}, sandbox);
    INFO(generated.err);
    REQUIRE(generated.code == 0);

    Json elements = Json::array({ordersTable("same", kSample), ordersTable("filtered", kSample), ordersTable("broken", kSample),
                                 ordersTable("hostile", kSample), ordersTable("elsewhere", "conn-not-here"), ordersTable("sorted", kSample)});
    elements[5]["sort"] = Json::array({Json{{"columnId", "st"}, {"direction", "ascending"}}}); // order matters here
    std::string layout = "<Page id=\"p\">";
    for (std::size_t i = 0; i < elements.size(); ++i)
        layout += "<Element elementId=\"" + elements[i]["id"].get<std::string>() + "\" gridColumn=\"1 / 25\" gridRow=\"" +
                  std::to_string(i * 4 + 1) + " / " + std::to_string(i * 4 + 5) + "\"/>";
    layout += "</Page>";
    const Json contents{{"schemaVersion", 1}, {"kind", "workbook"}, {"pages", Json::array({Json{{"id", "p"}, {"name", "P"}}})},
                        {"elements", elements}, {"layout", layout}};
    const QString file = QString::fromStdString(writeWorkbook(dir, "wb.json", Json{{"name", "Verify"}, {"contents", contents}}));
    const std::string id = server.addWorkbook("Verify", contents).workbookId;
    server.elementSql[id] = {
        {"same", "-- compiled by Sigma\nSELECT o.status AS \"Status\", o.revenue AS \"Revenue\" FROM orders o ORDER BY o.revenue DESC"},
        {"filtered", "SELECT status, revenue FROM orders WHERE revenue > 100"},
        {"broken", "SELECT nope FROM no_such_table"},
        {"hostile", "SELECT 1; DROP TABLE orders"},
        // Rows that tie on status in another order than Quire's (revenue descending): still a match.
        {"sorted", "SELECT status, revenue FROM orders ORDER BY status ASC, revenue DESC"},
    };

    // Statuses repeat with different revenues, so the sorted element's tie order is really exercised.
    Run ties = runQuire(server, {"sql", "sample", "SELECT count(*) AS n FROM (SELECT status FROM orders GROUP BY status HAVING count(DISTINCT revenue) > 1)",
                                 "--format", "json"}, sandbox);
    INFO(ties.err);
    REQUIRE(ties.code == 0);
    CHECK(Json::parse(ties.out)[0]["n"].get<long long>() > 0);

    Run text = runQuire(server, with({"verify", file, "--workbook-id", QString::fromStdString(id)}, server), sandbox);
    INFO(text.out << text.err);
    CHECK(text.code == 1);
    CHECK(text.out.find("same") != std::string::npos);
    auto line = [&](const std::string& element) {
        const auto at = text.out.find("\n" + element + " ");
        return at == std::string::npos ? std::string() : text.out.substr(at + 1, text.out.find('\n', at + 1) - at - 1);
    };
    CHECK(line("same").find("match") != std::string::npos);
    CHECK(line("filtered").find("differs") != std::string::npos);
    CHECK(line("filtered").find("rows: Sigma ") != std::string::npos);
    CHECK(line("broken").find("sigma-error") != std::string::npos);
    CHECK(line("broken").find("no_such_table") != std::string::npos);
    CHECK(line("hostile").find("not a single read-only query (more than one statement)") != std::string::npos);
    CHECK(line("elsewhere").find("no-local-connection") != std::string::npos);
    CHECK(text.out.find("element accuracy: 40.0% (2 of 5 compared elements match; 1 without a local connection)") != std::string::npos);

    Run json = runQuire(server, with({"verify", file, "--workbook-id", QString::fromStdString(id), "--format", "json"}, server), sandbox);
    INFO(json.out << json.err);
    CHECK(json.code == 1);
    const Json report = Json::parse(json.out);
    CHECK(report["compared"] == 5);
    CHECK(report["matched"] == 2);
    CHECK(report["accuracy"].get<double>() == Approx(40.0));
    REQUIRE(report["elements"].size() == 6);
    std::map<std::string, std::string> statuses;
    for (const Json& e : report["elements"]) statuses[e["elementId"].get<std::string>()] = e["status"].get<std::string>();
    CHECK(statuses == std::map<std::string, std::string>{{"same", "match"}, {"filtered", "differs"}, {"broken", "sigma-error"},
                                                         {"hostile", "sigma-error"}, {"elsewhere", "no-local-connection"},
                                                         {"sorted", "match"}});
    // The statement after the ';' never ran.
    Run orders = runQuire(server, {"sql", "sample", "SELECT count(*) AS n FROM orders", "--format", "json"}, sandbox);
    CHECK(orders.code == 0);

    // Every compared element matching: exit 0 (the recorded SQL made equal to Quire's result).
    server.elementSql[id]["filtered"] = "SELECT status, revenue FROM orders";
    server.elementSql[id]["broken"] = "select status, revenue from orders;";
    server.elementSql[id]["hostile"] = "WITH o AS (SELECT * FROM orders) SELECT status, revenue + 0.0000000001 FROM o";
    Run all = runQuire(server, with({"verify", file, "--workbook-id", QString::fromStdString(id)}, server), sandbox);
    INFO(all.out << all.err);
    CHECK(all.code == 0);
    CHECK(all.out.find("element accuracy: 100.0% (5 of 5 compared elements match; 1 without a local connection)") != std::string::npos);
    CHECK(all.err.find('\r') == std::string::npos); // stderr is a pipe: no progress bar unless asked for
    // --progress always: one line redrawn per element, naming it, ending at 6 of 6.
    Run shown = runQuire(server, with({"verify", file, "--workbook-id", QString::fromStdString(id), "--progress", "always"}, server), sandbox);
    INFO(shown.err);
    CHECK(shown.code == 0);
    CHECK(shown.out == all.out); // the report itself is unchanged
    CHECK(shown.err.find("verify [") != std::string::npos);
    for (const std::string element : {"same", "filtered", "broken", "hostile", "sorted"}) CHECK(shown.err.find(element) != std::string::npos);
    CHECK(shown.err.substr(shown.err.rfind('\r')).find("100%  6 of 6") != std::string::npos);

    // Same rows, one value off by 1%; the sorted element in the other order.
    server.elementSql[id]["broken"] = "SELECT status, revenue * 1.01 FROM orders";
    server.elementSql[id]["sorted"] = "SELECT status, revenue FROM orders ORDER BY status DESC";
    // Hostile replies: a reply without `sql`, an unreadable one: per-element errors, no crash.
    server.faults.push_back(Fault{"GET", "/v2/workbooks/" + id + "/elements/same/query", 200, Json{{"query", 42}}, "", {}, 0, 1});
    server.faults.push_back(Fault{"GET", "/v2/workbooks/" + id + "/elements/filtered/query", 200, Json(), "{\"sql\": [[[", {}, 0, 1});
    Run hostile = runQuire(server, with({"verify", file, "--workbook-id", QString::fromStdString(id), "--format", "json"}, server), sandbox);
    INFO(hostile.out << hostile.err);
    CHECK(hostile.code == 1);
    const Json hostileReport = Json::parse(hostile.out);
    CHECK(hostileReport["matched"] == 1); // only "hostile" (now a WITH query) still matches
    CHECK(hostileReport["elements"][2]["status"] == "differs");
    CHECK(hostileReport["elements"][2]["detail"].get<std::string>().find("column 2 (Revenue): Sigma ") != std::string::npos);
    CHECK(hostileReport["elements"][5]["status"] == "differs");
    CHECK(hostileReport["elements"][5]["detail"].get<std::string>().find("order: row 1, column 1 (Status)") != std::string::npos);
    CHECK(hostileReport["elements"][0]["detail"].get<std::string>().find("the reply has no `sql` text") != std::string::npos);
    CHECK(hostileReport["elements"][1]["detail"].get<std::string>().find("not valid JSON") != std::string::npos);

    // Setup problems: no published workbook recorded and none named.
    Run unnamed = runQuire(server, with({"verify", file}, server), sandbox);
    CHECK(unnamed.code == 2);
    CHECK(unnamed.err.find("--workbook-id") != std::string::npos);
}

TEST_CASE("quire verify --env checks the environment's published workbook on the environment's connection", "[publish][cli][verify]") {
    FakeSigmaServer server;
    const std::string dir = makeRepoDir("publish-cli-verify-env");
    const std::map<QString, QString> sandbox{{"XDG_CONFIG_HOME", QString::fromStdString(dir + "/config")},
                                             {"XDG_DATA_HOME", QString::fromStdString(dir + "/data")},
                                             {"HOME", QString::fromStdString(dir + "/home")},
                                             {"QUIRE_CONNECTIONS_FILE", QString::fromStdString(dir + "/config/quire/connections.json")}};
    Run generated = runQuire(server, {"warehouse", "generate", "--rows", "3000", "-o", QString::fromStdString(dir + "/data/quire/marketing.db")}, sandbox);
    INFO(generated.err);
    REQUIRE(generated.code == 0);
    // The file names a development connection nobody has here; the environment maps it to the sample.
    doc::writeFileAtomically(dir + "/quire.yaml", std::string("version: 1\nenvironments:\n  prod:\n    region: aws-us\n"
                                                              "    connections:\n      conn-dev: ") + kSample + "\n");
    const Json contents{{"schemaVersion", 1}, {"kind", "workbook"}, {"pages", Json::array({Json{{"id", "p"}, {"name", "P"}}})},
                        {"elements", Json::array({ordersTable("t", "conn-dev")})},
                        {"layout", "<Page id=\"p\"><Element elementId=\"t\" gridColumn=\"1 / 25\" gridRow=\"1 / 5\"/></Page>"}};
    const QString file = QString::fromStdString(writeWorkbook(dir, "wb.json", Json{{"name", "Env"}, {"contents", contents}}));

    Run unpublished = runQuire(server, with({"verify", file, "--env", "prod"}, server), sandbox);
    CHECK(unpublished.code == 2);
    CHECK(unpublished.err.find("no published workbook recorded") != std::string::npos);

    Run published = runQuire(server, with({"publish", file, "--env", "prod", "--yes"}, server), sandbox);
    INFO(published.out << published.err);
    REQUIRE(published.code == 0);
    REQUIRE(server.workbooks.size() == 1);
    const std::string id = server.workbooks.begin()->first;
    CHECK(server.workbooks.at(id).contents["elements"][0]["source"]["connectionId"] == kSample);
    server.elementSql[id]["t"] = "SELECT status, revenue FROM orders";

    Run verified = runQuire(server, with({"verify", file, "--env", "prod", "--format", "json"}, server), sandbox);
    INFO(verified.out << verified.err);
    CHECK(verified.code == 0);
    const Json report = Json::parse(verified.out);
    CHECK(report["workbookId"] == id);
    CHECK(report["elements"][0]["status"] == "match");
    CHECK(report["accuracy"].get<double>() == Approx(100.0));
    CHECK(server.apiRequests().back().path == "/v2/workbooks/" + id + "/elements/t/query");

    Run unknown = runQuire(server, with({"verify", file, "--env", "nowhere"}, server), sandbox);
    CHECK(unknown.code == 2);
    CHECK(unknown.err.find("no environment 'nowhere'") != std::string::npos);
}
