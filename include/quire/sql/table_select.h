#pragma once
// The smallest element -> SQL step: a table whose columns are row-level formulas over one warehouse table.
// SELECT <formula AS "name">, ... FROM <quoted path>. Groupings, filters and chained elements belong to the
// planner (quire_preview), which builds on compileExpression the same way.
#include "quire/sql/compiler.h"

#include <functional>
#include <optional>

namespace quire::sql {

struct TableColumn {
    std::string name;    // output column name (quoted as an alias)
    std::string formula; // Sigma formula
    std::string pointer; // JSON pointer of the formula, copied into diagnostics
};

struct TableSelect {
    std::string sql;
    std::vector<Value> parameters;
    std::vector<quire::Diagnostic> diagnostics;
    bool ok() const { return !quire::hasErrors(diagnostics); }
};

// Consulted for bare names that are not sibling columns (the planner resolves control handles here);
// nullopt = not one of its names, the reference is then a source column.
using NameResolver = std::function<std::optional<Resolution>(const Reference&)>;

// path: warehouse path (database/schema/table); [<last segment>/COL] and bare [COL] name source columns,
// bare [Sibling Name] inlines that sibling column's formula (with its parameters).
TableSelect buildTableSelect(const std::vector<std::string>& path, const std::vector<TableColumn>& columns,
                             const Dialect& dialect, const NameResolver& names = {}, const CompileOptions& options = {});

} // namespace quire::sql
