// Control values the planner resolves for formulas: multi-value lists compare through IN with one bound
// parameter per item, an unset control is NULL, a column expression may carry its own parameters. Evaluated
// on SQLite; expected values by hand.
#include "sql_engines.h"

#include <quire/sql/compiler.h>

#include <catch2/catch.hpp>

using namespace quire;
using quire::formula::Type;

namespace {

sql::Resolution resolve(const sql::Reference& r) {
    if (r.name == "regions") return sql::ControlValue{{}, Type::Text, true, {std::string("West"), std::string("x'); DROP TABLE t; --")}};
    if (r.name == "empty") return sql::ControlValue{{}, Type::Text, true, {}};
    if (r.name == "unset") return sql::ControlValue{{}, Type::Unknown};
    if (r.name == "scaled") return sql::ColumnSql{"(? * 2)", Type::Integer, formula::ExprLevel::RowLevel, {std::int64_t{5}}};
    return sql::ResolveError{"no [" + r.name + "]"};
}

std::string eval(test::SqliteEngine& engine, const std::string& formula) {
    auto r = sql::compileFormula(formula, sql::dialect(sql::DialectId::SQLite), resolve);
    INFO(formula);
    for (const auto& d : r.diagnostics) UNSCOPED_INFO(d.rule << ": " << d.message);
    REQUIRE(r.ok());
    return engine.scalar("SELECT " + r.sql, r.parameters);
}

} // namespace

TEST_CASE("list controls compare through IN with bound items", "[sql][controls]") {
    test::SqliteEngine engine;
    CHECK(eval(engine, "\"West\" = [regions]") == "1");
    CHECK(eval(engine, "[regions] = \"East\"") == "0");
    CHECK(eval(engine, "\"East\" != [regions]") == "1");
    CHECK(eval(engine, "\"x'); DROP TABLE t; --\" = [regions]") == "1");
    CHECK(eval(engine, "In(\"East\", [regions], \"East\")") == "1");
    CHECK(eval(engine, "In(\"North\", [regions])") == "0");
    CHECK(eval(engine, "In(\"West\", [empty])") == "NULL");
    CHECK(eval(engine, "\"West\" = [empty]") == "NULL");
    CHECK(eval(engine, "IsNull([unset])") == "1");
    CHECK(eval(engine, "[scaled] + 1") == "11");

    auto r = sql::compileFormula("\"East\" = [regions]", sql::dialect(sql::DialectId::SQLite), resolve);
    REQUIRE(r.ok());
    CHECK(r.sql == "('East' IN (?, ?))");
    CHECK(r.parameters == std::vector<sql::Value>{std::string("West"), std::string("x'); DROP TABLE t; --")});
}

TEST_CASE("a bare multi-value list control is an error at its span", "[sql][controls]") {
    auto r = sql::compileFormula("1 + [regions]", sql::dialect(sql::DialectId::SQLite), resolve);
    REQUIRE_FALSE(r.ok());
    CHECK(r.diagnostics[0].rule == "sql/list-control");
    REQUIRE(r.diagnostics[0].formulaSpan);
    CHECK(r.diagnostics[0].formulaSpan->first == 4);
}
