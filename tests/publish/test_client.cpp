#include <quire/publish/sigma_client.h>

#include <catch2/catch.hpp>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <QElapsedTimer>

#include <sstream>

#include "publish_test_helpers.h"

using namespace quire;
using namespace quire::publish;
using namespace quire::test;

TEST_CASE("token: client credentials with Basic auth and a form body, then cached", "[publish][client]") {
    FakeSigmaServer server;
    SigmaClient client(fakeConfig(server));
    ApiResult me = client.whoami();
    REQUIRE(me.ok());
    CHECK(me.body["userId"] == "user-1");
    REQUIRE(server.requests.size() == 2);
    const RecordedRequest& token = server.requests[0];
    CHECK(token.method == "POST");
    CHECK(token.path == "/v2/auth/token");
    CHECK(token.header("content-type") == "application/x-www-form-urlencoded");
    CHECK(token.header("authorization") == "Basic " + QByteArray("quire-test-client:s3cr3t:with:colons").toBase64().toStdString());
    CHECK(token.body == "grant_type=client_credentials");
    const RecordedRequest& whoami = server.requests[1];
    CHECK(whoami.method == "GET");
    CHECK(whoami.path == "/v2/whoami");
    CHECK(whoami.header("authorization") == "Bearer tok-1");
    CHECK(whoami.header("accept") == "application/json");
    CHECK(whoami.body.empty());
    REQUIRE(client.whoami().ok());
    CHECK(server.tokensIssued == 1);
    CHECK(server.requests.size() == 3);
}

TEST_CASE("an expired token: 401, one refresh, the call is retried", "[publish][client]") {
    FakeSigmaServer server;
    SigmaClient client(fakeConfig(server));
    REQUIRE(client.whoami().ok());
    server.expireTokens();
    ApiResult me = client.whoami();
    REQUIRE(me.ok());
    CHECK(server.tokensIssued == 2);
    REQUIRE(server.requests.size() == 5);
    CHECK(server.requests[2].header("authorization") == "Bearer tok-1");
    CHECK(server.requests[3].path == "/v2/auth/token");
    CHECK(server.requests[4].header("authorization") == "Bearer tok-2");
    // A 401 that survives the refresh is reported, not looped on.
    server.faults.push_back(Fault{"GET", "/v2/whoami", 401, Json{{"message", "token revoked"}}, "", {}, 0, 5});
    ApiResult again = client.whoami();
    CHECK_FALSE(again.ok());
    CHECK(again.error.status == 401);
    CHECK(again.error.message == "token revoked");
    CHECK(server.tokensIssued == 3);
}

TEST_CASE("a token about to expire is refreshed before use", "[publish][client]") {
    FakeSigmaServer server;
    server.tokenTtlSeconds = 60; // less than the 120 s refresh margin
    SigmaClient client(fakeConfig(server));
    REQUIRE(client.whoami().ok());
    REQUIRE(client.whoami().ok());
    CHECK(server.tokensIssued == 2);
}

TEST_CASE("wrong credentials: a clear error without the secret", "[publish][client]") {
    FakeSigmaServer server;
    ClientConfig config = fakeConfig(server);
    config.credentials.clientSecret = "wrong-secret";
    SigmaClient client(config);
    ApiResult me = client.whoami();
    REQUIRE_FALSE(me.ok());
    CHECK(me.error.status == 401);
    CHECK(me.error.path == "/v2/auth/token");
    const std::string text = me.error.describe();
    CHECK(text.find("Invalid client credentials") != std::string::npos);
    CHECK(text.find("client-secret") != std::string::npos); // the hint names the key
    CHECK(text.find("wrong-secret") == std::string::npos);
    CHECK(server.apiRequests().empty());

    config.credentials = {};
    SigmaClient none(config);
    ApiResult missing = none.whoami();
    CHECK(missing.error.kind == ApiError::Kind::Credentials);
    CHECK(server.requests.size() == 1);
}

TEST_CASE("429 honours Retry-After, then succeeds", "[publish][client]") {
    FakeSigmaServer server;
    SigmaClient client(fakeConfig(server));
    REQUIRE_FALSE(bool(client.ensureToken()));
    server.faults.push_back(Fault{"GET", "/v2/whoami", 429, Json{{"message", "slow down"}}, "", {{"Retry-After", "1"}}, 0, 1});
    QElapsedTimer timer;
    timer.start();
    ApiResult me = client.whoami();
    REQUIRE(me.ok());
    CHECK(timer.elapsed() >= 950);
    CHECK(server.apiRequests().size() == 2);
}

