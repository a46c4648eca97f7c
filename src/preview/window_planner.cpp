// Ordering and window columns. Windows run within the current grouping level, ordered by the element sort
// (spec 10.2): detail-level windows partition by every grouping key and order by the element's sort entries on
// row-level columns, or, without any, by every detail column in column order so results are repeatable.
// Windows listed in a grouping's calculations are compiled inside that level's GROUP BY (grouping_planner.cpp).
#include "grouped_plan.h"
#include "plan_support.h"

#include <quire/formula/catalog.h>
#include <quire/formula/parser.h>

namespace quire::preview {

std::string joinList(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

std::vector<std::string> orderItems(const Json& sortEntries, const std::function<std::optional<std::string>(std::size_t)>& sqlOf,
                                    const ColumnModel& model) {
    std::vector<std::string> items;
    if (!sortEntries.is_array()) return items;
    for (const auto& entry : sortEntries) {
        if (!entry.is_object()) continue;
        const auto column = model.find(entry.value("columnId", ""));
        if (!column) continue;
        const auto sql = sqlOf(*column);
        if (!sql) continue;
        const bool descending = entry.value("direction", "ascending").rfind("desc", 0) == 0;
        const std::string nulls = entry.value("nulls", "");
        // Engines disagree on where NULLs sort; say it explicitly (last ascending, first descending by default).
        const bool nullsFirst = nulls == "first" || (nulls != "last" && descending);
        items.push_back("CASE WHEN " + *sql + " IS NULL THEN " + (nullsFirst ? "0" : "1") + " ELSE " + (nullsFirst ? "1" : "0") + " END");
        items.push_back(*sql + (descending ? " DESC" : " ASC"));
    }
    return items;
}

std::optional<std::size_t> valueColumnOf(const ColumnModel& model, std::size_t index) {
    const auto parsed = formula::parseFormula(model.columns[index].formula);
    if (!parsed.ok() || parsed.root->kind != formula::NodeKind::Call || parsed.root->children.empty()) return std::nullopt;
    const auto* info = formula::FunctionCatalog::builtin().find(parsed.root->name);
    const formula::Node& value = *parsed.root->children[0];
    if (!info || info->returns.fromArg != 0 || value.kind != formula::NodeKind::Reference || value.hasPrefix) return std::nullopt;
    const auto named = model.byName.find(value.name);
    if (named == model.byName.end()) return std::nullopt;
    for (const std::size_t j : named->second)
        if (j != index) return j;
    return std::nullopt;
}

bool addDetailWindows(const ColumnModel& model, const Json& element, const RowSource& source, const sql::Dialect& dialect,
                      Fragment& detail, std::vector<Diagnostic>& diagnostics) {
    std::vector<std::size_t> windows;
    for (std::size_t i = 0; i < model.columns.size(); ++i)
        if (model.columns[i].window() && model.columns[i].calcOf < 0) windows.push_back(i);
    if (windows.empty()) return true;
    std::vector<std::string> partition;
    if (!model.levels.empty())
        for (std::size_t k : model.levels.back().keys) partition.push_back("f." + dialect.quoteIdentifier(model.columns[k].alias));
    auto rowColumn = [&](std::size_t j) -> std::optional<std::string> {
        if (!model.columns[j].rowLevel()) return std::nullopt;
        return "f." + dialect.quoteIdentifier(model.columns[j].alias);
    };
    std::vector<std::string> order = orderItems(element.value("sort", Json::array()), rowColumn, model);
    if (order.empty())
        for (std::size_t j = 0; j < model.columns.size(); ++j)
            if (model.columns[j].rowLevel() && model.columns[j].keyOf < 0) order.push_back(*rowColumn(j) + " ASC");
    sql::CompileOptions options;
    options.windowPartitionBy = joinList(partition);
    options.windowOrderBy = joinList(order);
    const Layer layer{"f", rowColumn};
    Fragment out;
    out += "SELECT f.*";
    for (std::size_t i : windows) {
        for (std::size_t j : model.columns[i].refs)
            if (model.columns[j].level == formula::ExprLevel::Aggregate) {
                diagnostics.push_back(planDiagnostic("preview/not-planned", "window column '" + model.columns[i].name +
                    "' reads the aggregate '" + model.columns[j].name + "'; list it in that grouping's calculations",
                    model.columns[i].pointer));
                return false;
            }
        const auto compiled = compileColumn(model, i, layer, source, dialect, options);
        for (const auto& d : compiled.diagnostics) diagnostics.push_back(d);
        if (!compiled.ok()) return false;
        out += ", ";
        if (!toFragment(compiled, out, diagnostics)) return false;
        out += " AS " + dialect.quoteIdentifier(model.columns[i].alias);
    }
    out += " FROM (";
    out += detail;
    out += ") f";
    detail = std::move(out);
    return true;
}

} // namespace quire::preview
