// Elements over a relation that is not one other element: join and union sources, and charts, KPIs and
// pivots reading a warehouse table or custom SQL directly. The element's columns compile over the relation
// (sibling columns inline, [controlId] becomes a bound parameter); when any column aggregates, the query
// groups by the row-level columns, exactly as for element-sourced charts (element_planner.cpp).
#include "control_refs.h"
#include "inline_guard.h"
#include "plan_support.h"
#include "relation.h"

#include <algorithm>
#include <functional>
#include <map>

namespace quire::preview {

void finishPlan(const PreviewSession& session, const std::string& elementId, const Json& element, const sql::Dialect& dialect,
                const PlanOptions& options, const std::map<std::string, std::string>& nameOfId, const std::string& inner,
                PlannedQuery& plan);

namespace {

// A warehouse table, custom SQL, union or transpose read directly: [<table>/Col], [Custom SQL/Col],
// [<union name>/Col], [Transpose of <source>/Col]; bare [Col] too.
std::optional<Relation> singleRelation(const PreviewSession& session, const Json& source, const sql::Dialect& dialect,
                                       const PlanOptions& options, std::vector<Diagnostic>& diagnostics) {
    auto leg = planLeg(session, source, "t", dialect, options, "/source", diagnostics);
    if (!leg) return std::nullopt;
    Relation relation;
    relation.from = leg->from;
    relation.params = leg->params;
    relation.connectionId = leg->connectionId;
    const std::string alias = dialect.quoteIdentifier(leg->alias) + ".";
    const std::string name = leg->name;
    auto columns = leg->columns;
    relation.resolve = [alias, name, columns, &dialect](const sql::Reference& r) -> sql::Resolution {
        if (r.hasPrefix && r.prefix != name) return sql::ResolveError{"unknown source '" + r.prefix + "'; this element reads '" + name + "'"};
        if (columns && std::find(columns->begin(), columns->end(), r.name) == columns->end())
            return sql::ResolveError{"[" + r.name + "] is not a column of '" + name + "'"};
        return sql::ColumnSql{alias + dialect.quoteIdentifier(r.name)};
    };
    return relation;
}

struct Column {
    std::string id, name, formula, pointer;
};

} // namespace

PlannedQuery planCombinedElement(const PreviewSession& session, const std::string& elementId, const sql::Dialect& dialect,
                                 const PlanOptions& options) {
    PlannedQuery plan;
    const Json* element = elementToPlan(session, elementId, plan);
    if (!element) return plan;
    const Json source = element->value("source", Json::object());
    const std::string sourceKind = source.is_object() ? source.value("kind", "") : "";
    if (element->contains("groupings") && !(*element)["groupings"].empty()) {
        plan.diagnostics.push_back(planDiagnostic("preview/not-planned", "element '" + elementId + "': table groupings are not previewed yet", "/groupings"));
        return plan;
    }
    std::optional<Relation> relation;
    if (sourceKind == "join") relation = joinRelation(session, source, dialect, options, plan.diagnostics);
    else relation = singleRelation(session, source, dialect, options, plan.diagnostics); // table, sql, union, transpose
    if (!relation) return plan;
    plan.connectionId = relation->connectionId;

    std::vector<Column> columns;
    const Json cols = element->value("columns", Json::array());
    for (std::size_t i = 0; cols.is_array() && i < cols.size(); ++i) { // an object is no column list
        const Json& c = cols[i];
        if (!c.is_object() || !c.contains("formula") || !c["formula"].is_string()) continue;
        columns.push_back({c.value("id", ""), c.value("name", c.value("id", "")), c["formula"].get<std::string>(),
                           "/columns/" + std::to_string(i) + "/formula"});
    }
    if (columns.empty()) {
        plan.diagnostics.push_back(planDiagnostic("preview/no-columns", "element '" + elementId + "' has no columns"));
        return plan;
    }
    std::map<std::string, const Column*> byName;
    for (const auto& c : columns) byName.emplace(c.name, &c);

    // Bare names: a sibling column (inlined), else a control, else a column of the relation.
    std::vector<std::string> inProgress;
    InlineGuard guard;
    std::function<sql::CompiledExpression(const Column&)> compileColumn = [&](const Column& column) {
        auto parsed = formula::parseFormula(column.formula);
        sql::CompiledExpression failed;
        if (!parsed.ok()) {
            failed.diagnostics = std::move(parsed.diagnostics);
            return failed;
        }
        if (auto tooDeep = guard.enter(*parsed.root, column.name)) {
            failed.diagnostics.push_back(planDiagnostic(tooDeep->rule, tooDeep->message));
            return failed;
        }
        inProgress.push_back(column.name);
        auto compiled = sql::compileExpression(*parsed.root, dialect, [&](const sql::Reference& r) -> sql::Resolution {
            if (!r.hasPrefix) {
                if (auto it = byName.find(r.name); it != byName.end() && it->second != &column) {
                    if (std::find(inProgress.begin(), inProgress.end(), r.name) != inProgress.end())
                        return sql::ResolveError{"column [" + r.name + "] refers to itself through other columns"};
                    auto inner = compileColumn(*it->second);
                    if (!inner.ok()) return InlineGuard::siblingFailed(inner, r.name);
                    if (auto tooLarge = guard.inlined(inner.sql.size(), r.name)) return *tooLarge;
                    return sql::ColumnSql{"(" + inner.sql + ")", inner.type, inner.level, inner.parameters};
                }
                if (auto control = resolveControlReference(session, r)) return *control;
            }
            return relation->resolve(r);
        }, session.compileOptions());
        inProgress.pop_back();
        guard.leave(*parsed.root);
        return compiled;
    };

    std::map<std::string, std::string> nameOfId;
    std::string list, groupBy;
    bool grouped = false;
    std::vector<std::pair<sql::CompiledExpression, const Column*>> compiled;
    for (const auto& column : columns) {
        auto result = compileColumn(column);
        for (auto d : result.diagnostics) {
            d.pointer = column.pointer;
            plan.diagnostics.push_back(std::move(d));
        }
        if (!result.ok()) continue;
        if (result.level == formula::ExprLevel::Window) {
            plan.diagnostics.push_back(planDiagnostic("preview/not-planned", "window functions in '" + column.name + "' are not previewed yet", column.pointer));
            continue;
        }
        grouped = grouped || result.level == formula::ExprLevel::Aggregate;
        compiled.emplace_back(std::move(result), &column);
    }
    if (hasErrors(plan.diagnostics)) return plan;
    for (std::size_t i = 0; i < compiled.size(); ++i) {
        const auto& [result, column] = compiled[i];
        list += (i ? ", " : "") + result.sql + " AS " + dialect.quoteIdentifier(column->name);
        if (grouped && result.level == formula::ExprLevel::RowLevel)
            groupBy += (groupBy.empty() ? "" : ", ") + std::to_string(i + 1); // positions: no repeated parameters
        for (const auto& v : result.parameters) {
            auto b = boundFromSqlValue(v);
            if (!b) {
                plan.diagnostics.push_back(planDiagnostic("preview/bad-parameter", "a column formula bound a null parameter", column->pointer));
                return plan;
            }
            plan.parameters.push_back(std::move(*b));
        }
        nameOfId[column->id] = column->name;
        plan.columns.push_back(column->name);
    }
    plan.parameters.insert(plan.parameters.end(), relation->params.begin(), relation->params.end());
    std::string inner = "SELECT " + list + " FROM " + relation->from;
    if (!groupBy.empty()) inner += " GROUP BY " + groupBy;
    finishPlan(session, elementId, *element, dialect, options, nameOfId, inner, plan);
    return plan;
}

} // namespace quire::preview
