// End to end on the throwaway PostgreSQL fixture (its sample warehouse): a profile added with its password in
// the environment (never on the command line), `connections test`, `sql`, `catalog`, `preview` checked against
// psql, and a warehouse that drops the connection mid-query.
#include "cli_run.h"

#include <catch2/catch.hpp>
#include <quire/core/json.h>
#include <test_support.h>

#include <chrono>
#include <fstream>
#include <thread>
#include <unistd.h>

using namespace quire::test::cli;
using quire::Json;

namespace {

constexpr const char* kSample = "6a1e3c2b-5d4f-4e8a-9b7c-0d1f2e3a4b5c";

// A sandbox with profile `pg` on the fixture, serving the sample's connectionId.
struct PgBox {
    Sandbox box{"cli-pg"};
    PgBox() {
        REQUIRE_FALSE(pgEnv("QUIRE_PG_HOST").empty());
        box.env.push_back("QUIRE_SECRET_CONNECTION_PG_PASSWORD=" + pgEnv("QUIRE_PG_PASSWORD"));
        const Run add = box.run("connections add pg --type postgresql --host " + shellQuote(pgEnv("QUIRE_PG_HOST")) +
                                " --port " + pgEnv("QUIRE_PG_PORT") + " --database " + shellQuote(pgEnv("QUIRE_PG_DATABASE")) +
                                " --user " + shellQuote(pgEnv("QUIRE_PG_USER")) + " --connection-id " + kSample);
        INFO(add.err);
        REQUIRE(add.exitCode == 0);
        CHECK_THAT(add.err, Catch::Contains("secret connection/pg/password: found in"));
    }
};

Json jsonOut(const Run& r) {
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    return Json::parse(r.out);
}

} // namespace

TEST_CASE("quire connections, sql and catalog on PostgreSQL", "[pg][cli][e2e]") {
    PgBox p;
    // The password came from the environment and is nowhere in the file.
    CHECK_THAT(quire::test::readFile(p.box.connectionsFile()), !Catch::Contains(pgEnv("QUIRE_PG_PASSWORD")));
    const Run test = p.box.run("connections test pg");
    INFO(test.err);
    CHECK(test.exitCode == 0);
    CHECK_THAT(test.out, Catch::Contains("pg: OK (PostgreSQL"));

    const Json agg = jsonOut(p.box.run("sql pg " + shellQuote("SELECT count(*) AS n, sum(revenue) AS r FROM orders") + " --format json"));
    CHECK(agg[0]["n"].get<long long>() == std::stoll(psql("SELECT count(*) FROM orders")));
    CHECK(std::stod(agg[0]["r"].is_string() ? agg[0]["r"].get<std::string>() : agg[0]["r"].dump()) ==
          Approx(std::stod(psql("SELECT sum(revenue) FROM orders"))));

    const Run catalog = p.box.run("catalog pg public --table orders");
    INFO(catalog.err);
    REQUIRE(catalog.exitCode == 0);
    CHECK_THAT(catalog.out, Catch::Contains("public.orders (TABLE)"));
    const std::string columns = psql("SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns "
                                     "WHERE table_schema = 'public' AND table_name = 'orders'");
    std::size_t from = 0;
    for (std::size_t comma; from <= columns.size(); from = comma + 1) {
        comma = columns.find(',', from);
        if (comma == std::string::npos) comma = columns.size();
        CHECK_THAT(catalog.out, Catch::Contains("  " + columns.substr(from, comma - from) + "  "));
    }

    // A wrong password: a clear failure that does not echo it.
    Sandbox wrong = p.box;
    wrong.env = {"QUIRE_SECRET_CONNECTION_PG_PASSWORD=not-the-password-4711"};
    const Run failed = wrong.run("connections test pg");
    CHECK(failed.exitCode == 1);
    CHECK_THAT(failed.err, Catch::Contains("pg: FAILED"));
    CHECK_THAT(failed.err, !Catch::Contains("not-the-password-4711"));
}

TEST_CASE("quire preview runs the sample workbook on PostgreSQL", "[pg][cli][e2e]") {
    PgBox p;
    const std::string workbook = shellQuote(quire::test::sourceDir() + "/resources/examples/marketing.yaml");
    const Json revenue = jsonOut(p.box.run("preview " + workbook + " --element kpi-revenue --format json "
                                           "--control session-dates=2024-03-01..2024-06-30"));
    REQUIRE(revenue.size() == 1);
    const Json& value = *revenue[0].begin();
    const double got = value.is_string() ? std::stod(value.get<std::string>()) : value.get<double>();
    CHECK(got == Approx(std::stod(psql("SELECT sum(revenue) FROM orders WHERE order_date >= '2024-03-01' AND order_date < '2024-07-01'"))));
}

