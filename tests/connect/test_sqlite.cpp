// The ODBC layer against real SQLite files through the SQLite3 ODBC driver.
#include "connect_helpers.h"

#include <quire/connect/odbc.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

using namespace quire::connect;

TEST_CASE("sqlite: typed columns, NULLs in every type, unicode round trip", "[connect][sqlite]") {
    auto c = Connection::open(quire::test::freshSqliteConnectionString("sqlite-types"));
    c->execute("CREATE TABLE t (i BIGINT, d FLOAT, n NUMERIC(10,2), s VARCHAR(40), dt DATE, ts TIMESTAMP, b BOOLEAN)");
    const std::string unicode = "Zürich – 東京 – emoji 😀 – Ω";
    c->execute("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)",
               {std::int64_t{-9007199254740993}, 2.5, std::string("12.34"), unicode, Date{2024, 2, 29},
                std::string("2024-03-01 12:34:56"), true});
    c->execute("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)",
               {Param{}, Param{}, Param{}, Param{}, Param{}, Param{}, Param{}});
    auto r = c->query("SELECT i, d, n, s, dt, ts, b FROM t ORDER BY i IS NULL");
    REQUIRE(r.rowCount() == 2);
    CHECK(r.columns[0].type == ColumnType::Int64);
    CHECK(r.columns[1].type == ColumnType::Double);
    CHECK(r.columns[3].type == ColumnType::Text);
    CHECK(r.columns[4].type == ColumnType::Date);
    CHECK(r.columns[5].type == ColumnType::Timestamp);
    CHECK(r.value(0, 0) == Value{std::int64_t{-9007199254740993}});
    CHECK(r.value(0, 1) == Value{2.5});
    CHECK(r.toString(0, 2).rfind("12.34", 0) == 0);
    CHECK(r.value(0, 3) == Value{unicode});
    CHECK(r.toString(0, 4) == "2024-02-29");
    CHECK(r.toString(0, 5) == "2024-03-01 12:34:56");
    CHECK(r.toString(0, 6) == "true");
    for (std::size_t col = 0; col < 7; ++col) CHECK(r.value(1, col) == Value{std::monostate{}});
    // unicode in SQL text and column names, through the W entry points
    auto u = c->query("SELECT 'ß→😀' AS \"naïve\"");
    CHECK(u.columns[0].name == "naïve");
    CHECK(u.toString(0, 0) == "ß→😀");
}

TEST_CASE("sqlite: a 50-column wide table, block fetch, streaming in batches", "[connect][sqlite]") {
    auto c = Connection::open(quire::test::freshSqliteConnectionString("sqlite-wide"));
    std::string create = "CREATE TABLE w (", insert = "INSERT INTO w VALUES (";
    for (int i = 0; i < 50; ++i) {
        create += i ? ", c" : "c";
        create += std::to_string(i);
        create += i % 2 ? " VARCHAR(20)" : " INTEGER";
        insert += i ? ", ?" : "?";
    }
    c->execute(create + ")");
    c->execute("BEGIN");
    auto st = c->createStatement();
    for (int r = 0; r < 2500; ++r) {
        std::vector<Param> row;
        for (int i = 0; i < 50; ++i)
            row.push_back(i % 2 ? Param{std::string("r").append(std::to_string(r)).append("c").append(std::to_string(i))} : Param{std::int64_t{r * 100 + i}});
        st->execute(insert + ")", row);
    }
    c->execute("COMMIT");
    ExecuteOptions options;
    options.batchRows = 300;
    std::size_t rows = 0, batches = 0;
    std::int64_t sum = 0;
    auto q = c->createStatement();
    REQUIRE(q->execute("SELECT * FROM w ORDER BY c0", {}, options));
    CHECK(q->blockCursor());
    CHECK(q->columns().size() == 50);
    q->forEachBatch([&](const ResultBatch& b) {
        CHECK(b.rowCount() <= 300);
        ++batches;
        for (std::size_t r = 0; r < b.rowCount(); ++r) sum += b.column(48).int64At(r);
        if (rows == 0) CHECK(b.column(49).textAt(0) == "r0c49");
        rows += b.rowCount();
        return true;
    });
    CHECK(rows == 2500);
    CHECK(batches == 9);
    CHECK(sum == 2500LL * 48 + 100LL * (2499LL * 2500 / 2));
    // row limit: the result says it was cut
    options.maxRows = 777;
    auto limited = c->query("SELECT c0 FROM w", {}, options);
    CHECK(limited.rowCount() == 777);
    CHECK(limited.truncated);
    // early stop from the callback
    std::size_t seen = 0;
    c->stream("SELECT c0 FROM w", {}, ExecuteOptions{}, [&](const auto&, const ResultBatch& b) {
        seen += b.rowCount();
        return false;
    });
    CHECK(seen == 1024);
}

