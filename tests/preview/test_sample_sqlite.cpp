// The marketing sample over the generated SQLite warehouse: planned results against hand-written SQL.
#include "sample_expectations.h"

#include <catch2/catch.hpp>
#include <quire/connect/odbc.h>
#include <quire/connect/sample_warehouse.h>
#include <quire/doc/io.h>
#include <quire/preview/planner.h>
#include <sqlite3.h>

#include <filesystem>

using namespace quire;
using namespace quire::preview;

namespace {

struct Rows {
    long long count = 0;
    double sum = 0;
};

// Counts rows and sums column `sumColumn` of a statement, binding the planner's parameters.
Rows runSql(sqlite3* db, const std::string& sql, const std::vector<BoundValue>& params, int sumColumn) {
    sqlite3_stmt* stmt = nullptr;
    INFO(sql);
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
    int i = 1;
    for (const auto& b : params) {
        if (b.type == BoundValue::Type::Number) sqlite3_bind_double(stmt, i, b.value.get<double>());
        else if (b.type == BoundValue::Type::Boolean) sqlite3_bind_int(stmt, i, b.value.get<bool>());
        else sqlite3_bind_text(stmt, i, b.value.get<std::string>().c_str(), -1, SQLITE_TRANSIENT);
        ++i;
    }
    Rows r;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        ++r.count;
        r.sum += sqlite3_column_double(stmt, sumColumn);
    }
    sqlite3_finalize(stmt);
    return r;
}

} // namespace

TEST_CASE("sample warehouse: orders preview follows the date control", "[preview][sample]") {
    const auto dir = std::filesystem::temp_directory_path() / ("quire-preview-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "marketing.db").string();
    connect::SampleOptions small;
    small.eventRows = 20000;
    connect::generateSqlite(path, small);
    const auto loaded = doc::loadDocument(std::string(QUIRE_SOURCE_DIR) + "/resources/examples/marketing.yaml");
    REQUIRE(loaded.ok());
    PreviewSession session(*loaded.document->contents());
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    const auto& dialect = sql::dialect(sql::DialectId::SQLite);

    // Authored value: 2024-01-01 .. 2024-12-31 on Order Date.
    auto plan = planElement(session, "orders", dialect, {"2025-06-01", {}, {}});
    REQUIRE(plan.ok());
    auto got = runSql(db, plan.sql, plan.parameters, 3);
    auto want = runSql(db, "SELECT order_id, user_id, order_date, revenue FROM orders "
                           "WHERE order_date >= '2024-01-01' AND order_date < '2025-01-01'", {}, 3);
    CHECK(got.count == want.count);
    CHECK(got.sum == Approx(want.sum));
    CHECK(got.count > 0);

    session.setControlFields("session-dates", Json{{"startDate", "2024-03-01"}, {"endDate", "2024-03-02"}});
    plan = planElement(session, "orders", dialect, {"2025-06-01", {}, {}});
    got = runSql(db, plan.sql, plan.parameters, 3);
    want = runSql(db, "SELECT order_id, user_id, order_date, revenue FROM orders "
                      "WHERE order_date BETWEEN '2024-03-01' AND '2024-03-02'", {}, 3);
    CHECK(got.count == want.count);
    CHECK(got.sum == Approx(want.sum));
    CHECK(got.count < 100);

    // Paging returns a window of the same ordered rows.
    plan = planElement(session, "orders", dialect, {"2025-06-01", 5, 2});
    CHECK(runSql(db, plan.sql, plan.parameters, 3).count == std::min<long long>(5, std::max<long long>(0, want.count - 2)));

    // Custom SQL element filtered by the channel list control and the date control.
    session.setControlFields("channel-filter", Json{{"values", {"Paid Search"}}});
    plan = planElement(session, "sessions", dialect, {"2025-06-01", {}, {}});
    REQUIRE(plan.ok());
    CHECK(plan.sql.find("Paid Search") == std::string::npos);
    got = runSql(db, plan.sql, plan.parameters, 3);
    want = runSql(db, "SELECT s.session_id, s.session_start, s.duration_seconds, s.pages_viewed FROM sessions s "
                      "JOIN channels c ON c.channel_id = s.channel_id WHERE c.channel_name = 'Paid Search' "
                      "AND s.session_start >= '2024-03-01' AND s.session_start < '2024-03-03'", {}, 3);
    CHECK(got.count == want.count);
    CHECK(got.sum == Approx(want.sum));
    CHECK(got.count > 0);

    // KPIs sourced from a table element are planned (values checked in test_sourced_elements.cpp).
    CHECK(planElement(session, "kpi-sessions", dialect).ok());
    sqlite3_close(db);
    std::filesystem::remove_all(dir);
}

// Every element of the sample, with authored and non-default controls and after the "Paid search only" button,
// through the SQLite ODBC driver (the same scenarios run on PostgreSQL in test_sample_postgres.cpp).
TEST_CASE("sample warehouse: every element matches hand-written SQL on SQLite", "[preview][sample]") {
    const auto dir = std::filesystem::temp_directory_path() / ("quire-preview-all-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "marketing.db").string();
    connect::SampleOptions small;
    small.eventRows = 20000;
    connect::generateSqlite(path, small);
    {
        auto connection = connect::Connection::open("Driver=SQLite3;Database=" + path + ";");
        quire::test::sample::checkSampleScenarios(*connection, sql::DialectId::SQLite);
    }
    std::filesystem::remove_all(dir);
}