TEST_CASE("quire preview prints what quire sql prints for the same values (exact decimals, typed dates)", "[pg][cli][e2e]") {
    // preview runs through the preview pipeline (scheduler, pool, result cache); sql reads the driver directly.
    PgBox p;
    const std::string statement =
        "SELECT 12345678901234567.1234567890::numeric(38,10) AS d, 0.10::numeric(5,2) AS cents, DATE '2024-02-29' AS day, "
        "TIMESTAMP '2024-02-29 13:45:06.123456' AS ts, 'a,\"b\"' AS t, NULL::numeric AS n, 7::bigint AS i, true AS b";
    Json columns = Json::array();
    for (const char* name : {"d", "cents", "day", "ts", "t", "n", "i", "b"})
        columns.push_back({{"id", name}, {"name", name}, {"formula", std::string("[Custom SQL/") + name + "]"}});
    const Json workbook = {{"name", "Typed"},
                           {"contents", {{"schemaVersion", 1}, {"kind", "workbook"}, {"pages", {{{"id", "p1"}, {"name", "One"}}}},
                                         {"elements", {{{"id", "typed"}, {"kind", "table"}, {"name", "Typed"},
                                                        {"source", {{"kind", "sql"}, {"connectionId", kSample}, {"statement", statement}}},
                                                        {"columns", columns}}}},
                                         {"layout", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Page id=\"p1\"><Element elementId=\"typed\"/></Page>\n"}}}};
    const std::string file = p.box.dir + "/typed.json";
    std::ofstream(file) << workbook.dump();
    for (const char* format : {"csv", "json", "table"}) {
        INFO(format);
        const Run preview = p.box.run("preview " + shellQuote(file) + " --element typed --format " + format);
        const Run direct = p.box.run("sql pg " + shellQuote(statement) + " --format " + format);
        INFO(preview.err << direct.err);
        REQUIRE(preview.exitCode == 0);
        REQUIRE(direct.exitCode == 0);
        CHECK(preview.out == direct.out);
    }
    CHECK_THAT(p.box.run("preview " + shellQuote(file) + " --element typed --format csv").out,
               Catch::Contains("12345678901234567.1234567890,0.10,2024-02-29,2024-02-29 13:45:06.123456,\"a,\"\"b\"\"\",,7,true"));
}

TEST_CASE("a warehouse that drops the connection mid-query ends quire with a clear error", "[pg][cli][fault]") {
    PgBox p;
    // A marker only this process's statement carries: other [pg] tests may be sleeping on the same server.
    const std::string marker = "quire_cli_fault_" + std::to_string(::getpid());
    const std::string workbook = p.box.dir + "/slow.json";
    const Json slow = {{"name", "Slow"},
                       {"contents", {{"schemaVersion", 1}, {"kind", "workbook"}, {"pages", {{{"id", "p1"}, {"name", "One"}}}},
                                     {"elements", {{{"id", "slow"}, {"kind", "table"}, {"name", "Slow"},
                                                    {"source", {{"kind", "sql"}, {"connectionId", kSample},
                                                                {"statement", "SELECT count(*) AS v FROM (SELECT pg_sleep(30) AS " + marker + "_p) s"}}},
                                                    {"columns", {{{"id", "v"}, {"name", "V"}, {"formula", "[Custom SQL/v]"}}}}}}},
                                     {"layout", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Page id=\"p1\"><Element elementId=\"slow\"/></Page>\n"}}}};
    std::ofstream(workbook) << slow.dump();

    const std::vector<std::pair<std::string, std::string>> commands = {
        {"sql", "sql pg " + shellQuote("SELECT pg_sleep(30) AS " + marker + "_s")},
        {"preview", "preview " + shellQuote(workbook) + " --element slow"},
    };
    for (const auto& [name, arguments] : commands) {
        INFO(name);
        const auto running = p.box.start(arguments);
        const std::string activity = "FROM pg_stat_activity WHERE query LIKE '%" + marker + "%' AND pid <> pg_backend_pid()";
        bool seen = false;
        for (int i = 0; i < 200 && !seen; ++i) {
            seen = psql("SELECT count(*) " + activity) != "0";
            if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        if (!seen) p.box.wait(running, 1); // reap it before failing
        REQUIRE(seen);
        const auto t0 = std::chrono::steady_clock::now();
        CHECK(psql("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) " + activity + ") t") == "1");
        // 20 s only guards against a hang (the statement itself would sleep 30 s).
        const auto done = p.box.wait(running, 20);
        REQUIRE(done);
        INFO(done->out << done->err);
        CHECK(done->exitCode != 0);
        CHECK(done->exitCode != 124); // not the hang guard
        CHECK_THAT(done->err, Catch::StartsWith("quire: error: ") &&
                                  Catch::Contains("terminating connection due to administrator command"));
        CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(20));
    }
}

