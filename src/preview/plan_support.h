#pragma once
// Small helpers shared by the planners (planner.cpp, element_planner.cpp, grouping_planner.cpp, pivot_planner.cpp,
// relation_planner.cpp, ...).
#include <quire/core/diagnostic.h>
#include <quire/core/expected.h>
#include <quire/core/rules.h>
#include <quire/preview/filter_sql.h>
#include <quire/preview/planner.h>
#include <quire/preview/session.h>
#include <quire/sql/compiler.h>

#include <optional>
#include <string>
#include <vector>

namespace quire::preview {

// A planner diagnostic at its catalogue severity.
inline Diagnostic planDiagnostic(RuleCode rule, std::string message, std::string pointer = {}) {
    return makeDiagnostic(rule, std::move(message), std::move(pointer));
}

// Custom SQL with every {{controlId}} as `?` bound to the control's value (planner.cpp). A failure is
// preview/custom-sql at `pointer` (the statement's JSON pointer).
struct BoundStatement {
    std::string sql;
    std::vector<BoundValue> params;
};
Expected<BoundStatement> bindStatement(const PreviewSession& session, const std::string& statement,
                                       const std::string& pointer);

// The element a planner plans, or nullptr after adding preview/unknown-element to `plan`.
inline const Json* elementToPlan(const PreviewSession& session, const std::string& elementId, PlannedQuery& plan) {
    const Json* element = session.element(elementId);
    if (!element) plan.diagnostics.push_back(planDiagnostic("preview/unknown-element", "no element '" + elementId + "'"));
    return element;
}

// The tail every planner ends its outermost SELECT with: " ORDER BY <order>" (when there is one) and the
// dialect's LIMIT/OFFSET for the requested page (when there is one).
inline std::string orderAndPage(const std::string& order, const sql::Dialect& dialect, const PlanOptions& options) {
    std::string tail = order.empty() ? "" : " ORDER BY " + order;
    const std::string page = dialect.limitOffset(options.limit, options.offset);
    if (!page.empty()) tail += " " + page;
    return tail;
}

// A compiler parameter as a planner parameter; nullopt for SQL NULL.
std::optional<BoundValue> boundFromSqlValue(const sql::Value& v);

} // namespace quire::preview
