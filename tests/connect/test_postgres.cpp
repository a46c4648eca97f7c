// The ODBC layer against the throwaway PostgreSQL 15 cluster (psqlODBC "PostgreSQL Unicode").
#include "connect_helpers.h"

#include <quire/connect/catalog.h>
#include <quire/connect/connection_profile.h>
#include <quire/connect/odbc.h>
#include <quire/connect/pool.h>
#include <quire/connect/sample_warehouse.h>
#include <quire/secrets/secret_store.h>

#include <test_support.h>

#include <catch2/catch.hpp>

using namespace quire::connect;

TEST_CASE("pg: typed columns, NULLs in every type, unicode, parameters", "[pg][connect]") {
    auto c = Connection::open(quire::test::requirePostgres());
    c->execute("DROP TABLE IF EXISTS qt_types");
    c->execute("CREATE TABLE qt_types (i bigint, d double precision, n numeric(20,4), s varchar(60), t text, dt date, "
               "ts timestamp, b boolean)");
    const std::string unicode = "Zürich – 東京 – 😀 – Ω";
    c->execute("INSERT INTO qt_types VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               {std::int64_t{9223372036854775807}, -0.125, std::string("12345678901234.5678"), unicode, unicode,
                Date{1999, 12, 31}, std::string("2024-02-29 23:59:58.25"), false});
    c->execute("INSERT INTO qt_types VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               {Param{}, Param{}, Param{}, Param{}, Param{}, Param{}, Param{}, Param{}});
    auto r = c->query("SELECT * FROM qt_types ORDER BY i NULLS LAST");
    REQUIRE(r.rowCount() == 2);
    CHECK(r.columns[2].type == ColumnType::Decimal);
    CHECK(r.value(0, 0) == Value{std::int64_t{9223372036854775807}});
    CHECK(r.value(0, 1) == Value{-0.125});
    CHECK(r.toString(0, 2) == "12345678901234.5678");
    CHECK(r.value(0, 3) == Value{unicode});
    CHECK(r.value(0, 4) == Value{unicode});
    CHECK(r.toString(0, 5) == "1999-12-31");
    CHECK(r.toString(0, 6) == "2024-02-29 23:59:58.250000");
    for (std::size_t col = 0; col < 8; ++col) CHECK(r.value(1, col) == Value{std::monostate{}});
    auto p = c->query("SELECT count(*) FROM qt_types WHERE s = ? AND dt < ? AND i > ?",
                      {unicode, Date{2000, 1, 1}, std::int64_t{0}});
    CHECK(p.value(0, 0) == Value{std::int64_t{1}});
    CHECK(c->dbmsName() == "PostgreSQL");
}

TEST_CASE("pg: a 50-column table and 10 MB text values", "[pg][connect]") {
    auto c = Connection::open(quire::test::requirePostgres());
    std::string cols;
    for (int i = 0; i < 50; ++i) {
        cols += i ? ", g + " : "g + ";
        cols += std::to_string(i);
        cols += " AS c";
        cols += std::to_string(i);
    }
    auto wide = c->query("SELECT " + cols + " FROM generate_series(1, 3000) g");
    REQUIRE(wide.columns.size() == 50);
    CHECK(wide.rowCount() == 3000);
    CHECK(wide.toString(2999, 49) == "3049");

    std::string body;
    while (body.size() < 10 * 1024 * 1024) body += "Grüße 東京 😀 0123456789 ";
    c->execute("DROP TABLE IF EXISTS qt_big");
    c->execute("CREATE TABLE qt_big (id int, body text)");
    c->execute("INSERT INTO qt_big VALUES (1, ?)", {body});
    auto r = c->query("SELECT id, body, length(body) FROM qt_big");
    REQUIRE(r.rowCount() == 1);
    CHECK(r.toString(0, 1).size() == body.size());
    CHECK(r.toString(0, 1) == body);
}

TEST_CASE("pg: the fixture loaded the same sample data as the SQLite generator", "[pg][connect][sample]") {
    auto pg = Connection::open(quire::test::requirePostgres());
    const std::string path = quire::test::makeTempDir("pg-same") + "/m.db";
    generateSqlite(path, {200'000, SampleOptions{}.seed});
    auto lite = Connection::open("Driver=SQLite3;Database=" + path + ";");
    for (const char* sql : {"SELECT count(*) FROM user_events", "SELECT count(*) FROM orders",
                            "SELECT sum(user_id) FROM sessions", "SELECT count(*) FROM users WHERE is_subscribed",
                            "SELECT max(event_id) FROM user_events WHERE event_type = 'purchase'"}) {
        INFO(sql);
        CHECK(pg->query(sql).toString(0, 0) == lite->query(sql).toString(0, 0));
    }
    CHECK(pg->query("SELECT round(sum(revenue), 2) FROM orders").toString(0, 0) ==
          lite->query("SELECT printf('%.2f', sum(revenue)) FROM orders").toString(0, 0));
}

TEST_CASE("pg: catalog lists the sample tables with types", "[pg][connect][catalog]") {
    Catalog catalog(Connection::open(quire::test::requirePostgres()));
    auto tables = catalog.tables("public");
    auto has = [&](const std::string& n) {
        return std::any_of(tables.begin(), tables.end(), [&](const CatalogTable& t) { return t.name == n; });
    };
    for (const char* t : {"users", "channels", "campaigns", "sessions", "user_events", "conversions", "orders"}) CHECK(has(t));
    auto cols = catalog.columns("orders", "public");
    REQUIRE(cols.size() == 9);
    CHECK(cols[3].name == "order_date");
    CHECK(cols[3].type == ColumnType::Date);
    CHECK(cols[5].type == ColumnType::Decimal);
    CHECK(catalog.preview({"", "public", "orders", "TABLE"}, 5).rowCount() == 5);
}

TEST_CASE("pg: profile with the password from a secret store connects", "[pg][connect][profile]") {
    ConnectionProfile p;
    p.name = "fixture";
    p.kind = WarehouseKind::PostgreSQL;
    p.fields = {{"host", quire::test::pgEnvValue("QUIRE_PG_HOST")}, {"port", quire::test::pgEnvValue("QUIRE_PG_PORT")},
                {"database", quire::test::pgEnvValue("QUIRE_PG_DATABASE")}, {"user", quire::test::pgEnvValue("QUIRE_PG_USER")}};
    auto store = quire::secrets::makeMemorySecretStore();
    REQUIRE(store->write("connection/fixture/password", quire::test::pgEnvValue("QUIRE_PG_PASSWORD")));
    auto c = Connection::open(buildConnectionString(p, *store).value());
    auto r = c->query("SELECT true, 1 = 2");
    CHECK(r.columns[0].type == ColumnType::Bool);
    CHECK(r.value(0, 0) == Value{true});
    CHECK(r.value(0, 1) == Value{false});
}

TEST_CASE("pg: pool limit per warehouse", "[pg][connect][pool]") {
    const std::string cs = quire::test::requirePostgres();
    ConnectionPool pool(3);
    pool.setLimit(cs, 2);
    auto a = pool.acquire(cs);
    auto b = pool.acquire(cs);
    CHECK_THROWS_AS(pool.acquire(cs, std::chrono::milliseconds(100)), PoolTimeout);
    CHECK(a->query("SELECT pg_backend_pid()").toString(0, 0) != b->query("SELECT pg_backend_pid()").toString(0, 0));
}
