#include <quire/secrets/secret_store.h>

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace quire::secrets;

TEST_CASE("environment variable names for secret keys", "[secrets]") {
    CHECK(environmentVariableFor("connection/local-pg/password") == "QUIRE_SECRET_CONNECTION_LOCAL_PG_PASSWORD");
    CHECK(environmentVariableFor("sigma/prod/client-secret") == "QUIRE_SECRET_SIGMA_PROD_CLIENT_SECRET");
}

TEST_CASE("environment store reads QUIRE_SECRET_* and refuses writes with the variable name", "[secrets]") {
    auto store = makeEnvironmentSecretStore();
    unsetenv("QUIRE_SECRET_CONNECTION_T1_PASSWORD");
    CHECK_FALSE(store->read("connection/t1/password").value());
    setenv("QUIRE_SECRET_CONNECTION_T1_PASSWORD", "p@ss", 1);
    CHECK(store->read("connection/t1/password").value() == std::optional<std::string>("p@ss"));
    CHECK_THAT(store->write("connection/t1/password", "x").message(), Catch::Contains("QUIRE_SECRET_CONNECTION_T1_PASSWORD"));
    CHECK(store->write("connection/t1/password", "x").error().rule == "secrets/store");
    CHECK_FALSE(store->remove("connection/t1/password"));
    unsetenv("QUIRE_SECRET_CONNECTION_T1_PASSWORD");
}

TEST_CASE("memory store", "[secrets]") {
    auto store = makeMemorySecretStore();
    CHECK_FALSE(store->read("a/b").value());
    REQUIRE(store->write("a/b", "ünïcode secret"));
    CHECK(store->read("a/b").value() == std::optional<std::string>("ünïcode secret"));
    REQUIRE(store->remove("a/b"));
    CHECK_FALSE(store->read("a/b").value());
    CHECK_FALSE(store->write("", "x"));
}

TEST_CASE("default store headless: environment first, clear message on write", "[secrets]") {
    unsetenv("DBUS_SESSION_BUS_ADDRESS"); // no Secret Service reachable
    auto store = makeDefaultSecretStore();
    CHECK(store->describe().find("environment") != std::string::npos);
    setenv("QUIRE_SECRET_CONNECTION_T2_TOKEN", "tok", 1);
    CHECK(store->read("connection/t2/token").value() == std::optional<std::string>("tok"));
    unsetenv("QUIRE_SECRET_CONNECTION_T2_TOKEN");
    CHECK_FALSE(store->read("connection/t2/token").value());
    {
        const auto written = store->write("connection/t2/token", "never-logged");
        REQUIRE_FALSE(written);
        const std::string msg = written.message();
        CHECK(msg.find("QUIRE_SECRET_CONNECTION_T2_TOKEN") != std::string::npos);
        CHECK(msg.find("keychain") != std::string::npos);
        CHECK(msg.find("never-logged") == std::string::npos);
    }
}
