#include "connect_helpers.h"

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

} // namespace quire::test
