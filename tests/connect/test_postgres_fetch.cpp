// Fetching through a `postgresql` profile's connection string, where psqlODBC reads SELECT results through a
// server-side cursor (UseDeclareFetch=1, Fetch=10000): long results arrive whole, typed and in order; errors in
// the middle of a result, early stops and manual transactions leave the session clean.
#include "connect_helpers.h"

#include <quire/connect/odbc.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>

using namespace quire::connect;

namespace {
std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return s;
}

struct Session {
    std::string state; // pg_stat_activity.state: "idle", "idle in transaction", ...
    std::string query; // its last statement, lower case
};

// What another session sees of the backend `pid`.
Session sessionOf(Connection& observer, const std::string& pid) {
    auto r = observer.query("SELECT state, query FROM pg_stat_activity WHERE pid = " + pid);
    REQUIRE(r.rowCount() == 1);
    return {r.toString(0, 0), lower(r.toString(0, 1))};
}

std::string backendPid(Connection& c) { return c.query("SELECT pg_backend_pid()").toString(0, 0); }

std::int64_t asInt(const Value& v) { return std::get<std::int64_t>(v); }
} // namespace

TEST_CASE("pg: a profile's connection streams a result longer than the driver's fetch size from a server cursor",
          "[pg][connect]") {
    auto c = Connection::open(quire::test::postgresProfileConnectionString());
    auto observer = Connection::open(quire::test::requirePostgres());
    const std::string pid = backendPid(*c);
    constexpr std::int64_t kRows = 25'001; // the driver's Fetch is 10,000: three round trips
    // text (unbounded) is read row by row with SQLGetData, varchar(40) in bound blocks: both paths.
    const bool block = GENERATE(false, true);
    INFO((block ? "block cursor" : "row by row"));
    const std::string text = block ? "('Grüße 東京 😀 ' || g)::varchar(40)" : "'Grüße 東京 😀 ' || g";
    Statement st(c);
    ExecuteOptions options;
    options.batchRows = 1000;
    REQUIRE(st.execute("SELECT g, CASE WHEN g % 7 = 0 THEN NULL ELSE " + text + " END, "
                       "timestamp '1969-12-31 23:00:00.5' + g * interval '1.00025 seconds', date '1960-01-01' + g, "
                       "(g * 1.5)::numeric(12, 2), g % 2 = 0 "
                       "FROM generate_series(1, " + std::to_string(kRows) + ") g ORDER BY g",
                       {}, options));
    CHECK(st.blockCursor() == block);
    auto batch = st.fetchBatch();
    REQUIRE(batch);
    // The driver holds only its first 10,000 rows; the rest wait in the server's cursor, in an open transaction.
    const Session during = sessionOf(*observer, pid);
    CHECK(during.state == "idle in transaction");
    CHECK(during.query.find("fetch") != std::string::npos);

    const std::int32_t day0 = daysFromCivil(Date{1960, 1, 1});
    const std::int64_t micros0 = -3'599'500'000; // 1969-12-31 23:00:00.5
    std::int64_t g = 0;
    std::size_t batches = 0;
    for (; batch; batch = st.fetchBatch()) {
        ++batches;
        CHECK(batch->rowCount() <= 1000);
        for (std::size_t r = 0; r < batch->rowCount(); ++r) {
            ++g;
            INFO("g = " << g);
            REQUIRE(asInt(batch->value(r, 0)) == g);
            if (g % 7 == 0)
                CHECK(batch->column(1).isNull(r));
            else
                CHECK(batch->value(r, 1) == Value{"Grüße 東京 😀 " + std::to_string(g)});
            CHECK(batch->value(r, 2) == Value{TimestampValue{micros0 + g * 1'000'250}});
            CHECK(batch->value(r, 3) == Value{DateValue{day0 + static_cast<std::int32_t>(g)}});
            CHECK(batch->column(4).toString(r) == std::to_string(g * 3 / 2) + (g % 2 ? ".50" : ".00"));
            CHECK(batch->value(r, 5) == Value{g % 2 == 0});
        }
    }
    CHECK(g == kRows);
    CHECK(batches == 26);
    // Read to the end: the cursor is closed with the last batch and the driver's transaction ended, while the
    // Statement still exists.
    CHECK(sessionOf(*observer, pid).state == "idle");
}