TEST_CASE("5xx: bounded retries with backoff, POST is retried only when nothing was processed", "[publish][client]") {
    FakeSigmaServer server;
    SigmaClient client(fakeConfig(server));
    server.faults.push_back(Fault{"GET", "/v2/whoami", 500, Json{{"message", "boom"}}, "", {}, 0, 1});
    REQUIRE(client.whoami().ok());
    CHECK(server.apiRequests().size() == 2);

    server.requests.clear();
    server.faults.push_back(Fault{"GET", "/v2/whoami", 500, Json{{"message", "still boom"}}, "", {}, 0, 10});
    ApiResult failed = client.whoami();
    CHECK(failed.error.status == 500);
    CHECK(failed.error.attempts == 3);
    CHECK(failed.error.message == "still boom");
    CHECK(server.apiRequests().size() == 3);
    server.faults.clear();

    server.requests.clear();
    const Json body{{"name", "x"}, {"folderId", "folder-home"}, {"contents", Json{{"kind", "workbook"}, {"elements", Json::array()}}}};
    server.faults.push_back(Fault{"POST", "/v2/workbooks", 500, Json{{"message", "maybe created"}}, "", {}, 0, 1});
    ApiResult post = client.createWorkbook(body);
    CHECK(post.error.status == 500);
    CHECK(server.apiRequests().size() == 1);
    server.faults.push_back(Fault{"POST", "/v2/workbooks", 503, Json{{"message", "unavailable"}}, "", {}, 0, 1});
    CHECK(client.createWorkbook(body).ok());
    CHECK(server.apiRequests().size() == 3);
}

TEST_CASE("403 and 404 carry the API's text and a hint, no retry", "[publish][client]") {
    FakeSigmaServer server;
    SigmaClient client(fakeConfig(server));
    server.faults.push_back(Fault{"GET", "/v2/workbooks/", 403, Json{{"code", "forbidden"}, {"message", "no access to workbook"}}, "", {}, 0, 1});
    ApiResult denied = client.getWorkbook("abc");
    CHECK(denied.error.status == 403);
    CHECK(denied.error.code == "forbidden");
    CHECK(denied.error.describe().find("GET /v2/workbooks/abc?includeContents=true: HTTP 403: no access to workbook") == 0);
    ApiResult missing = client.getWorkbook("nope");
    CHECK(missing.error.status == 404);
    CHECK(missing.error.message == "Workbook not found: nope");
    CHECK(missing.error.requestId == "req-fake");
    CHECK(missing.error.describe().find("region") != std::string::npos);
    CHECK(server.apiRequests().size() == 2);
}

TEST_CASE("a malformed JSON reply is an error, not a crash", "[publish][client]") {
    FakeSigmaServer server;
    SigmaClient client(fakeConfig(server));
    server.faults.push_back(Fault{"GET", "/v2/whoami", 200, Json(), "{\"userId\": \"u", {}, 0, 1});
    ApiResult me = client.whoami();
    CHECK(me.error.kind == ApiError::Kind::Malformed);
    CHECK(me.error.message.find("not valid JSON") != std::string::npos);
    server.faults.push_back(Fault{"POST", "/v2/auth/token", 200, Json{{"token", "x"}}, "", {}, 0, 1});
    client.invalidateToken();
    CHECK(client.whoami().error.message == "the token reply has no access_token");
}

TEST_CASE("slow replies time out (GET retried within bounds)", "[publish][client]") {
    FakeSigmaServer server;
    ClientConfig config = fakeConfig(server);
    config.timeout = std::chrono::milliseconds(200);
    SigmaClient client(config);
    REQUIRE_FALSE(bool(client.ensureToken()));
    server.faults.push_back(Fault{"GET", "/v2/whoami", 0, Json(), "", {}, 1500, 1});
    QElapsedTimer timer;
    timer.start();
    REQUIRE(client.whoami().ok()); // the first attempt times out, the second is answered at once
    CHECK(timer.elapsed() < 1500);
    server.faults.push_back(Fault{"GET", "/v2/whoami", 0, Json(), "", {}, 1500, 3});
    ApiResult slow = client.whoami();
    CHECK(slow.error.kind == ApiError::Kind::Timeout);
    CHECK(slow.error.attempts == 3);
    CHECK(slow.error.describe().find("timed out") != std::string::npos);
}

