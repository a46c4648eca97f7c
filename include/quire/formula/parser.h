#pragma once
// Pratt parser: formula text -> AST, or diagnostics with exact formulaSpan. Never throws on bad input.
#include "quire/core/diagnostic.h"
#include "quire/formula/ast.h"
#include <string_view>
#include <vector>

namespace quire::formula {

// Limit on both the parser's own recursion (parentheses, calls, operands) and the height of the AST it
// returns: a node that would make the tree taller is refused (formula/too-deep) before it is built. A
// left-deep chain `a + b + c + ...` is as tall as it has operators, so the checker, the SQL compiler and the
// AST's destructor, which all recurse over the tree, never go deeper than this.
inline constexpr int kMaxNestingDepth = 200;

struct ParseResult {
    NodePtr root;                          // null when diagnostics has errors
    std::vector<quire::Diagnostic> diagnostics; // rule "formula/syntax" (or "formula/too-deep")
    bool ok() const { return root != nullptr; }
};

ParseResult parseFormula(std::string_view text);

} // namespace quire::formula
