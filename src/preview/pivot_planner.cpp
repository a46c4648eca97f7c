// Pivot tables in long form (docs/preview.md, "Pivot tables"): one row per (row keys x column keys) with the
// values aggregated, plus totals rows from ROLLUP-free UNION ALL branches over the same filtered detail rows.
// The last column, __pivot, says what a row is: cell, row-total (one per row key, across the column keys),
// column-total (one per column key) or grand-total. The grid cross-tabs the cells by the column keys.
#include "grouped_plan.h"
#include <quire/core/rules.h>
#include "plan_support.h"

namespace quire::preview {
namespace {

struct Shelf {
    std::size_t column;
    Json sort;   // {direction, by?, aggregation?} or null
};

bool readShelf(const Json& element, const char* field, const ColumnModel& model, std::vector<Shelf>& out,
               std::vector<Diagnostic>& diagnostics) {
    const Json shelf = element.value(field, Json::array());
    for (std::size_t i = 0; shelf.is_array() && i < shelf.size(); ++i) {
        const std::string pointer = "/" + std::string(field) + "/" + std::to_string(i) + "/columnId";
        const std::string id = shelf[i].is_object() ? shelf[i].value("columnId", "") : "";
        const auto column = model.find(id);
        if (!column) {
            diagnostics.push_back(planDiagnostic("preview/pivot", std::string(field) + " names '" + id + "', which is not a formula column", pointer));
            return false;
        }
        if (!model.columns[*column].rowLevel()) {
            diagnostics.push_back(planDiagnostic("preview/pivot", "'" + model.columns[*column].name + "' is on " + field +
                                                                      " but is an aggregate or window formula", pointer));
            return false;
        }
        out.push_back({*column, shelf[i].value("sort", Json())});
    }
    return true;
}

} // namespace

PlannedQuery planPivotTable(const PreviewSession& session, const std::string& elementId, const sql::Dialect& dialect,
                            const PlanOptions& options) {
    PlannedQuery plan;
    const Json* element = elementToPlan(session, elementId, plan);
    if (!element) return plan;
    const auto inputs = readGroupedInputs(session, *element, dialect, options, plan);
    if (!inputs) return plan;
    const RowSource& source = inputs->source;
    const ColumnModel& model = inputs->model;
    const auto& columns = model.columns;
    const auto q = [&](std::size_t j) { return dialect.quoteIdentifier(columns[j].alias); };

    std::vector<Shelf> rows, cols;
    if (!readShelf(*element, "rowsBy", model, rows, plan.diagnostics) || !readShelf(*element, "columnsBy", model, cols, plan.diagnostics))
        return plan;
    std::vector<std::size_t> values;
    const Json valueIds = element->value("values", Json::array());
    for (std::size_t i = 0; valueIds.is_array() && i < valueIds.size(); ++i) {
        const auto column = model.find(valueIds[i].is_string() ? valueIds[i].get<std::string>() : "");
        const std::string pointer = "/values/" + std::to_string(i);
        if (!column) {
            plan.diagnostics.push_back(planDiagnostic("preview/pivot", "values names a column the pivot lacks", pointer));
            return plan;
        }
        if (columns[*column].level != formula::ExprLevel::Aggregate) {
            plan.diagnostics.push_back(planDiagnostic(columns[*column].window() ? RuleCode("preview/not-planned") : RuleCode("preview/pivot"),
                "pivot value '" + columns[*column].name + "' must be an aggregate formula (window values are not previewed)", pointer));
            return plan;
        }
        values.push_back(*column);
    }
    if (values.empty()) {
        plan.diagnostics.push_back(planDiagnostic("preview/pivot", "a pivot table needs at least one value column", "/values"));
        return plan;
    }

    SplitFilters filters = splitFilters(session, elementId, model, options, plan.diagnostics);
    std::vector<FilterSpec> valueFilters;
    for (auto& [level, list] : filters.calcs)
        for (auto& f : list) {
            bool isValue = false;
            for (std::size_t v : values) isValue = isValue || columns[v].id == f.columnId;
            if (!isValue) plan.diagnostics.push_back(planDiagnostic("preview/not-planned", f.origin + " filters an aggregate that is not a pivot value"));
            valueFilters.push_back(f);
        }
    if (!filters.windows.empty()) plan.diagnostics.push_back(planDiagnostic("preview/not-planned", "filters on window columns of a pivot are not previewed"));
    Fragment detail;
    if (hasErrors(plan.diagnostics) || !buildDetail(model, source, filters.rows, dialect, detail, plan.diagnostics)) return plan;

    const std::string n = dialect.quoteIdentifier("__n"), kind = dialect.quoteIdentifier("__pivot");
    const Layer layer{"d", [&](std::size_t j) -> std::optional<std::string> {
                          if (!columns[j].rowLevel()) return std::nullopt;
                          return "d." + q(j);
                      }};
    std::vector<std::string> branchColumns; // the aliases every branch outputs, in order
    for (const auto* shelf : {&rows, &cols})
        for (const auto& s : *shelf) branchColumns.push_back(q(s.column));
    for (std::size_t v : values) branchColumns.push_back(q(v));
    branchColumns.push_back(n);
    branchColumns.push_back(kind);

    auto branch = [&](const std::string& label, bool withRows, bool withCols, Fragment& out) {
        Fragment select;
        select += "SELECT ";
        std::vector<std::string> groupBy;
        bool first = true;
        for (const auto& [shelf, included] : {std::pair{&rows, withRows}, std::pair{&cols, withCols}})
            for (const auto& s : *shelf) {
                select += std::string(first ? "" : ", ") + (included ? "d." + q(s.column) : std::string("NULL")) + " AS " + q(s.column);
                if (included) groupBy.push_back("d." + q(s.column));
                first = false;
            }
        for (std::size_t v : values) {
            const auto compiled = compileColumn(model, v, layer, source, dialect);
            for (const auto& d : compiled.diagnostics) plan.diagnostics.push_back(d);
            if (!compiled.ok()) return false;
            select += first ? "" : ", ";
            if (!toFragment(compiled, select, plan.diagnostics)) return false;
            select += " AS " + q(v);
            first = false;
        }
        select += ", COUNT(*) AS " + n + ", '" + label + "' AS " + kind + " FROM (";
        select += detail;
        select += ") d";
        if (!groupBy.empty()) select += " GROUP BY " + joinList(groupBy);
        if (label == "cell" && !valueFilters.empty()) {
            applyFilters(select, valueFilters, model, "v", dialect, plan.diagnostics);
            Fragment projected;
            projected += "SELECT " + joinList(branchColumns) + " FROM (";
            projected += select;
            projected += ") z";
            select = std::move(projected);
        }
        if (!out.sql.empty()) out += " UNION ALL ";
        out += select;
        return true;
    };
    Fragment all;
    if (!branch("cell", true, true, all)) return plan;
    if (!rows.empty() && !cols.empty() && (!branch("row-total", true, false, all) || !branch("column-total", false, true, all))) return plan;
    if ((!rows.empty() || !cols.empty()) && !branch("grand-total", false, false, all)) return plan;

    // Shelf sorts: by the key, or by a value's (or the row count's) total of the key, which the totals rows
    // carry. Totals exist per innermost key only, so `by` sorts the innermost entry of a shelf.
    std::vector<std::string> sortColumns, order{"CASE u." + kind + " WHEN 'cell' THEN 0 WHEN 'row-total' THEN 1 WHEN 'column-total' THEN 2 ELSE 3 END"};
    auto shelfOrder = [&](const std::vector<Shelf>& shelf, const std::string& totalLabel, const std::string& tag) {
        for (std::size_t i = 0; i < shelf.size(); ++i) {
            const Json& sort = shelf[i].sort;
            const bool descending = sort.is_object() && sort.value("direction", "ascending").rfind("desc", 0) == 0;
            std::string key = "u." + q(shelf[i].column);
            const std::string by = sort.is_object() && sort.contains("by") && sort["by"].is_string() ? sort["by"].get<std::string>() : "";
            if (!by.empty()) {
                std::string measure;
                if (by == "row-count") measure = n;
                for (std::size_t v : values)
                    if (columns[v].id == by) measure = q(v);
                if (measure.empty() || i + 1 != shelf.size()) {
                    Diagnostic d = planDiagnostic("preview/pivot-sort", "the sort by '" + by + "' is previewed as a sort by the key " +
                                                  "(only the innermost entry of a shelf sorts by a pivot value or row-count)");
                    d.severity = Severity::Warning;
                    plan.diagnostics.push_back(d);
                } else {
                    std::string partition;
                    for (std::size_t k = 0; k <= i; ++k) partition += (k ? ", " : "") + ("u." + q(shelf[k].column));
                    const std::string alias = dialect.quoteIdentifier("__sort_" + tag);
                    sortColumns.push_back("MAX(CASE WHEN u." + kind + " = '" + totalLabel + "' THEN u." + measure + " END) OVER (PARTITION BY " +
                                          partition + ") AS " + alias);
                    key = "u." + alias;
                }
            }
            order.push_back("CASE WHEN " + key + " IS NULL THEN " + (descending ? "0 ELSE 1" : "1 ELSE 0") + " END");
            order.push_back(key + (descending ? " DESC" : " ASC"));
        }
    };
    shelfOrder(rows, cols.empty() ? "cell" : "row-total", "rows");
    shelfOrder(cols, rows.empty() ? "cell" : "column-total", "columns");

    Fragment outer;
    outer += "SELECT ";
    bool first = true;
    for (const auto* shelf : {&rows, &cols})
        for (const auto& s : *shelf) {
            outer += std::string(first ? "" : ", ") + "u." + q(s.column) + " AS " + dialect.quoteIdentifier(columns[s.column].name);
            plan.columns.push_back(columns[s.column].name);
            first = false;
        }
    for (std::size_t v : values) {
        outer += ", u." + q(v) + " AS " + dialect.quoteIdentifier(columns[v].name);
        plan.columns.push_back(columns[v].name);
    }
    outer += ", u." + kind + " AS " + kind + " FROM (";
    if (sortColumns.empty()) {
        outer += all;
    } else {
        outer += "SELECT u.*, " + joinList(sortColumns) + " FROM (";
        outer += all;
        outer += ") u";
    }
    outer += ") u" + orderAndPage(joinList(order), dialect, options);
    plan.columns.push_back("__pivot");
    plan.sql = std::move(outer.sql);
    plan.parameters = std::move(outer.params);
    return plan;
}

} // namespace quire::preview