TEST_CASE("list endpoints follow nextPage, folders, connections, member, path lookup", "[publish][client]") {
    FakeSigmaServer server;
    server.addWorkbook("One", Json::object());
    server.addWorkbook("Two", Json::object());
    server.addWorkbook("Three", Json::object());
    SigmaClient client(fakeConfig(server));
    ApiResult all = client.listWorkbooks();
    REQUIRE(all.ok());
    CHECK(all.body["entries"].size() == 3);
    auto api = server.apiRequests();
    REQUIRE(api.size() == 2);
    CHECK(api[0].path == "/v2/workbooks?limit=100");
    CHECK(api[1].path == "/v2/workbooks?limit=100&page=2");
    CHECK(client.listFolders().body["entries"].size() == 3);
    CHECK(server.apiRequests().back().path == "/v2/files?typeFilters=folder&limit=100&page=2");
    ApiResult connections = client.listConnections();
    REQUIRE(connections.body["entries"].size() == 3);
    CHECK(connections.body["entries"][0]["writeAccess"] == true);
    CHECK(client.member("user-1").body["homeFolderId"] == "folder-home");
    ApiResult lookup = client.lookupConnectionPath("conn-1", {"DB", "PUBLIC", "ORDERS"});
    REQUIRE(lookup.ok());
    CHECK(lookup.body["inodeId"] == "inode-ORDERS");
    const RecordedRequest& last = server.requests.back();
    CHECK(last.method == "POST");
    CHECK(last.path == "/v2/connection/conn-1/lookup");
    CHECK(last.header("content-type") == "application/json");
    CHECK(last.json() == Json{{"path", {"DB", "PUBLIC", "ORDERS"}}});
}

TEST_CASE("an element's compiled SQL: encoded ids, retried like any GET, 400 for an element without a query", "[publish][client][verify]") {
    FakeSigmaServer server;
    const std::string id = server.addWorkbook("Sql", Json::object()).workbookId;
    server.elementSql[id]["a b/c"] = "SELECT 1";
    ClientConfig config = fakeConfig(server);
    config.backoffBase = std::chrono::milliseconds(1);
    SigmaClient client(config);
    server.faults.push_back(Fault{"GET", "/v2/workbooks/" + id + "/elements/", 503, Json(), "", {}, 0, 1});
    ApiResult sql = client.elementQuery(id, "a b/c");
    REQUIRE(sql.ok());
    CHECK(sql.body == Json{{"sql", "SELECT 1"}});
    auto api = server.apiRequests();
    REQUIRE(api.size() == 2);
    CHECK(api[1].method == "GET");
    CHECK(api[1].path == "/v2/workbooks/" + id + "/elements/a%20b%2Fc/query");
    ApiResult control = client.elementQuery(id, "control-1");
    CHECK(control.error.kind == ApiError::Kind::Http);
    CHECK(control.status == 400);
    CHECK(control.error.message.find("has no query") != std::string::npos);
}

TEST_CASE("debug logs redact the Authorization header", "[publish][client]") {
    CHECK(redactHeader("Authorization", "Bearer abc") == "Bearer <redacted>");
    CHECK(redactHeader("authorization", "Basic Zm9vOmJhcg==") == "Basic <redacted>");
    CHECK(redactHeader("Accept", "application/json") == "application/json");
    FakeSigmaServer server;
    std::ostringstream captured;
    auto previous = spdlog::default_logger();
    auto logger = std::make_shared<spdlog::logger>("capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(captured));
    logger->set_level(spdlog::level::debug);
    spdlog::set_default_logger(logger);
    {
        SigmaClient client(fakeConfig(server));
        CHECK(client.whoami().ok());
    }
    spdlog::set_default_logger(previous);
    const std::string log = captured.str();
    CHECK(log.find("/v2/whoami") != std::string::npos);
    CHECK(log.find("<redacted>") != std::string::npos);
    CHECK(log.find("tok-1") == std::string::npos);
    CHECK(log.find(QByteArray("quire-test-client:s3cr3t:with:colons").toBase64().toStdString()) == std::string::npos);
    CHECK(log.find("s3cr3t") == std::string::npos);
}
