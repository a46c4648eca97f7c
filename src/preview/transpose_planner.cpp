// Transpose sources over a source with a known column list (elements, unions). Sigma's spec gives the fields;
// how the output is named comes from Sigma's observed behaviour: the transpose is read as
// [Transpose of <source name>/Col], untouched columns keep their names, and
//   column-to-row: `columnsToMerge` (column names) stack into two columns named `columnLabelForMergedColumns`
//                  (the merged column's name, as text) and `columnLabelForValues`: one UNION ALL branch each;
//   row-to-column: one column per `outputColumns` entry, the `aggregate` of `valueColumn` over the rows whose
//                  `columnToTranspose` (as text) equals that entry, grouped by the other columns.
// Names are bound parameters. A warehouse table or custom SQL source (columns unknown without the catalog),
// and the `count-if` / `median` aggregates, are preview/not-planned.
#include "plan_support.h"
#include "relation.h"
#include "element_name.h"

#include <algorithm>
#include <map>

namespace quire::preview {
namespace {

bool stringField(const Json& source, const char* key, std::string& out) {
    if (!source.contains(key) || !source[key].is_string()) return false;
    out = bareName(source[key].get<std::string>());
    return !out.empty();
}

} // namespace

std::optional<Leg> transposeLeg(const PreviewSession& session, const Json& source, const std::string& alias,
                                const sql::Dialect& dialect, const PlanOptions& options, const std::string& pointer,
                                std::vector<Diagnostic>& diagnostics) {
    const std::string direction = source.value("direction", "");
    if (direction != "column-to-row" && direction != "row-to-column") {
        diagnostics.push_back(planDiagnostic("preview/bad-source", "a transpose's direction is column-to-row or row-to-column", pointer + "/direction"));
        return std::nullopt;
    }
    auto inner = planLeg(session, source.value("source", Json()), alias + "_s", dialect, options, pointer + "/source", diagnostics);
    if (!inner) return std::nullopt;
    if (!inner->columns) {
        diagnostics.push_back(planDiagnostic("preview/not-planned", "a transpose of '" + inner->name + "' (a warehouse table or custom SQL) "
            "needs its column list, which the preview does not read from the catalog; transpose a table element instead", pointer + "/source"));
        return std::nullopt;
    }
    const std::vector<std::string>& columns = *inner->columns;
    auto col = [&](const std::string& name) { return dialect.quoteIdentifier(inner->alias) + "." + dialect.quoteIdentifier(name); };
    auto known = [&](const std::string& name, const std::string& at) {
        if (std::find(columns.begin(), columns.end(), name) != columns.end()) return true;
        diagnostics.push_back(planDiagnostic("preview/unknown-column", "'" + inner->name + "' has no column '" + name + "'", at));
        return false;
    };
    Leg out;
    out.alias = alias;
    out.name = defaultSourceName(session, source);
    out.connectionId = inner->connectionId;
    std::vector<std::string> passthrough;
    std::string body;
    if (direction == "column-to-row") {
        std::string label, values;
        if (!stringField(source, "columnLabelForMergedColumns", label) || !stringField(source, "columnLabelForValues", values)) {
            diagnostics.push_back(planDiagnostic("preview/bad-source", "column-to-row needs columnLabelForMergedColumns and columnLabelForValues", pointer));
            return std::nullopt;
        }
        std::vector<std::string> merged;
        const std::size_t before = diagnostics.size();
        const Json list = source.value("columnsToMerge", Json());
        for (std::size_t i = 0; list.is_array() && i < list.size(); ++i) {
            const std::string name = list[i].is_string() ? bareName(list[i].get<std::string>()) : "";
            if (known(name, pointer + "/columnsToMerge/" + std::to_string(i))) merged.push_back(name);
        }
        if (!list.is_array() || list.empty())
            diagnostics.push_back(planDiagnostic("preview/bad-source", "column-to-row needs columnsToMerge", pointer + "/columnsToMerge"));
        if (diagnostics.size() != before) return std::nullopt;
        for (const auto& c : columns)
            if (std::find(merged.begin(), merged.end(), c) == merged.end()) passthrough.push_back(c);
        for (std::size_t m = 0; m < merged.size(); ++m) {
            std::string select;
            for (const auto& p : passthrough) select += col(p) + " AS " + dialect.quoteIdentifier(p) + ", ";
            body += (m ? " UNION ALL " : "") + std::string("SELECT ") + select + "? AS " + dialect.quoteIdentifier(label) + ", " +
                    col(merged[m]) + " AS " + dialect.quoteIdentifier(values) + " FROM " + inner->from;
            out.params.push_back(BoundValue{BoundValue::Type::Text, merged[m]});
            out.params.insert(out.params.end(), inner->params.begin(), inner->params.end());
        }
        out.columns = passthrough;
        out.columns->push_back(label);
        out.columns->push_back(values);
    } else {
        static const std::map<std::string, std::string> aggregates = {
            {"sum", "SUM({})"}, {"min", "MIN({})"}, {"max", "MAX({})"}, {"avg", "AVG({})"}, {"count", "COUNT({})"}, {"count-distinct", "COUNT(DISTINCT {})"}};
        const std::string aggregate = source.value("aggregate", "sum");
        if (!aggregates.count(aggregate)) {
            diagnostics.push_back(planDiagnostic("preview/not-planned", "the '" + aggregate + "' aggregate of a row-to-column transpose is not previewed", pointer + "/aggregate"));
            return std::nullopt;
        }
        std::string pivot, value;
        if (!stringField(source, "columnToTranspose", pivot) || !stringField(source, "valueColumn", value)) {
            diagnostics.push_back(planDiagnostic("preview/bad-source", "row-to-column needs columnToTranspose and valueColumn", pointer));
            return std::nullopt;
        }
        const bool pivotKnown = known(pivot, pointer + "/columnToTranspose");
        const bool ok = known(value, pointer + "/valueColumn") && pivotKnown;
        const Json outputs = source.value("outputColumns", Json());
        if (!outputs.is_array() || outputs.empty()) {
            diagnostics.push_back(planDiagnostic("preview/bad-source", "row-to-column needs outputColumns", pointer + "/outputColumns"));
            return std::nullopt;
        }
        if (!ok) return std::nullopt;
        for (const auto& c : columns)
            if (c != pivot && c != value) passthrough.push_back(c);
        std::string list, groupBy;
        for (std::size_t i = 0; i < passthrough.size(); ++i) {
            list += col(passthrough[i]) + " AS " + dialect.quoteIdentifier(passthrough[i]) + ", ";
            groupBy += (i ? ", " : "") + std::to_string(i + 1);
        }
        out.columns = passthrough;
        std::string tmpl = aggregates.at(aggregate);
        for (std::size_t i = 0; i < outputs.size(); ++i) {
            if (!outputs[i].is_string()) {
                diagnostics.push_back(planDiagnostic("preview/bad-source", "outputColumns entries are text", pointer + "/outputColumns/" + std::to_string(i)));
                return std::nullopt;
            }
            const std::string name = outputs[i].get<std::string>();
            std::string agg = tmpl;
            agg.replace(agg.find("{}"), 2, "CASE WHEN " + dialect.castText(col(pivot)) + " = ? THEN " + col(value) + " END");
            list += std::string(i ? ", " : "") + agg + " AS " + dialect.quoteIdentifier(name);
            out.params.push_back(BoundValue{BoundValue::Type::Text, name});
            out.columns->push_back(name);
        }
        body = "SELECT " + list + " FROM " + inner->from + (groupBy.empty() ? "" : " GROUP BY " + groupBy);
        out.params.insert(out.params.end(), inner->params.begin(), inner->params.end());
    }
    out.from = "(" + body + ") " + dialect.quoteIdentifier(alias);
    return out;
}

} // namespace quire::preview
