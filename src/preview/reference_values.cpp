#include <quire/preview/reference_values.h>

#include "control_refs.h"
#include "plan_support.h"

#include <set>

namespace quire::preview {

std::string referenceColumn(std::size_t index, bool end) { return "__ref" + std::to_string(index) + (end ? "_end" : ""); }

void addReferenceValues(const PreviewSession& session, const std::string& elementId, const sql::Dialect& dialect,
                        const PlanOptions& options, PlannedQuery& plan) {
    const Json* element = session.element(elementId);
    if (!element || !plan.ok() || !element->contains("refMarks") || !(*element)["refMarks"].is_array()) return;
    const Json& marks = (*element)["refMarks"];
    // The marks span every row of the chart, not the card's window.
    PlanOptions whole;
    whole.today = options.today;
    const PlannedQuery all = planElement(session, elementId, dialect, whole);
    if (!all.ok()) return;
    const std::set<std::string> names(all.columns.begin(), all.columns.end());
    std::string list;
    std::vector<BoundValue> parameters;
    std::vector<std::string> added;
    for (std::size_t i = 0; i < marks.size(); ++i) {
        if (!marks[i].is_object()) continue;
        for (const bool end : {false, true}) {
            const char* key = end ? "endValue" : "value";
            const Json v = marks[i].value(key, Json());
            if (!v.is_object() || !v.contains("formula") || !v["formula"].is_string()) continue;
            const std::string pointer = "/refMarks/" + std::to_string(i) + "/" + key + "/formula";
            auto compiled = sql::compileFormula(v["formula"].get<std::string>(), dialect, [&](const sql::Reference& r) -> sql::Resolution {
                if (auto control = resolveControlReference(session, r)) return *control;
                if (!r.hasPrefix && names.count(r.name)) return sql::ColumnSql{"c." + dialect.quoteIdentifier(r.name)};
                return sql::ResolveError{"[" + r.name + "] is not a column of the chart"};
            });
            std::vector<BoundValue> bound;
            bool ok = compiled.ok();
            for (const auto& value : compiled.parameters) {
                auto b = boundFromSqlValue(value);
                if (!b) { ok = false; break; }
                bound.push_back(std::move(*b));
            }
            if (!ok) { // the chart draws without this mark; the Problems of the preview say why
                for (auto d : compiled.diagnostics) {
                    d.severity = Severity::Warning;
                    d.pointer = pointer;
                    plan.diagnostics.push_back(std::move(d));
                }
                continue;
            }
            const std::string column = referenceColumn(i, end);
            list += ", (SELECT " + compiled.sql + " FROM (" + all.sql + ") c) AS " + dialect.quoteIdentifier(column);
            parameters.insert(parameters.end(), bound.begin(), bound.end());
            parameters.insert(parameters.end(), all.parameters.begin(), all.parameters.end());
            added.push_back(column);
        }
    }
    if (added.empty()) return;
    // Select-list placeholders come before those of the FROM clause.
    plan.sql = "SELECT q.*" + list + " FROM (" + plan.sql + ") q";
    parameters.insert(parameters.end(), plan.parameters.begin(), plan.parameters.end());
    plan.parameters = std::move(parameters);
    plan.columns.insert(plan.columns.end(), added.begin(), added.end());
}

} // namespace quire::preview
