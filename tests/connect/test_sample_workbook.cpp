// resources/examples/marketing.yaml runs on the embedded warehouse: every warehouse-table path resolves to a
// table of the sample and every custom SQL source executes, on SQLite and on PostgreSQL.
#include "connect_helpers.h"

#include <quire/connect/connection_registry.h>
#include <quire/connect/odbc.h>
#include <quire/connect/sample_warehouse.h>

#include <test_support.h>

#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

using namespace quire::connect;

namespace {
void checkWorkbookSources(Connection& connection, const ConnectionProfile& profile) {
    YAML::Node doc = YAML::LoadFile(std::string(QUIRE_SOURCE_DIR) + "/resources/examples/marketing.yaml");
    int warehouseTables = 0, sqlSources = 0;
    for (const auto& element : doc["contents"]["elements"]) {
        const YAML::Node source = element["source"];
        if (!source) continue;
        const std::string kind = source["kind"].as<std::string>();
        if (kind != "warehouse-table" && kind != "sql") continue;
        INFO(element["id"].as<std::string>());
        CHECK(source["connectionId"].as<std::string>() == kSampleConnectionId);
        if (kind == "warehouse-table") {
            auto path = source["path"].as<std::vector<std::string>>();
            const std::string table = qualifiedTableName(profile, resolveTablePath(profile, path).value());
            CHECK(connection.query("SELECT count(*) FROM " + table).rowCount() == 1);
            ++warehouseTables;
        } else {
            ExecuteOptions options;
            options.maxRows = 5;
            CHECK(connection.query(source["statement"].as<std::string>(), {}, options).rowCount() == 5);
            ++sqlSources;
        }
    }
    CHECK(warehouseTables >= 3);
    CHECK(sqlSources >= 1);
}
} // namespace

TEST_CASE("sample workbook sources run on the SQLite sample", "[connect][sample]") {
    const std::string path = quire::test::makeTempDir("wb-sqlite") + "/m.db";
    generateSqlite(path, {20000, SampleOptions{}.seed});
    ConnectionProfile profile;
    profile.name = "sample";
    profile.kind = WarehouseKind::SQLite;
    profile.fields["database"] = path;
    auto connection = Connection::open(buildConnectionString(profile, std::map<std::string, std::string>{}).value());
    checkWorkbookSources(*connection, profile);
}

TEST_CASE("sample workbook sources run on the PostgreSQL sample", "[pg][connect][sample]") {
    auto connection = Connection::open(quire::test::requirePostgres());
    ConnectionProfile profile;
    profile.name = "fixture";
    profile.kind = WarehouseKind::PostgreSQL;
    checkWorkbookSources(*connection, profile);
}
