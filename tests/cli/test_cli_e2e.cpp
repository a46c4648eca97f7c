// End to end on the embedded SQLite sample warehouse: `warehouse generate`, `sql`, `catalog`, `compile`,
// `preview` and `connections`, each checked against values computed independently with the SQLite C API.
#include "cli_run.h"

#include <catch2/catch.hpp>
#include <quire/core/json.h>
#include <sqlite3.h>
#include <test_support.h>

#include <algorithm>

using namespace quire::test::cli;
using quire::Json;

namespace {

constexpr const char* kSample = "6a1e3c2b-5d4f-4e8a-9b7c-0d1f2e3a4b5c";

std::string marketing() { return shellQuote(quire::test::sourceDir() + "/resources/examples/marketing.yaml"); }

double number(const std::string& text) { return std::stod(text); }

// Writes `workbook` as indented JSON to `file` and returns the file's path.
std::string writeWorkbook(const std::string& file, const Json& workbook) {
    FILE* out = std::fopen(file.c_str(), "w");
    REQUIRE(out);
    const std::string text = workbook.dump(2);
    std::fwrite(text.data(), 1, text.size(), out);
    std::fclose(out);
    return file;
}

// A one-page workbook of `elements` (JSON text of an array), stacked full width; an element without a source
// reads the embedded sample's orders table.
Json ordersWorkbook(const std::string& name, const std::string& elementsJson) {
    Json elements = Json::parse(elementsJson);
    std::string layout = "<Page id=\"p\">";
    int row = 1;
    for (Json& e : elements) {
        if (!e.contains("source"))
            e["source"] = Json{{"kind", "warehouse-table"}, {"connectionId", kSample}, {"path", Json::array({"main", "orders"})}};
        layout += "<Element elementId=\"" + e["id"].get<std::string>() + "\" gridColumn=\"1 / 25\" gridRow=\"" +
                  std::to_string(row) + " / " + std::to_string(row + 4) + "\"/>";
        row += 4;
    }
    layout += "</Page>";
    return Json{{"name", name},
                {"folderId", "f"},
                {"contents", {{"schemaVersion", 1},
                              {"kind", "workbook"},
                              {"pages", Json::array({Json{{"id", "p"}, {"name", "P"}}})},
                              {"elements", std::move(elements)},
                              {"layout", layout}}}};
}

Json jsonOut(const Run& r) {
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    return Json::parse(r.out);
}

std::vector<std::string> sqliteColumn(const std::string& database, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    std::vector<std::string> out;
    while (sqlite3_step(st) == SQLITE_ROW) out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

// Runs SQL with `?` placeholders and quire's parameter list ([{"t": type, "v": value}]) on the SQLite file.
double sqliteWithParams(const std::string& database, const std::string& sql, const Json& params) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    const int prepared = sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
    INFO(sql << ": " << sqlite3_errmsg(db));
    REQUIRE(prepared == SQLITE_OK);
    int i = 1;
    for (const auto& p : params) {
        const Json& v = p["v"];
        if (v.is_string()) sqlite3_bind_text(st, i, v.get<std::string>().c_str(), -1, SQLITE_TRANSIENT);
        else if (v.is_boolean()) sqlite3_bind_int(st, i, v.get<bool>());
        else if (v.is_number_integer()) sqlite3_bind_int64(st, i, v.get<long long>());
        else sqlite3_bind_double(st, i, v.get<double>());
        ++i;
    }
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    const double value = sqlite3_column_double(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return value;
}

struct SampleBox {
    Sandbox box{"cli-e2e"};
    std::string db;
    SampleBox() {
        box.generateSample(3000);
        db = box.sampleDatabase();
    }
};

} // namespace

TEST_CASE("quire warehouse generate reports the row counts the file holds", "[cli][e2e]") {
    Sandbox box("cli-generate");
    const Run r = box.run("warehouse generate --rows 2000 -o " + shellQuote(box.dir + "/m.db"));
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    for (const std::string table : {"users", "channels", "campaigns", "sessions", "user_events", "conversions", "orders"}) {
        const std::string count = sqliteScalar(box.dir + "/m.db", "SELECT count(*) FROM " + table);
        INFO(table << " " << r.out);
        CHECK(std::stoll(count) > 0);
        CHECK_THAT(r.out, Catch::Contains(table + " " + count));
    }
    CHECK(sqliteScalar(box.dir + "/m.db", "SELECT count(*) FROM user_events") == "2000");
}

TEST_CASE("quire warehouse generate draws a progress bar on a terminal or when asked, never in a pipe", "[cli][e2e]") {
    Sandbox box("cli-generate-progress");
    const Run always = box.run("warehouse generate --rows 30000 --progress always -o " + shellQuote(box.dir + "/a.db"));
    INFO(always.err);
    REQUIRE(always.exitCode == 0);
    // One line redrawn in place (\r), ending at 100% with every row counted, and the tables named on the way.
    CHECK_THAT(always.err, Catch::Contains("\r"));
    CHECK_THAT(always.err, Catch::Contains("sample warehouse ["));
    CHECK_THAT(always.err, Catch::Contains("user_events"));
    const auto last = always.err.substr(always.err.rfind('\r'));
    CHECK_THAT(last, Catch::Contains("100%"));
    long long total = 0;
    for (const std::string table : {"users", "channels", "campaigns", "sessions", "user_events", "conversions", "orders"})
        total += std::stoll(sqliteScalar(box.dir + "/a.db", "SELECT count(*) FROM " + table));
    CHECK_THAT(last, Catch::Contains(std::to_string(total) + " of " + std::to_string(total)));
    // stderr is a pipe here: auto draws nothing, nor does never.
    for (const std::string mode : {"", " --progress never"}) {
        const Run quiet = box.run("warehouse generate --rows 3000" + mode + " -o " + shellQuote(box.dir + "/q.db"));
        REQUIRE(quiet.exitCode == 0);
        CHECK(quiet.err.find('\r') == std::string::npos);
    }
    CHECK(box.run("warehouse generate --progress sometimes -o " + shellQuote(box.dir + "/x.db")).exitCode != 0);
}

TEST_CASE("quire sql runs on the built-in sample connection", "[cli][e2e]") {
    SampleBox s;
    const Json agg = jsonOut(s.box.run("sql sample " + shellQuote("SELECT count(*) AS n, sum(revenue) AS r FROM orders") + " --format json"));
    REQUIRE(agg.size() == 1);
    CHECK(agg[0]["n"].get<long long>() == std::stoll(sqliteScalar(s.db, "SELECT count(*) FROM orders")));
    CHECK(agg[0]["r"].get<double>() == Approx(number(sqliteScalar(s.db, "SELECT sum(revenue) FROM orders"))));

    // By connectionId, CSV, every row.
    const Run csv = s.box.run("sql " + std::string(kSample) + " " +
                              shellQuote("SELECT channel_name FROM channels ORDER BY channel_id") + " --format csv");
    INFO(csv.err);
    REQUIRE(csv.exitCode == 0);
    std::string expected = "channel_name\n";
    for (const auto& name : sqliteColumn(s.db, "SELECT channel_name FROM channels ORDER BY channel_id")) expected += name + "\n";
    std::string got = csv.out;
    got.erase(std::remove(got.begin(), got.end(), '\r'), got.end());
    got.erase(std::remove(got.begin(), got.end(), '"'), got.end());
    CHECK(got == expected);

    const Run bad = s.box.run("sql sample " + shellQuote("SELECT * FROM no_such_table"));
    CHECK(bad.exitCode != 0);
    CHECK_THAT(bad.err, Catch::Contains("no_such_table"));
}

TEST_CASE("quire catalog lists the sample's tables and columns", "[cli][e2e]") {
    SampleBox s;
    const Run all = s.box.run("catalog sample");
    INFO(all.err);
    REQUIRE(all.exitCode == 0);
    for (const auto& table : sqliteColumn(s.db, "SELECT name FROM sqlite_master WHERE type = 'table'"))
        CHECK_THAT(all.out, Catch::Contains(table + " (TABLE)"));

    const Run orders = s.box.run("catalog sample --table orders --preview 2");
    INFO(orders.err);
    REQUIRE(orders.exitCode == 0);
    for (const auto& column : sqliteColumn(s.db, "SELECT name FROM pragma_table_info('orders')"))
        CHECK_THAT(orders.out, Catch::Contains("  " + column + "  "));
    CHECK_THAT(orders.out, Catch::Contains(sqliteScalar(s.db, "SELECT order_id FROM orders LIMIT 1")));

    const Run missing = s.box.run("catalog sample --table nope");
    CHECK(missing.exitCode == 1);
    CHECK_THAT(missing.err, Catch::Contains("no table 'nope' found"));
}

TEST_CASE("quire compile prints SQL and parameters that give the element's value", "[cli][e2e]") {
    SampleBox s;
    const Run r = s.box.run("compile " + marketing() + " --element kpi-revenue --dialect sqlite");
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const std::string marker = ";\n-- parameters (in placeholder order): ";
    const auto at = r.out.rfind(marker);
    REQUIRE(at != std::string::npos);
    const std::string sql = r.out.substr(0, at);
    const Json params = Json::parse(r.out.substr(at + marker.size()));
    CHECK(params.size() >= 2); // the document's date range, bound, never spliced in
    CHECK(sql.find("2024-01-01") == std::string::npos);
    // The document's control: between 2024-01-01 and 2024-12-31.
    const double want = number(sqliteScalar(s.db, "SELECT sum(revenue) FROM orders WHERE order_date >= '2024-01-01' AND order_date < '2025-01-01'"));
    CHECK(sqliteWithParams(s.db, sql, params) == Approx(want));

    const Run unknown = s.box.run("compile " + marketing() + " --element nope --dialect sqlite");
    CHECK(unknown.exitCode == 1);
    CHECK_THAT(unknown.err, Catch::Contains("no element with id 'nope'"));
}

TEST_CASE("quire preview runs elements with control values on the sample", "[cli][e2e]") {
    SampleBox s;
    const Json revenue = jsonOut(s.box.run("preview " + marketing() +
                                           " --element kpi-revenue --control session-dates=2024-03-01..2024-06-30 --format json"));
    REQUIRE(revenue.size() == 1);
    const double want = number(sqliteScalar(s.db, "SELECT sum(revenue) FROM orders WHERE order_date >= '2024-03-01' AND order_date < '2024-07-01'"));
    CHECK(revenue[0].begin()->get<double>() == Approx(want));

    // Two channels, and the document's own date range.
    const auto names = sqliteColumn(s.db, "SELECT channel_name FROM channels ORDER BY channel_id LIMIT 2");
    REQUIRE(names.size() == 2);
    const Json sessions = jsonOut(s.box.run("preview " + marketing() + " --element kpi-sessions --format json --control " +
                                            shellQuote("channel-filter=" + names[0]) + " --control " +
                                            shellQuote("channel-filter=" + names[1])));
    REQUIRE(sessions.size() == 1);
    const std::string count = sqliteScalar(
        s.db, "SELECT count(DISTINCT s.session_id) FROM sessions s JOIN channels c ON c.channel_id = s.channel_id "
              "WHERE c.channel_name IN ('" + names[0] + "', '" + names[1] + "') "
              "AND s.session_start >= '2024-01-01' AND s.session_start < '2025-01-01'");
    CHECK(sessions[0].begin()->get<long long>() == std::stoll(count));
    CHECK(std::stoll(count) > 0);

    // A page of a table: --limit and --offset.
    const Json page = jsonOut(s.box.run("preview " + marketing() + " --element channels --format json --limit 3 --offset 2"));
    const long long channels = std::stoll(sqliteScalar(s.db, "SELECT count(*) FROM channels"));
    CHECK(static_cast<long long>(page.size()) == std::min<long long>(3, std::max<long long>(0, channels - 2)));
}

TEST_CASE("quire preview of a trellised chart prints its trellis column, grouped and panel by panel", "[cli][e2e]") {
    SampleBox s;
    const std::string gallery = shellQuote(quire::test::sourceDir() + "/resources/examples/gallery.yaml");
    const Json rows = jsonOut(s.box.run("preview " + gallery + " --element trellis-bars --format json --limit 500"));
    const auto groups = sqliteColumn(s.db, "SELECT s.device || '|' || c.channel_name || '|' || count(*) FROM sessions s "
                                           "JOIN channels c ON c.channel_id = s.channel_id GROUP BY s.device, c.channel_name "
                                           "ORDER BY s.device, c.channel_name");
    REQUIRE(rows.size() == groups.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        REQUIRE(rows[i].contains("Device"));
        CHECK(rows[i]["Device"].get<std::string>() + "|" + rows[i]["Channel"].get<std::string>() + "|" +
                  std::to_string(rows[i]["Sessions"].get<long long>()) == groups[i]);
    }
}

TEST_CASE("quire connections list, add, test and remove in an isolated config directory", "[cli][e2e]") {
    SampleBox s;
    const Run empty = s.box.run("connections list");
    INFO(empty.err);
    REQUIRE(empty.exitCode == 0);
    CHECK_THAT(empty.out, Catch::Contains("profiles (" + s.box.connectionsFile() + "):"));
    CHECK_THAT(empty.out, Catch::Contains("sample  sqlite  connectionId=" + std::string(kSample) + "  (built in)"));

    const Run add = s.box.run("connections add local --type sqlite --database " + shellQuote(s.db) + " --connection-id conn-local");
    INFO(add.err);
    REQUIRE(add.exitCode == 0);
    CHECK_THAT(add.out, Catch::Contains("saved local to " + s.box.connectionsFile()));
    const Json file = Json::parse(quire::test::readFile(s.box.connectionsFile()));
    CHECK(file["connections"]["local"]["connectionId"] == "conn-local");

    const Run listed = s.box.run("connections list");
    CHECK_THAT(listed.out, Catch::Contains("local  sqlite  connectionId=conn-local"));
    const Run test = s.box.run("connections test local");
    INFO(test.err);
    CHECK(test.exitCode == 0);
    CHECK_THAT(test.out, Catch::Contains("local: OK (SQLite"));
    // The profile serves queries by name and by connectionId.
    const Json n = jsonOut(s.box.run("sql conn-local " + shellQuote("SELECT count(*) AS n FROM users") + " --format json"));
    CHECK(n[0]["n"].get<long long>() == std::stoll(sqliteScalar(s.db, "SELECT count(*) FROM users")));

    const Run broken = s.box.run("connections add broken --type sqlite --database " + shellQuote(s.box.dir + "/no/such/dir/x.db"));
    REQUIRE(broken.exitCode == 0);
    const Run failed = s.box.run("connections test broken");
    CHECK(failed.exitCode == 1);
    CHECK_THAT(failed.err, Catch::Contains("broken: FAILED"));

    const Run removed = s.box.run("connections remove local");
    CHECK(removed.exitCode == 0);
    CHECK_THAT(removed.out, Catch::Contains("removed local"));
    const Run after = s.box.run("connections list");
    CHECK_THAT(after.out, !Catch::Contains("local  sqlite"));
    CHECK_THAT(after.out, Catch::Contains("broken  sqlite"));
    const Run again = s.box.run("connections remove local");
    CHECK(again.exitCode == 1);
    CHECK_THAT(again.err, Catch::Contains("no removable profile 'local'"));
    const Run builtIn = s.box.run("connections remove sample");
    CHECK(builtIn.exitCode == 1);
}

TEST_CASE("quire preview runs the functions SQLite lacks on the embedded sample (the Quire extension)", "[cli][e2e]") {
    SampleBox s;
    const Json workbook = ordersWorkbook("Ext", R"~([
          {"id": "kpi", "kind": "kpi-chart", "name": "Median revenue",
           "columns": [{"id": "m", "name": "Median", "formula": "Median([orders/revenue])"}], "value": {"columnId": "m"}},
          {"id": "t", "kind": "table", "name": "Statuses",
           "columns": [{"id": "st", "name": "Status", "formula": "[orders/status]"},
                       {"id": "first", "name": "First letters", "formula": "RegexpExtract([orders/status], \"^[a-z]{2}\")"},
                       {"id": "part", "name": "Padded", "formula": "Lpad(Reverse([orders/status]), 12, \".\")"}],
           "sort": [{"columnId": "st", "direction": "ascending"}]}])~");
    const std::string file = writeWorkbook(s.box.dir + "/ext.json", workbook);
    // Median by hand from the values
    auto values = sqliteColumn(s.db, "SELECT revenue FROM orders WHERE revenue IS NOT NULL ORDER BY revenue");
    REQUIRE(values.size() > 2);
    const std::size_t n = values.size();
    const double median = n % 2 ? number(values[n / 2]) : (number(values[n / 2 - 1]) + number(values[n / 2])) / 2;
    const Json kpi = jsonOut(s.box.run("preview " + shellQuote(file) + " --element kpi --format json"));
    REQUIRE(kpi.size() == 1);
    CHECK(kpi[0].begin()->get<double>() == Approx(median));

