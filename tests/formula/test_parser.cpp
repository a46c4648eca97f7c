#include "quire/formula/parser.h"

#include <catch2/catch.hpp>
#include <random>

using namespace quire::formula;

namespace {
// S-expression dump of the AST (tests the shape, precedence and associativity).
std::string dump(const Node& n) {
    switch (n.kind) {
    case NodeKind::Number: return n.text;
    case NodeKind::String: return "\"" + n.text + "\"";
    case NodeKind::Boolean: return n.boolean ? "true" : "false";
    case NodeKind::Null: return "null";
    case NodeKind::Reference: return "[" + (n.hasPrefix ? n.prefix + "/" : "") + n.name + "]";
    case NodeKind::Path: return dump(*n.children[0]) + (n.isIndex ? "[" + n.name + "]" : "." + n.name);
    default: break;
    }
    std::string s = "(" + n.name;
    for (const auto& c : n.children) s += " " + dump(*c);
    return s + ")";
}
std::string parsed(const std::string& text) {
    auto r = parseFormula(text);
    REQUIRE(r.ok());
    return dump(*r.root);
}
std::pair<int, int> errorSpan(const std::string& text) {
    auto r = parseFormula(text);
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.diagnostics.size() == 1);
    return *r.diagnostics[0].formulaSpan;
}
} // namespace

TEST_CASE("precedence and associativity", "[parser]") {
    CHECK(parsed("1 + 2 * 3") == "(+ 1 (* 2 3))");
    CHECK(parsed("2 ^ 3 ^ 2") == "(^ 2 (^ 3 2))");
    CHECK(parsed("-2 ^ 2") == "(- (^ 2 2))");
    CHECK(parsed("1 - 2 - 3") == "(- (- 1 2) 3)");
    CHECK(parsed("\"a\" & 1 + 2") == "(& \"a\" (+ 1 2))");
    CHECK(parsed("[A] = 1 and not [B] or [C] <> 2") == "(or (and (= [A] 1) (not [B])) (!= [C] 2))");
    CHECK(parsed("10 % 3 * 2") == "(* (% 10 3) 2)");
    CHECK(parsed("(1 + 2) * 3") == "(* (+ 1 2) 3)");
}

TEST_CASE("literals, references and calls", "[parser]") {
    CHECK(parsed("[Store Name]") == "[Store Name]");
    CHECK(parsed("[ORDERS/Amount (USD) % #1 @x]") == "[ORDERS/Amount (USD) % #1 @x]");
    CHECK(parsed("'it''s' & \"say \\\"hi\\\"\"") == "(& \"it's\" \"say \"hi\"\")");
    CHECK(parsed("True or FALSE or Null") == "(or (or true false) null)");
    CHECK(parsed("If([x] > 1.5e2, \"a\", \"b\")") == "(If (> [x] 1.5e2) \"a\" \"b\")");
    CHECK(parsed("RowNumber()") == "(RowNumber)");
    CHECK(parsed("[Col].a.b") == "[Col].a.b");
    CHECK(parsed("[Col].arr[0].x") == "[Col].arr[0].x");
}

TEST_CASE("spans are exact", "[parser]") {
    auto r = parseFormula("Sum([A B]) + 1");
    REQUIRE(r.ok());
    CHECK(r.root->span.offset == 0);
    CHECK(r.root->span.length == 14);
    const Node& call = *r.root->children[0];
    CHECK(call.span.length == 10);
    CHECK(call.children[0]->span.offset == 4);
    CHECK(call.children[0]->span.length == 5);
}

TEST_CASE("syntax errors carry the offending span", "[parser]") {
    CHECK(errorSpan("1 + ") == std::pair{4, 0});
    CHECK(errorSpan("\"abc") == std::pair{0, 4});
    CHECK(errorSpan("[abc") == std::pair{0, 4});
    CHECK(errorSpan("Sum(1 2)") == std::pair{6, 1});
    CHECK(errorSpan("1 + $") == std::pair{4, 1});
    CHECK(errorSpan("foo + 1") == std::pair{0, 3});
    CHECK(errorSpan("(1 + 2") == std::pair{6, 0});
    CHECK(errorSpan("[]") == std::pair{0, 2});
    CHECK(parseFormula("1 2").diagnostics[0].rule == "formula/syntax");
}

TEST_CASE("deep nesting is an error, not a stack overflow", "[parser]") {
    std::string deep(100000, '(');
    auto r = parseFormula(deep + "1");
    REQUIRE_FALSE(r.ok());
    CHECK(r.diagnostics[0].rule == "formula/too-deep");
    std::string minus(100000, '-');
    CHECK_FALSE(parseFormula(minus + "1").ok());
    std::string ok = std::string(150, '(') + "1" + std::string(150, ')');
    CHECK(parseFormula(ok).ok());
}

TEST_CASE("fuzz: random bytes never crash and errors stay inside the text", "[parser][fuzz]") {
    std::mt19937 rng(1234);
    const std::string alphabet = "[]()\"',.+-*/%^&=<>! aZ09_\\/\x80\xff\n";
    for (int i = 0; i < 20000; ++i) {
        std::string s(rng() % 40, ' ');
        for (char& c : s) c = (i % 2) ? static_cast<char>(rng() % 256) : alphabet[rng() % alphabet.size()];
        auto r = parseFormula(s);
        if (!r.ok()) {
            REQUIRE(r.diagnostics.size() == 1);
            const auto [off, len] = *r.diagnostics[0].formulaSpan;
            REQUIRE(off >= 0);
            REQUIRE(off + len <= static_cast<int>(s.size()));
        }
    }
}
