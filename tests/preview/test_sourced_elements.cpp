// KPIs and charts sourced from table elements, planned and run on a generated SQLite sample warehouse through
// the ODBC driver; every expected value comes from hand-written SQL on the same file.
#include <catch2/catch.hpp>

#include <quire/connect/odbc.h>
#include <quire/connect/sample_warehouse.h>
#include <quire/doc/io.h>
#include <quire/preview/connect_params.h>
#include <quire/preview/planner.h>
#include <quire/preview/session.h>
#include <quire/sql/dialect.h>
#include <test_support.h>

#include "small_sample.h"

#include <map>

using namespace quire;
using namespace quire::preview;

namespace {

struct Sample : quire::test::SmallSample {
    Sample() : SmallSample("sourced", 20000) {}
};

const char* kSessions =
    "SELECT s.session_id, c.channel_name, c.channel_type, s.session_start, "
    "CASE WHEN v.conversion_id IS NULL THEN 0 ELSE 1 END AS converted "
    "FROM sessions s JOIN channels c ON c.channel_id = s.channel_id LEFT JOIN conversions v ON v.session_id = s.session_id "
    "WHERE s.session_start >= '2024-01-01' AND s.session_start < '2025-01-01'";

double number(const connect::ResultSet& r, std::size_t row, std::size_t column) {
    const auto v = r.value(row, column);
    if (std::holds_alternative<std::int64_t>(v)) return double(std::get<std::int64_t>(v));
    if (std::holds_alternative<double>(v)) return std::get<double>(v);
    FAIL("not a number: " << r.toString(row, column));
    return 0;
}

} // namespace

TEST_CASE("a KPI over a table element aggregates the filtered parent", "[preview][sourced]") {
    Sample sample;
    auto loaded = doc::loadDocument(quire::test::sourceDir() + "/resources/examples/marketing.yaml");
    REQUIRE(loaded.ok());
    PreviewSession session(*loaded.document->contents());
    const auto& sqlite = sql::dialect(sql::DialectId::SQLite);
    CHECK(connectionIdOf(session, "kpi-sessions") == connectionIdOf(session, "sessions"));
    CHECK_FALSE(connectionIdOf(session, "kpi-sessions").empty());

    auto plan = planElement(session, "kpi-sessions", sqlite, {"2025-06-01", {}, {}});
    REQUIRE(plan.ok());
    auto got = sample.run(plan);
    REQUIRE(got.rowCount() == 1);
    auto want = sample.run(std::string("SELECT count(DISTINCT session_id) FROM (") + kSessions + ")");
    CHECK(number(got, 0, 0) == number(want, 0, 0));
    CHECK(number(got, 0, 0) > 0);

    // The date control on the parent narrows the KPI too.
    session.setControlFields("session-dates", Json{{"startDate", "2024-03-01"}, {"endDate", "2024-03-31"}});
    plan = planElement(session, "kpi-sessions", sqlite, {"2025-06-01", {}, {}});
    REQUIRE(plan.ok());
    auto march = sample.run(plan);
    auto wantMarch = sample.run("SELECT count(*) FROM sessions WHERE session_start >= '2024-03-01' AND session_start < '2024-04-01'");
    CHECK(number(march, 0, 0) == number(wantMarch, 0, 0));
    CHECK(number(march, 0, 0) < number(got, 0, 0));
}

TEST_CASE("a bar chart over a table element groups by its dimension", "[preview][sourced]") {
    Sample sample;
    auto loaded = doc::loadDocument(quire::test::sourceDir() + "/resources/examples/marketing.yaml");
    REQUIRE(loaded.ok());
    PreviewSession session(*loaded.document->contents());
    auto plan = planElement(session, "conv-by-channel", sql::dialect(sql::DialectId::SQLite), {"2025-06-01", {}, {}});
    REQUIRE(plan.ok());
    CHECK(plan.sql.find("GROUP BY 1") != std::string::npos);
    auto got = sample.run(plan);
    auto want = sample.run(std::string("SELECT channel_name, CAST(sum(converted) AS REAL) / count(session_id) FROM (") + kSessions +
                           ") GROUP BY channel_name");
    REQUIRE(got.rowCount() == want.rowCount());
    REQUIRE(got.rowCount() >= 3);
    std::map<std::string, double> expected;
    for (std::size_t r = 0; r < want.rowCount(); ++r) expected[want.toString(r, 0)] = number(want, r, 1);
    for (std::size_t r = 0; r < got.rowCount(); ++r) {
        INFO(got.toString(r, 0));
        REQUIRE(expected.count(got.toString(r, 0)));
        CHECK(number(got, r, 1) == Approx(expected[got.toString(r, 0)]));
    }
    // Sorted by the rate, descending, as the chart's x-axis sort asks.
    for (std::size_t r = 1; r < got.rowCount(); ++r) CHECK(number(got, r - 1, 1) >= number(got, r, 1));
}

