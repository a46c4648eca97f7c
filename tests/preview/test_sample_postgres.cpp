// The marketing sample on PostgreSQL through psqlODBC: every element planned with the PostgreSQL dialect and
// compared with hand-written SQL (the same scenarios as on SQLite, see sample_expectations.h); refreshes
// through the RefreshScheduler, with a running query cancelled on the server.
#include "sample_expectations.h"
#include "sample_postgres.h"

#include <quire/doc/io.h>
#include <quire/connect/connection_registry.h>
#include <quire/preview/connect_params.h>
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

namespace {
// A registry whose PostgreSQL profile carries the sample's connectionId, so the planner resolves its paths.
connect::ConnectionRegistry registryWithPostgresSample(const std::string& schema) {
    auto registry = connect::ConnectionRegistry::load("/nonexistent/quire-connections.json").value();
    connect::RegistryEntry entry;
    entry.profile.name = "pg-sample";
    entry.profile.kind = connect::WarehouseKind::PostgreSQL;
    if (!schema.empty()) entry.profile.fields["schema"] = schema;
    entry.connectionId = connect::kSampleConnectionId;
    registry.put(entry); // replaces nothing: the built-in entry is named "sample"
    return registry;
}
} // namespace

// docs/connectors.md: a PostgreSQL profile reads the sample's [main, table] paths in its own schema.
TEST_CASE("planner: table paths resolve through the connection profile's schema", "[preview]") {
    const auto loaded = doc::loadDocument(quire::test::sourceDir() + "/resources/examples/marketing.yaml");
    REQUIRE(loaded.ok());
    PreviewSession session(*loaded.document->contents());
    const auto& pg = sql::dialect(sql::DialectId::PostgreSQL);
    const auto asWritten = planElement(session, "orders", pg, {"2025-06-01", {}, {}});
    REQUIRE(asWritten.ok());
    CHECK(asWritten.sql.find("\"main\".\"orders\"") != std::string::npos);

    session.setTablePathResolver(registryPathResolver(registryWithPostgresSample("analytics")));
    const auto resolved = planElement(session, "orders", pg, {"2025-06-01", {}, {}});
    REQUIRE(resolved.ok());
    INFO(resolved.sql);
    CHECK(resolved.sql.find("\"analytics\".\"orders\"") != std::string::npos);
    CHECK(resolved.sql.find("\"main\".") == std::string::npos);
}

TEST_CASE("planner: the sample previews from the fixture's public schema through a default profile", "[pg][preview][sample]") {
    const auto cs = quire::test::postgresConnectionString();
    REQUIRE(cs);
    auto connection = connect::Connection::open(*cs);
    const auto loaded = doc::loadDocument(quire::test::sourceDir() + "/resources/examples/marketing.yaml");
    REQUIRE(loaded.ok());
    PreviewSession session(*loaded.document->contents());
    session.setTablePathResolver(registryPathResolver(registryWithPostgresSample({}))); // no schema field: public
    const auto plan = planElement(session, "kpi-revenue", sql::dialect(sql::DialectId::PostgreSQL), {"2025-06-01", {}, {}});
    REQUIRE(plan.ok());
    INFO(plan.sql);
    CHECK(plan.sql.find("\"public\".\"orders\"") != std::string::npos);
    const auto got = connection->query(plan.sql, toConnectParams(plan.parameters));
    const auto want = connection->query(
        "SELECT sum(revenue) FROM public.orders WHERE order_date >= '2024-01-01' AND order_date < '2025-01-01'");
    REQUIRE(got.rowCount() == 1);
    CHECK(std::stod(got.toString(0, 0)) == Approx(std::stod(want.toString(0, 0))));
}
