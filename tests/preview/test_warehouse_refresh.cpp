// WarehouseRefresh: planned queries run by the RefreshScheduler over ODBC on a generated SQLite sample, streamed
// into row windows and answered from the ResultCache when unchanged. Expected values from hand-written SQL.
#include <catch2/catch.hpp>

#include <quire/connect/sample_warehouse.h>
#include <quire/doc/io.h>
#include <quire/preview/cached_result_set.h>
#include <quire/preview/planner.h>
#include <quire/preview/warehouse_refresh.h>
#include <test_support.h>

#include <atomic>
#include <mutex>
#include <set>

using namespace quire;
using namespace quire::preview;

namespace {
struct Fixture {
    std::string odbc;
    std::unique_ptr<PreviewSession> session;
    Fixture() {
        const std::string db = quire::test::makeTempDir("warehouse-refresh") + "/marketing.db";
        connect::generateSqlite(db, {20000, connect::SampleOptions{}.seed});
        odbc = "Driver=SQLite3;Database=" + db + ";";
        auto loaded = doc::loadDocument(quire::test::sourceDir() + "/resources/examples/marketing.yaml");
        REQUIRE(loaded.ok());
        session = std::make_unique<PreviewSession>(*loaded.document->contents());
    }
    PlannedQuery plan(const std::string& id) const {
        auto p = planElement(*session, id, sql::dialect(sql::DialectId::SQLite), {"2025-06-01", {}, {}});
        REQUIRE(p.ok());
        return p;
    }
};
} // namespace

TEST_CASE("warehouse refresh: row windows, complete results and cache hits", "[preview][refresh]") {
    Fixture f;
    ResultCache cache;
    connect::ConnectionPool pool(2);
    // Called on worker threads: no Catch assertions in here (they are not thread-safe).
    std::mutex mutex;
    std::set<std::string> connectionIds;
    std::atomic<int> connectionLookups{0};
    WarehouseRefresh refresher(cache, pool, [&](const std::string& id) {
        ++connectionLookups;
        std::lock_guard lock(mutex);
        connectionIds.insert(id);
        return f.odbc;
    }, {50, 16});
    std::atomic<int> delivered{0};
    RefreshScheduler scheduler(refresher.job(), [&](const RefreshOutcome&) { ++delivered; }, 2);
    for (const char* id : {"orders", "status-share", "kpi-aov"}) refresher.setPlan(id, f.plan(id));
    scheduler.refresh({"orders", "status-share", "kpi-aov"});
    REQUIRE(scheduler.waitIdle(std::chrono::seconds(30)));
    CHECK(delivered == 3);
    CHECK(connectionIds == std::set<std::string>{"6a1e3c2b-5d4f-4e8a-9b7c-0d1f2e3a4b5c"}); // the sample's connectionId

    const auto all = connect::query(f.odbc, "SELECT order_id, revenue FROM orders WHERE order_date BETWEEN '2024-01-01' AND "
                                            "'2024-12-31' ORDER BY order_date DESC");
    REQUIRE(all.rowCount() > 50);
    auto orders = scheduler.outcome("orders");
    REQUIRE(orders);
    REQUIRE(orders->status == RefreshOutcome::Status::Done);
    CHECK(orders->result->columns == std::vector<std::string>{"Order Id", "User Id", "Order Date", "Revenue", "Items", "Status"});
    CHECK(orders->result->rows.size() == 50); // the window, batch by batch (16 rows a batch)
    CHECK_FALSE(orders->result->complete);
    CHECK_FALSE(orders->cached);
    // Column types travel with the rows, so a reader can tell the date column from text.
    REQUIRE(orders->result->columnTypes.size() == 6);
    CHECK(orders->result->columnTypes[0] == "int64");
    CHECK(orders->result->columnTypes[2] == "date");
    CHECK(orders->result->columnTypes[5] == "text");

    const auto statuses = connect::query(f.odbc, "SELECT status, count(*) FROM orders WHERE order_date BETWEEN '2024-01-01' AND "
                                                 "'2024-12-31' GROUP BY status");
    auto share = scheduler.outcome("status-share");
    REQUIRE(share);
    REQUIRE(share->status == RefreshOutcome::Status::Done);
    CHECK(share->result->complete);
    REQUIRE(share->result->rows.size() == statuses.rowCount());
    std::map<std::string, long long> want;
    for (std::size_t r = 0; r < statuses.rowCount(); ++r) want[statuses.toString(r, 0)] = std::stoll(statuses.toString(r, 1));
    for (const auto& row : share->result->rows) CHECK(row[1].get<long long>() == want[row[0].get<std::string>()]);

    auto aov = scheduler.outcome("kpi-aov");
    REQUIRE(aov);
    REQUIRE(aov->status == RefreshOutcome::Status::Done);
    double sum = 0;
    for (std::size_t r = 0; r < all.rowCount(); ++r) sum += std::stod(all.toString(r, 1));
    CHECK(aov->result->rows.at(0).at(0).get<double>() == Approx(sum / double(all.rowCount())));

    // Unchanged plans re-render from the cache: no new connection lookup, the same result object.
    const auto hitsBefore = cache.hits();
    const int lookupsBefore = connectionLookups.load();
    scheduler.refresh({"orders"});
    REQUIRE(scheduler.waitIdle(std::chrono::seconds(30)));
    CHECK(cache.hits() == hitsBefore + 1);
    CHECK(connectionLookups == lookupsBefore);
    CHECK(scheduler.outcome("orders")->result == orders->result);
    CHECK(scheduler.outcome("orders")->cached);

    // A control change gives a new plan (new parameters): a miss, and fewer rows.
    f.session->setControlFields("session-dates", Json{{"startDate", "2024-03-01"}, {"endDate", "2024-03-02"}});
    refresher.setPlan("orders", f.plan("orders"));
    scheduler.refresh({"orders"});
    REQUIRE(scheduler.waitIdle(std::chrono::seconds(30)));
    const auto march = connect::query(f.odbc, "SELECT count(*) FROM orders WHERE order_date BETWEEN '2024-03-01' AND '2024-03-02'");
    orders = scheduler.outcome("orders");
    REQUIRE(orders);
    CHECK_FALSE(orders->cached);
    CHECK(orders->result->complete);
    CHECK(static_cast<long long>(orders->result->rows.size()) == std::stoll(march.toString(0, 0)));
}

