// Charts and KPIs over a table element whose columns use window functions (a running total along the x axis):
// the chart is rewritten as a grouped table — outer grouping: the series dimensions (colour and any other
// row-level column), inner grouping: the x axis, with every aggregate and window as its calculations and the
// axis sort as the grouping sort — so windows run along the axis within each series (spec 10.2).
#include "grouped_plan.h"
#include "plan_support.h"

namespace quire::preview {

PlannedQuery planWindowedChart(const PreviewSession& session, const std::string& elementId, const sql::Dialect& dialect,
                               const PlanOptions& options) {
    PlannedQuery plan;
    const Json* element = session.element(elementId);
    const RowSource source = element ? rowSourceOf(session, *element, dialect, options) : RowSource{};
    if (!element || !source.ok()) {
        plan.diagnostics = source.diagnostics;
        if (plan.diagnostics.empty()) plan.diagnostics.push_back(planDiagnostic("preview/unknown-element", "no element '" + elementId + "'"));
        return plan;
    }
    Json body = *element;
    body.erase("groupings");
    ColumnModel model = buildColumnModel(body, source, dialect);
    model.user = session.currentUser();
    if (!model.ok()) {
        plan.diagnostics = model.diagnostics;
        return plan;
    }
    std::string axis;
    if (element->contains("xAxis") && (*element)["xAxis"].is_object()) axis = (*element)["xAxis"].value("columnId", "");
    Json series = Json::array(), axisKeys = Json::array(), measures = Json::array();
    for (const auto& c : model.columns) {
        if (!c.rowLevel()) measures.push_back(c.id);
        else if (c.id == axis) axisKeys.push_back(c.id);
        else series.push_back(c.id);
    }
    Json axisSort = Json::array();
    if (!axisKeys.empty()) {
        const Json& x = (*element)["xAxis"];
        const Json sort = x.contains("sort") && x["sort"].is_object() ? x["sort"] : Json::object();
        axisSort.push_back(Json{{"columnId", sort.value("by", axis)}, {"direction", sort.value("direction", "ascending")}});
    }
    Json groupings = Json::array();
    if (!series.empty() && !axisKeys.empty())
        groupings.push_back(Json{{"id", "__series"}, {"groupBy", series}, {"calculations", Json::array()}});
    groupings.push_back(Json{{"id", "__axis"}, {"groupBy", axisKeys.empty() ? series : axisKeys}, {"calculations", measures},
                             {"sort", axisSort}});
    body["groupings"] = groupings;
    body.erase("sort");
    return planGroupedElement(session, elementId, body, dialect, options);
}

} // namespace quire::preview
