#include <quire/connect/connection_registry.h>
#include <quire/connect/sample_warehouse.h>

#include <test_support.h>

#include <catch2/catch.hpp>

#include <fstream>

using namespace quire::connect;

TEST_CASE("registry: built-in sample, add, save, reload, find by connectionId", "[connect][registry]") {
    const std::string file = quire::test::makeTempDir("registry") + "/sub/connections.json";
    auto reg = ConnectionRegistry::load(file).value();
    auto sample = reg.find(kSampleConnectionId);
    REQUIRE(sample);
    CHECK(sample->profile.name == kSampleProfileName);
    CHECK(sample->profile.kind == WarehouseKind::SQLite);
    CHECK(sample->profile.field("database") == defaultSampleWarehousePath());
    CHECK_FALSE(reg.remove(kSampleProfileName));

    RegistryEntry e;
    e.profile.name = "local-pg";
    e.profile.kind = WarehouseKind::PostgreSQL;
    e.profile.fields = {{"host", "127.0.0.1"}, {"database", "mk"}};
    e.connectionId = "11111111-2222-3333-4444-555555555555";
    reg.put(e);
    REQUIRE(reg.save());

    auto again = ConnectionRegistry::load(file).value();
    auto found = again.find("11111111-2222-3333-4444-555555555555");
    REQUIRE(found);
    CHECK(found->profile.name == "local-pg");
    CHECK(found->profile.field("host") == "127.0.0.1");
    CHECK(again.entries().size() == 2);
    CHECK(again.entries().front().builtIn);
    CHECK(quire::test::readFile(file).find("password") == std::string::npos);
    // a file profile with the sample's connectionId takes precedence over the built-in SQLite sample
    RegistryEntry pgSample = e;
    pgSample.profile.name = "sample-on-pg";
    pgSample.connectionId = kSampleConnectionId;
    again.put(pgSample);
    CHECK(again.find(kSampleConnectionId)->profile.name == "sample-on-pg");
    CHECK(again.find(kSampleProfileName)->builtIn);
    again.remove("sample-on-pg");
    CHECK(again.remove("local-pg"));
    REQUIRE(again.save());
    CHECK_FALSE(ConnectionRegistry::load(file).value().find("local-pg"));
}

TEST_CASE("registry: malformed files are clear errors", "[connect][registry]") {
    const std::string file = quire::test::makeTempDir("registry-bad") + "/c.json";
    std::ofstream(file) << "{ not json";
    CHECK(ConnectionRegistry::load(file).error().rule == "connect/connections-file");
    CHECK(ConnectionRegistry::load(file).error().location.file == file);
    std::ofstream(file, std::ios::trunc) << R"({"version":1,"connections":{"x":{"type":"postgresql","password":"p"}}})";
    CHECK_THAT(ConnectionRegistry::load(file).message(), Catch::Contains("secret"));
    std::ofstream(file, std::ios::trunc) << R"({"version":1,"connections":{"x":{"type":"postgresql","driver":["a"]}}})";
    CHECK_THAT(ConnectionRegistry::load(file).message(), Catch::Contains("`driver`"));
}

TEST_CASE("registry: QUIRE_CONNECTIONS_FILE overrides the default location", "[connect][registry]") {
    const std::string file = quire::test::makeTempDir("registry-env") + "/mine.json";
    setenv("QUIRE_CONNECTIONS_FILE", file.c_str(), 1);
    CHECK(defaultConnectionsFile() == file);
    unsetenv("QUIRE_CONNECTIONS_FILE");
    setenv("XDG_CONFIG_HOME", "/tmp/xdg-test", 1);
    CHECK(defaultConnectionsFile() == "/tmp/xdg-test/quire/connections.json");
}

TEST_CASE("registry: a foreign connectionId mapped to a profile resolves to it and survives a reload",
          "[connect][registry]") {
    const std::string file = quire::test::makeTempDir("registry-map") + "/connections.json";
    auto reg = ConnectionRegistry::load(file).value();
    const std::string foreign = "99999999-8888-7777-6666-555555555555";
    CHECK_FALSE(reg.find(foreign));
    CHECK(reg.mapConnection(foreign, "no-such-profile").error().rule == "connect/unknown-connection");
    REQUIRE(reg.mapConnection(foreign, kSampleProfileName));
    REQUIRE(reg.save());

    auto again = ConnectionRegistry::load(file).value();
    auto found = again.find(foreign);
    REQUIRE(found);
    CHECK(found->profile.name == kSampleProfileName);
    CHECK(quire::test::readFile(file).find("\"mappings\"") != std::string::npos);
    // the built-in sample is still found by its own id, and a removed profile takes its mappings along
    CHECK(again.find(kSampleConnectionId));
    RegistryEntry pg;
    pg.profile.name = "pg";
    pg.profile.kind = WarehouseKind::PostgreSQL;
    pg.profile.fields = {{"host", "127.0.0.1"}, {"database", "mk"}};
    again.put(pg);
    REQUIRE(again.mapConnection("aaaa", "pg"));
    REQUIRE(again.find("aaaa"));
    CHECK(again.remove("pg"));
    CHECK_FALSE(again.find("aaaa"));

    // a malformed mappings section is refused with the file name
    std::ofstream(file) << R"({"version": 1, "connections": {}, "mappings": ["x"]})";
    CHECK_THAT(ConnectionRegistry::load(file).message(), Catch::Contains("mappings"));
}
