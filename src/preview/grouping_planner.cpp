// Tables with groupings, aggregate or window columns (docs/preview.md, "Grouped tables"). The result is flat:
// one row per detail row (or, without detail columns or with source.groupingId, per group of the deepest /
// chosen level), carrying every level's keys and that level's calculations. Each level is a GROUP BY
// subquery over the filtered detail rows, joined back on its keys with NULL-safe equality.
#include "grouped_plan.h"
#include "plan_support.h"

#include <quire/preview/effective_filters.h>

#include <algorithm>

namespace quire::preview {
namespace {

std::vector<std::string> nullsLastAscending(const std::string& sql) {
    return {"CASE WHEN " + sql + " IS NULL THEN 1 ELSE 0 END", sql + " ASC"};
}

// NULL-safe key equality the engines can still hash-join or index: SQLite's IS (automatic index); elsewhere
// equality of the text form plus equality of NULL-ness (IS NOT DISTINCT FROM defeats PostgreSQL's hash join).
std::string nullSafeEquals(const sql::Dialect& dialect, const std::string& a, const std::string& b) {
    if (dialect.id() == sql::DialectId::SQLite) return a + " IS " + b;
    return "COALESCE(" + dialect.castText(a) + ", '') = COALESCE(" + dialect.castText(b) + ", '') AND (" + a + " IS NULL) = (" + b +
           " IS NULL)";
}

void append(std::vector<std::string>& to, const std::vector<std::string>& items) { to.insert(to.end(), items.begin(), items.end()); }

} // namespace

void applyFilters(Fragment& query, const std::vector<FilterSpec>& filters, const ColumnModel& model, const std::string& tag,
                  const sql::Dialect& dialect, std::vector<Diagnostic>& diagnostics) {
    std::string where;
    std::vector<BoundValue> whereParams;
    std::vector<LoweredPredicate> ranked;
    for (const auto& filter : filters) {
        const auto column = model.find(filter.columnId);
        if (!column) continue; // splitFilters reported it
        const std::string alias = dialect.quoteIdentifier(model.columns[*column].alias);
        auto lowered = lowerFilter(filter, (filter.kind == "top-n" ? "w." : "q.") + alias);
        if (!lowered.ok()) {
            diagnostics.push_back(planDiagnostic("preview/filter", filter.origin + ": " + lowered.error));
            continue;
        }
        if (!lowered.windowSql.empty()) {
            ranked.push_back(std::move(lowered));
            continue;
        }
        where += (where.empty() ? "" : " AND ") + lowered.sql;
        whereParams.insert(whereParams.end(), lowered.params.begin(), lowered.params.end());
    }
    if (!where.empty()) {
        Fragment out;
        out += "SELECT * FROM (";
        out += query;
        out += ") q WHERE " + where;
        out.params.insert(out.params.end(), whereParams.begin(), whereParams.end());
        query = std::move(out);
    }
    // Top-n ranks the rows that pass the other filters, one window layer each.
    for (std::size_t n = 0; n < ranked.size(); ++n) {
        const std::string rank = dialect.quoteIdentifier("__rank_" + tag + std::to_string(n));
        std::string predicate = ranked[n].sql;
        predicate.replace(predicate.find("{rank}"), 6, "r." + rank);
        Fragment out;
        out += "SELECT * FROM (SELECT w.*, " + ranked[n].windowSql + " AS " + rank + " FROM (";
        out += query;
        out += ") w) r WHERE " + predicate;
        out.params.insert(out.params.end(), ranked[n].params.begin(), ranked[n].params.end());
        query = std::move(out);
    }
}

bool buildDetail(const ColumnModel& model, const RowSource& source, const std::vector<FilterSpec>& rowFilters,
                 const sql::Dialect& dialect, Fragment& detail, std::vector<Diagnostic>& diagnostics) {
    const Layer layer{"s", {}};
    detail = Fragment{};
    detail += "SELECT s.*";
    for (std::size_t i = 0; i < model.columns.size(); ++i) {
        if (!model.columns[i].rowLevel()) continue;
        const auto compiled = compileColumn(model, i, layer, source, dialect);
        for (const auto& d : compiled.diagnostics) diagnostics.push_back(d);
        if (!compiled.ok()) return false;
        detail += ", ";
        if (!toFragment(compiled, detail, diagnostics)) return false;
        detail += " AS " + dialect.quoteIdentifier(model.columns[i].alias);
    }
    detail += " FROM ";
    detail += source.from;
    detail += " s";
    applyFilters(detail, rowFilters, model, "d", dialect, diagnostics);
    return !hasErrors(diagnostics);
}

SplitFilters splitFilters(const PreviewSession& session, const std::string& elementId, const ColumnModel& model,
                          const PlanOptions& options, std::vector<Diagnostic>& diagnostics) {
    SplitFilters out;
    for (const auto& filter : effectiveFilters(session, elementId, options.today)) {
        const auto column = model.find(filter.columnId);
        if (!column) {
            diagnostics.push_back(planDiagnostic("preview/unknown-column", filter.origin + " filters column '" + filter.columnId +
                                                                               "', which element '" + elementId + "' lacks"));
            continue;
        }
        const ModelColumn& c = model.columns[*column];
        if (c.rowLevel()) out.rows.push_back(filter);
        else if (c.calcOf >= 0) out.calcs[c.calcOf].push_back(filter);
        else out.windows.push_back(filter);
    }
    return out;
}

PlannedQuery planGroupedTable(const PreviewSession& session, const std::string& elementId, const sql::Dialect& dialect,
                              const PlanOptions& options, const std::string& groupingId) {
    PlannedQuery missing;
    const Json* element = elementToPlan(session, elementId, missing);
    if (!element) return missing;
    return planGroupedElement(session, elementId, *element, dialect, options, groupingId);
}

PlannedQuery planGroupedElement(const PreviewSession& session, const std::string& elementId, const Json& body,
                                const sql::Dialect& dialect, const PlanOptions& options, const std::string& groupingId) {
    PlannedQuery plan;
    const Json* element = &body;
    const auto inputs = readGroupedInputs(session, *element, dialect, options, plan);
    if (!inputs) return plan;
    const RowSource& source = inputs->source;
    const ColumnModel& model = inputs->model;
    const auto& columns = model.columns;
    const auto& levels = model.levels;
    const auto q = [&](std::size_t j) { return dialect.quoteIdentifier(columns[j].alias); };

    int last = static_cast<int>(levels.size()) - 1;
    if (!groupingId.empty()) {
        last = -1;
        for (std::size_t k = 0; k < levels.size(); ++k)
            if (levels[k].id == groupingId) last = static_cast<int>(k);
        if (last < 0) {
            plan.diagnostics.push_back(planDiagnostic("preview/bad-grouping", "element '" + elementId + "' has no grouping '" +
                                                                                  groupingId + "'", "/groupings"));
            return plan;
        }
    }
    bool hasDetail = false;
    for (const auto& c : columns) hasDetail = hasDetail || (c.keyOf < 0 && c.calcOf < 0);
    const bool levelRows = !groupingId.empty() || !hasDetail;

    SplitFilters filters = splitFilters(session, elementId, model, options, plan.diagnostics);
    Fragment detail;
    if (hasErrors(plan.diagnostics) || !buildDetail(model, source, filters.rows, dialect, detail, plan.diagnostics)) return plan;
    if (!levelRows || !filters.windows.empty()) {
        if (!addDetailWindows(model, *element, source, dialect, detail, plan.diagnostics)) return plan;
        applyFilters(detail, filters.windows, model, "w", dialect, plan.diagnostics);
    }
    const Json elementSort = element->value("sort", Json::array());

    // One GROUP BY subquery per level. Window calculations run inside it: partitioned by the outer levels'
    // keys, ordered by the grouping's sort, then the element sort on this level's columns, else its own keys.
    std::vector<Fragment> levelSql;
    for (int k = 0; k <= last; ++k) {
        const ModelLevel& level = levels[static_cast<std::size_t>(k)];
        const Layer layer{"d", [&](std::size_t j) -> std::optional<std::string> {
                              if (!columns[j].rowLevel()) return std::nullopt;
                              return "d." + q(j);
                          }};
        auto atLevel = [&](std::size_t j) -> std::optional<std::string> {
            if (columns[j].keyOf >= 0 && columns[j].keyOf <= k) return "d." + q(j);
            if (columns[j].calcOf != k || columns[j].window()) return std::nullopt;
            const auto compiled = compileColumn(model, j, layer, source, dialect);
            if (!compiled.ok() || !compiled.parameters.empty()) return std::nullopt;
            return compiled.sql;
        };
        auto ownLevel = [&](std::size_t j) -> std::optional<std::string> {
            if (columns[j].keyOf != k && columns[j].calcOf != k) return std::nullopt;
            return atLevel(j);
        };
        std::vector<std::string> order = orderItems(level.sort, atLevel, model);
        append(order, orderItems(elementSort, ownLevel, model));
        if (order.empty())
            for (std::size_t j : level.ownKeys) append(order, nullsLastAscending("d." + q(j)));
        std::vector<std::string> partition;
        for (std::size_t i = 0; i + level.ownKeys.size() < level.keys.size(); ++i) partition.push_back("d." + q(level.keys[i]));
        sql::CompileOptions windowOptions;
        windowOptions.windowPartitionBy = joinList(partition);
        windowOptions.windowOrderBy = joinList(order);

        Fragment select;
        select += "SELECT ";
        std::vector<std::string> keys;
        for (std::size_t j : level.keys) keys.push_back("d." + q(j));
        bool first = true;
        for (std::size_t j : level.keys) {
            select += std::string(first ? "" : ", ") + "d." + q(j) + " AS " + q(j);
            first = false;
        }
        for (std::size_t j : level.calcs) {
            const auto compiled = compileColumn(model, j, layer, source, dialect, windowOptions);
            for (const auto& d : compiled.diagnostics) plan.diagnostics.push_back(d);
            if (!compiled.ok()) return plan;
            select += first ? "" : ", ";
            if (!toFragment(compiled, select, plan.diagnostics)) return plan;
            select += " AS " + q(j);
            first = false;
        }
        if (first) select += "COUNT(*) AS " + dialect.quoteIdentifier("__n");
        select += " FROM (";
        select += detail;
        select += ") d";
        if (!keys.empty()) select += " GROUP BY " + joinList(keys);
        applyFilters(select, filters.calcs[k], model, "g" + std::to_string(k), dialect, plan.diagnostics);
        levelSql.push_back(std::move(select));
    }
    if (hasErrors(plan.diagnostics)) return plan;

    // The flat rows: the base (detail rows, or the last level's groups) joined to the other levels.
    std::vector<std::size_t> output;
    std::map<std::size_t, std::string> from; // column -> "b" or "g<k>"
    for (std::size_t j = 0; j < columns.size(); ++j) {
        const auto& c = columns[j];
        if (levelRows && !((c.keyOf >= 0 && c.keyOf <= last) || (c.calcOf >= 0 && c.calcOf <= last))) continue;
        output.push_back(j);
        from[j] = (c.calcOf >= 0 && !(levelRows && c.calcOf == last)) ? "g" + std::to_string(c.calcOf) : "b";
    }
    Fragment inner;
    inner += "SELECT ";
    for (std::size_t i = 0; i < output.size(); ++i) inner += std::string(i ? ", " : "") + from[output[i]] + "." + q(output[i]) + " AS " + q(output[i]);
    inner += " FROM (";
    inner += levelRows ? levelSql[static_cast<std::size_t>(last)] : detail;
    inner += ") b";
    for (int k = 0; k < (levelRows ? last : last + 1); ++k) {
        const ModelLevel& level = levels[static_cast<std::size_t>(k)];
        const std::string g = "g" + std::to_string(k);
        // SQLite: CROSS JOIN ... ON keeps the base as the outer loop, so the level gets an automatic index
        // (a plain JOIN may scan the base once per group).
        inner += level.keys.empty() || dialect.id() == sql::DialectId::SQLite ? " CROSS JOIN (" : " JOIN (";
        inner += levelSql[static_cast<std::size_t>(k)];
        inner += ") " + g;
        std::string on;
        for (std::size_t j : level.keys) {
            const std::string a = "b." + q(j), b = g + "." + q(j);
            on += (on.empty() ? "" : " AND ") + nullSafeEquals(dialect, a, b);
        }
        if (!on.empty()) inner += " ON " + on;
    }

    // Ordered level by level (grouping sort, element sort on the level's columns, its keys), then the detail.
    auto visible = [&](std::size_t j) { return from.count(j) != 0; };
    std::vector<std::string> order;
    for (int k = 0; k <= last; ++k) {
        auto atLevel = [&](std::size_t j) -> std::optional<std::string> {
            if (!visible(j) || !((columns[j].keyOf >= 0 && columns[j].keyOf <= k) || columns[j].calcOf == k)) return std::nullopt;
            return "q." + q(j);
        };
        append(order, orderItems(levels[static_cast<std::size_t>(k)].sort, atLevel, model));
        append(order, orderItems(elementSort, [&](std::size_t j) -> std::optional<std::string> {
            if (columns[j].keyOf != k && columns[j].calcOf != k) return std::nullopt;
            return atLevel(j);
        }, model));
        for (std::size_t j : levels[static_cast<std::size_t>(k)].ownKeys) append(order, nullsLastAscending("q." + q(j)));
    }
    if (!levelRows) {
        auto detailColumn = [&](std::size_t j) -> std::optional<std::string> {
            if (columns[j].keyOf >= 0 || columns[j].calcOf >= 0) return std::nullopt;
            return "q." + q(j);
        };
        append(order, orderItems(elementSort, detailColumn, model));
        std::set<std::string> sorted;
        for (const auto& entry : elementSort)
            if (entry.is_object()) sorted.insert(entry.value("columnId", ""));
        for (std::size_t j = 0; j < columns.size(); ++j) // a repeatable order for the rest
            if (columns[j].keyOf < 0 && columns[j].calcOf < 0 && columns[j].rowLevel() && !sorted.count(columns[j].id))
                append(order, nullsLastAscending("q." + q(j)));
    }
    Fragment outer;
    outer += "SELECT ";
    for (std::size_t i = 0; i < output.size(); ++i) {
        outer += std::string(i ? ", " : "") + "q." + q(output[i]) + " AS " + dialect.quoteIdentifier(columns[output[i]].name);
        plan.columns.push_back(columns[output[i]].name);
    }
    for (std::size_t i = 0; i < output.size(); ++i) {
        const auto value = valueColumnOf(model, output[i]);
        const auto at = value ? std::find(output.begin(), output.end(), *value) : output.end();
        plan.valueTypeOf.push_back(at == output.end() ? -1 : static_cast<int>(at - output.begin()));
    }
    outer += " FROM (";
    outer += inner;
    outer += ") q";
    outer += orderAndPage(joinList(order), dialect, options);
    plan.sql = std::move(outer.sql);
    plan.parameters = std::move(outer.params);
    return plan;
}

} // namespace quire::preview
