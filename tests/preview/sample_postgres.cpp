#include "sample_postgres.h"

#include <quire/connect/sample_warehouse.h>
#include <test_support.h>

#include <catch2/catch.hpp>

#include <cstdlib>

namespace quire::test {

std::shared_ptr<connect::Connection> postgresSample() {
    const auto cs = postgresConnectionString();
    if (!cs) FAIL("the postgres fixture is not running (QUIRE_PG_CONNSTR / pgtest/connection.env missing)");
    auto connection = connect::Connection::open(*cs);
    const std::int64_t lockKey = 0x5157'4d41'494e; // any constant shared by the test processes
    connection->query("SELECT 1 FROM (SELECT pg_advisory_lock(?)) l", {lockKey});
    const bool present = connection->query("SELECT count(*) FROM pg_tables WHERE schemaname = 'main' AND tablename = "
                                           "'user_events'").value(0, 0) == connect::Value{std::int64_t(1)} &&
                         connection->query("SELECT count(*) FROM main.user_events").value(0, 0) ==
                             connect::Value{kPostgresSampleEvents};
    if (!present) {
        const char* env = std::getenv("QUIRE_PG_ENV_FILE");
        auto target = connect::readPostgresEnvFile(env ? env : binaryDir() + "/pgtest/connection.env");
        target.schema = "main";
        connect::loadPostgres(target, {kPostgresSampleEvents, connect::SampleOptions{}.seed});
    }
    connection->query("SELECT pg_advisory_unlock(?)", {lockKey});
    connection->execute("SET search_path TO main");
    return connection;
}

} // namespace quire::test
