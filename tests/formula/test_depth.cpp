// Depth limits (issue #10): long flat operator chains used to build an AST as tall as the chain is long, and
// the checker and the AST's destructor then recursed that deep (stack overflow). The parser now refuses any
// tree taller than kMaxNestingDepth, at the token where it got too deep.
#include "deep_formulas.h"
#include "quire/formula/checker.h"
#include "quire/formula/parser.h"

#include <catch2/catch.hpp>

using namespace quire::formula;

namespace {

CheckContext context() {
    CheckContext ctx;
    ctx.columns = {{"A", Type::Number}, {"B", Type::Logical}, {"C", Type::Variant}};
    return ctx;
}

// Operators ` op ` that start before `end`.
int operatorsBefore(const std::string& text, const std::string& op, std::size_t end) {
    const std::string needle = " " + op + " ";
    int n = 0;
    for (std::size_t at = text.find(needle); at != std::string::npos && at + 1 < end; at = text.find(needle, at + 1)) ++n;
    return n;
}

std::string chainOf(int terms, const std::string& operand, const std::string& op) {
    std::string s = operand;
    for (int i = 1; i < terms; ++i) s += " " + op + " " + operand;
    return s;
}

} // namespace

TEST_CASE("long flat chains are refused with formula/too-deep at the operator that got too deep", "[parser][depth]") {
    for (int terms : {20000, 100000}) {
        for (const auto& f : quire::test::deepFormulas(terms)) {
            INFO(f.kind << " x " << terms);
            const auto r = parseFormula(f.formula);
            REQUIRE_FALSE(r.ok());
            REQUIRE(r.diagnostics.size() == 1);
            CHECK(r.diagnostics[0].rule == "formula/too-deep");
            REQUIRE(r.diagnostics[0].formulaSpan);
            const auto [offset, length] = *r.diagnostics[0].formulaSpan;
            CHECK(offset > 0);
            CHECK(offset + length <= static_cast<int>(f.formula.size()));
            if (!f.op.empty()) {
                // Left-deep: the 200th operator would make the tree 201 levels tall.
                CHECK(f.formula.substr(offset, length) == f.op);
                CHECK(operatorsBefore(f.formula, f.op, offset) == kMaxNestingDepth - 1);
            }
        }
    }
}

TEST_CASE("the checker reports too-deep chains instead of recursing into them", "[checker][depth]") {
    const auto ctx = context();
    for (int terms : {20000, 100000})
        for (const auto& f : quire::test::deepFormulas(terms)) {
            INFO(f.kind << " x " << terms);
            const auto result = checkFormula(f.formula, ctx);
            CHECK_FALSE(result.ok());
            REQUIRE(result.diagnostics.size() == 1);
            CHECK(result.diagnostics[0].rule == "formula/too-deep");
        }
}

TEST_CASE("a chain exactly at the limit parses and checks, one more term is refused", "[parser][checker][depth]") {
    const auto ctx = context();
    for (const std::string op : {"+", "&", "and", "or", "*", "<"}) {
        INFO(op);
        const std::string operand = op == "and" || op == "or" ? "[B]" : "[A]";
        const auto atLimit = parseFormula(chainOf(kMaxNestingDepth, operand, op));
        REQUIRE(atLimit.ok());
        CHECK(atLimit.root->height == kMaxNestingDepth);
        CHECK(checkExpression(*atLimit.root, ctx).diagnostics.empty() == (op != "<"));
        const auto over = parseFormula(chainOf(kMaxNestingDepth + 1, operand, op));
        REQUIRE_FALSE(over.ok());
        CHECK(over.diagnostics[0].rule == "formula/too-deep");
    }
    // Unary chains and paths count one level per step.
    std::string minus;
    for (int i = 1; i < kMaxNestingDepth; ++i) minus += "- ";
    CHECK(parseFormula(minus + "[A]").ok());
    CHECK_FALSE(parseFormula("- " + minus + "[A]").ok());
    std::string path = "[C]";
    for (int i = 1; i < kMaxNestingDepth; ++i) path += ".a";
    const auto deepPath = parseFormula(path);
    REQUIRE(deepPath.ok());
    CHECK(deepPath.root->height == kMaxNestingDepth);
    const auto tooDeepPath = parseFormula(path + ".b");
    REQUIRE_FALSE(tooDeepPath.ok());
    CHECK(*tooDeepPath.diagnostics[0].formulaSpan == std::pair{static_cast<int>(path.size()) + 1, 1});
}

TEST_CASE("heights: balanced trees stay shallow, calls count their tallest argument", "[parser][depth]") {
    CHECK(parseFormula("1").root->height == 1);
    CHECK(parseFormula("1 + 2 * 3").root->height == 3);
    CHECK(parseFormula("Abs(1, 2 + 3)").root->height == 3);
    CHECK(parseFormula("(((1)))").root->height == 1);
    // Many flat arguments are wide, not deep.
    std::string wide = "Coalesce(1";
    for (int i = 0; i < 5000; ++i) wide += ", 1";
    const auto r = parseFormula(wide + ")");
    REQUIRE(r.ok());
    CHECK(r.root->height == 2);
}
