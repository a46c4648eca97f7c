// Hostile names and strings through every dialect: one statement, literal intact.
#include "quire/formula/parser.h"
#include "sql_engines.h"
#include "sql_fixture.h"
#include "test_support.h"

#include <catch2/catch.hpp>

using namespace quire;

namespace {
const std::vector<std::string> kHostile = {
    "it's", "a''b", "back\\slash", "\\'; DROP TABLE t; --", "x -- comment", "/* open", "*/ close", "semi;colon",
    "\"double\"", "`tick`", "unicode é ☃ 𝄞", "new\nline", "tab\tchar", "\\", "'", "''", "trailing\\"};

std::string formulaString(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}
} // namespace

TEST_CASE("hostile literals parse back to the same value", "[hostile]") {
    for (const auto& s : kHostile) {
        auto parsed = formula::parseFormula(formulaString(s));
        REQUIRE(parsed.ok());
        CHECK(parsed.root->text == s);
    }
}

TEST_CASE("hostile literals and identifiers stay quoted in every dialect", "[hostile]") {
    for (auto id : sql::kAllDialects) {
        const auto& d = sql::dialect(id);
        for (const auto& s : kHostile) {
            const std::string lit = d.stringLiteral(s);
            const char q = lit.front();
            CHECK(lit.back() == q);
            // Every quote inside is escaped: doubled or preceded by an odd run of backslashes.
            for (std::size_t i = 1; i + 1 < lit.size(); ++i) {
                if (lit[i] != q) continue;
                std::size_t bs = 0;
                for (std::size_t k = i; k > 1 && lit[k - 1] == '\\'; --k) ++bs;
                const bool escaped = bs % 2 == 1 || (i + 2 < lit.size() && lit[i + 1] == q) || lit[i - 1] == q;
                CHECK(escaped);
                if (lit[i + 1] == q) ++i;
            }
            const std::string ident = d.quoteIdentifier(s);
            CHECK(ident.size() >= 2);
        }
    }
}

TEST_CASE("hostile literals round-trip through SQLite", "[hostile]") {
    test::SqliteEngine engine;
    const auto& d = sql::dialect(sql::DialectId::SQLite);
    for (const auto& s : kHostile) {
        auto r = sql::compileFormula(formulaString(s) + " & \"|\"", d, test::fixtureResolver(d));
        REQUIRE(r.ok());
        CHECK(engine.scalar("SELECT " + r.sql) == s + "|"); // scalar() rejects a second statement
        CHECK(engine.scalar("SELECT 1 AS " + d.quoteIdentifier(s)) == "1");
    }
}

TEST_CASE("hostile literals round-trip through PostgreSQL", "[hostile][pg]") {
    auto cs = test::postgresConnectionString();
    REQUIRE(cs);
    test::OdbcEngine engine(*cs);
    const auto& d = sql::dialect(sql::DialectId::PostgreSQL);
    for (const auto& s : kHostile) {
        auto r = sql::compileFormula(formulaString(s) + " & \"|\"", d, test::fixtureResolver(d));
        REQUIRE(r.ok());
        CHECK(engine.scalar("SELECT " + r.sql) == s + "|");
        CHECK(engine.scalar("SELECT 1 AS " + d.quoteIdentifier(s)) == "1");
    }
}

TEST_CASE("control values are bound, never spliced", "[hostile]") {
    test::SqliteEngine engine;
    const auto& d = sql::dialect(sql::DialectId::SQLite);
    auto r = sql::compileFormula("[ctl] & \"!\"", d, test::fixtureResolver(d));
    REQUIRE(r.ok());
    CHECK(r.sql.find("ctl-value") == std::string::npos);
    CHECK(engine.scalar("SELECT " + r.sql, r.parameters) == "ctl-value!");
}