TEST_CASE("warehouse refresh: unplanned elements fail with the planner's message", "[preview][refresh]") {
    Fixture f;
    ResultCache cache;
    connect::ConnectionPool pool(1);
    WarehouseRefresh refresher(cache, pool, [&](const std::string&) { return f.odbc; });
    RefreshScheduler scheduler(refresher.job(), {}, 1);
    PlannedQuery bad;
    bad.diagnostics.push_back({});
    bad.diagnostics.back().severity = Severity::Error;
    bad.diagnostics.back().message = "element 'x' has no columns";
    refresher.setPlan("x", bad);
    scheduler.refresh({"x", "never-planned"});
    REQUIRE(scheduler.waitIdle(std::chrono::seconds(10)));
    const auto x = scheduler.outcome("x");
    REQUIRE(x);
    CHECK(x->status == RefreshOutcome::Status::Failed);
    CHECK(x->error == "element 'x' has no columns");
    const auto never = scheduler.outcome("never-planned");
    REQUIRE(never);
    CHECK(never->status == RefreshOutcome::Status::Failed);
    CHECK(never->error.find("no planned query") != std::string::npos);
    CHECK(cache.entries() == 0);
}

TEST_CASE("warehouse refresh: a connection failure fails the element with a redacted message", "[preview][refresh]") {
    Fixture f;
    ResultCache cache;
    connect::ConnectionPool pool(1);
    WarehouseRefresh refresher(cache, pool, [](const std::string&) { return std::string("Driver={No Such Driver};Pwd=hunter2;"); });
    RefreshScheduler scheduler(refresher.job(), {}, 1);
    refresher.setPlan("orders", f.plan("orders"));
    scheduler.refresh({"orders"});
    REQUIRE(scheduler.waitIdle(std::chrono::seconds(10)));
    const auto outcome = scheduler.outcome("orders");
    REQUIRE(outcome);
    CHECK(outcome->status == RefreshOutcome::Status::Failed);
    CHECK_FALSE(outcome->error.empty());
    CHECK(outcome->error.find("hunter2") == std::string::npos);
    CHECK(cache.entries() == 0);
}

TEST_CASE("cached results convert back to typed result sets for the CLI writers", "[preview][refresh]") {
    CachedResult cached;
    cached.columns = {"d", "day", "ts", "i", "b", "t"};
    cached.columnTypes = {"decimal", "date", "timestamp", "int64", "bool", "text"};
    cached.rows = {Json::array({0.1, "2024-02-29", "2024-02-29 13:45:06.5", 7, true, "x"}),
                   Json::array({nullptr, nullptr, "1969-12-31 23:59:59", nullptr, false, nullptr})};
    cached.decimalText[0] = "0.10";
    cached.complete = false;
    const connect::ResultSet set = toResultSet(cached);
    REQUIRE(set.rowCount() == 2);
    CHECK(set.truncated);
    CHECK(set.columns[1].type == connect::ColumnType::Date);
    CHECK(set.toString(0, 0) == "0.10"); // the exact text, not the double
    CHECK(set.toString(0, 1) == "2024-02-29");
    CHECK(set.toString(0, 2) == "2024-02-29 13:45:06.500000");
    CHECK(set.toString(1, 2) == "1969-12-31 23:59:59");
    CHECK(set.value(0, 3) == connect::Value(std::int64_t(7)));
    CHECK(set.toString(1, 4) == "false");
    CHECK(set.toString(1, 0).empty());

    CachedResult corrupt = cached;
    corrupt.rows[0][1] = "29/02/2024";
    CHECK_THROWS_AS(toResultSet(corrupt), std::invalid_argument);
    corrupt.rows[0] = Json::array({1});
    CHECK_THROWS_AS(toResultSet(corrupt), std::invalid_argument);
}
