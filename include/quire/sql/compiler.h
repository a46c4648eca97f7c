#pragma once
// Formula AST -> SQL fragment for one dialect. The caller (planner) resolves references.
#include "quire/core/diagnostic.h"
#include "quire/core/rules.h"
#include "quire/formula/ast.h"
#include "quire/formula/types.h"
#include "quire/sql/current_user.h"
#include "quire/sql/dialect.h"
#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

namespace quire::sql {

struct DateValue {
    int year = 1970, month = 1, day = 1;
    bool operator==(const DateValue&) const = default;
};

// A bound parameter value. monostate = SQL NULL.
using Value = std::variant<std::monostate, bool, std::int64_t, double, std::string, DateValue>;

// What a reference ([Name] or [Prefix/Name]) stands for.
struct ColumnSql {
    std::string sql;                                   // a SQL expression, e.g. "t"."AMOUNT"
    formula::Type type = formula::Type::Unknown;
    formula::ExprLevel level = formula::ExprLevel::RowLevel; // Aggregate if it names an aggregate column
    std::vector<Value> params = {};                    // values of the `?` placeholders inside `sql`
    std::string warehouseType = {};                    // the warehouse's type name from the catalog ("TIMESTAMP"), "" = unknown
};
// A control's current value. A scalar is one `?` parameter (SQL NULL when unset: the literal NULL). A list
// (several values selected) can only be compared: `[x] = [list]` -> `x IN (?, ?)`, `!=` -> NOT IN, and
// `In(x, [list], ...)` expands the items; an empty list compares as NULL.
struct ControlValue {
    Value value;                                       // bound as a `?` parameter
    formula::Type type = formula::Type::Unknown;
    bool isList = false;
    std::vector<Value> list = {};                      // isList: the selected values
};
struct ResolveError {
    std::string message;                               // reported at the reference's span
    RuleCode rule = "formula/unknown-column";
};
using Resolution = std::variant<ColumnSql, ControlValue, ResolveError>;

struct Reference {
    std::string prefix;  // "" when written without one
    std::string name;
    bool hasPrefix = false;
};
using Resolver = std::function<Resolution(const Reference&)>;

struct CompileOptions {
    // Window functions: SQL for PARTITION BY / ORDER BY (without the keywords); empty = none.
    std::string windowPartitionBy;
    std::string windowOrderBy;
    // The viewing user for CurrentUser*() (bound parameters); null = none: those functions report sql/no-persona.
    const CurrentUser* user = nullptr;
};

struct CompiledExpression {
    std::string sql;                 // one SQL expression with `?` placeholders
    std::vector<Value> parameters;   // in placeholder order
    formula::Type type = formula::Type::Unknown;
    formula::ExprLevel level = formula::ExprLevel::Constant; // where a planner may place it
    std::vector<quire::Diagnostic> diagnostics; // errors carry formulaSpan; sql is empty on error
    bool ok() const { return !quire::hasErrors(diagnostics); }
};

using CompiledExpr = CompiledExpression; // the name used in issue #3

CompiledExpression compileExpression(const formula::Node& root, const Dialect& dialect, const Resolver& resolver,
                                     const CompileOptions& options = {});
// Parse + compile.
CompiledExpression compileFormula(std::string_view text, const Dialect& dialect, const Resolver& resolver,
                                  const CompileOptions& options = {});

} // namespace quire::sql
