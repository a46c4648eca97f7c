#pragma once
// Small helpers shared by the planners (planner.cpp, element_planner.cpp).
#include <quire/core/diagnostic.h>
#include <quire/core/rules.h>
#include <quire/preview/filter_sql.h>
#include <quire/sql/compiler.h>

#include <optional>
#include <string>

namespace quire::preview {

// A planner diagnostic at its catalogue severity.
inline Diagnostic planDiagnostic(RuleCode rule, std::string message, std::string pointer = {}) {
    return makeDiagnostic(rule, std::move(message), std::move(pointer));
}

// A compiler parameter as a planner parameter; nullopt for SQL NULL.
std::optional<BoundValue> boundFromSqlValue(const sql::Value& v);

} // namespace quire::preview
