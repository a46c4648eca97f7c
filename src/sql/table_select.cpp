#include "quire/sql/table_select.h"

#include "quire/formula/parser.h"

#include <functional>
#include <map>

namespace quire::sql {

TableSelect buildTableSelect(const std::vector<std::string>& path, const std::vector<TableColumn>& columns,
                             const Dialect& dialect, const NameResolver& names) {
    TableSelect out;
    const std::string table = path.empty() ? std::string() : path.back();
    std::map<std::string, const TableColumn*> byName;
    for (const auto& c : columns) byName.emplace(c.name, &c);
    std::vector<std::string> inProgress; // sibling columns being inlined (cycle guard)

    std::function<CompiledExpression(const TableColumn&)> compileColumn = [&](const TableColumn& column) {
        inProgress.push_back(column.name);
        Resolver resolver = [&](const Reference& r) -> Resolution {
            if (r.hasPrefix) {
                if (r.prefix != table) return ResolveError{"unknown source '" + r.prefix + "'; this element reads " + table};
                return ColumnSql{dialect.quoteIdentifier(r.name)};
            }
            if (auto it = byName.find(r.name); it != byName.end() && it->second != &column) {
                for (const auto& n : inProgress)
                    if (n == r.name) return ResolveError{"column [" + r.name + "] refers to itself through other columns"};
                auto inner = compileColumn(*it->second);
                if (!inner.ok()) return ResolveError{"column [" + r.name + "] has errors"};
                return ColumnSql{"(" + inner.sql + ")", inner.type, inner.level, inner.parameters};
            }
            if (names)
                if (auto named = names(r)) return *named;
            return ColumnSql{dialect.quoteIdentifier(r.name)};
        };
        auto compiled = compileFormula(column.formula, dialect, resolver);
        inProgress.pop_back();
        return compiled;
    };

    std::string select;
    for (const auto& column : columns) {
        auto compiled = compileColumn(column);
        if (compiled.ok() && compiled.level != formula::ExprLevel::RowLevel && compiled.level != formula::ExprLevel::Constant) {
            Diagnostic d;
            d.rule = "sql/needs-planner";
            d.message = "column [" + column.name + "] is an aggregate or window formula; only row-level columns compile here";
            compiled.diagnostics.push_back(d);
        }
        for (auto& d : compiled.diagnostics) {
            d.pointer = column.pointer;
            out.diagnostics.push_back(std::move(d));
        }
        if (!compiled.ok()) continue;
        select += std::string(select.empty() ? "" : ", ") + compiled.sql + " AS " + dialect.quoteIdentifier(column.name);
        out.parameters.insert(out.parameters.end(), compiled.parameters.begin(), compiled.parameters.end());
    }
    if (columns.empty()) {
        Diagnostic d;
        d.rule = "sql/no-columns";
        d.message = "the element has no columns";
        out.diagnostics.push_back(d);
    }
    if (out.ok()) out.sql = "SELECT " + select + " FROM " + dialect.quotePath(path);
    return out;
}

} // namespace quire::sql
