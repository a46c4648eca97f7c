// Executes compiled formulas on SQLite and PostgreSQL 15 and compares with the value Sigma documents
// (tests/sql/semantics/cases.tsv).
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

std::vector<Case> loadCases() {
    std::istringstream in(test::readFile(test::sourceDir() + "/tests/sql/semantics/cases.tsv"));
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

template <typename Engine>
void runAll(Engine& engine, sql::DialectId id, int& executed) {
    const auto& d = sql::dialect(id);
    std::string failures;
    for (const auto& c : loadCases()) {
        auto compiled = sql::compileFormula(c.formula, d, test::fixtureResolver(d));
        if (!compiled.ok()) {
            failures += "line " + std::to_string(c.line) + " " + c.formula + ": " + compiled.diagnostics[0].message + "\n";
            continue;
        }
        std::string actual;
        try {
            actual = engine.scalar("SELECT " + compiled.sql, compiled.parameters);
        } catch (const std::exception& e) {
            failures += "line " + std::to_string(c.line) + " " + c.formula + ": " + e.what() + "\n";
            continue;
        }
        ++executed;
        if (!same(c.expected, actual))
            failures += "line " + std::to_string(c.line) + " " + c.formula + ": expected '" + c.expected + "', got '" + actual +
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

TEST_CASE("semantics on PostgreSQL 15", "[semantics][pg]") {
    auto cs = test::postgresConnectionString();
    REQUIRE(cs);
    test::OdbcEngine engine(*cs);
    engine.scalar("SELECT set_config('TimeZone', 'UTC', false)");
    int executed = 0;
    runAll(engine, sql::DialectId::PostgreSQL, executed);
    CHECK(executed >= 200);
}
