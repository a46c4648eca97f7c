#pragma once
// Planners inline sibling columns by compiling them recursively from inside the resolver: each inlining level keeps
// the outer formula's compile frames on the stack, and each inlined copy repeats the sibling's SQL (D2 = [D1] + [D1],
// D3 = [D2] + [D2], ... doubles per level). The guard bounds both: the summed AST heights of the formulas being
// compiled (so the stack stays as deep as one formula of a few hundred levels at most) and the bytes of SQL that
// inlining copies. sql::buildTableSelect avoids the recursion altogether (dependency order); planners that choose
// per layer whether a sibling is read or inlined use this guard.
#include <quire/formula/ast.h>
#include <quire/core/rules.h>
#include <quire/formula/parser.h>
#include <quire/sql/compiler.h>

#include <cstddef>
#include <optional>
#include <string>

namespace quire::preview {

class InlineGuard {
public:
    static constexpr int kMaxStackedHeight = 2 * formula::kMaxNestingDepth;
    static constexpr std::size_t kMaxInlinedBytes = std::size_t(16) << 20;

    // Before compiling `root` inside the formulas already entered; an error when the stack would get too deep.
    std::optional<sql::ResolveError> enter(const formula::Node& root, const std::string& column) {
        if (height_ + root.height > kMaxStackedHeight)
            return sql::ResolveError{"column [" + column + "] would be inlined too deep (sibling columns using sibling columns, " +
                                         std::to_string(kMaxStackedHeight) + " formula levels in all)",
                                     RuleCode("formula/too-deep")};
        height_ += root.height;
        return std::nullopt;
    }
    void leave(const formula::Node& root) { height_ -= root.height; }
    // After inlining `bytes` of a sibling's SQL into the formula being compiled.
    std::optional<sql::ResolveError> inlined(std::size_t bytes, const std::string& column) {
        bytes_ += bytes;
        if (bytes_ > kMaxInlinedBytes)
            return sql::ResolveError{"inlining column [" + column + "] would build more than " +
                                         std::to_string(kMaxInlinedBytes) + " bytes of SQL",
                                     RuleCode("sql/too-large")};
        return std::nullopt;
    }

    // What a column that inlines `column` sees when the sibling failed: its limit error passes through unchanged (so
    // the element reports too-deep / too-large, not a vague "has errors"), any other error is summarised.
    static sql::ResolveError siblingFailed(const sql::CompiledExpression& inner, const std::string& column) {
        for (const auto& d : inner.diagnostics) {
            if (d.rule == "formula/too-deep") return sql::ResolveError{d.message, "formula/too-deep"};
            if (d.rule == "sql/too-large") return sql::ResolveError{d.message, "sql/too-large"};
        }
        return sql::ResolveError{"column [" + column + "] has errors"};
    }

private:
    int height_ = 0;
    std::size_t bytes_ = 0;
};

} // namespace quire::preview
