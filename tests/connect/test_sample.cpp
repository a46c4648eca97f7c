// The sample warehouse generator: deterministic, realistic shapes, readable through ODBC.
#include "connect_helpers.h"

#include <quire/connect/odbc.h>
#include <quire/connect/sample_warehouse.h>

#include <test_support.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <sys/stat.h>

#include <map>
#include <vector>

using namespace quire::connect;

namespace {
struct Recorder final : SampleSink {
    std::map<std::string, std::uint64_t> hash;
    std::string table;
    int columns = 0;
    void beginTable(const std::string& t, const std::string&, int c) override {
        table = t;
        columns = c;
    }
    void row(const char* const* values) override {
        auto& h = hash[table];
        for (int i = 0; i < columns; ++i)
            for (const char* p = values[i] ? values[i] : "\\N"; *p; ++p) h = (h ^ static_cast<unsigned char>(*p)) * 1099511628211ULL;
    }
    void endTable() override {}
};
} // namespace

TEST_CASE("sample: the generator is deterministic and scales with --rows", "[connect][sample]") {
    Recorder a, b, c;
    auto ca = generateSample(a, {20000, 7});
    auto cb = generateSample(b, {20000, 7});
    auto cc = generateSample(c, {20000, 8});
    CHECK(a.hash == b.hash);
    CHECK(a.hash["user_events"] != c.hash["user_events"]);
    CHECK(ca.events == 20000);
    CHECK(ca.users == 1000);
    CHECK(ca.sessions == cb.sessions);
    CHECK(cc.events == 20000);
    CHECK(ca.channels == 8);
    CHECK(ca.orders >= ca.conversions / 2);
}

TEST_CASE("sample: SQLite file through ODBC has realistic distributions", "[connect][sample]") {
    const std::string path = quire::test::makeTempDir("sample") + "/m.db";
    auto counts = generateSqlite(path, {60000, SampleOptions{}.seed});
    auto c = Connection::open("Driver=SQLite3;Database=" + path + ";");
    CHECK(c->query("SELECT count(*) FROM user_events").value(0, 0) == Value{std::int64_t{60000}});
    CHECK(c->query("SELECT count(*) FROM orders").value(0, 0) == Value{counts.orders});
    // conversion rate per channel: Email converts far better than Display
    auto rates = c->query("SELECT s.channel_id, 1.0 * count(v.conversion_id) / count(*) FROM sessions s "
                          "LEFT JOIN conversions v ON v.session_id = s.session_id GROUP BY s.channel_id ORDER BY 1");
    REQUIRE(rates.rowCount() == 8);
    const double email = std::get<double>(rates.value(3, 1)), display = std::get<double>(rates.value(4, 1));
    CHECK(email > 3 * display);
    // seasonality: November has more sessions than February
    auto months = c->query("SELECT strftime('%m', session_start) m, count(*) FROM sessions GROUP BY m ORDER BY m");
    REQUIRE(months.rowCount() == 12);
    CHECK(std::get<std::int64_t>(months.value(10, 1)) > std::get<std::int64_t>(months.value(1, 1)) * 3 / 2);
    // revenue skew: mean above median
    auto rev = c->query("SELECT avg(revenue), (SELECT revenue FROM orders ORDER BY revenue LIMIT 1 OFFSET "
                        "(SELECT count(*) / 2 FROM orders)) FROM orders");
    CHECK(std::get<double>(rev.value(0, 0)) > std::stod(rev.toString(0, 1)) * 1.2);
}

TEST_CASE("sample: generating over a link replaces its target, special files are refused", "[connect][sample]") {
    namespace fs = std::filesystem;
    const std::string dir = quire::test::makeTempDir("sample-target");
    fs::create_symlink("real.db", dir + "/link.db");
    generateSqlite(dir + "/link.db", {2000, SampleOptions{}.seed});
    CHECK(fs::is_symlink(dir + "/link.db"));
    auto c = Connection::open("Driver=SQLite3;Database=" + dir + "/real.db;");
    CHECK(c->query("SELECT count(*) FROM user_events").value(0, 0) == Value{std::int64_t{2000}});

    REQUIRE(::mkfifo((dir + "/fifo").c_str(), 0600) == 0);
    try {
        generateSqlite(dir + "/fifo", {2000, SampleOptions{}.seed});
        FAIL("a FIFO was replaced");
    } catch (const std::runtime_error& e) {
        CHECK_THAT(e.what(), Catch::Contains("not a regular file"));
    }
    CHECK(fs::is_fifo(dir + "/fifo"));
    for (const auto& e : fs::directory_iterator(dir)) CHECK(e.path().filename().string().find("quire-tmp") == std::string::npos);
}

TEST_CASE("sample: progress is reported on the way and a cancel leaves no file", "[connect][sample]") {
    namespace fs = std::filesystem;
    const std::string dir = quire::test::makeTempDir("sample-progress");
    std::vector<SampleProgress> calls;
    SampleOptions options{20000, SampleOptions{}.seed, [&](const SampleProgress& p) {
                              calls.push_back(p);
                              return true;
                          }};
    const auto counts = generateSqlite(dir + "/p.db", options);
    REQUIRE(calls.size() > 5);
    const std::int64_t total = counts.users + counts.channels + counts.campaigns + counts.sessions + counts.events +
                               counts.conversions + counts.orders;
    // Rows only grow, stay below the estimate until the last call, which is exact and complete.
    for (std::size_t i = 1; i < calls.size(); ++i) CHECK(calls[i].rows >= calls[i - 1].rows);
    for (std::size_t i = 0; i + 1 < calls.size(); ++i) CHECK(calls[i].rows < calls[i].expectedRows);
    CHECK(calls.back().rows == total);
    CHECK(calls.back().expectedRows == total);
    // The estimate is close to the truth (the bar does not jump at the end).
    CHECK(std::abs(double(expectedSampleRows(options) - total)) < 0.05 * double(total));
    std::vector<std::string> tables;
    for (const auto& c : calls)
        if (!c.table.empty() && (tables.empty() || tables.back() != c.table)) tables.push_back(c.table);
    CHECK(tables == std::vector<std::string>{"channels", "campaigns", "users", "sessions", "user_events", "conversions", "orders"});

    // Cancelling half way: SampleCancelled, the old file untouched, no temporary left.
    const auto before = fs::file_size(dir + "/p.db");
    SampleOptions stop{20000, 99, [](const SampleProgress& p) { return p.rows < 8000; }};
    CHECK_THROWS_AS(generateSqlite(dir + "/p.db", stop), SampleCancelled);
    CHECK(fs::file_size(dir + "/p.db") == before);
    CHECK_THROWS_AS(generateSqlite(dir + "/new.db", stop), SampleCancelled);
    CHECK_FALSE(fs::exists(dir + "/new.db"));
    for (const auto& e : fs::directory_iterator(dir)) CHECK(e.path().filename().string().find("quire-tmp") == std::string::npos);
}
