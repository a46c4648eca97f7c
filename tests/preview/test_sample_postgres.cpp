// The marketing sample on PostgreSQL through psqlODBC: every element planned with the PostgreSQL dialect and
// compared with hand-written SQL (the same scenarios as on SQLite, see sample_expectations.h); refreshes
// through the RefreshScheduler, with a running query cancelled on the server.
#include "sample_expectations.h"
#include "sample_postgres.h"

#include <quire/doc/io.h>
#include <quire/preview/planner.h>
#include <quire/preview/warehouse_refresh.h>
#include <test_support.h>

#include <catch2/catch.hpp>

using namespace quire;
using namespace quire::preview;

TEST_CASE("marketing sample on PostgreSQL: every element matches hand-written SQL", "[pg][preview][sample]") {
    auto connection = quire::test::postgresSample();
    quire::test::sample::checkSampleScenarios(*connection, sql::DialectId::PostgreSQL);
}

TEST_CASE("refreshes on PostgreSQL: results arrive and a newer generation cancels the running query", "[pg][preview][refresh]") {
    auto probe = quire::test::postgresSample();
    const auto cs = *quire::test::postgresConnectionString();
    ResultCache cache;
    connect::ConnectionPool pool(2);
    WarehouseRefresh refresher(cache, pool, [&](const std::string&) { return cs; }, {100, 64});
    RefreshScheduler scheduler(refresher.job(), {}, 2);

    const auto loaded = doc::loadDocument(quire::test::sourceDir() + "/resources/examples/marketing.yaml");
    REQUIRE(loaded.ok());
    PreviewSession session(*loaded.document->contents());
    auto plan = planElement(session, "kpi-revenue", sql::dialect(sql::DialectId::PostgreSQL), {"2025-06-01", {}, {}});
    REQUIRE(plan.ok());
    refresher.setPlan("kpi-revenue", plan);
    PlannedQuery slow;
    slow.connectionId = plan.connectionId;
    slow.sql = "SELECT count(*) AS x FROM (SELECT pg_sleep(20)) s";
    slow.columns = {"x"};
    refresher.setPlan("slow", slow);

    scheduler.refresh({"slow", "kpi-revenue"});
    REQUIRE(scheduler.waitIdle(std::chrono::milliseconds(200)) == false); // the sleep is running
    // The revenue KPI finished on the other worker; its value is the one plain SQL gives.
    const auto want = probe->query("SELECT sum(revenue) FROM main.orders WHERE order_date >= '2024-01-01' AND order_date < '2025-01-01'");
    const auto start = std::chrono::steady_clock::now();
    PlannedQuery fast = slow;
    fast.sql = "SELECT 2 AS x";
    refresher.setPlan("slow", fast);
    scheduler.refresh({"slow"}); // cancels the sleeping statement (SQLCancel), then runs the new plan
    REQUIRE(scheduler.waitIdle(std::chrono::seconds(10)));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
    const auto slowOutcome = scheduler.outcome("slow");
    REQUIRE(slowOutcome);
    CHECK(slowOutcome->status == RefreshOutcome::Status::Done);
    REQUIRE(slowOutcome->result);
    CHECK(slowOutcome->result->rows.at(0).at(0) == 2);
    const auto kpi = scheduler.outcome("kpi-revenue");
    REQUIRE(kpi);
    REQUIRE(kpi->status == RefreshOutcome::Status::Done);
    REQUIRE(kpi->result->rows.size() == 1);
    CHECK(kpi->result->rows[0][0].get<double>() == Approx(std::stod(want.toString(0, 0))));
}

// Planner bug, reported: docs/connectors.md says a PostgreSQL profile resolves the sample's [main, table] paths
// in its own schema (default public), but planElement passes the Sigma path straight to the dialect, so the
// query reads "main"."orders" and fails on a PostgreSQL copy of the sample. The tests above load the sample
// into a schema named main to work around it. Remove [!shouldfail] when the planner maps paths by profile.
TEST_CASE("planner: the sample's [main, table] paths on PostgreSQL read the profile's schema", "[preview][!shouldfail]") {
    const auto loaded = doc::loadDocument(quire::test::sourceDir() + "/resources/examples/marketing.yaml");
    REQUIRE(loaded.ok());
    PreviewSession session(*loaded.document->contents());
    const auto plan = planElement(session, "orders", sql::dialect(sql::DialectId::PostgreSQL), {"2025-06-01", {}, {}});
    REQUIRE(plan.ok());
    INFO(plan.sql);
    CHECK(plan.sql.find("\"main\".") == std::string::npos);
}
