// Elements sourced from another element (`source: {kind: table, elementId}`): the parent's planned query is a
// subquery `p`, the element's formulas read its columns ([Parent name/Col], or bare [Col]), and when any
// formula aggregates, the query groups by the element's row-level columns. That one rule plans charts
// (axis/colour dimensions, measures), KPIs (no dimension: one row) and pivot tables (rows + values).
#include <quire/preview/planner.h>

#include <quire/sql/compiler.h>

#include "element_name.h"
#include "control_refs.h"
#include "grouped_plan.h"
#include "plan_support.h"
#include "relation.h"

#include <map>
#include <optional>
#include <set>

namespace quire::preview {

void finishPlan(const PreviewSession& session, const std::string& elementId, const Json& element, const sql::Dialect& dialect,
                const PlanOptions& options, const std::map<std::string, std::string>& nameOfId, const std::string& inner,
                PlannedQuery& plan);

namespace {


thread_local int planningDepth = 0;

} // namespace

std::string connectionIdOf(const PreviewSession& session, const std::string& elementId) {
    std::string current = elementId;
    for (int guard = 0; guard < 32 && !current.empty(); ++guard) {
        const Json* element = session.element(current);
        if (!element || !element->contains("source") || !(*element)["source"].is_object()) return {};
        const Json& source = (*element)["source"];
        if (source.contains("connectionId") && source["connectionId"].is_string()) return source["connectionId"].get<std::string>();
        if (!source.contains("elementId")) return sourceConnectionId(session, source); // join, union, transpose
        current = source.value("elementId", "");
    }
    return {};
}

PlannedQuery planSourcedElement(const PreviewSession& session, const std::string& elementId, const sql::Dialect& dialect,
                                const PlanOptions& options) {
    PlannedQuery plan;
    const Json* element = session.element(elementId);
    const std::string parentId = element ? (*element)["source"].value("elementId", "") : "";
    const Json* parent = session.element(parentId);
    if (!element || !parent) {
        plan.diagnostics.push_back(planDiagnostic("preview/bad-source", "element '" + elementId + "' is sourced from '" + parentId +
                                                                       "', which the workbook does not contain", "/source/elementId"));
        return plan;
    }
    if (planningDepth > 16) {
        plan.diagnostics.push_back(planDiagnostic("preview/source-cycle", "elements are sourced from each other in a cycle"));
        return plan;
    }
    if (hasWindowColumns(*element)) return planWindowedChart(session, elementId, dialect, options);
    ++planningDepth;
    PlanOptions parentOptions;
    parentOptions.today = options.today;
    // A pinned grouping level (source.groupingId) reads that level's rows of a grouped table.
    const PlannedQuery up = planSourceRows(session, parentId, (*element)["source"].value("groupingId", ""), dialect, parentOptions);
    --planningDepth;
    if (!up.ok()) {
        std::string why = "its source '" + parentId + "' cannot be previewed";
        for (const auto& d : up.diagnostics)
            if (d.severity == Severity::Error) { why += ": " + d.message; break; }
        plan.diagnostics.push_back(planDiagnostic("preview/source", why, "/source"));
        return plan;
    }
    plan.connectionId = up.connectionId;
    const std::set<std::string> parentColumns(up.columns.begin(), up.columns.end());
    const std::string parentName = elementDisplayName(*parent);

    struct Compiled {
        std::string name, sql;
        formula::ExprLevel level;
        std::vector<sql::Value> params;
    };
    std::vector<Compiled> compiled;
    std::map<std::string, std::string> nameOfId;
    const Json columns = element->value("columns", Json::array());
    for (std::size_t i = 0; columns.is_array() && i < columns.size(); ++i) { // an object is no column list
        const Json& c = columns[i];
        if (!c.is_object() || !c.contains("formula") || !c["formula"].is_string()) continue;
        const std::string name = c.value("name", c.value("id", ""));
        const std::string pointer = "/columns/" + std::to_string(i) + "/formula";
        auto result = sql::compileFormula(c["formula"].get<std::string>(), dialect, [&](const sql::Reference& r) -> sql::Resolution {
            if (auto control = resolveControlReference(session, r)) return *control;
            if (r.hasPrefix && r.prefix != parentName)
                return sql::ResolveError{"[" + r.prefix + "/" + r.name + "]: the source element is named '" + parentName + "'"};
            if (parentColumns.count(r.name)) return sql::ColumnSql{"p." + dialect.quoteIdentifier(r.name)};
            return sql::ResolveError{"[" + r.name + "] is not a column of '" + parentName + "'"};
        }, session.compileOptions());
        for (auto d : result.diagnostics) {
            d.pointer = pointer;
            plan.diagnostics.push_back(std::move(d));
        }
        if (!result.ok()) continue;
        if (result.level == formula::ExprLevel::Window) {
            plan.diagnostics.push_back(planDiagnostic("preview/not-planned", "window functions in '" + name + "' are not previewed yet", pointer));
            continue;
        }
        compiled.push_back({name, result.sql, result.level, result.parameters});
        nameOfId[c.value("id", "")] = name;
        plan.columns.push_back(name);
    }
    if (hasErrors(plan.diagnostics)) return plan;
    if (compiled.empty()) {
        plan.diagnostics.push_back(planDiagnostic("preview/no-columns", "element '" + elementId + "' has no columns"));
        return plan;
    }
    bool grouped = false;
    for (const auto& c : compiled) grouped = grouped || c.level == formula::ExprLevel::Aggregate;
    std::string list, groupBy;
    for (std::size_t i = 0; i < compiled.size(); ++i) {
        list += (i ? ", " : "") + compiled[i].sql + " AS " + dialect.quoteIdentifier(compiled[i].name);
        if (grouped && compiled[i].level == formula::ExprLevel::RowLevel)
            groupBy += (groupBy.empty() ? "" : ", ") + std::to_string(i + 1); // positions: no repeated parameters
        for (const auto& v : compiled[i].params) {
            auto b = boundFromSqlValue(v);
            if (!b) {
                plan.diagnostics.push_back(planDiagnostic("preview/bad-parameter", "a column formula bound a null parameter"));
                return plan;
            }
            plan.parameters.push_back(std::move(*b));
        }
    }
    std::string inner = "SELECT " + list + " FROM (" + up.sql + ") p";
    plan.parameters.insert(plan.parameters.end(), up.parameters.begin(), up.parameters.end());
    if (!groupBy.empty()) inner += " GROUP BY " + groupBy;
    finishPlan(session, elementId, *element, dialect, options, nameOfId, inner, plan);
    return plan;
}

} // namespace quire::preview