TEST_CASE("pg: an error in the middle of a streamed result is an OdbcError and the session stays usable",
          "[pg][connect]") {
    auto c = Connection::open(quire::test::postgresProfileConnectionString());
    auto observer = Connection::open(quire::test::requirePostgres());
    const std::string pid = backendPid(*c);
    // Rows 1..10,000 arrive with the first FETCH; the division by zero is in the second.
    Statement st(c);
    REQUIRE(st.execute("SELECT g, 1 / (g - 15000) FROM generate_series(1, 20000) g"));
    std::size_t rows = 0;
    try {
        while (auto b = st.fetchBatch()) rows += b->rowCount();
        FAIL("no error after " << rows << " rows");
    } catch (const OdbcError& e) {
        CHECK(e.sqlstate() == "22012");
        CHECK(e.context() == "fetch");
    }
    CHECK(rows >= 10'000);
    CHECK(rows < 15'000);
    CHECK(asInt(c->query("SELECT 42").value(0, 0)) == 42);
    CHECK(sessionOf(*observer, pid).state == "idle");
}

TEST_CASE("pg: stopping a result early closes its server cursor and transaction", "[pg][connect]") {
    auto c = Connection::open(quire::test::postgresProfileConnectionString());
    auto observer = Connection::open(quire::test::requirePostgres());
    const std::string pid = backendPid(*c);
    c->execute("DROP TABLE IF EXISTS qt_early");
    c->execute("CREATE TABLE qt_early AS SELECT g FROM generate_series(1, 50000) g");
    ExecuteOptions five;
    five.maxRows = 5;
    auto r = c->query("SELECT g FROM qt_early ORDER BY g", {}, five);
    CHECK(r.rowCount() == 5);
    CHECK(r.truncated);
    CHECK(sessionOf(*observer, pid).state == "idle");
    {
        Statement st(c); // maxRows reached, the Statement still alive
        REQUIRE(st.execute("SELECT g FROM qt_early ORDER BY g", {}, five));
        while (st.fetchBatch()) {
        }
        CHECK(st.truncated());
        CHECK(sessionOf(*observer, pid).state == "idle");
    }
    {
        Statement st(c); // a statement dropped after its first batch
        REQUIRE(st.execute("SELECT g FROM qt_early"));
        REQUIRE(st.fetchBatch());
        CHECK(sessionOf(*observer, pid).state == "idle in transaction");
    }
    CHECK(sessionOf(*observer, pid).state == "idle");
    Statement stream(c); // a stream the consumer stops
    REQUIRE(stream.execute("SELECT g FROM qt_early"));
    stream.forEachBatch([](const ResultBatch&) { return false; });
    CHECK(sessionOf(*observer, pid).state == "idle");
    // No lock on the table is left behind: another session drops it at once.
    observer->execute("SET lock_timeout = '5s'");
    CHECK_NOTHROW(observer->execute("DROP TABLE qt_early"));
}

TEST_CASE("pg: parameters, CTEs, INSERT RETURNING and manual transactions through a profile's connection",
          "[pg][connect]") {
    auto c = Connection::open(quire::test::postgresProfileConnectionString());
    c->execute("DROP TABLE IF EXISTS qt_tx");
    c->execute("CREATE TABLE qt_tx (id int, name text)");
    auto inserted = c->query("INSERT INTO qt_tx VALUES (1, 'a'), (2, 'b') RETURNING id");
    CHECK(inserted.rowCount() == 2);
    auto cte = c->query("WITH x AS (SELECT id, name FROM qt_tx WHERE id > ?) SELECT count(*), max(name) FROM x",
                        {std::int64_t{1}});
    CHECK(asInt(cte.value(0, 0)) == 1);
    CHECK(cte.value(0, 1) == Value{std::string("b")});
    c->setAutocommit(false);
    c->execute("INSERT INTO qt_tx VALUES (3, 'c')");
    CHECK(asInt(c->query("SELECT count(*) FROM qt_tx").value(0, 0)) == 3); // the cursor does not commit it
    c->rollback();
    c->setAutocommit(true);
    CHECK(asInt(c->query("SELECT count(*) FROM qt_tx").value(0, 0)) == 2);
    // Statements a cursor cannot hold run without it (psqlODBC issue #102), and the cursor is back afterwards.
    CHECK(c->readsThroughServerCursor());
    CHECK(c->execute("WITH w AS (SELECT 4 AS id) INSERT INTO qt_tx SELECT id, 'd' FROM w") == 1);
    CHECK(c->query("WITH w AS (SELECT 5 AS id) INSERT INTO qt_tx SELECT id, 'e' FROM w RETURNING id").rowCount() == 1);
    CHECK(c->query("with w as (delete from qt_tx where id = 5 returning id) select count(*) from w").rowCount() == 1);
    c->execute("SELECT id, name INTO TEMP qt_tx_copy FROM qt_tx");
    CHECK(asInt(c->query("SELECT count(*) FROM qt_tx_copy").value(0, 0)) == 3); // 1, 2, 4
    auto observer = Connection::open(quire::test::requirePostgres());
    const std::string pid = backendPid(*c);
    Statement st(c);
    REQUIRE(st.execute("SELECT g FROM generate_series(1, 20000) g"));
    REQUIRE(st.fetchBatch());
    CHECK(sessionOf(*observer, pid).query.find("fetch") != std::string::npos);
    st.closeCursor();
    c->execute("DROP TABLE qt_tx");
}
