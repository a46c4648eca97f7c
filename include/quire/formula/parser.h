#pragma once
// Pratt parser: formula text -> AST, or diagnostics with exact formulaSpan. Never throws on bad input.
#include "quire/core/diagnostic.h"
#include "quire/formula/ast.h"
#include <string_view>
#include <vector>

namespace quire::formula {

inline constexpr int kMaxNestingDepth = 200;

struct ParseResult {
    NodePtr root;                          // null when diagnostics has errors
    std::vector<quire::Diagnostic> diagnostics; // rule "formula/syntax" (or "formula/too-deep")
    bool ok() const { return root != nullptr; }
};

ParseResult parseFormula(std::string_view text);

} // namespace quire::formula
