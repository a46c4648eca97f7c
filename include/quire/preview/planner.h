#pragma once
// Element -> SQL for the live preview. This first planner covers detail tables over one warehouse table:
// row-level columns (compiled by quire_sql's buildTableSelect), every effective filter (element filters and
// targeting controls, lowered by filter_sql.h) over the output columns, top-n through a window subquery, sort
// and LIMIT/OFFSET paging. Every value is a bound parameter. Anything else returns a diagnostic
// (preview/not-planned) rather than wrong SQL.
#include <quire/core/diagnostic.h>
#include <quire/core/json.h>
#include <quire/preview/filter_sql.h>
#include <quire/preview/session.h>
#include <quire/sql/dialect.h>

#include <optional>
#include <string>
#include <vector>

namespace quire::preview {

struct PlanOptions {
    std::string today = "1970-01-01"; // resolves relative dates
    std::optional<long long> limit;
    std::optional<long long> offset;
};

// Statements a pooled connection runs before a persona's queries (docs/governance.md): on PostgreSQL
// `SET ROLE "<role>"` and set_config('quire.user_email', ?, false) & co., so row-level security policies see
// the persona; `reset` undoes any persona. Values are bound parameters, the role a quoted identifier.
struct SessionStatement {
    std::string sql;
    std::vector<BoundValue> parameters;
};
struct SessionSettings {
    std::string key;                      // "" = no persona (the connection's own identity); part of the cache key
    std::vector<SessionStatement> apply;  // run when the connection is not in this state yet
    std::vector<SessionStatement> reset;  // run first when the connection carries another persona's state
};
// The settings for a persona's queries on `connectionId`; empty for dialects without session settings.
SessionSettings sessionSettingsFor(const sql::Dialect& dialect, const sql::CurrentUser* user, const std::string& connectionId);

struct PlannedQuery {
    std::string connectionId;
    std::string sql;
    std::vector<BoundValue> parameters;    // in placeholder order
    std::vector<std::string> columns;      // output column names, in order
    // valueTypeOf[i] = j: output column i holds values of output column j (Lag([Revenue]) holds revenues), so it
    // has j's type. The SQLite ODBC driver types an expression column by its first value and a leading null (the
    // first row of Lag) gives text; fetchPlanned reads such a column back as j's numbers. -1 or missing = as read.
    std::vector<int> valueTypeOf;
    SessionSettings session;               // run on the connection before `sql` (the persona's role, settings)
    std::string persona;                   // the email the query runs as ("" = the author view), for the audit log
    std::vector<Diagnostic> diagnostics;
    bool ok() const { return !hasErrors(diagnostics) && !sql.empty(); }
    Json parametersJson() const;           // for ResultCache keys
};

PlannedQuery planElement(const PreviewSession& session, const std::string& elementId, const sql::Dialect& dialect,
                         const PlanOptions& options = {});
// The warehouse connection an element's query runs on: its own source's connectionId, or that of the first
// ancestor (through `source.elementId`) that has one. "" when there is none.
std::string connectionIdOf(const PreviewSession& session, const std::string& elementId);

// Elements sourced from another element (planElement dispatches here): the parent's query is a subquery;
// aggregate formulas group by the element's row-level columns (charts, KPIs, pivots).
PlannedQuery planSourcedElement(const PreviewSession& session, const std::string& elementId, const sql::Dialect& dialect,
                                const PlanOptions& options = {});

// Join and union sources, and charts/KPIs/pivots reading a warehouse table or custom SQL directly (planElement
// dispatches here): the element's columns over that relation, grouped by the row-level columns when any
// column aggregates. Transpose sources return preview/not-planned.
PlannedQuery planCombinedElement(const PreviewSession& session, const std::string& elementId, const sql::Dialect& dialect,
                                 const PlanOptions& options = {});

} // namespace quire::preview
