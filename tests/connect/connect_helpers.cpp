#include "connect_helpers.h"

#include <quire/connect/connection_profile.h>

#include <test_support.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

namespace quire::test {

std::string freshSqliteConnectionString(const std::string& tag) {
    return "Driver=SQLite3;Database=" + makeTempDir(tag) + "/test.db;";
}

std::string requirePostgres() {
    auto cs = postgresConnectionString();
    if (!cs) FAIL("the postgres fixture is not running (QUIRE_PG_CONNSTR / pgtest/connection.env missing)");
    return *cs;
}

std::string pgEnvValue(const std::string& key) {
    const char* f = std::getenv("QUIRE_PG_ENV_FILE");
    std::ifstream in(f ? f : (binaryDir() + "/pgtest/connection.env"));
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(key + "=", 0) == 0) return line.substr(key.size() + 1);
    return {};
}

std::string postgresProfileConnectionString() {
    requirePostgres();
    connect::ConnectionProfile p;
    p.name = "fixture";
    p.kind = connect::WarehouseKind::PostgreSQL;
    p.fields = {{"host", pgEnvValue("QUIRE_PG_HOST")}, {"port", pgEnvValue("QUIRE_PG_PORT")},
                {"database", pgEnvValue("QUIRE_PG_DATABASE")}, {"user", pgEnvValue("QUIRE_PG_USER")}};
    return connect::buildConnectionString(p, {{"password", pgEnvValue("QUIRE_PG_PASSWORD")}}).value();
}

} // namespace quire::test
