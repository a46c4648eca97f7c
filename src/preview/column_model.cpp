// Column classification for grouped tables and pivots: each formula column's level (row-level, aggregate,
// window, including what its sibling references imply), the grouping levels read from `groupings`, and the
// compilation of one column inside one query layer (siblings read as inner-layer columns or inlined).
#include "grouped_plan.h"
#include "inline_guard.h"
#include "plan_support.h"

#include <quire/formula/catalog.h>
#include <quire/formula/parser.h>

#include <algorithm>

namespace quire::preview {
namespace {

using formula::ExprLevel;

int rank(ExprLevel level) {
    switch (level) {
    case ExprLevel::Constant: return 0;
    case ExprLevel::RowLevel: return 1;
    case ExprLevel::Aggregate: return 2;
    case ExprLevel::Window: return 3;
    }
    return 1;
}

struct Compiling {
    const ColumnModel& model;
    const Layer& layer;
    const RowSource& source;
    const sql::Dialect& dialect;
    std::vector<std::size_t>* seen = nullptr; // every sibling referenced, directly or through inlining
    InlineGuard& guard; // one per plan: the inlined-bytes budget is the element's, not each column's
    std::vector<std::size_t> inProgress;

    sql::CompiledExpression run(std::size_t index, const sql::CompileOptions& options) {
        auto parsed = formula::parseFormula(model.columns[index].formula);
        if (!parsed.ok()) {
            sql::CompiledExpression failed;
            failed.diagnostics = std::move(parsed.diagnostics);
            return failed;
        }
        if (auto tooDeep = guard.enter(*parsed.root, model.columns[index].name)) {
            sql::CompiledExpression failed;
            failed.diagnostics.push_back(planDiagnostic(tooDeep->rule, tooDeep->message));
            return failed;
        }
        inProgress.push_back(index);
        auto resolver = [&](const sql::Reference& r) -> sql::Resolution {
            if (!r.hasPrefix) {
                static const std::vector<std::size_t> none;
                const auto named = model.byName.find(r.name);
                for (const std::size_t j : named == model.byName.end() ? none : named->second) {
                    if (j == index) continue;
                    if (std::find(inProgress.begin(), inProgress.end(), j) != inProgress.end())
                        return sql::ResolveError{"column [" + r.name + "] refers to itself through other columns"};
                    if (seen) seen->push_back(j);
                    if (layer.available)
                        if (auto sql = layer.available(j)) return sql::ColumnSql{*sql, model.columns[j].type, ExprLevel::RowLevel};
                    auto inner = run(j, options);
                    if (!inner.ok()) return InlineGuard::siblingFailed(inner, r.name);
                    if (auto tooLarge = guard.inlined(inner.sql.size(), r.name)) return *tooLarge;
                    if (!inner.parameters.empty()) return sql::ResolveError{"column [" + r.name + "] uses a control"};
                    return sql::ColumnSql{"(" + inner.sql + ")", inner.type,
                                          inner.level == ExprLevel::Aggregate ? ExprLevel::Aggregate : ExprLevel::RowLevel};
                }
            }
            if (r.hasPrefix && r.prefix != source.prefix)
                return sql::ResolveError{"unknown source '" + r.prefix + "'; this element reads '" + source.prefix + "'"};
            if (!source.columns.empty() && !source.columns.count(r.name))
                return sql::ResolveError{"[" + r.name + "] is not a column of '" + source.prefix + "'"};
            return sql::ColumnSql{layer.raw + "." + dialect.quoteIdentifier(r.name)};
        };
        auto out = sql::compileExpression(*parsed.root, dialect, resolver, options);
        inProgress.pop_back();
        guard.leave(*parsed.root);
        return out;
    }
};

bool hasFunctionOfKind(const formula::Node& node, formula::FunctionKind kind) {
    if (node.kind == formula::NodeKind::Call)
        if (const auto* info = formula::FunctionCatalog::builtin().find(node.name); info && info->kind == kind) return true;
    for (const auto& child : node.children)
        if (hasFunctionOfKind(*child, kind)) return true;
    return false;
}

// Reads groupings[i].groupBy / calculations into the model's levels.
void readGroupings(const Json& element, ColumnModel& model) {
    const Json groupings = element.value("groupings", Json::array());
    if (!groupings.is_array()) return;
    std::vector<std::size_t> outerKeys;
    for (std::size_t g = 0; g < groupings.size(); ++g) {
        const Json& grouping = groupings[g];
        const std::string pointer = "/groupings/" + std::to_string(g);
        if (!grouping.is_object()) {
            model.diagnostics.push_back(planDiagnostic("preview/grouping", "a grouping must be an object", pointer));
            continue;
        }
        ModelLevel level;
        level.id = grouping.value("id", "");
        level.pointer = pointer;
        level.keys = outerKeys;
        if (grouping.contains("sort") && grouping["sort"].is_array()) level.sort = grouping["sort"];
        const int index = static_cast<int>(model.levels.size());
        for (const char* field : {"groupBy", "calculations"}) {
            const Json ids = grouping.value(field, Json::array());
            for (std::size_t k = 0; ids.is_array() && k < ids.size(); ++k) {
                const std::string where = pointer + "/" + field + "/" + std::to_string(k);
                const std::string id = ids[k].is_string() ? ids[k].get<std::string>() : "";
                const auto column = model.find(id);
                if (!column) {
                    model.diagnostics.push_back(planDiagnostic("preview/grouping", "grouping '" + level.id + "' lists '" + id +
                                                               "', which is not a formula column of the element", where));
                    continue;
                }
                ModelColumn& c = model.columns[*column];
                if (c.keyOf >= 0 || c.calcOf >= 0) {
                    model.diagnostics.push_back(planDiagnostic("preview/grouping", "column '" + id + "' is listed by more than one grouping", where));
                    continue;
                }
                if (std::string(field) == "groupBy") {
                    if (!c.rowLevel()) {
                        model.diagnostics.push_back(planDiagnostic("preview/grouping", "column '" + c.name +
                                                                   "' groups rows but is an aggregate or window formula", where));
                        continue;
                    }
                    c.keyOf = index;
                    level.ownKeys.push_back(*column);
                    level.keys.push_back(*column);
                } else {
                    if (c.rowLevel()) {
                        model.diagnostics.push_back(planDiagnostic("preview/grouping", "calculation '" + c.name +
                                                                   "' must be an aggregate (Sum, Count, ...) or window formula", where));
                        continue;
                    }
                    c.calcOf = index;
                    level.calcs.push_back(*column);
                }
            }
        }
        outerKeys = level.keys;
        model.levels.push_back(std::move(level));
    }
}

} // namespace

bool hasWindowColumns(const Json& element) {
    for (const auto& c : element.value("columns", Json::array())) {
        if (!c.is_object() || !c.contains("formula") || !c["formula"].is_string()) continue;
        const auto parsed = formula::parseFormula(c["formula"].get<std::string>());
        if (parsed.ok() && hasFunctionOfKind(*parsed.root, formula::FunctionKind::Window)) return true;
    }
    return false;
}

bool needsGroupedPlanner(const Json& element) {
    if (element.contains("groupings") && element["groupings"].is_array() && !element["groupings"].empty()) return true;
    const std::string sourceKind = element.contains("source") && element["source"].is_object() ? element["source"].value("kind", "") : "";
    const bool direct = sourceKind == "warehouse-table" || sourceKind == "sql";
    for (const auto& c : element.value("columns", Json::array())) {
        if (!c.is_object() || !c.contains("formula") || !c["formula"].is_string()) continue;
        const auto parsed = formula::parseFormula(c["formula"].get<std::string>());
        if (!parsed.ok()) continue; // the planner reports it
        if (hasFunctionOfKind(*parsed.root, formula::FunctionKind::Window)) return true;
        if (direct && hasFunctionOfKind(*parsed.root, formula::FunctionKind::Aggregate)) return true;
    }
    return false;
}

sql::CompiledExpression compileColumn(const ColumnModel& model, std::size_t index, const Layer& layer, const RowSource& source,
                                      const sql::Dialect& dialect, const sql::CompileOptions& options) {
    InlineGuard guard;
    Compiling compiling{model, layer, source, dialect, nullptr, guard, {}};
    sql::CompileOptions withUser = options;
    if (!withUser.user) withUser.user = model.user;
    auto out = compiling.run(index, withUser);
    for (auto& d : out.diagnostics) d.pointer = model.columns[index].pointer;
    return out;
}

bool toFragment(const sql::CompiledExpression& compiled, Fragment& out, std::vector<Diagnostic>& diagnostics) {
    out.sql += compiled.sql;
    for (const auto& v : compiled.parameters) {
        auto b = boundFromSqlValue(v);
        if (!b) {
            diagnostics.push_back(planDiagnostic("preview/bad-parameter", "a column formula bound a null parameter"));
            return false;
        }
        out.params.push_back(std::move(*b));
    }
    return true;
}

ColumnModel buildColumnModel(const Json& element, const RowSource& source, const sql::Dialect& dialect) {
    ColumnModel model;
    const Json columns = element.value("columns", Json::array());
    for (std::size_t i = 0; columns.is_array() && i < columns.size(); ++i) {
        const Json& c = columns[i];
        if (!c.is_object() || !c.contains("formula") || !c["formula"].is_string()) continue;
        ModelColumn column;
        column.id = c.value("id", "");
        column.name = c.value("name", column.id);
        column.formula = c["formula"].get<std::string>();
        column.pointer = "/columns/" + std::to_string(i) + "/formula";
        column.alias = "__c" + std::to_string(model.columns.size());
        model.byId[column.id] = model.columns.size();
        model.byName[column.name].push_back(model.columns.size());
        model.columns.push_back(std::move(column));
    }
    if (model.columns.empty()) {
        model.diagnostics.push_back(planDiagnostic("preview/no-columns", "the element has no formula columns", "/columns"));
        return model;
    }
    // Own level of each formula, then what references to aggregate / window siblings imply.
    const std::size_t n = model.columns.size();
    std::vector<ExprLevel> own(n, ExprLevel::RowLevel);
    std::vector<std::vector<std::size_t>> refs(n);
    const Layer probe{"s", {}};
    // Shared by all columns, as in the relation planner: with a guard per column, 60 siblings that double at each
    // level built up to 16 MB of SQL each (seconds of copying) before each one was refused.
    InlineGuard guard;
    for (std::size_t i = 0; i < n; ++i) {
        Compiling compiling{model, probe, source, dialect, &refs[i], guard, {}};
        const auto compiled = compiling.run(i, {});
        for (auto d : compiled.diagnostics) {
            d.pointer = model.columns[i].pointer;
            model.diagnostics.push_back(std::move(d));
        }
        own[i] = compiled.level;
        model.columns[i].type = compiled.type;
        model.columns[i].level = compiled.level;
    }
    if (!model.ok()) return model;
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j : refs[i])
                if (rank(model.columns[j].level) > rank(model.columns[i].level)) {
                    model.columns[i].level = model.columns[j].level;
                    changed = true;
                }
    }
    for (std::size_t i = 0; i < n; ++i) {
        bool overWindow = false;
        for (std::size_t j : refs[i]) overWindow = overWindow || model.columns[j].window();
        if (overWindow && (own[i] == ExprLevel::Window || own[i] == ExprLevel::Aggregate))
            model.diagnostics.push_back(planDiagnostic("preview/not-planned", "column '" + model.columns[i].name +
                "' aggregates or windows over a window column; SQL cannot nest them in one query", model.columns[i].pointer));
        model.columns[i].refs = refs[i];
    }
    readGroupings(element, model);
    for (std::size_t i = 0; i < n; ++i)
        if (model.columns[i].calcOf < 0 && model.columns[i].level == ExprLevel::Aggregate && own[i] != ExprLevel::Aggregate)
            model.diagnostics.push_back(planDiagnostic("preview/not-planned", "column '" + model.columns[i].name +
                "' mixes row values with aggregate columns; list it in a grouping's calculations", model.columns[i].pointer));
    // Aggregates listed by no grouping are evaluated over the whole (filtered) table: an outermost level without keys.
    ModelLevel whole;
    whole.pointer = "/columns";
    for (std::size_t i = 0; i < n; ++i)
        if (model.columns[i].calcOf < 0 && model.columns[i].level == ExprLevel::Aggregate) whole.calcs.push_back(i);
    if (!whole.calcs.empty()) {
        for (auto& c : model.columns) {
            if (c.keyOf >= 0) ++c.keyOf;
            if (c.calcOf >= 0) ++c.calcOf;
        }
        for (std::size_t i : whole.calcs) model.columns[i].calcOf = 0;
        model.levels.insert(model.levels.begin(), std::move(whole));
    }
    return model;
}

std::optional<GroupedInputs> readGroupedInputs(const PreviewSession& session, const Json& element, const sql::Dialect& dialect,
                                               const PlanOptions& options, PlannedQuery& plan) {
    GroupedInputs inputs;
    inputs.source = rowSourceOf(session, element, dialect, options);
    plan.diagnostics = inputs.source.diagnostics;
    if (!inputs.source.ok()) return std::nullopt;
    plan.connectionId = inputs.source.connectionId;
    inputs.model = buildColumnModel(element, inputs.source, dialect);
    inputs.model.user = session.currentUser();
    plan.diagnostics.insert(plan.diagnostics.end(), inputs.model.diagnostics.begin(), inputs.model.diagnostics.end());
    if (!inputs.model.ok()) return std::nullopt;
    return inputs;
}

} // namespace quire::preview