    const Json rows = jsonOut(s.box.run("preview " + shellQuote(file) + " --element t --format json --limit 1"));
    REQUIRE(rows.size() == 1);
    const std::string status = rows[0]["Status"].get<std::string>();
    std::string reversed(status.rbegin(), status.rend());
    CHECK(rows[0]["First letters"] == status.substr(0, 2));
    CHECK(rows[0]["Padded"] == std::string(12 - std::min<std::size_t>(12, reversed.size()), '.') + reversed.substr(0, 12));
}

// Issue #14 §1: the first row of Lag (and the last of Lead) is null, and the SQLite ODBC driver types a result
// column without a declared type by its first value, so the numbers came back as text.
TEST_CASE("quire preview gives Lag and Lead of a number column as numbers on the embedded engine", "[cli][e2e]") {
    SampleBox s;
    const Json workbook = ordersWorkbook("Lag", R"~([
          {"id": "t", "kind": "table", "name": "Orders",
           "columns": [{"id": "id", "name": "Id", "formula": "[orders/order_id]"},
                       {"id": "rev", "name": "Revenue", "formula": "[orders/revenue]"},
                       {"id": "items", "name": "Items", "formula": "[orders/items]"},
                       {"id": "prev", "name": "Previous", "formula": "Lag([Revenue])"},
                       {"id": "next", "name": "Next items", "formula": "Lead([Items], 2)"}],
           "sort": [{"columnId": "id", "direction": "ascending"}]}])~");
    const std::string file = writeWorkbook(s.box.dir + "/lag.json", workbook);
    const auto revenue = sqliteColumn(s.db, "SELECT revenue FROM orders ORDER BY order_id LIMIT 3");
    const auto items = sqliteColumn(s.db, "SELECT COALESCE(items, '') FROM orders ORDER BY order_id LIMIT 5");
    REQUIRE(items.size() == 5);
    const Json rows = jsonOut(s.box.run("preview " + shellQuote(file) + " --element t --format json --limit 3"));
    REQUIRE(rows.size() == 3);
    CHECK(rows[0]["Previous"].is_null());
    for (int r = 1; r < 3; ++r) {
        INFO(rows[r].dump());
        REQUIRE(rows[r]["Previous"].is_number());
        CHECK(rows[r]["Previous"].get<double>() == Approx(number(revenue[r - 1])));
    }
    for (int r = 0; r < 3; ++r) {
        INFO(rows[r].dump());
        if (items[r + 2].empty()) continue;
        REQUIRE(rows[r]["Next items"].is_number_integer());
        CHECK(rows[r]["Next items"].get<long long>() == std::stoll(items[r + 2]));
    }
}

// SQLite reads a double-quoted name that is no column as a string literal: without the extension turning that
// off, a misspelled column previewed as its own name in every row.
TEST_CASE("quire preview on the embedded sample fails on a misspelled column instead of showing its name as data", "[cli][e2e]") {
    SampleBox s;
    const Json workbook = ordersWorkbook("Typo", R"~([
          {"id": "t", "kind": "table", "name": "Orders",
           "columns": [{"id": "st", "name": "Status", "formula": "[orders/status]"},
                       {"id": "typo", "name": "Revenue", "formula": "[orders/revnue]"}]}])~");
    const std::string file = writeWorkbook(s.box.dir + "/typo.json", workbook);
    const Run r = s.box.run("preview " + shellQuote(file) + " --element t --format json --limit 3");
    INFO(r.out << r.err);
    CHECK(r.exitCode != 0);
    CHECK_THAT(r.err, Catch::Contains("no such column: revnue"));
    CHECK_THAT(r.out, !Catch::Contains("\"revnue\""));
}
