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
    CHECK_FALSE(store->read("connection/t1/password"));
    setenv("QUIRE_SECRET_CONNECTION_T1_PASSWORD", "p@ss", 1);
    CHECK(store->read("connection/t1/password") == std::optional<std::string>("p@ss"));
    CHECK_THROWS_WITH(store->write("connection/t1/password", "x"), Catch::Contains("QUIRE_SECRET_CONNECTION_T1_PASSWORD"));
    CHECK_THROWS_AS(store->remove("connection/t1/password"), SecretStoreError);
    unsetenv("QUIRE_SECRET_CONNECTION_T1_PASSWORD");
}

TEST_CASE("memory store", "[secrets]") {
    auto store = makeMemorySecretStore();
    CHECK_FALSE(store->read("a/b"));
    store->write("a/b", "ünïcode secret");
    CHECK(store->read("a/b") == std::optional<std::string>("ünïcode secret"));
    store->remove("a/b");
    CHECK_FALSE(store->read("a/b"));
    CHECK_THROWS_AS(store->write("", "x"), SecretStoreError);
}

TEST_CASE("default store headless: environment first, clear message on write", "[secrets]") {
    unsetenv("DBUS_SESSION_BUS_ADDRESS"); // no Secret Service reachable
    auto store = makeDefaultSecretStore();
    CHECK(store->describe().find("environment") != std::string::npos);
    setenv("QUIRE_SECRET_CONNECTION_T2_TOKEN", "tok", 1);
    CHECK(store->read("connection/t2/token") == std::optional<std::string>("tok"));
    unsetenv("QUIRE_SECRET_CONNECTION_T2_TOKEN");
    CHECK_FALSE(store->read("connection/t2/token"));
    try {
        store->write("connection/t2/token", "never-logged");
        FAIL("expected SecretStoreError");
    } catch (const SecretStoreError& e) {
        const std::string msg = e.what();
        CHECK(msg.find("QUIRE_SECRET_CONNECTION_T2_TOKEN") != std::string::npos);
        CHECK(msg.find("keychain") != std::string::npos);
        CHECK(msg.find("never-logged") == std::string::npos);
    }
}
