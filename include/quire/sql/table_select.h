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

// What a select reads when it is not a plain warehouse table (custom SQL): the FROM clause as written
// ("(<statement>) s"), the prefix its columns carry in formulas ("Custom SQL") and the qualifier of its columns
// in SQL ("s"). Sibling columns are inlined exactly as buildTableSelect does.
struct SelectSource {
    std::string from;
    std::string prefix;
    std::string qualifier;
};
TableSelect buildSelectFrom(const SelectSource& source, const std::vector<TableColumn>& columns, const Dialect& dialect,
                            const NameResolver& names = {}, const CompileOptions& options = {});

} // namespace quire::sql
