#include "quire/formula/catalog.h"
#include "quire/formula/checker.h"
#include "quire/formula/parser.h"

#include <catch2/catch.hpp>

using namespace quire::formula;

namespace {
CheckContext context() {
    CheckContext c;
    c.columns = {{"Amount", Type::Number}, {"Name", Type::Text}, {"Order Date", Type::Date},
                 {"ORDERS/Quantity", Type::Integer}, {"Active", Type::Logical}, {"Payload", Type::Variant}};
    c.controls = {"region-filter"};
    return c;
}
CheckResult check(const std::string& f) { return checkFormula(f, context()); }
std::string firstRule(const std::string& f) {
    auto r = check(f);
    REQUIRE_FALSE(r.diagnostics.empty());
    return r.diagnostics[0].rule;
}
} // namespace

TEST_CASE("catalogue has the documented families", "[catalog]") {
    const auto& cat = FunctionCatalog::builtin();
    CHECK(cat.all().size() >= 120);
    for (const char* n : {"Sum", "CumulativeSum", "Rank", "RowNumber", "Lag", "Lead", "MovingAvg", "DateTrunc", "DateDiff",
                          "RegexpExtract", "Coalesce", "Zn", "Power", "Text", "Number"})
        CHECK(cat.find(n) != nullptr);
    CHECK(cat.find("sUm")->kind == FunctionKind::Aggregate);
    CHECK(cat.find("MovingAvg")->kind == FunctionKind::Window);
    CHECK(cat.find("runningsum")->aliasOf == "CumulativeSum");
    CHECK(cat.find("Round")->minArgs() == 1);
    CHECK(cat.find("Round")->maxArgs() == 2);
    CHECK(cat.find("Coalesce")->maxArgs() == -1);
    CHECK(cat.suggest("Summ") == std::vector<std::string>{"Sum"});
}

TEST_CASE("types and levels are inferred", "[checker]") {
    CHECK(check("[Amount] * 2").type == Type::Number);
    CHECK(check("[ORDERS/Quantity] + 1").type == Type::Integer);
    CHECK(check("[Quantity] / 2").type == Type::Number); // bare name resolves to the source column
    CHECK(check("[Name] & 1").type == Type::Text);
    CHECK(check("Sum([Amount])").level == ExprLevel::Aggregate);
    CHECK(check("Sum([Amount]) / Count()").level == ExprLevel::Aggregate);
    CHECK(check("CumulativeSum([Amount])").level == ExprLevel::Window);
    CHECK(check("[Amount] + 1").level == ExprLevel::RowLevel);
    CHECK(check("1 + 1").level == ExprLevel::Constant);
    CHECK(check("If([Active], [Amount], 0)").type == Type::Number);
    CHECK(check("DateTrunc(\"month\", [Order Date])").type == Type::Date);
    CHECK(check("[region-filter] = [Name]").ok());
    CHECK(check("Text([Payload].a.b)").ok());
}

TEST_CASE("errors with rules, spans and suggestions", "[checker]") {
    auto r = check("[Amout] + 1");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].rule == "formula/unknown-column");
    CHECK(r.diagnostics[0].message.find("did you mean [Amount]") != std::string::npos);
    CHECK(*r.diagnostics[0].formulaSpan == std::pair{0, 7});

    r = check("1 + Summ([Amount])");
    CHECK(r.diagnostics[0].rule == "formula/unknown-function");
    CHECK(r.diagnostics[0].message.find("did you mean Sum") != std::string::npos);
    CHECK(*r.diagnostics[0].formulaSpan == std::pair{4, 4});

    CHECK(firstRule("Left([Name])") == "formula/arity");
    CHECK(firstRule("Upper([Amount])") == "formula/type");
    CHECK(firstRule("[Name] - 1") == "formula/type");
    CHECK(firstRule("Sum(Avg([Amount]))") == "formula/nested-aggregate");
    CHECK(*check("Sum(Avg([Amount]))").diagnostics[0].formulaSpan == std::pair{4, 13});
    CHECK(firstRule("[Amount] + Sum([Amount])") == "formula/mixed-aggregate");
    CHECK(firstRule("Sum([Amount]) / Lag([Amount])") == "formula/mixed-aggregate");
    // First/Last are aggregates in a grouped context for Sigma (a live export divides by First)
    CHECK(check("Sum([Amount]) / First([Amount])").diagnostics.empty());
    CHECK(check("Sum([Amount]) - Last([Amount])").diagnostics.empty());
    CHECK(firstRule("CumulativeSum(Rank([Amount]))") == "formula/window-argument");
    CHECK(firstRule("DateTrunc(\"fortnight\", [Order Date])") == "formula/date-part");
    CHECK(firstRule("not [Amount]") == "formula/type");
    CHECK(firstRule("1 +") == "formula/syntax");
    CHECK(firstRule("[Name] > [Order Date] and [Active] = 1") == "formula/type");
}

TEST_CASE("issue-3 names: Scope, checkFormula(Expr), checkFormulaText", "[checker]") {
    Scope scope = context();
    auto parsed = parseFormula("Sum([Amount]) + Count([Nmae])");
    REQUIRE(parsed.root);
    const Expr& root = *parsed.root;
    auto result = checkFormula(root, scope);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].rule == "formula/unknown-column");
    CHECK(result.diagnostics[0].message.find("Name") != std::string::npos);
    REQUIRE(result.diagnostics[0].formulaSpan);
    CHECK(result.diagnostics[0].formulaSpan->first == 22);
    auto diagnostics = checkFormulaText("Sum([Amount]", scope);
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].rule == "formula/syntax");
    CHECK(checkFormulaText("Sum([Amount]) * 2", scope).empty());
}