// Issue #14 §1: Lag and Lead give numbers on PostgreSQL as on the embedded engine (test_cli_e2e.cpp).
TEST_CASE("quire preview gives Lag and Lead of a number column as numbers on PostgreSQL", "[pg][cli][e2e]") {
    PgBox p;
    const Json columns = Json::parse(R"~([{"id": "id", "name": "Id", "formula": "[orders/order_id]"},
        {"id": "rev", "name": "Revenue", "formula": "[orders/revenue]"},
        {"id": "items", "name": "Items", "formula": "[orders/items]"},
        {"id": "prev", "name": "Previous", "formula": "Lag([Revenue])"},
        {"id": "next", "name": "Next items", "formula": "Lead([Items], 2)"}])~");
    const Json workbook = {{"name", "Lag"},
                           {"contents", {{"schemaVersion", 1}, {"kind", "workbook"}, {"pages", {{{"id", "p1"}, {"name", "One"}}}},
                                         {"elements", {{{"id", "t"}, {"kind", "table"}, {"name", "Orders"},
                                                        {"source", {{"kind", "warehouse-table"}, {"connectionId", kSample},
                                                                    {"path", {"main", "orders"}}}},
                                                        {"columns", columns},
                                                        {"sort", {{{"columnId", "id"}, {"direction", "ascending"}}}}}}},
                                         {"layout", "<Page id=\"p1\"><Element elementId=\"t\"/></Page>"}}}};
    const std::string file = p.box.dir + "/lag.json";
    std::ofstream(file) << workbook.dump();
    const Json rows = jsonOut(p.box.run("preview " + shellQuote(file) + " --element t --format json --limit 3"));
    REQUIRE(rows.size() == 3);
    CHECK(rows[0]["Previous"].is_null());
    for (int r = 1; r < 3; ++r) {
        INFO(rows[r].dump());
        REQUIRE(rows[r]["Previous"].is_number());
        CHECK(rows[r]["Previous"].get<double>() ==
              Approx(std::stod(psql("SELECT revenue FROM orders ORDER BY order_id LIMIT 1 OFFSET " + std::to_string(r - 1)))));
    }
    for (int r = 0; r < 3; ++r) {
        const std::string items = psql("SELECT items FROM orders ORDER BY order_id LIMIT 1 OFFSET " + std::to_string(r + 2));
        if (items.empty()) continue;
        INFO(rows[r].dump());
        REQUIRE(rows[r]["Next items"].is_number_integer());
        CHECK(rows[r]["Next items"].get<long long>() == std::stoll(items));
    }
}

// psqlODBC converts SQL_C_CHAR results to the process's locale encoding, which it sets from the environment: under
// a non-UTF-8 locale (LANG=C in a cron job or a container) text read as narrow UTF-8 came back mangled.
TEST_CASE("quire sql on PostgreSQL keeps non-ASCII text under a non-UTF-8 locale", "[pg][cli][e2e]") {
    PgBox p;
    const std::string text = "Caf\xC3\xA9 \xE2\x82\xAC 5 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80";
    // A Latin-1 locale is compiled into the sandbox (localedef, part of libc-bin) when the machine has none.
    const std::string latin1 = p.box.dir + "/locale";
    int made = 0;
    capture("mkdir -p " + shellQuote(latin1) + " && localedef -i de_DE -f ISO-8859-1 " + shellQuote(latin1 + "/de_DE.ISO-8859-1") +
                " 2>&1",
            made);
    for (const char* locale : {"C", "C.UTF-8", "de_DE.ISO-8859-1"}) {
        INFO(locale);
        Sandbox box = p.box;
        if (std::string(locale) == "de_DE.ISO-8859-1") {
            if (made != 0) {
                WARN("localedef could not compile de_DE.ISO-8859-1 (no /usr/share/i18n/locales?): Latin-1 not checked");
                continue;
            }
            box.env.push_back("LOCPATH=" + latin1);
        }
        box.env.push_back(std::string("LC_ALL=") + locale);
        box.env.push_back(std::string("LANG=") + locale);
        const Json rows = jsonOut(box.run("sql pg " + shellQuote("SELECT '" + text + "'::text AS s, repeat('\xC3\xA9', 3000) AS long_text") +
                                          " --format json"));
        CHECK(rows[0]["s"].get<std::string>() == text);
        CHECK(rows[0]["long_text"].get<std::string>().size() == 6000);
    }
}