TEST_CASE("a list control value reaches the chart through its parent as a bound parameter", "[preview][sourced]") {
    Sample sample;
    auto loaded = doc::loadDocument(quire::test::sourceDir() + "/resources/examples/marketing.yaml");
    REQUIRE(loaded.ok());
    PreviewSession session(*loaded.document->contents());
    session.setControlFields("channel-filter", Json{{"values", {"Email'; DROP TABLE sessions; --"}}});
    auto plan = planElement(session, "conv-by-channel", sql::dialect(sql::DialectId::SQLite), {"2025-06-01", {}, {}});
    REQUIRE(plan.ok());
    CHECK(plan.sql.find("DROP TABLE") == std::string::npos);
    CHECK(sample.run(plan).rowCount() == 0);
    CHECK(number(sample.run("SELECT count(*) FROM sessions"), 0, 0) > 0); // still there
    session.setControlFields("channel-filter", Json{{"values", {"Email"}}});
    plan = planElement(session, "conv-by-channel", sql::dialect(sql::DialectId::SQLite), {"2025-06-01", {}, {}});
    auto got = sample.run(plan);
    REQUIRE(got.rowCount() == 1);
    CHECK(got.toString(0, 0) == "Email");
}

TEST_CASE("sourced elements report unknown parent columns and cycles", "[preview][sourced]") {
    Json contents = Json::parse(R"JSON({"elements": [
      {"id": "a", "kind": "table", "name": "A", "source": {"kind": "table", "elementId": "b"}, "columns": [{"id": "x", "name": "X", "formula": "[B/X]"}]},
      {"id": "b", "kind": "table", "name": "B", "source": {"kind": "table", "elementId": "a"}, "columns": [{"id": "y", "name": "X", "formula": "[A/X]"}]},
      {"id": "c", "kind": "kpi-chart", "name": "C", "source": {"kind": "table", "elementId": "zzz"}, "columns": [{"id": "v", "name": "V", "formula": "Count()"}]}
    ], "pages": [], "layout": ""})JSON");
    PreviewSession session(contents);
    const auto& sqlite = sql::dialect(sql::DialectId::SQLite);
    auto cycle = planElement(session, "a", sqlite);
    CHECK_FALSE(cycle.ok());
    auto missing = planElement(session, "c", sqlite);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.diagnostics[0].rule == "preview/bad-source");
}

TEST_CASE("the sample's channel x device pivot: cells and totals match hand-written GROUP BYs", "[preview][sourced][pivot]") {
    Sample sample;
    auto loaded = doc::loadDocument(quire::test::sourceDir() + "/resources/examples/marketing.yaml");
    REQUIRE(loaded.ok());
    PreviewSession session(*loaded.document->contents());
    auto plan = planElement(session, "channel-pivot", sql::dialect(sql::DialectId::SQLite), {"2025-06-01", {}, {}});
    REQUIRE(plan.ok());
    CHECK(plan.columns == std::vector<std::string>{"Channel", "Device", "Conversion value", "__pivot"});
    const auto got = sample.run(plan);
    const std::string from = "FROM sessions s JOIN channels c ON c.channel_id = s.channel_id LEFT JOIN conversions v ON v.session_id = s.session_id "
                             "WHERE s.session_start >= '2024-01-01' AND s.session_start < '2025-01-01'";
    std::map<std::string, double> want;
    auto collect = [&](const std::string& kind, const std::string& sql) {
        const auto r = sample.run(sql);
        for (std::size_t i = 0; i < r.rowCount(); ++i) want[kind + "|" + r.toString(i, 0) + "|" + r.toString(i, 1)] = number(r, i, 2);
    };
    collect("cell", "SELECT c.channel_name, s.device, sum(COALESCE(v.conversion_value, 0)) " + from + " GROUP BY 1, 2");
    collect("row-total", "SELECT c.channel_name, '', sum(COALESCE(v.conversion_value, 0)) " + from + " GROUP BY 1");
    collect("column-total", "SELECT '', s.device, sum(COALESCE(v.conversion_value, 0)) " + from + " GROUP BY 2");
    collect("grand-total", "SELECT '', '', sum(COALESCE(v.conversion_value, 0)) " + from);
    REQUIRE(got.rowCount() == want.size());
    for (std::size_t r = 0; r < got.rowCount(); ++r) {
        const std::string key = got.toString(r, 3) + "|" + got.toString(r, 0) + "|" + got.toString(r, 1);
        INFO(key);
        REQUIRE(want.count(key));
        CHECK(number(got, r, 2) == Approx(want[key]));
    }
    // Cells first, the grand total last.
    CHECK(got.toString(0, 3) == "cell");
    CHECK(got.toString(got.rowCount() - 1, 3) == "grand-total");
}
