// CurrentUser*() functions: the persona's values are bound parameters in every dialect (a hostile email or
// attribute never reaches the SQL text), team membership is a fixed literal, and without a persona the
// compiler says so instead of producing an empty string.
#include "sql_engines.h"
#include "sql_fixture.h"
#include "test_support.h"

#include <catch2/catch.hpp>

using namespace quire;

namespace {

const std::string kHostileEmail = "x'||(SELECT 1);--\"@evil.io";
const std::string kHostileAttr = "EMEA' OR '1'='1\\";

sql::CurrentUser hostileUser() {
    sql::CurrentUser u;
    u.email = kHostileEmail;
    u.fullName = "Robert'); DROP TABLE t;--";
    u.teams = {"Finance"};
    u.attributes = {{"region", kHostileAttr}, {"quota", 1200.0}, {"hired", std::string("2021-03-01")}, {"bad-date", std::string("2021-02-30")}};
    return u;
}

sql::CompiledExpression compileAs(const std::string& formula, const sql::Dialect& d, const sql::CurrentUser* user) {
    sql::CompileOptions options;
    options.user = user;
    return sql::compileFormula(formula, d, test::fixtureResolver(d), options);
}

} // namespace

TEST_CASE("CurrentUser values are bound in every dialect, never spliced", "[current-user][hostile]") {
    const sql::CurrentUser user = hostileUser();
    for (auto id : sql::kAllDialects) {
        const auto& d = sql::dialect(id);
        INFO(d.name());
        const auto email = compileAs("CurrentUserEmail()", d, &user);
        REQUIRE(email.ok());
        CHECK(email.sql == d.castText("?"));
        REQUIRE(email.parameters.size() == 1);
        CHECK(std::get<std::string>(email.parameters[0]) == kHostileEmail);
        const auto attr = compileAs("[T] = CurrentUserAttributeText(\"region\")", d, &user);
        REQUIRE(attr.ok());
        CHECK(attr.sql.find("EMEA") == std::string::npos);
        REQUIRE(attr.parameters.size() == 1);
        CHECK(std::get<std::string>(attr.parameters[0]) == kHostileAttr);
        const auto team = compileAs("CurrentUserInTeam(\"Finance\")", d, &user);
        REQUIRE(team.ok());
        CHECK(team.sql == d.boolLiteral(true));
        CHECK(compileAs("CurrentUserInTeam(\"Sales\")", d, &user).sql == d.boolLiteral(false));
        const auto quota = compileAs("[N] * CurrentUserAttributeNumber(\"quota\")", d, &user);
        REQUIRE(quota.ok());
        CHECK(std::get<double>(quota.parameters.at(0)) == 1200.0);
        const auto hired = compileAs("CurrentUserAttributeDate(\"hired\")", d, &user);
        REQUIRE(hired.ok());
        CHECK(std::get<sql::DateValue>(hired.parameters.at(0)) == sql::DateValue{2021, 3, 1});
    }
}

TEST_CASE("CurrentUser values round-trip through SQLite unchanged", "[current-user][hostile]") {
    test::SqliteEngine engine;
    const auto& d = sql::dialect(sql::DialectId::SQLite);
    const sql::CurrentUser user = hostileUser();
    for (const auto& [formula, expected] : std::vector<std::pair<std::string, std::string>>{
             {"CurrentUserEmail() & \"|\"", kHostileEmail + "|"},
             {"CurrentUserFullName()", "Robert'); DROP TABLE t;--"},
             {"CurrentUserAttributeText(\"region\")", kHostileAttr},
             {"CurrentUserAttributeText(\"quota\")", "1200"},
             {"If(CurrentUserInTeam(\"Finance\"), \"in\", \"out\")", "in"}}) {
        INFO(formula);
        const auto r = compileAs(formula, d, &user);
        REQUIRE(r.ok());
        CHECK(engine.scalar("SELECT " + r.sql, r.parameters) == expected);
    }
}

TEST_CASE("CurrentUser without a persona, or a missing or mistyped attribute, is an error", "[current-user]") {
    const auto& d = sql::dialect(sql::DialectId::PostgreSQL);
    const auto none = compileAs("CurrentUserEmail()", d, nullptr);
    REQUIRE_FALSE(none.ok());
    CHECK(none.diagnostics[0].rule == "sql/no-persona");
    CHECK(none.sql.empty());
    const sql::CurrentUser user = hostileUser();
    for (const char* f : {"CurrentUserAttributeText(\"nope\")", "CurrentUserAttributeNumber(\"region\")",
                          "CurrentUserAttributeDate(\"region\")", "CurrentUserAttributeDate(\"bad-date\")"}) {
        INFO(f);
        const auto r = compileAs(f, d, &user);
        REQUIRE_FALSE(r.ok());
        CHECK(r.diagnostics[0].rule == "sql/user-attribute");
    }
    const auto notLiteral = compileAs("CurrentUserInTeam([T])", d, &user);
    REQUIRE_FALSE(notLiteral.ok());
    CHECK(notLiteral.diagnostics[0].rule == "formula/literal-required");
    const auto arity = compileAs("CurrentUserEmail(\"x\")", d, &user);
    REQUIRE_FALSE(arity.ok());
    CHECK(arity.diagnostics[0].rule == "formula/arity");
}

TEST_CASE("CurrentUser values round-trip through PostgreSQL unchanged", "[current-user][hostile][pg]") {
    auto cs = test::postgresConnectionString();
    REQUIRE(cs);
    test::OdbcEngine engine(*cs);
    const auto& d = sql::dialect(sql::DialectId::PostgreSQL);
    const sql::CurrentUser user = hostileUser();
    for (const auto& [formula, expected] : std::vector<std::pair<std::string, std::string>>{
             {"CurrentUserEmail() & \"|\"", kHostileEmail + "|"},
             {"CurrentUserAttributeText(\"region\")", kHostileAttr},
             {"Text(CurrentUserAttributeNumber(\"quota\") + 1)", "1201"}}) {
        INFO(formula);
        const auto r = compileAs(formula, d, &user);
        REQUIRE(r.ok());
        CHECK(engine.scalar("SELECT " + r.sql, r.parameters) == expected);
    }
}
