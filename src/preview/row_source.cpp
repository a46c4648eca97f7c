// The FROM side of a grouped table or pivot: a warehouse table, the author's custom SQL (with {{controlId}}
// bound), or another element's planned rows (at a grouping level when source.groupingId is set).
#include "element_name.h"
#include "grouped_plan.h"
#include "plan_support.h"
#include "relation.h"

namespace quire::preview {
namespace {

thread_local int sourceDepth = 0;

} // namespace

PlannedQuery planSourceRows(const PreviewSession& session, const std::string& elementId, const std::string& groupingId,
                            const sql::Dialect& dialect, const PlanOptions& options) {
    if (sourceDepth > 16) {
        PlannedQuery plan;
        plan.diagnostics.push_back(planDiagnostic("preview/source-cycle", "elements are sourced from each other in a cycle"));
        return plan;
    }
    PlanOptions parentOptions;
    parentOptions.today = options.today;
    ++sourceDepth;
    PlannedQuery plan = groupingId.empty() ? planElement(session, elementId, dialect, parentOptions)
                                           : planGroupedTable(session, elementId, dialect, parentOptions, groupingId);
    --sourceDepth;
    return plan;
}

RowSource rowSourceOf(const PreviewSession& session, const Json& element, const sql::Dialect& dialect,
                      const PlanOptions& options) {
    RowSource out;
    const Json source = element.value("source", Json::object());
    const std::string kind = source.is_object() ? source.value("kind", "") : "";
    if (kind == "warehouse-table") {
        std::vector<std::string> path;
        for (const auto& part : source.value("path", Json::array()))
            if (part.is_string()) path.push_back(part.get<std::string>());
        if (path.empty()) {
            out.diagnostics.push_back(planDiagnostic("preview/bad-source", "warehouse-table source without a path", "/source/path"));
            return out;
        }
        out.connectionId = source.value("connectionId", "");
        out.from.sql = dialect.quotePath(session.tablePath(out.connectionId, path));
        out.prefix = path.back();
    } else if (kind == "sql") {
        auto bound = bindStatement(session, source.value("statement", ""), "/source/statement");
        if (!bound) {
            out.diagnostics.push_back(bound.error());
            return out;
        }
        out.connectionId = source.value("connectionId", "");
        out.from.sql = "(" + bound->sql + ")";
        out.from.params = std::move(bound->params);
        out.prefix = "Custom SQL";
    } else if (kind == "table") {
        const std::string parentId = source.value("elementId", "");
        const Json* parent = session.element(parentId);
        if (!parent) {
            out.diagnostics.push_back(planDiagnostic("preview/bad-source", "the source element '" + parentId +
                                                     "' is not in the workbook", "/source/elementId"));
            return out;
        }
        const PlannedQuery up = planSourceRows(session, parentId, source.value("groupingId", ""), dialect, options);
        if (!up.ok()) {
            std::string why = "its source '" + parentId + "' cannot be previewed";
            for (const auto& d : up.diagnostics)
                if (d.severity == Severity::Error) {
                    why += ": " + d.message;
                    break;
                }
            out.diagnostics.push_back(planDiagnostic("preview/source", why, "/source"));
            return out;
        }
        out.connectionId = up.connectionId;
        out.from.sql = "(" + up.sql + ")";
        out.from.params = up.parameters;
        out.prefix = elementDisplayName(*parent);
        out.columns.insert(up.columns.begin(), up.columns.end());
    } else if (kind == "union" || kind == "transpose") {
        // Read like one table: the combining planner's leg, without its alias, named as the leg is.
        const std::string alias = "u";
        const auto leg = kind == "union" ? unionLeg(session, source, alias, dialect, options, "/source", out.diagnostics)
                                         : transposeLeg(session, source, alias, dialect, options, "/source", out.diagnostics);
        const std::string suffix = " " + dialect.quoteIdentifier(alias);
        if (!leg || leg->from.size() <= suffix.size() || leg->from.compare(leg->from.size() - suffix.size(), suffix.size(), suffix) != 0) {
            if (!hasErrors(out.diagnostics))
                out.diagnostics.push_back(planDiagnostic("preview/bad-source", "the " + kind + " source cannot be read", "/source"));
            return out;
        }
        out.connectionId = leg->connectionId;
        out.from.sql = leg->from.substr(0, leg->from.size() - suffix.size());
        out.from.params = leg->params;
        out.prefix = leg->name;
        if (leg->columns) out.columns.insert(leg->columns->begin(), leg->columns->end());
    } else {
        out.diagnostics.push_back(planDiagnostic("preview/not-planned", "sources of kind '" + kind +
                                                 "' are not previewed for grouped tables and pivots yet (a table element "
                                                 "over the " + kind + " can be grouped)", "/source/kind"));
    }
    return out;
}

} // namespace quire::preview
