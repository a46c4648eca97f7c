// Hostile and failing Sigma APIs (issue #10): deep replies are refused with the loader's limits, 5xx/429 are
// retried within bounds (count and time), non-repeatable POSTs are not repeated after they may have been
// processed, a server that never answers times out, absurd numbers in replies are clamped or refused.
#include <quire/publish/sigma_client.h>

#include <catch2/catch.hpp>

#include "publish_test_helpers.h"

using namespace quire;
using namespace quire::publish;
using namespace quire::test;

namespace {

std::string deepArray(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

const Json createBodyJson{{"name", "x"}, {"folderId", "folder-home"}, {"contents", Json{{"kind", "workbook"}, {"elements", Json::array()}}}};

} // namespace

TEST_CASE("deep replies are refused like a file that deep, without a crash", "[publish][client][hostile]") {
    FakeSigmaServer server;
    SigmaClient client(fakeConfig(server));
    for (std::size_t depth : {std::size_t(10000), std::size_t(200000)}) {
        server.faults.push_back(Fault{"GET", "/v2/whoami", 200, Json(), "{\"userId\": " + deepArray(depth) + "}", {}, 0, 1});
        ApiResult me = client.whoami();
        CHECK(me.error.kind == ApiError::Kind::Malformed);
        CHECK(me.error.message.find("deeper than 512 levels") != std::string::npos);
        CHECK(me.body.is_null());
        // An error reply that deep is shown as text.
        server.faults.push_back(Fault{"GET", "/v2/whoami", 400, Json(), "{\"message\": " + deepArray(depth) + "}", {}, 0, 1});
        ApiResult bad = client.whoami();
        CHECK(bad.error.status == 400);
        CHECK(bad.error.message.size() < 600);
    }
    // Depth within the limit is fine; duplicate keys are not (the loader refuses them too).
    server.faults.push_back(Fault{"GET", "/v2/whoami", 200, Json(), "{\"userId\": " + deepArray(500) + "}", {}, 0, 1});
    CHECK(client.whoami().ok());
    server.faults.push_back(Fault{"GET", "/v2/whoami", 200, Json(), R"({"userId": "a", "userId": "b"})", {}, 0, 1});
    CHECK(client.whoami().error.kind == ApiError::Kind::Malformed);
}

TEST_CASE("2x 503 then 200 succeeds, N x 503 fails after the bounded retries with the server's text", "[publish][client][retry]") {
    FakeSigmaServer server;
    SigmaClient client(fakeConfig(server)); // maxAttempts 3, small delays
    REQUIRE_FALSE(bool(client.ensureToken()));
    server.faults.push_back(Fault{"GET", "/v2/whoami", 503, Json{{"message", "warming up"}}, "", {}, 0, 2});
    REQUIRE(client.whoami().ok());
    CHECK(server.apiRequests().size() == 3);

    server.requests.clear();
    server.faults.push_back(Fault{"GET", "/v2/whoami", 503, Json{{"message", "down for maintenance"}}, "", {}, 0, 10});
    ApiResult failed = client.whoami();
    CHECK(failed.error.status == 503);
    CHECK(failed.error.attempts == 3);
    CHECK(server.apiRequests().size() == 3);
    const std::string text = failed.error.describe();
    CHECK(text.find("GET /v2/whoami: HTTP 503: down for maintenance") == 0);
    CHECK(text.find("after 3 attempts") != std::string::npos);
}

TEST_CASE("a create that may have been processed is not repeated, one the server refused is", "[publish][client][retry]") {
    FakeSigmaServer server;
    SigmaClient client(fakeConfig(server));
    REQUIRE_FALSE(bool(client.ensureToken()));
    for (int status : {500, 502, 504}) {
        server.requests.clear();
        server.faults.push_back(Fault{"POST", "/v2/workbooks", status, Json{{"message", "gateway trouble"}}, "", {}, 0, 1});
        ApiResult post = client.createWorkbook(createBodyJson);
        INFO(status);
        CHECK(post.error.status == status);
        CHECK(server.apiRequests().size() == 1);
        CHECK(server.workbooks.empty());
    }
    for (int status : {429, 503}) {
        server.requests.clear();
        server.faults.push_back(Fault{"POST", "/v2/workbooks", status, Json{{"message", "not now"}}, "", {}, 0, 1});
        CHECK(client.createWorkbook(createBodyJson).ok());
        CHECK(server.apiRequests().size() == 2);
    }
    // A dry run changes nothing: repeated like a GET.
    server.requests.clear();
    Json dry = createBodyJson;
    dry["dryRun"] = true;
    server.faults.push_back(Fault{"POST", "/v2/workbooks", 504, Json{{"message", "gateway timeout"}}, "", {}, 0, 1});
    CHECK(client.createWorkbook(dry).ok());
    CHECK(server.apiRequests().size() == 2);
}

TEST_CASE("a Retry-After longer than the client waits is reported, not slept", "[publish][client][retry]") {
    FakeSigmaServer server;
    SigmaClient client(fakeConfig(server)); // retryAfterMax 5 s
    REQUIRE_FALSE(bool(client.ensureToken()));
    for (const char* after : {"3600", "99999999999999999999999999", "Wed, 21 Oct 2099 07:28:00 GMT"}) {
        server.requests.clear();
        server.faults.push_back(Fault{"GET", "/v2/whoami", 429, Json{{"message", "quota exceeded"}}, "", {{"Retry-After", after}}, 0, 1});
        ApiResult limited = client.whoami();
        INFO(after);
        CHECK(limited.error.status == 429);
        CHECK(server.apiRequests().size() == 1);
        REQUIRE(limited.error.retryAfterSeconds);
        CHECK(*limited.error.retryAfterSeconds > 5);
        CHECK(limited.error.describe().find("quota exceeded") != std::string::npos);
        CHECK(limited.error.describe().find("asked to retry after") != std::string::npos);
        server.faults.clear();
    }
    // Unreadable values are ignored (plain backoff).
    server.requests.clear();
    server.faults.push_back(Fault{"GET", "/v2/whoami", 429, Json{{"message", "slow"}}, "", {{"Retry-After", "1e400"}}, 0, 1});
    CHECK(client.whoami().ok());
    CHECK(server.apiRequests().size() == 2);
}

TEST_CASE("retries stop when the time budget is spent", "[publish][client][retry]") {
    FakeSigmaServer server;
    ClientConfig config = fakeConfig(server);
    config.maxAttempts = 50;
    config.backoffBase = std::chrono::milliseconds(20);
    config.backoffMax = std::chrono::milliseconds(20);
    config.retryBudget = std::chrono::milliseconds(300);
    SigmaClient client(config);
    REQUIRE_FALSE(bool(client.ensureToken()));
    server.faults.push_back(Fault{"GET", "/v2/whoami", 503, Json{{"message", "unavailable"}}, "", {}, 0, 1000});
    ApiResult failed = client.whoami();
    CHECK(failed.error.status == 503);
    CHECK(failed.error.attempts > 1);
    CHECK(failed.error.attempts < 50); // each wait is at least 10 ms: at most ~31 fit in 300 ms
    // A Retry-After beyond the budget is not waited for either.
    server.faults.clear();
    server.requests.clear();
    server.faults.push_back(Fault{"GET", "/v2/whoami", 503, Json{{"message", "later"}}, "", {{"Retry-After", "2"}}, 0, 1});
    ApiResult later = client.whoami();
    CHECK(later.error.status == 503);
    CHECK(server.apiRequests().size() == 1);
    CHECK(later.error.retryAfterSeconds == std::optional<long long>(2));
}

TEST_CASE("a server that never answers times out, bounded, and is reported", "[publish][client][retry]") {
    FakeSigmaServer server;
    ClientConfig config = fakeConfig(server);
    config.timeout = std::chrono::milliseconds(150);
    SigmaClient client(config);
    REQUIRE_FALSE(bool(client.ensureToken()));
    server.faults.push_back(Fault{"GET", "/v2/whoami", 0, Json(), "", {}, -1, 100});
    ApiResult silent = client.whoami();
    CHECK(silent.error.kind == ApiError::Kind::Timeout);
    CHECK(silent.error.attempts == 3);
    CHECK(server.apiRequests().size() == 3);
    CHECK(silent.error.describe().find("GET /v2/whoami: timed out: no complete reply within 150 ms") == 0);
    // A create is sent once: it may have been processed.
    server.requests.clear();
    server.faults.push_back(Fault{"POST", "/v2/workbooks", 0, Json(), "", {}, -1, 100});
    ApiResult post = client.createWorkbook(createBodyJson);
    CHECK(post.error.kind == ApiError::Kind::Timeout);
    CHECK(server.apiRequests().size() == 1);
}

TEST_CASE("an absurd expires_in is clamped, the token is reused", "[publish][client][hostile]") {
    FakeSigmaServer server;
    SigmaClient client(fakeConfig(server));
    // The fake only knows tokens it issued itself: issue tok-1 through another client first.
    SigmaClient other(fakeConfig(server));
    REQUIRE(other.whoami().ok());
    server.faults.push_back(Fault{"POST", "/v2/auth/token", 200, Json(),
                                  R"({"access_token": "tok-1", "expires_in": 1e300})", {}, 0, 1});
    REQUIRE(client.whoami().ok());
    REQUIRE(client.whoami().ok());
    CHECK(server.requests.size() == 5); // token, whoami (other); token, whoami, whoami (client)
}

TEST_CASE("a reply longer than the client holds is cut off and reported", "[publish][client][hostile]") {
    FakeSigmaServer server;
    ClientConfig config = fakeConfig(server);
    config.maxReplyBytes = 4096;
    SigmaClient client(config);
    REQUIRE_FALSE(bool(client.ensureToken()));
    server.faults.push_back(Fault{"GET", "/v2/whoami", 200, Json(), "{\"userId\": \"" + std::string(100000, 'u') + "\"}", {}, 0, 1});
    ApiResult huge = client.whoami();
    CHECK(huge.error.kind == ApiError::Kind::Malformed);
    CHECK(huge.error.message == "the reply is longer than 4096 bytes");
    CHECK(server.apiRequests().size() == 1);
    CHECK(client.whoami().ok()); // the next reply is read normally
}
