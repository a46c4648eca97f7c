#pragma once
// Chart reference marks (spec §3.5 `refMarks[].value` / `endValue`, `{type: formula, formula}`) evaluated by
// the warehouse over the chart's own rows: each formula becomes one extra output column of the chart's query,
// an uncorrelated scalar subquery over the chart's full (unpaged) result, so `Avg([Revenue])` is the average
// of the chart's Revenue column and `[threshold]` a control value. Formulas name the chart's columns by name.
#include <quire/preview/planner.h>

#include <string>

namespace quire::preview {

// The output column that carries mark `index`'s value (or its band end): "__ref<index>" / "__ref<index>_end".
std::string referenceColumn(std::size_t index, bool end);

// Adds the reference values of element `elementId` to `plan` (already planned for it). A formula that does
// not compile adds a warning diagnostic and no column; the chart still draws.
void addReferenceValues(const PreviewSession& session, const std::string& elementId, const sql::Dialect& dialect,
                        const PlanOptions& options, PlannedQuery& plan);

} // namespace quire::preview
