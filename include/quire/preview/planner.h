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

struct PlannedQuery {
    std::string connectionId;
    std::string sql;
    std::vector<BoundValue> parameters;    // in placeholder order
    std::vector<std::string> columns;      // output column names, in order
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
