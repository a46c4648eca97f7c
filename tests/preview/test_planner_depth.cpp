// Planners that inline sibling columns recursively (joins/unions: relation planner; grouped tables and pivots:
// column model) bound the inlining (issue #10): a long chain of sibling columns, deep formulas stacked through
// siblings, and siblings that double at each level are located errors, never a stack overflow or gigabytes of SQL.
#include "combine_fixture.h"

#include <quire/preview/session.h>
#include <quire/sql/dialect.h>

using namespace quire;
using namespace quire::preview;

namespace {

const sql::Dialect& sqlite() { return sql::dialect(sql::DialectId::SQLite); }

// C0 = first, C1 = next(C0), C2 = next(C1), ...
Json chainColumns(int count, const std::string& first, const std::function<std::string(const std::string&)>& next) {
    Json columns = Json::array();
    columns.push_back({{"id", "c0"}, {"name", "C0"}, {"formula", first}});
    for (int i = 1; i < count; ++i)
        columns.push_back({{"id", "c" + std::to_string(i)}, {"name", "C" + std::to_string(i)},
                           {"formula", next("[C" + std::to_string(i - 1) + "]")}});
    return columns;
}

bool hasRule(const PlannedQuery& plan, const std::string& rule) {
    for (const auto& d : plan.diagnostics)
        if (d.rule == rule) return true;
    return false;
}

// The join element of the combine fixture, with these columns.
PlannedQuery planJoin(Json columns) {
    Json contents = preview::test::combineWorkbook("main");
    for (auto& e : contents["elements"])
        if (e["id"] == "left-join") e["columns"] = std::move(columns);
    PreviewSession session(contents);
    return planElement(session, "left-join", sqlite());
}

// A grouped table over one warehouse table whose calculation is the last column of the chain.
PlannedQuery planGrouped(Json columns) {
    const std::string last = columns.back()["id"];
    columns.push_back({{"id", "region"}, {"name", "Region"}, {"formula", "[orders/region]"}});
    Json contents = {{"pages", Json::array({{{"id", "p"}}})},
                     {"elements", Json::array({{{"id", "g"}, {"kind", "table"}, {"name", "G"},
                                                {"source", {{"kind", "warehouse-table"}, {"connectionId", "c"}, {"path", {"main", "orders"}}}},
                                                {"columns", columns},
                                                {"groupings", Json::array({{{"id", "by"}, {"groupBy", {"region"}}, {"calculations", {last}}}})}}})}};
    PreviewSession session(contents);
    return planElement(session, "g", sqlite());
}

} // namespace

TEST_CASE("relation planner: a 600-column sibling chain is formula/too-deep, not a stack overflow", "[preview][depth]") {
    // One and a half times the depth limit (each column adds 2 to the stacked height, 400 columns reach 800); each
    // column is inlined up to the limit, so the planning time grows with columns x limit (2,000 columns took 36 s
    // under the sanitizers and proved nothing more).
    const auto plan = planJoin(chainColumns(600, "[Orders/amount]", [](const std::string& prev) { return prev + " + 1"; }));
    CHECK_FALSE(plan.ok());
    CHECK(hasRule(plan, "formula/too-deep"));
}

TEST_CASE("relation planner: deep formulas stacked through siblings are bounded by their summed height", "[preview][depth]") {
    // Each column negates its sibling 150 times (an AST 151 levels tall): two levels are fine (302), three are
    // not (453 > 400).
    auto wrap = [](const std::string& prev) {
        std::string negated;
        for (int i = 0; i < 150; ++i) negated += "- ";
        return negated + prev;
    };
    CHECK(planJoin(chainColumns(2, "[Orders/amount]", wrap)).ok());
    const auto deep = planJoin(chainColumns(400, "[Orders/amount]", wrap));
    CHECK_FALSE(deep.ok());
    for (const auto& d : deep.diagnostics) UNSCOPED_INFO(d.rule << ": " << d.message);
    CHECK(hasRule(deep, "formula/too-deep"));
}

TEST_CASE("relation planner: siblings that double at each level are sql/too-large, not gigabytes of SQL", "[preview][depth]") {
    const auto plan = planJoin(chainColumns(60, "[Orders/amount]", [](const std::string& prev) { return prev + " + " + prev; }));
    CHECK_FALSE(plan.ok());
    CHECK((hasRule(plan, "sql/too-large") || hasRule(plan, "formula/too-deep")));
    CHECK(plan.sql.size() < (std::size_t(64) << 20));
}

TEST_CASE("grouped planner: sibling chains and doubling siblings are bounded too", "[preview][depth][grouped]") {
    const auto chain = planGrouped(chainColumns(600, "Sum([orders/amount])", [](const std::string& prev) { return prev + " + 1"; }));
    CHECK_FALSE(chain.ok());
    CHECK(hasRule(chain, "formula/too-deep"));
    const auto doubling = planGrouped(chainColumns(60, "Sum([orders/amount])", [](const std::string& prev) { return prev + " + " + prev; }));
    CHECK_FALSE(doubling.ok());
    CHECK((hasRule(doubling, "sql/too-large") || hasRule(doubling, "formula/too-deep")));
    // A short chain still plans.
    CHECK(planGrouped(chainColumns(3, "Sum([orders/amount])", [](const std::string& prev) { return prev + " + 1"; })).ok());
}
