// Chart, KPI, table and page display options (spec §3.3-3.5, §2; checklist item 18): combo series types,
// reference marks, trend line preconditions, data labels, legends, KPI comparisons, donut radius,
// conditional formats, table styles and page visibility. Unknown keys are left to the schema.
#include "context.h"
#include "pointer.h"

#include <map>
#include <set>

namespace quire::validate {
namespace {

// Charts with series, reference marks and trend lines (waterfall and box charts have none of them).
const std::set<std::string> kSeriesCharts{"bar-chart", "line-chart", "area-chart", "combo-chart", "scatter-chart"};

std::string quoted(const std::set<std::string>& values) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
    return out;
}

void checkSeriesTypes(Context& ctx, const ElementRef& e) {
    static const std::set<std::string> types{"bar", "line", "area", "scatter"};
    const Json* y = Context::member(*e.json, "yAxis");
    const Json* ids = y ? Context::array(*y, "columnIds") : nullptr;
    if (!ids) return;
    for (std::size_t i = 0; i < ids->size(); ++i) {
        const Json* type = (*ids)[i].is_object() ? Context::member((*ids)[i], "type") : nullptr;
        if (type && !(type->is_string() && types.count(type->get<std::string>())))
            ctx.report("chart/series-type", child(child(child(child(e.pointer, "yAxis"), "columnIds"), i), "type"),
                       "series type " + type->dump() + " is not one of " + quoted(types));
    }
}

void checkRefMarks(Context& ctx, const ElementRef& e) {
    const Json* marks = Context::array(*e.json, "refMarks");
    if (!marks) return;
    static const std::set<std::string> types{"line", "band"}, axes{"x-axis", "series", "series2"};
    for (std::size_t i = 0; i < marks->size(); ++i) {
        const Json& m = (*marks)[i];
        const std::string p = child(child(e.pointer, "refMarks"), i);
        if (!m.is_object()) continue; // the schema reports it
        const std::string type = Context::str(m, "type"), axis = Context::str(m, "axis");
        if (!types.count(type)) ctx.report("chart/refmark-shape", child(p, "type"), "reference mark type '" + type + "' is not line or band");
        if (Context::member(m, "axis") && !axes.count(axis))
            ctx.report("chart/refmark-shape", child(p, "axis"), "reference mark axis '" + axis + "' is not one of " + quoted(axes));
        if (axis == "series2" && !Context::member(*e.json, "yAxis2"))
            ctx.report("chart/refmark-shape", child(p, "axis"), "the reference mark is on series2 but the chart has no yAxis2");
        auto wrapped = [&](const char* key, bool required) {
            const Json* v = Context::member(m, key);
            if (!v) {
                if (required) ctx.report("chart/refmark-value", child(p, key), std::string("a reference mark needs `") + key + "`");
                return;
            }
            if (!v->is_object() || Context::str(*v, "type") != "formula" || Context::str(*v, "formula").empty())
                ctx.report("chart/refmark-value", child(p, key),
                           std::string("`") + key + "` must be wrapped as {type: formula, formula: \"...\"} (a bare value is rejected)");
        };
        wrapped("value", true);
        if (type == "band") {
            if (!Context::member(m, "endValue")) ctx.report("chart/refmark-shape", p, "a band reference mark needs an `endValue`");
            else wrapped("endValue", true);
        }
        if (const Json* label = Context::member(m, "label"))
            if (!label->is_object() || Context::str(*label, "visibility") != "shown")
                ctx.report("chart/refmark-label", child(p, "label"),
                           "a reference mark label must say `visibility: shown` (remove the label to hide it)");
    }
}

void checkTrendlines(Context& ctx, const ElementRef& e) {
    const Json* lines = Context::array(*e.json, "trendlines");
    if (!lines || lines->empty()) return;
    static const std::set<std::string> models{"linear", "quadratic", "polynomial", "exponential", "logarithmic", "power"};
    const std::string p = child(e.pointer, "trendlines");
    const std::string stacking = Context::str(*e.json, "stacking");
    if (!Context::member(*e.json, "xAxis"))
        ctx.report("chart/trendline-precondition", p, "trend lines need an xAxis column");
    if (!stacking.empty() && stacking != "none")
        ctx.report("chart/trendline-precondition", child(e.pointer, "stacking"), "trend lines are not drawn on stacked charts");
    if (const Json* color = Context::member(*e.json, "color"))
        if (color->is_object() && Context::str(*color, "by") != "single" && !Context::str(*color, "by").empty())
            ctx.report("chart/trendline-precondition", child(e.pointer, "color"),
                       "trend lines are not drawn when the chart is coloured by a column");
    std::set<std::string> ys;
    if (const Json* y = Context::member(*e.json, "yAxis"))
        if (const Json* ids = Context::array(*y, "columnIds"))
            for (const auto& item : *ids) ys.insert(item.is_string() ? item.get<std::string>() : Context::str(item, "columnId"));
    for (std::size_t i = 0; i < lines->size(); ++i) {
        const Json& t = (*lines)[i];
        if (!t.is_object()) continue;
        const std::string model = Context::str(t, "model");
        if (!models.count(model))
            ctx.report("chart/trendline-model", child(child(p, i), "model"), "trend line model '" + model + "' is not one of " + quoted(models));
        const std::string column = Context::str(t, "columnId");
        if (!column.empty() && !ys.count(column))
            ctx.report("chart/trendline-model", child(child(p, i), "columnId"), "trend line column '" + column + "' is not on the yAxis");
    }
}

void checkLabelsAndLegend(Context& ctx, const ElementRef& e) {
    static const std::set<std::string> displays{"auto", "minimum", "maximum", "min-max", "all"};
    if (const Json* label = Context::member(*e.json, "dataLabel"))
        if (const Json* d = Context::member(*label, "labelDisplay"); d && !(d->is_string() && displays.count(d->get<std::string>())))
            ctx.report("chart/label-display", child(child(e.pointer, "dataLabel"), "labelDisplay"),
                       "labelDisplay " + d->dump() + " is not one of " + quoted(displays));
    const Json* legend = Context::member(*e.json, "legend");
    if (!legend) return;
    const std::string p = child(e.pointer, "legend");
    if (!legend->is_object()) return ctx.report("chart/legend-shape", p, "`legend` is an object");
    if (const Json* v = Context::member(*legend, "visibility")) {
        if (!(v->is_string() && v->get<std::string>() == "hidden"))
            ctx.report("chart/legend-shape", child(p, "visibility"), "legend visibility can only be `hidden` (leave it out to show the legend)");
        else if (legend->size() > 1)
            ctx.report("chart/legend-shape", p, "a hidden legend is exactly {visibility: hidden}; other legend keys are rejected with it");
    }
    static const std::set<std::string> positions{"top", "bottom", "left", "right"};
    if (const Json* pos = Context::member(*legend, "position"); pos && !(pos->is_string() && positions.count(pos->get<std::string>())))
        ctx.report("chart/legend-shape", child(p, "position"), "legend position " + pos->dump() + " is not one of " + quoted(positions));
}

// `tooltip`: an object of toggles and extra columns on charts, a list of columns on maps (spec §3.5). Which
// columns it names is checked with the other channels (chart/unknown-column, rules_charts.cpp).
void checkTooltip(Context& ctx, const ElementRef& e) {
    const Json* tooltip = Context::member(*e.json, "tooltip");
    if (!tooltip) return;
    const std::string p = child(e.pointer, "tooltip");
    auto checkItems = [&](const Json& items, const std::string& pointer) {
        for (std::size_t i = 0; i < items.size(); ++i) {
            const Json& item = items[i];
            const bool ok = item.is_string() || (item.is_object() && (Context::member(item, "columnId") || Context::member(item, "id")));
            if (!ok) ctx.report("chart/tooltip-shape", child(pointer, i), "a tooltip column is a column id or `{columnId}`");
        }
    };
    if (tooltip->is_array()) return checkItems(*tooltip, p);
    if (!tooltip->is_object()) return ctx.report("chart/tooltip-shape", p, "`tooltip` is an object (charts) or a list of columns (maps)");
    static const std::set<std::string> toggles{"shown", "hidden"};
    for (const char* key : {"columnNames", "multiSeries"})
        if (const Json* v = Context::member(*tooltip, key); v && !(v->is_string() && toggles.count(v->get<std::string>())))
            ctx.report("chart/tooltip-shape", child(p, key), std::string("tooltip ") + key + " " + v->dump() + " is not shown or hidden");
    if (const Json* ids = Context::member(*tooltip, "columnIds")) {
        if (!ids->is_array()) ctx.report("chart/tooltip-shape", child(p, "columnIds"), "tooltip `columnIds` is a list of column ids");
        else checkItems(*ids, child(p, "columnIds"));
    }
    if (const Json* f = Context::member(*tooltip, "valueFormat"); f && !f->is_object())
        ctx.report("chart/tooltip-shape", child(p, "valueFormat"), "tooltip `valueFormat` is a format object ({kind, formatString})");
}

void checkKpiAndDonut(Context& ctx, const ElementRef& e) {
    const Json& j = *e.json;
    if (e.kind == "kpi-chart") {
        if (Context::member(j, "comparison") && !Context::member(j, "comparisonColumn"))
            ctx.report("kpi/comparison-without-column", child(e.pointer, "comparison"), "`comparison` has nothing to compare without a `comparisonColumn`");
        if (const Json* c = Context::member(j, "comparison"))
            if (const Json* d = Context::member(*c, "display"); d && !(d->is_string() && d->get<std::string>() == "delta"))
                ctx.report("kpi/comparison-display", child(child(e.pointer, "comparison"), "display"),
                           "comparison display " + d->dump() + " is kept but only `delta` is drawn");
        if (const Json* layout = Context::member(j, "layout"); layout && layout->is_object()) {
            // Sigma's current values; the legacy anchors start|middle|end are rejected by the report API.
            static const std::map<std::string, std::set<std::string>> values{
                {"anchor", {"left", "center", "right"}},
                {"verticalAnchor", {"top", "center", "bottom"}},
                {"titleOrient", {"top", "bottom", "left", "right"}},
                {"comparisonValueOrient", {"top", "bottom", "left", "right"}}};
            for (const auto& [key, allowed] : values)
                if (const Json* v = Context::member(*layout, key.c_str()); v && !(v->is_string() && allowed.count(v->get<std::string>())))
                    ctx.report("kpi/layout-value", child(child(e.pointer, "layout"), key),
                               "KPI layout " + key + " " + v->dump() + " is not one of " + quoted(allowed));
        }
        if (const Json* v = Context::member(j, "value"))
            if (const Json* size = Context::member(*v, "fontSize"))
                if (!((size->is_number() && size->get<double>() > 0) || (size->is_string() && size->get<std::string>() == "auto")))
                    ctx.report("kpi/font-size", child(child(e.pointer, "value"), "fontSize"), "fontSize " + size->dump() + " is not a positive number or \"auto\"");
    }
    if (e.kind == "donut-chart")
        if (const Json* r = Context::member(j, "innerRadius"); r && !(r->is_number() && r->get<double>() > 0 && r->get<double>() < 1))
            ctx.report("chart/inner-radius", child(e.pointer, "innerRadius"), "innerRadius " + r->dump() + " is not a number between 0 and 1 (Sigma's default is 0.6)");
}

void checkConditionalFormats(Context& ctx, const ElementRef& e) {
    const Json* formats = Context::array(*e.json, "conditionalFormats");
    static const std::set<std::string> types{"single", "backgroundScale", "fontScale", "dataBars"};
    static const std::set<std::string> conditions{"=", "!=", ">", ">=", "<", "<=", "IsNull", "IsNotNull", "Contains", "NotContains",
                                                  "StartsWith", "EndsWith", "Between", "NotBetween", "formula"};
    for (std::size_t i = 0; formats && i < formats->size(); ++i) {
        const Json& f = (*formats)[i];
        const std::string p = child(child(e.pointer, "conditionalFormats"), i);
        if (!f.is_object()) continue;
        const std::string type = Context::str(f, "type");
        if (!types.count(type)) ctx.report("table/conditional-format", child(p, "type"), "conditional format type '" + type + "' is not one of " + quoted(types));
        if (type == "single" && !conditions.count(Context::str(f, "condition")))
            ctx.report("table/conditional-format", child(p, "condition"),
                       "condition '" + Context::str(f, "condition") + "' is not one of " + quoted(conditions));
        if (const Json* ids = Context::array(f, "columnIds"))
            for (std::size_t c = 0; c < ids->size(); ++c)
                if ((*ids)[c].is_string() && !Context::findColumn(*e.json, (*ids)[c].get<std::string>()))
                    ctx.report("table/conditional-format-column", child(child(p, "columnIds"), c),
                               "conditional format names column '" + (*ids)[c].get<std::string>() + "', which element '" + e.id + "' does not have");
    }
    const Json* style = Context::member(*e.json, "tableStyle");
    if (!style || !style->is_object()) return;
    static const std::map<std::string, std::set<std::string>> enums{
        {"preset", {"spreadsheet", "presentation"}}, {"cellSpacing", {"extra-small", "small", "medium", "large"}},
        {"gridLines", {"none", "vertical", "horizontal", "all"}}, {"banding", {"shown", "hidden"}}};
    for (const auto& [key, values] : enums)
        if (const Json* v = Context::member(*style, key); v && !(v->is_string() && values.count(v->get<std::string>())))
            ctx.report("table/style-value", child(child(e.pointer, "tableStyle"), key), "tableStyle." + key + " " + v->dump() + " is not one of " + quoted(values));
}

void checkPageVisibility(Context& ctx) {
    const Json* pages = ctx.contents ? Context::array(*ctx.contents, "pages") : nullptr;
    for (std::size_t i = 0; pages && i < pages->size(); ++i) {
        const Json* v = (*pages)[i].is_object() ? Context::member((*pages)[i], "visibility") : nullptr;
        if (!v) continue;
        const bool hidden = v->is_string() && v->get<std::string>() == "hidden";
        const bool audience = v->is_object() && Context::str(*v, "kind") == "specific-users-and-teams" && Context::member(*v, "assignments");
        if (!hidden && !audience)
            ctx.report("page/visibility", child(child(child(ctx.base, "pages"), i), "visibility"),
                       "page visibility " + v->dump() + " is neither `hidden` nor {kind: specific-users-and-teams, assignments}");
    }
}

} // namespace

void checkChartOptions(Context& ctx) {
    for (const auto& e : ctx.elements)
        ctx.unit(Unit::ChartOptions, e, [&] {
            if (kSeriesCharts.count(e.kind)) {
                checkSeriesTypes(ctx, e);
                checkRefMarks(ctx, e);
                checkTrendlines(ctx, e);
            }
            if (e.kind.find("chart") != std::string::npos || e.kind.find("map") != std::string::npos) {
                checkLabelsAndLegend(ctx, e);
                checkTooltip(ctx, e);
            }
            checkKpiAndDonut(ctx, e);
            if (e.kind == "table" || e.kind == "pivot-table" || e.kind == "input-table") checkConditionalFormats(ctx, e);
        });
    checkPageVisibility(ctx);
}

} // namespace quire::validate
