// Executes compiled formulas on SQLite and PostgreSQL 15 and compares with the value Sigma documents.
// tests/sql/semantics/cases.tsv and sigma_cases.tsv are scalar formulas (`SELECT formula`); aggregate_cases.tsv
// are aggregates over the six-row table `t` below (`WITH t AS (VALUES ...) SELECT formula FROM t`).
#include "sql_engines.h"
#include "sql_fixture.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <sstream>

using namespace quire;

namespace {

struct Case {
    int line;
    std::string formula, expected;
};

std::vector<Case> loadCases(const std::string& file) {
    std::istringstream in(test::readFile(test::sourceDir() + "/tests/sql/semantics/" + file));
    std::vector<Case> out;
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (line.empty() || line[0] == '#') continue;
        const auto tab = line.find('\t');
        REQUIRE(tab != std::string::npos);
        out.push_back({n, line.substr(0, tab), line.substr(tab + 1)});
    }
    return out;
}

std::optional<double> number(const std::string& s) {
    if (s.empty()) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size()) return std::nullopt;
    return v;
}

bool same(const std::string& expected, std::string actual) {
    std::string e = expected == "true" ? "1" : expected == "false" ? "0" : expected;
    if (actual == "t" || actual == "true") actual = "1";
    if (actual == "f" || actual == "false") actual = "0";
    if (e == actual) return true;
    if (actual == e + " 00:00:00") return true; // a date where the engine returns a midnight timestamp
    auto a = number(actual), x = number(e);
    return a && x && std::fabs(*a - *x) <= 1e-9 * std::max(1.0, std::fabs(*x));
}

// The aggregate cases' table: I integer, N number, T text, D datetime, B logical; the last row is all null.
std::string aggregateTable(sql::DialectId id) {
    const bool pg = id == sql::DialectId::PostgreSQL;
    auto ts = [&](const char* v) { return pg ? std::string("TIMESTAMP '") + v + "'" : std::string("'") + v + "'"; };
    auto b = [&](bool v) { return pg ? std::string(v ? "TRUE" : "FALSE") : std::string(v ? "1" : "0"); };
    const std::string nulls = pg ? "(CAST(NULL AS INTEGER), CAST(NULL AS NUMERIC), CAST(NULL AS TEXT), CAST(NULL AS TIMESTAMP), "
                                   "CAST(NULL AS BOOLEAN))"
                                 : "(NULL, NULL, NULL, NULL, NULL)";
    return "WITH \"t\"(\"I\", \"N\", \"T\", \"D\", \"B\") AS (VALUES (1, 0.5, 'a', " + ts("2024-01-31 10:00:00") + ", " +
           b(true) + "), (2, 1.5, 'b', " + ts("2024-02-29 00:00:00") + ", " + b(false) + "), (2, 2.5, 'b', " +
           ts("2023-12-31 23:30:00") + ", " + b(true) + "), (3, 4.5, 'c', " + ts("2024-03-10 08:00:00") + ", " + b(true) +
           "), (8, 10, 'd', " + ts("2024-07-04 12:00:00") + ", " + b(false) + "), " + nulls + ") ";
}

template <typename Engine>
void runAll(Engine& engine, sql::DialectId id, int& executed, const std::string& file = "cases.tsv") {
    const auto& d = sql::dialect(id);
    const bool aggregate = file == "aggregate_cases.tsv";
    std::string failures;
    for (const auto& c : loadCases(file)) {
        auto compiled = sql::compileFormula(c.formula, d, test::fixtureResolver(d));
        if (!compiled.ok()) {
            failures += file + ":" + std::to_string(c.line) + " " + c.formula + ": " + compiled.diagnostics[0].message + "\n";
            continue;
        }
        std::string actual;
        try {
            actual = aggregate ? engine.scalar(aggregateTable(id) + "SELECT " + compiled.sql + " FROM \"t\"", compiled.parameters)
                               : engine.scalar("SELECT " + compiled.sql, compiled.parameters);
        } catch (const std::exception& e) {
            failures += file + ":" + std::to_string(c.line) + " " + c.formula + ": " + e.what() + "\n";
            continue;
        }
        ++executed;
        if (!same(c.expected, actual))
            failures += file + ":" + std::to_string(c.line) + " " + c.formula + ": expected '" + c.expected + "', got '" + actual +
                        "' from " + compiled.sql + "\n";
    }
    INFO(failures);
    CHECK(failures.empty());
}

} // namespace

TEST_CASE("semantics on SQLite", "[semantics]") {
    test::SqliteEngine engine;
    int executed = 0;
    runAll(engine, sql::DialectId::SQLite, executed);
    CHECK(executed >= 200);
}

TEST_CASE("Sigma-documented semantics on SQLite", "[semantics]") {
    test::SqliteEngine engine;
    int executed = 0;
    runAll(engine, sql::DialectId::SQLite, executed, "sigma_cases.tsv");
    runAll(engine, sql::DialectId::SQLite, executed, "engine_cases.tsv");
    runAll(engine, sql::DialectId::SQLite, executed, "aggregate_cases.tsv");
    CHECK(executed >= 150);
}

TEST_CASE("semantics on PostgreSQL 15", "[semantics][pg]") {
    auto cs = test::postgresConnectionString();
    REQUIRE(cs);
    test::OdbcEngine engine(*cs);
    engine.scalar("SELECT set_config('TimeZone', 'UTC', false)");
    int executed = 0;
    runAll(engine, sql::DialectId::PostgreSQL, executed);
    CHECK(executed >= 200);
}

TEST_CASE("Sigma-documented semantics on PostgreSQL 15", "[semantics][pg]") {
    auto cs = test::postgresConnectionString();
    REQUIRE(cs);
    test::OdbcEngine engine(*cs);
    engine.scalar("SELECT set_config('TimeZone', 'UTC', false)");
    int executed = 0;
    runAll(engine, sql::DialectId::PostgreSQL, executed, "sigma_cases.tsv");
    runAll(engine, sql::DialectId::PostgreSQL, executed, "engine_cases.tsv");
    runAll(engine, sql::DialectId::PostgreSQL, executed, "aggregate_cases.tsv");
    CHECK(executed >= 150);
}
