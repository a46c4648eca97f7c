#include "connect_helpers.h"

#include <quire/connect/catalog.h>
#include <quire/connect/pool.h>

#include <catch2/catch.hpp>

#include <thread>

using namespace quire::connect;

TEST_CASE("catalog on SQLite: tables, typed columns, cache and preview", "[connect][catalog]") {
    const std::string cs = quire::test::freshSqliteConnectionString("catalog");
    auto c = Connection::open(cs);
    c->execute("CREATE TABLE campaigns (campaign_id INTEGER NOT NULL, name VARCHAR(64), start_date DATE, budget FLOAT)");
    c->execute("INSERT INTO campaigns VALUES (1, 'Spring', '2024-03-01', 10.5), (2, 'Fall', '2024-09-01', 20)");
    Catalog catalog(c);
    auto tables = catalog.tables();
    REQUIRE(tables.size() == 1);
    CHECK(tables[0].name == "campaigns");
    auto cols = catalog.columns("campaigns");
    REQUIRE(cols.size() == 4);
    CHECK(cols[0].name == "campaign_id");
    CHECK(cols[0].type == ColumnType::Int64);
    CHECK_FALSE(cols[0].nullable);
    CHECK(cols[2].type == ColumnType::Date);
    CHECK(cols[3].type == ColumnType::Double);
    c->execute("CREATE TABLE later (x INTEGER)");
    CHECK(catalog.tables().size() == 1); // cached
    catalog.refresh();
    CHECK(catalog.tables().size() == 2);
    auto preview = catalog.preview(tables[0], 1);
    CHECK(preview.rowCount() == 1);
    CHECK(preview.columns.size() == 4);
}

TEST_CASE("pool: per-warehouse limit, reuse and timeout", "[connect][pool]") {
    const std::string cs = quire::test::freshSqliteConnectionString("pool");
    ConnectionPool pool(2);
    {
        auto a = pool.acquire(cs);
        auto b = pool.acquire(cs);
        CHECK(pool.openCount(cs) == 2);
        const auto t0 = std::chrono::steady_clock::now();
        CHECK_THROWS_AS(pool.acquire(cs, std::chrono::milliseconds(200)), PoolTimeout);
        CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2));
        CHECK(a->query("SELECT 1").rowCount() == 1);
    }
    CHECK(pool.idleCount(cs) == 2);
    // a waiter gets the connection released by another thread
    auto a = pool.acquire(cs);
    auto b = pool.acquire(cs);
    std::thread releaser([held = std::move(a)]() mutable {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        (void)held;
    });
    auto c = pool.acquire(cs, std::chrono::seconds(5));
    releaser.join();
    CHECK(pool.openCount(cs) == 2);
    // Statistics: two connections ever opened, five borrowings (the timed-out one is not counted).
    const PoolStats stats = pool.stats();
    CHECK(stats.opened == 2);
    CHECK(stats.acquired == 5);
    CHECK(stats.open == 2);
    CHECK(stats.idle == 0);
}
