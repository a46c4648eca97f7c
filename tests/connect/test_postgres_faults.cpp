// Fault behaviour against real servers: wrong password, unreachable server, timeout, cancel, dead server.
#include "connect_helpers.h"

#include <quire/connect/odbc.h>

#include <test_support.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <future>
#include <regex>
#include <thread>

using namespace quire::connect;
using Clock = std::chrono::steady_clock;

namespace {
double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
std::string replaceKey(const std::string& cs, const std::string& key, const std::string& value) {
    return std::regex_replace(cs, std::regex(key + "=[^;]*;"), key + "=" + value + ";");
}
} // namespace

TEST_CASE("pg: wrong password is an authentication error without the password", "[pg][faults]") {
    const std::string cs = replaceKey(quire::test::requirePostgres(), "Pwd", "definitely-wrong-pw");
    try {
        Connection::open(cs);
        FAIL("expected an OdbcError");
    } catch (const OdbcError& e) {
        CHECK(e.sqlstate() == "08001");
        CHECK(std::string(e.what()).find("definitely-wrong-pw") == std::string::npos);
        CHECK(std::string(e.what()).find("password authentication failed") != std::string::npos);
    }
}

TEST_CASE("pg: unreachable host and closed port fail fast", "[pg][faults]") {
    const std::string base = quire::test::requirePostgres();
    ConnectOptions options;
    options.loginTimeout = std::chrono::seconds(2);
    auto t0 = Clock::now();
    CHECK_THROWS_AS(Connection::open(replaceKey(base, "Port", "1"), options), OdbcError);
    CHECK(secondsSince(t0) < 3);
    t0 = Clock::now();
    // TEST-NET-1 (RFC 5737): never routed, so only the login timeout ends the attempt
    try {
        Connection::open(replaceKey(base, "Server", "192.0.2.1"), options);
        FAIL("expected an OdbcError");
    } catch (const OdbcError& e) {
        CHECK(e.isConnectionFailure());
    }
    CHECK(secondsSince(t0) < 5);
}

TEST_CASE("pg: query timeout", "[pg][faults]") {
    auto c = Connection::open(quire::test::requirePostgres());
    ExecuteOptions options;
    options.timeout = std::chrono::seconds(1);
    const auto t0 = Clock::now();
    try {
        c->query("SELECT pg_sleep(20)", {}, options);
        FAIL("expected a timeout");
    } catch (const OdbcError& e) {
        CHECK((e.isTimeout() || e.isCancelled()));
    }
    CHECK(secondsSince(t0) < 4);
    CHECK(c->query("SELECT 42").toString(0, 0) == "42"); // the connection is still usable
}

TEST_CASE("pg: cancel from another thread returns within 1 s", "[pg][faults]") {
    auto c = Connection::open(quire::test::requirePostgres());
    auto st = c->createStatement();
    std::promise<void> started;
    auto fut = std::async(std::launch::async, [&] {
        started.set_value();
        st->execute("SELECT pg_sleep(30)");
    });
    started.get_future().wait();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const auto t0 = Clock::now();
    st->cancel();
    REQUIRE(fut.wait_for(std::chrono::seconds(3)) == std::future_status::ready);
    CHECK(secondsSince(t0) < 1.0);
    try {
        fut.get();
        FAIL("expected the cancelled execute to throw");
    } catch (const OdbcError& e) {
        CHECK(e.isCancelled());
    }
    CHECK(c->query("SELECT 7").toString(0, 0) == "7");
}

TEST_CASE("pg: a server stopped mid-query is an error, not a hang", "[pg][faults]") {
    // Our own throwaway cluster: stopping the shared fixture would break the other tests.
    const std::string fixture = std::string(QUIRE_SOURCE_DIR) + "/tests/fixtures/pg-fixture.sh";
    const std::string dir = quire::test::makeTempDir("pg-dead");
    setenv("QUIRE_PG_PORT", "56432", 1);
    REQUIRE(std::system((fixture + " start " + dir + " >/dev/null").c_str()) == 0);
    unsetenv("QUIRE_PG_PORT");
    std::string cs;
    {
        std::ifstream in(dir + "/connection.env");
        std::string line;
        while (std::getline(in, line))
            if (line.rfind("QUIRE_PG_CONNSTR=", 0) == 0) cs = line.substr(17);
    }
    REQUIRE_FALSE(cs.empty());
    auto c = Connection::open(cs);
    auto fut = std::async(std::launch::async, [&] { return c->query("SELECT pg_sleep(60)"); });
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const auto t0 = Clock::now();
    REQUIRE(std::system((fixture + " stop " + dir + " >/dev/null").c_str()) == 0);
    REQUIRE(fut.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    CHECK(secondsSince(t0) < 10);
    CHECK_THROWS_AS(fut.get(), OdbcError);
    CHECK_FALSE(c->isAlive());
}
