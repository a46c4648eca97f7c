#pragma once
// Small helpers shared by the planners (planner.cpp, element_planner.cpp).
#include <quire/core/diagnostic.h>
#include <quire/preview/filter_sql.h>
#include <quire/sql/compiler.h>

#include <optional>
#include <string>

namespace quire::preview {

inline Diagnostic planDiagnostic(std::string rule, std::string message, std::string pointer = {}) {
    Diagnostic d;
    d.rule = std::move(rule);
    d.message = std::move(message);
    d.pointer = std::move(pointer);
    return d;
}

// A compiler parameter as a planner parameter; nullopt for SQL NULL.
std::optional<BoundValue> boundFromSqlValue(const sql::Value& v);

} // namespace quire::preview
