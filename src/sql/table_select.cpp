#include "quire/sql/table_select.h"
#include <quire/core/rules.h>

#include "quire/formula/parser.h"

#include <map>

namespace quire::sql {
namespace {

// Inlining copies a sibling's SQL into every column that uses it, so SQL can grow exponentially
// (D2 = [D1] + [D1], D3 = [D2] + [D2], ...). All inlined copies together stay below this.
constexpr std::size_t kMaxInlinedSqlBytes = std::size_t(16) << 20;

struct ColumnState {
    formula::ParseResult parsed;
    std::vector<std::size_t> siblings; // indexes of the sibling columns the formula inlines
    int state = 0;                     // 0 new, 1 on the walk's stack, 2 ordered
    std::optional<CompiledExpression> compiled;
    int height = 0; // 1 + tallest inlined sibling
};

// Bare references of a parsed formula, without recursion.
std::vector<const formula::Node*> bareReferences(const formula::Node& root) {
    std::vector<const formula::Node*> out, stack{&root};
    while (!stack.empty()) {
        const formula::Node* n = stack.back();
        stack.pop_back();
        if (n->kind == formula::NodeKind::Reference && !n->hasPrefix) out.push_back(n);
        for (const auto& c : n->children) stack.push_back(c.get());
    }
    return out;
}

// Columns in dependency order (siblings before the columns that inline them), by an iterative depth-first
// walk: a chain of 100,000 sibling columns cannot exhaust the stack. A sibling on a cycle comes after
// the column that reaches it, so it is not compiled yet when that column asks for it.
std::vector<std::size_t> dependencyOrder(std::vector<ColumnState>& states) {
    std::vector<std::size_t> order;
    order.reserve(states.size());
    for (std::size_t start = 0; start < states.size(); ++start) {
        if (states[start].state != 0) continue;
        std::vector<std::pair<std::size_t, std::size_t>> stack{{start, 0}}; // column, next sibling to visit
        states[start].state = 1;
        while (!stack.empty()) {
            auto& [column, next] = stack.back();
            if (next < states[column].siblings.size()) {
                const std::size_t dep = states[column].siblings[next++];
                if (states[dep].state == 0) {
                    states[dep].state = 1;
                    stack.push_back({dep, 0});
                }
                continue;
            }
            states[column].state = 2;
            order.push_back(column);
            stack.pop_back();
        }
    }
    return order;
}

} // namespace

TableSelect buildTableSelect(const std::vector<std::string>& path, const std::vector<TableColumn>& columns,
                             const Dialect& dialect, const NameResolver& names, const CompileOptions& options) {
    const std::string table = path.empty() ? std::string() : path.back();
    return buildSelectFrom(SelectSource{dialect.quotePath(path), table, ""}, columns, dialect, names, options);
}

TableSelect buildSelectFrom(const SelectSource& source, const std::vector<TableColumn>& columns, const Dialect& dialect,
                            const NameResolver& names, const CompileOptions& options) {
    TableSelect out;
    const std::string& table = source.prefix;
    const auto sourceColumn = [&](const std::string& name) {
        return (source.qualifier.empty() ? std::string() : source.qualifier + ".") + dialect.quoteIdentifier(name);
    };
    std::map<std::string, std::size_t> byName;
    for (std::size_t i = 0; i < columns.size(); ++i) byName.emplace(columns[i].name, i);

    std::vector<ColumnState> states(columns.size());
    for (std::size_t i = 0; i < columns.size(); ++i) {
        states[i].parsed = formula::parseFormula(columns[i].formula);
        if (!states[i].parsed.ok()) continue;
        for (const formula::Node* ref : bareReferences(*states[i].parsed.root))
            if (auto it = byName.find(ref->name); it != byName.end() && it->second != i) states[i].siblings.push_back(it->second);
    }

    std::size_t inlinedBytes = 0;
    for (const std::size_t i : dependencyOrder(states)) {
        ColumnState& state = states[i];
        if (!state.parsed.ok()) {
            state.compiled = CompiledExpression{};
            state.compiled->diagnostics = state.parsed.diagnostics;
            continue;
        }
        state.height = 1;
        Resolver resolver = [&](const Reference& r) -> Resolution {
            if (r.hasPrefix) {
                if (r.prefix != table) return ResolveError{"unknown source '" + r.prefix + "'; this element reads " + table};
                return ColumnSql{sourceColumn(r.name)};
            }
            if (auto it = byName.find(r.name); it != byName.end() && it->second != i) {
                const ColumnState& sibling = states[it->second];
                if (!sibling.compiled) return ResolveError{"column [" + r.name + "] refers to itself through other columns"};
                const CompiledExpression& inner = *sibling.compiled;
                if (!inner.ok()) return ResolveError{"column [" + r.name + "] has errors"};
                if (sibling.height >= formula::kMaxNestingDepth)
                    return ResolveError{"column [" + r.name + "] would be inlined more than " +
                                        std::to_string(formula::kMaxNestingDepth) +
                                        " levels deep (sibling columns using sibling columns)",
                                        RuleCode("formula/too-deep")};
                inlinedBytes += inner.sql.size();
                if (inlinedBytes > kMaxInlinedSqlBytes)
                    return ResolveError{"inlining column [" + r.name + "] would build more than " +
                                        std::to_string(kMaxInlinedSqlBytes) + " bytes of SQL",
                                        RuleCode("sql/too-large")};
                state.height = std::max(state.height, sibling.height + 1);
                return ColumnSql{"(" + inner.sql + ")", inner.type, inner.level, inner.parameters};
            }
            if (names)
                if (auto named = names(r)) return *named;
            return ColumnSql{sourceColumn(r.name)};
        };
        state.compiled = compileExpression(*state.parsed.root, dialect, resolver, options);
    }

    std::string select;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const TableColumn& column = columns[i];
        CompiledExpression& compiled = *states[i].compiled;
        if (compiled.ok() && compiled.level != formula::ExprLevel::RowLevel && compiled.level != formula::ExprLevel::Constant) {
            Diagnostic d;
            d.rule = RuleCode("sql/needs-planner");
            d.message = "column [" + column.name + "] is an aggregate or window formula; only row-level columns compile here";
            compiled.diagnostics.push_back(d);
        }
        for (auto d : compiled.diagnostics) {
            d.pointer = column.pointer;
            out.diagnostics.push_back(std::move(d));
        }
        if (!compiled.ok()) continue;
        select += std::string(select.empty() ? "" : ", ") + compiled.sql + " AS " + dialect.quoteIdentifier(column.name);
        out.parameters.insert(out.parameters.end(), compiled.parameters.begin(), compiled.parameters.end());
    }
    if (columns.empty()) {
        Diagnostic d;
        d.rule = RuleCode("sql/no-columns");
        d.message = "the element has no columns";
        out.diagnostics.push_back(d);
    }
    if (out.ok()) out.sql = "SELECT " + select + " FROM " + source.from;
    return out;
}

} // namespace quire::sql
