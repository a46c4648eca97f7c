#include "sample_expectations.h"

#include <quire/connect/result_batch.h>
#include <quire/doc/io.h>
#include <quire/preview/action_engine.h>
#include <quire/preview/connect_params.h>
#include <quire/preview/planner.h>
#include <quire/sql/dialect.h>
#include <test_support.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

namespace quire::test::sample {
namespace {

using connect::ResultSet;

const char* kToday = "2025-06-01";

// ---- normalised result rows ----------------------------------------------------------------------------------
struct Cell {
    enum Kind { Null, Number, Text } kind = Null;
    double number = 0;
    std::string text;
};
using Row = std::vector<Cell>;

bool parseNumber(const std::string& s, double& out) {
    if (s.empty()) return false;
    char* end = nullptr;
    out = std::strtod(s.c_str(), &end);
    return end == s.c_str() + s.size();
}

// Numbers from any driver representation (integers, doubles, decimal text, sqliteodbc's numeric text) become
// doubles; dates and timestamps their ISO text; `monthColumns` keep only YYYY-MM.
std::vector<Row> rowsOf(const ResultSet& r, const std::vector<int>& monthColumns) {
    std::vector<Row> rows;
    for (std::size_t i = 0; i < r.rowCount(); ++i) {
        Row row;
        for (std::size_t c = 0; c < r.columns.size(); ++c) {
            const connect::Value v = r.value(i, c);
            Cell cell;
            if (std::holds_alternative<std::monostate>(v)) {
                cell.kind = Cell::Null;
            } else if (std::holds_alternative<bool>(v)) {
                cell = {Cell::Number, std::get<bool>(v) ? 1.0 : 0.0, {}};
            } else if (std::holds_alternative<std::int64_t>(v)) {
                cell = {Cell::Number, double(std::get<std::int64_t>(v)), {}};
            } else if (std::holds_alternative<double>(v)) {
                cell = {Cell::Number, std::get<double>(v), {}};
            } else {
                cell.kind = Cell::Text;
                cell.text = r.toString(i, c);
                double d = 0;
                if (std::count(monthColumns.begin(), monthColumns.end(), int(c))) cell.text = cell.text.substr(0, 7);
                else if (parseNumber(cell.text, d)) cell = {Cell::Number, d, {}};
            }
            row.push_back(std::move(cell));
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

bool rowLess(const Row& a, const Row& b) {
    for (std::size_t c = 0; c < std::min(a.size(), b.size()); ++c) {
        if (a[c].kind != b[c].kind) return a[c].kind < b[c].kind;
        if (a[c].kind == Cell::Number && a[c].number != b[c].number) return a[c].number < b[c].number;
        if (a[c].kind == Cell::Text && a[c].text != b[c].text) return a[c].text < b[c].text;
    }
    return a.size() < b.size();
}

bool closeEnough(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)}); }

std::string show(const Row& row) {
    std::string out;
    for (const auto& c : row)
        out += (out.empty() ? "" : " | ") + (c.kind == Cell::Null ? std::string("NULL") : c.kind == Cell::Text ? c.text : std::to_string(c.number));
    return out;
}

// ---- the expected SQL ----------------------------------------------------------------------------------------
struct Expectation {
    std::string sql;               // same columns, same order as the element
    std::vector<int> monthColumns; // DateTrunc("month", ...) keys, compared as YYYY-MM
    // The planned rows must be sorted on these (column, descending) keys, compared lexicographically.
    std::vector<std::pair<int, bool>> order;
};

std::string nextDay(const std::string& iso) {
    connect::Date d;
    REQUIRE(std::sscanf(iso.c_str(), "%d-%d-%d", &d.year, &d.month, &d.day) == 3);
    return connect::formatDate(connect::daysFromCivil(d) + 1);
}

std::string literal(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

std::map<std::string, Expectation> expectations(sql::DialectId dialect, const ControlValues& v) {
    // Inclusive date window on a date or timestamp column: [start, end + 1 day).
    auto window = [&](const std::string& column) {
        return column + " >= " + literal(v.start) + " AND " + column + " < " + literal(nextDay(v.end));
    };
    auto month = [&](const std::string& column) {
        return dialect == sql::DialectId::SQLite ? "strftime('%Y-%m', " + column + ")" : "to_char(" + column + ", 'YYYY-MM')";
    };
    std::string channels;
    for (const auto& c : v.channels) channels += (channels.empty() ? " AND c.channel_name IN (" : ", ") + literal(c);
    if (!channels.empty()) channels += ")";
    const std::string s =
        "(SELECT s.session_id, s.session_start, s.duration_seconds, s.pages_viewed, s.device, c.channel_name, "
        "c.channel_type, CASE WHEN v.conversion_id IS NULL THEN 0 ELSE 1 END AS converted, "
        "COALESCE(v.conversion_value, 0) AS conversion_value FROM sessions s JOIN channels c ON c.channel_id = s.channel_id "
        "LEFT JOIN conversions v ON v.session_id = s.session_id WHERE " + window("s.session_start") + channels + ")";
    const std::string o = "(SELECT order_id, user_id, order_date, revenue, items, status FROM orders WHERE " + window("order_date") + ")";
    std::map<std::string, Expectation> e;
    e["events"] = {"SELECT event_id, session_id, user_id, event_time, event_type, page FROM user_events", {}, {}};
    e["sessions"] = {"SELECT * FROM " + s + " x", {}, {}};
    e["orders"] = {"SELECT * FROM " + o + " x", {}, {{2, true}}};
    e["channels"] = {"SELECT channel_id, channel_name, channel_type, cost_per_click FROM channels", {}, {}};
    e["kpi-sessions"] = {"SELECT count(DISTINCT session_id) FROM " + s + " x", {}, {}};
    e["kpi-conv-rate"] = {"SELECT 1.0 * sum(converted) / count(session_id) FROM " + s + " x", {}, {}};
    e["kpi-revenue"] = {"SELECT sum(revenue) FROM " + o + " x", {}, {}};
    e["kpi-aov"] = {"SELECT avg(revenue) FROM " + o + " x", {}, {}};
    e["conv-by-channel"] = {"SELECT channel_name, 1.0 * sum(converted) / count(session_id) FROM " + s + " x GROUP BY channel_name", {}, {{1, true}}};
    e["revenue-trend"] = {"SELECT " + month("order_date") + ", sum(revenue) FROM " + o + " x GROUP BY 1", {0}, {{0, false}}};
    e["sessions-area"] = {"SELECT " + month("session_start") + ", count(session_id), channel_type FROM " + s + " x GROUP BY 1, 3", {0}, {{0, false}}};
    e["status-share"] = {"SELECT status, count(order_id) FROM " + o + " x GROUP BY status", {}, {{1, true}}};
    // The pivot's long form: cells, then row totals (per channel), column totals (per device), the grand total.
    e["channel-pivot"] = {"SELECT channel_name, device, sum(conversion_value), 'cell' FROM " + s + " x GROUP BY channel_name, device"
                          " UNION ALL SELECT channel_name, NULL, sum(conversion_value), 'row-total' FROM " + s + " x GROUP BY channel_name"
                          " UNION ALL SELECT NULL, device, sum(conversion_value), 'column-total' FROM " + s + " x GROUP BY device"
                          " UNION ALL SELECT NULL, NULL, sum(conversion_value), 'grand-total' FROM " + s + " x",
                          {}, {}};
    // The grouped table: one row per channel with its channel type's totals and its rank by revenue inside
    // the type; types by revenue descending, then channels by revenue descending.
    e["revenue-by-channel"] = {"SELECT t.channel_type, t.type_value, t.type_sessions, c.channel_name, c.n, c.conv, c.val, "
                               "RANK() OVER (PARTITION BY c.channel_type ORDER BY c.val DESC) FROM (SELECT channel_type, channel_name, "
                               "count(session_id) AS n, sum(converted) AS conv, sum(conversion_value) AS val FROM " + s +
                               " x GROUP BY channel_type, channel_name) c JOIN (SELECT channel_type, sum(conversion_value) AS type_value, "
                               "count(session_id) AS type_sessions FROM " + s + " x GROUP BY channel_type) t ON t.channel_type = c.channel_type",
                               {}, {{1, true}, {6, true}}};
    // The join: every (date-filtered) order, its user, and the channel that acquired the user.
    e["orders-by-acquisition"] = {"SELECT o.order_id, o.order_date, o.revenue, u.country, u.signup_date, c.channel_name, c.channel_type "
                                  "FROM " + o + " o LEFT JOIN users u ON u.user_id = o.user_id "
                                  "LEFT JOIN channels c ON c.channel_id = u.acquisition_channel_id",
                                  {}, {{2, true}, {0, false}}};
    return e;
}

ResultSet runPlan(connect::Connection& connection, const preview::PreviewSession& session, const std::string& id,
                  sql::DialectId dialect) {
    const auto plan = preview::planElement(session, id, sql::dialect(dialect), {kToday, {}, {}});
    std::string diagnostics;
    for (const auto& d : plan.diagnostics) diagnostics += d.rule + ": " + d.message + "\n";
    INFO("element " << id << "\n" << diagnostics);
    REQUIRE(plan.ok());
    INFO(plan.sql);
    ResultSet result;
    REQUIRE_NOTHROW(result = connection.query(plan.sql, preview::toConnectParams(plan.parameters)));
    return result;
}

// A fingerprint of a result: row count and the sum of every numeric cell.
struct Fingerprint {
    long long rows = 0;
    double sum = 0;
};
bool same(const Fingerprint& a, const Fingerprint& b) { return a.rows == b.rows && closeEnough(a.sum, b.sum); }

Fingerprint fingerprint(const ResultSet& r) {
    Fingerprint f;
    for (const auto& row : rowsOf(r, {})) {
        ++f.rows;
        for (const auto& c : row)
            if (c.kind == Cell::Number) f.sum += c.number;
    }
    return f;
}

const std::vector<std::string> kQueryElements = {"events", "sessions", "orders", "channels", "revenue-by-channel",
                                                 "orders-by-acquisition", "kpi-sessions", "kpi-conv-rate", "kpi-revenue", "kpi-aov",
                                                 "conv-by-channel", "revenue-trend", "sessions-area", "status-share", "channel-pivot"};

const Json& sampleContents() {
    static const Json contents = [] {
        auto loaded = doc::loadDocument(sourceDir() + "/resources/examples/marketing.yaml");
        REQUIRE(loaded.ok());
        return *loaded.document->contents();
    }();
    return contents;
}

std::unique_ptr<preview::PreviewSession> openSample() { return std::make_unique<preview::PreviewSession>(sampleContents()); }

// Plans element `id`, runs it and compares its rows with `want` (multisets; numbers within 1e-9 relative) and
// its order with want.orderColumn.
void compareElement(connect::Connection& connection, const preview::PreviewSession& session, sql::DialectId dialect,
                    const std::string& id, const Expectation& want) {
    INFO("element " << id);
    const ResultSet got = runPlan(connection, session, id, dialect);
    INFO(want.sql);
    ResultSet reference;
    REQUIRE_NOTHROW(reference = connection.query(want.sql));
    auto gotRows = rowsOf(got, want.monthColumns);
    auto wantRows = rowsOf(reference, want.monthColumns);
    REQUIRE(got.columns.size() == reference.columns.size());
    REQUIRE(gotRows.size() == wantRows.size());
    CHECK(!gotRows.empty());
    if (!want.order.empty())
        for (std::size_t r = 1; r < gotRows.size(); ++r) {
            bool inOrder = true;
            for (const auto& [column, descending] : want.order) {
                const Cell& a = gotRows[r - 1][column];
                const Cell& b = gotRows[r][column];
                const int cmp = a.kind == Cell::Number ? (a.number < b.number ? -1 : a.number > b.number ? 1 : 0) : a.text.compare(b.text);
                if (cmp == 0) continue; // equal on this key: the next key decides
                inOrder = descending ? cmp > 0 : cmp < 0;
                break;
            }
            INFO("rows " << r - 1 << " and " << r << ": " << show(gotRows[r - 1]) << " / " << show(gotRows[r]));
            CHECK(inOrder);
            if (!inOrder) break;
        }
    std::sort(gotRows.begin(), gotRows.end(), rowLess);
    std::sort(wantRows.begin(), wantRows.end(), rowLess);
    for (std::size_t r = 0; r < gotRows.size(); ++r) {
        bool equal = gotRows[r].size() == wantRows[r].size();
        for (std::size_t c = 0; equal && c < gotRows[r].size(); ++c) {
            const Cell& a = gotRows[r][c];
            const Cell& b = wantRows[r][c];
            equal = a.kind == b.kind && (a.kind == Cell::Null || (a.kind == Cell::Number ? closeEnough(a.number, b.number) : a.text == b.text));
        }
        INFO("row " << r << ": planned " << show(gotRows[r]) << ", expected " << show(wantRows[r]));
        CHECK(equal);
        if (!equal) break; // one mismatch says enough
    }
}

// Element filters of three more kinds on the orders table (number range, negated case-insensitive text
// match, top-n by rank after the other filters), seen by the table and by the KPI and charts built on it.
void checkOrderFilters(connect::Connection& connection, sql::DialectId dialect) {
    Json contents = sampleContents();
    for (auto& element : contents["elements"])
        if (element.value("id", "") == "orders")
            element["filters"] = Json::parse(R"JSON([
              {"id": "f-items", "columnId": "or-items", "kind": "number-range", "min": 2, "max": 4},
              {"id": "f-status", "columnId": "or-status", "kind": "text-match", "mode": "does-not-contain", "value": "SHIP", "case": "insensitive"},
              {"id": "f-top", "columnId": "or-revenue", "kind": "top-n", "rankingFunction": "rank", "mode": "top-n", "rowCount": 10}
            ])JSON");
    const preview::PreviewSession session(contents);
    const std::string o =
        "(SELECT order_id, user_id, order_date, revenue, items, status FROM (SELECT o.*, RANK() OVER (ORDER BY revenue DESC) AS r "
        "FROM orders o WHERE order_date >= '2024-01-01' AND order_date < '2025-01-01' AND items >= 2 AND items <= 4 AND "
        "lower(status) NOT LIKE '%ship%') ranked WHERE r <= 10)";
    compareElement(connection, session, dialect, "orders", {"SELECT * FROM " + o + " x", {}, {{2, true}}});
    compareElement(connection, session, dialect, "kpi-revenue", {"SELECT sum(revenue) FROM " + o + " x", {}, {}});
    compareElement(connection, session, dialect, "status-share",
                   {"SELECT status, count(order_id) FROM " + o + " x GROUP BY status", {}, {{1, true}}});
    const auto rows = connection.query("SELECT count(*) FROM " + o + " x");
    CHECK(rows.value(0, 0) == connect::Value{std::int64_t(10)}); // the filters leave a non-trivial top 10
}

} // namespace

std::vector<std::string> checkEveryElement(connect::Connection& connection, const preview::PreviewSession& session,
                                           sql::DialectId dialect, const ControlValues& values) {
    const auto expected = expectations(dialect, values);
    std::vector<std::string> checked;
    for (const auto& element : session.contents()["elements"]) {
        const std::string id = element.value("id", "");
        if (!element.contains("source") || element.value("kind", "") == "control") continue;
        INFO("element " << id << ", dates " << values.start << ".." << values.end << ", " << values.channels.size() << " channels");
        const auto it = expected.find(id);
        if (it == expected.end()) FAIL("no expected SQL for element '" << id << "'");
        const Expectation& want = it->second;
        compareElement(connection, session, dialect, id, want);
        checked.push_back(id);
    }
    return checked;
}

void checkSampleScenarios(connect::Connection& connection, sql::DialectId dialect) {
    // 1. As authored: 2024 on the date control, every channel.
    auto session = openSample();
    std::map<std::string, Fingerprint> before;
    CHECK(checkEveryElement(connection, *session, dialect, {}) == kQueryElements);
    for (const auto& id : kQueryElements) before[id] = fingerprint(runPlan(connection, *session, id, dialect));

    // 2. Non-default controls: a spring window and two channels.
    REQUIRE(session->setControlFields("session-dates", Json{{"mode", "between"}, {"startDate", "2024-03-01"}, {"endDate", "2024-05-31"}}));
    REQUIRE(session->setControlFields("channel-filter", Json{{"values", {"Email", "Paid Social"}}}));
    CHECK(checkEveryElement(connection, *session, dialect, {"2024-03-01", "2024-05-31", {"Email", "Paid Social"}}) == kQueryElements);
    CHECK(fingerprint(runPlan(connection, *session, "kpi-sessions", dialect)).sum < before["kpi-sessions"].sum);

    // 3. The "Paid search only" button on the authored workbook: the sessions branch (the grouped table
    // included) re-runs and changes; the orders branch (the join included: it reads orders and channels, not
    // the filtered sessions) and the plain tables neither re-run nor change.
    session = openSample();
    preview::ActionEngine engine(*session);
    const auto run = engine.fire({"btn-paid", "on-click", {}, {}});
    REQUIRE(run.ok());
    const std::vector<std::string> sessionBranch = {"sessions", "revenue-by-channel", "kpi-sessions", "kpi-conv-rate", "conv-by-channel",
                                                    "sessions-area", "channel-pivot"};
    CHECK(run.rerun == sessionBranch);
    CHECK(checkEveryElement(connection, *session, dialect, {"2024-01-01", "2024-12-31", {"Paid Search"}}) == kQueryElements);
    for (const auto& id : kQueryElements) {
        INFO("element " << id);
        const bool reran = std::count(sessionBranch.begin(), sessionBranch.end(), id) > 0;
        const Fingerprint after = fingerprint(runPlan(connection, *session, id, dialect));
        if (reran) CHECK_FALSE(same(after, before[id]));
        else CHECK(same(after, before[id]));
    }

    // 4. Element filters of other kinds.
    checkOrderFilters(connection, dialect);
}

} // namespace quire::test::sample