TEST_CASE("sqlite: 10 MB text values through SQLGetData", "[connect][sqlite]") {
    auto c = Connection::open(quire::test::freshSqliteConnectionString("sqlite-big"));
    c->execute("CREATE TABLE big (id INTEGER, body TEXT)");
    std::string body;
    body.reserve(10 * 1024 * 1024 + 16);
    while (body.size() < 10 * 1024 * 1024) body += "0123456789abcdef€";
    c->execute("INSERT INTO big VALUES (1, ?), (2, NULL)", {body});
    auto r = c->query("SELECT id, body FROM big ORDER BY id");
    REQUIRE(r.rowCount() == 2);
    const std::string got = r.toString(0, 1);
    CHECK(got.size() == body.size());
    CHECK(got == body);
    CHECK(r.value(1, 1) == Value{std::monostate{}});
}

TEST_CASE("sqlite: errors carry SQLSTATE and the driver message", "[connect][sqlite]") {
    auto c = Connection::open(quire::test::freshSqliteConnectionString("sqlite-err"));
    try {
        c->query("SELECT * FROM no_such_table");
        FAIL("expected an OdbcError");
    } catch (const OdbcError& e) {
        CHECK(e.sqlstate().size() == 5);
        CHECK(std::string(e.what()).find("no_such_table") != std::string::npos);
    }
    CHECK_THROWS_AS(Connection::open("Driver={No Such Driver};Pwd=secret;"), OdbcError);
    try {
        Connection::open("Driver={No Such Driver};Pwd=secret;");
    } catch (const OdbcError& e) {
        CHECK(std::string(e.what()).find("secret") == std::string::npos);
        CHECK(e.sqlstate().size() == 5); // unixODBC reports a missing driver library as 01000
        CHECK(std::string(e.what()).find("No Such Driver") != std::string::npos);
    }
}

TEST_CASE("ODBC environment lists the installed drivers", "[connect][sqlite]") {
    auto drivers = Environment::shared()->drivers();
    auto has = [&](const std::string& n) {
        return std::any_of(drivers.begin(), drivers.end(), [&](const DriverInfo& d) { return d.name == n; });
    };
    CHECK(has("SQLite3"));
    CHECK(has("PostgreSQL Unicode"));
    CHECK_NOTHROW(Environment::shared()->dataSources());
}

// A preview cancelled just before its statement starts executing (after fetchPlanned's last check, before the
// driver call) used to lose the cancel: execute cleared the request and the query ran for minutes (seen as a
// 555 s hang of the IDE's cancel test under load). The request now cancels that execute.
TEST_CASE("sqlite: a cancel asked for before the execute begins cancels that execute", "[connect][sqlite]") {
    auto c = Connection::open(quire::test::freshSqliteConnectionString("sqlite-cancel-early"));
    auto st = c->createStatement();
    st->cancel();
    bool cancelled = false;
    try {
        // Minutes in SQLite if it ran.
        st->execute("WITH RECURSIVE k(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM k WHERE x < 2000000000) SELECT count(*) FROM k");
    } catch (const OdbcError& e) {
        cancelled = e.isCancelled();
    }
    CHECK(cancelled); // a lost request lets the count run to the end and return instead
    // The request was consumed: the next execute on the statement runs.
    REQUIRE(st->execute("SELECT 42"));
    auto batch = st->fetchBatch();
    REQUIRE(batch);
    CHECK(batch->column(0).int64At(0) == 42);
}

// sqliteodbc's SQLCancel frees the cursor under a fetching thread (a double free under load, seen in the IDE
// when a preview was cancelled mid-fetch). Cancel from another thread must end the fetch with a cancelled
// error, every time, and leave the connection usable.
TEST_CASE("sqlite: cancel from another thread while fetching ends the fetch cleanly", "[connect][sqlite]") {
    auto c = Connection::open(quire::test::freshSqliteConnectionString("sqlite-cancel"));
    CHECK_FALSE(c->cancelFromAnyThread());
    c->execute("CREATE TABLE n (i INTEGER, s VARCHAR(20))");
    c->execute("WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 200000) "
               "INSERT INTO n SELECT i, 'row ' || i FROM k");
    for (int attempt = 0; attempt < 20; ++attempt) {
        auto st = c->createStatement();
        ExecuteOptions options;
        options.batchRows = 100;
        REQUIRE(st->execute("SELECT i, s FROM n ORDER BY i", {}, options));
        std::size_t rows = 0;
        std::atomic<bool> fetching{false};
        std::thread canceller([&] {
            while (!fetching) std::this_thread::yield();
            std::this_thread::sleep_for(std::chrono::microseconds(200 * (attempt % 5)));
            st->cancel();
        });
        bool cancelled = false;
        try {
            while (auto batch = st->fetchBatch()) {
                rows += batch->rowCount();
                fetching = true;
            }
        } catch (const OdbcError& e) {
            cancelled = e.isCancelled();
        }
        fetching = true;
        canceller.join();
        INFO("attempt " << attempt << ": " << rows << " rows before the cancel");
        CHECK((cancelled || rows == 200000));
        CHECK(rows <= 200000);
    }
    // The connection still answers.
    CHECK(c->query("SELECT count(*) FROM n").toString(0, 0) == "200000");
}
