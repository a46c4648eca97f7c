// Chart channels (spec §3.5; checklist items 17 and 19): channel pointers name the element's own columns,
// one channel per column, yAxis2 within yAxis, donut holeValue != value, cartesian colour uses `by`.
#include "context.h"
#include "pointer.h"

#include <unordered_map>
#include <unordered_set>

namespace quire::validate {
namespace {

const std::unordered_set<std::string> kCartesian{"bar-chart", "line-chart", "area-chart", "combo-chart",
                                                 "scatter-chart", "waterfall-chart", "box-chart"};
const std::unordered_set<std::string> kCircular{"donut-chart", "pie-chart"};
const std::unordered_set<std::string> kMaps{"point-map", "region-map", "geography-map"};
const std::unordered_set<std::string> kTrellisKinds{"bar-chart", "line-chart", "area-chart", "combo-chart",
                                                    "scatter-chart", "donut-chart"};

struct Use {
    std::string channel;
    std::string pointer;
    std::string columnId;
    bool exclusive; // counts for "one channel per column"
};

struct ChartCheck {
    Context& ctx;
    const ElementRef& e;
    std::vector<Use> uses;

    // {columnId} object member `key` (maps may use `id`).
    void single(const char* key, bool exclusive = true) {
        const Json* ch = Context::member(*e.json, key);
        if (!ch || !ch->is_object()) return;
        const char* idKey = Context::member(*ch, "columnId") ? "columnId" : (kMaps.count(e.kind) && Context::member(*ch, "id") ? "id" : nullptr);
        if (!idKey) return;
        std::string id = Context::str(*ch, idKey);
        if (!id.empty()) uses.push_back({key, child(child(e.pointer, key), idKey), id, exclusive});
    }

    // {columnIds: [id | {columnId}]} member `key`.
    std::vector<std::string> list(const char* key, bool exclusive) {
        std::vector<std::string> ids;
        const Json* ch = Context::member(*e.json, key);
        const Json* columnIds = ch ? Context::array(*ch, "columnIds") : nullptr;
        if (!columnIds) return ids;
        for (std::size_t i = 0; i < columnIds->size(); ++i) {
            const Json& item = (*columnIds)[i];
            std::string p = child(child(child(e.pointer, key), "columnIds"), i);
            std::string id = item.is_string() ? item.get<std::string>() : Context::str(item, "columnId");
            if (!item.is_string()) p = child(p, "columnId");
            if (id.empty()) continue;
            ids.push_back(id);
            uses.push_back({key, p, id, exclusive});
        }
        return ids;
    }

    // [{columnId}] array member `key` (or nested under `parent`).
    void objectList(const Json& holder, const std::string& holderPointer, const char* key, const std::string& channel,
                    bool exclusive) {
        const Json* items = Context::array(holder, key);
        if (!items) return;
        for (std::size_t i = 0; i < items->size(); ++i) {
            std::string id = Context::str((*items)[i], "columnId");
            if (!id.empty())
                uses.push_back({channel, child(child(child(holderPointer, key), i), "columnId"), id, exclusive});
        }
    }

    void run() {
        const bool cartesian = kCartesian.count(e.kind) > 0;
        const bool circular = kCircular.count(e.kind) > 0;
        const bool map = kMaps.count(e.kind) > 0;
        if (cartesian) {
            single("xAxis");
            std::vector<std::string> y = list("yAxis", true);
            std::vector<std::string> y2 = list("yAxis2", false);
            std::unordered_set<std::string> ySet(y.begin(), y.end());
            for (std::size_t i = 0; i < y2.size(); ++i)
                if (!ySet.count(y2[i]))
                    ctx.report("chart/yaxis2-not-subset", child(child(child(e.pointer, "yAxis2"), "columnIds"), i),
                               "'" + y2[i] + "' is on yAxis2 but not listed on yAxis.columnIds; yAxis2 must be a subset "
                               "of yAxis");
            if (const Json* x = Context::member(*e.json, "xAxis"))
                if (const Json* sort = Context::member(*x, "sort"))
                    if (std::string by = Context::str(*sort, "by"); !by.empty() && by != "row-count")
                        uses.push_back({"xAxis.sort", child(child(child(e.pointer, "xAxis"), "sort"), "by"), by, false});
            single("size");
            objectList(*e.json, e.pointer, "trendlines", "trendline", false);
        }
        if (circular) {
            const Json* v = Context::member(*e.json, "value");
            const Json* h = Context::member(*e.json, "holeValue");
            const bool holeIsValue =
                v && h && !Context::str(*v, "columnId").empty() && Context::str(*v, "columnId") == Context::str(*h, "columnId");
            single("value");
            single("holeValue", !holeIsValue); // reported once, by the donut rule below
            single("color");
            if (const Json* color = Context::member(*e.json, "color"))
                if (const Json* sort = Context::member(*color, "sort"))
                    if (std::string by = Context::str(*sort, "by"); !by.empty() && by != "row-count")
                        uses.push_back({"color.sort", child(child(child(e.pointer, "color"), "sort"), "by"), by, false});
            if (holeIsValue)
                ctx.report("chart/donut-hole-equals-value", child(child(e.pointer, "holeValue"), "columnId"),
                           "the donut's holeValue uses the same column as its value; pick a different column");
        }
        if (e.kind == "kpi-chart" || e.kind == "gauge-chart") single("value");
        if (e.kind == "kpi-chart") single("comparisonColumn");
        if (e.kind == "treemap-chart") single("category");
        if (e.kind == "sankey-chart") {
            objectList(*e.json, e.pointer, "stages", "stages", true);
            single("value");
        }
        if (e.kind == "funnel-chart") {
            single("stage");
            single("series");
        }
        if (map) {
            for (const char* key : {"latitude", "longitude", "size", "region", "geography"}) single(key);
        }
        if (cartesian || map) {
            if (const Json* color = Context::member(*e.json, "color")) {
                if (!color->is_object() || !Context::member(*color, "by"))
                    ctx.report("chart/color-missing-by", child(e.pointer, "color"),
                               "`color` must be an object with `by` (single, category or scale); a bare value or a "
                               "missing `by` is rejected");
                else if (std::string column = Context::str(*color, "column"); !column.empty())
                    uses.push_back({"color", child(child(e.pointer, "color"), "column"), column, true});
            }
        }
        if (const Json* tooltip = Context::member(*e.json, "tooltip"); tooltip && (cartesian || circular || map || e.kind.find("chart") != std::string::npos)) {
            if (tooltip->is_object()) list("tooltip", false);
            else if (tooltip->is_array())
                for (std::size_t i = 0; i < tooltip->size(); ++i) {
                    const Json& item = (*tooltip)[i];
                    const std::string ip = child(child(e.pointer, "tooltip"), i);
                    if (item.is_string()) uses.push_back({"tooltip", ip, item.get<std::string>(), false});
                    else if (std::string id = Context::str(item, "columnId"); !id.empty()) uses.push_back({"tooltip", child(ip, "columnId"), id, false});
                    else if (std::string old = Context::str(item, "id"); !old.empty()) uses.push_back({"tooltip", child(ip, "id"), old, false});
                }
        }
        if (const Json* trellis = Context::member(*e.json, "trellis")) {
            if (!kTrellisKinds.count(e.kind) && !e.kind.empty())
                ctx.report("chart/trellis-unsupported", child(e.pointer, "trellis"),
                           "`trellis` is silently dropped on " + e.kind + " (only bar, line, area, combo, scatter and "
                           "donut charts support it)");
            const std::string tp = child(e.pointer, "trellis");
            // The legacy {column, row, share, tileSize} shape is accepted by Sigma but splits nothing.
            if (trellis->is_object() && !Context::member(*trellis, "rowsBy") && !Context::member(*trellis, "columnsBy"))
                for (const char* legacy : {"column", "row", "share", "tileSize"})
                    if (Context::member(*trellis, legacy)) {
                        ctx.report("chart/trellis-legacy", child(tp, legacy),
                                   "legacy `trellis." + std::string(legacy) + "` binds nothing; split the chart with "
                                   "`trellis: {rowsBy: [{columnId}]}` or `columnsBy`");
                        break;
                    }
            objectList(*trellis, tp, "rowsBy", "trellis", false);
            objectList(*trellis, tp, "columnsBy", "trellis", false);
        }
        finish();
    }

    void finish() {
        std::unordered_map<std::string, std::string> channelOf;
        for (const auto& u : uses) {
            if (!Context::findColumn(*e.json, u.columnId)) {
                ctx.report("chart/unknown-column", u.pointer,
                           u.channel + " of '" + e.id + "' names column '" + u.columnId +
                               "', which is not one of the element's own columns");
                continue;
            }
            if (!u.exclusive) continue;
            auto [it, inserted] = channelOf.emplace(u.columnId, u.channel);
            if (!inserted)
                ctx.report("chart/channel-reuse", u.pointer,
                           "column '" + u.columnId + "' is referenced from both '" + it->second + "' and '" + u.channel +
                               "'; duplicate the column to use it twice");
        }
    }
};

} // namespace

void checkCharts(Context& ctx) {
    for (const auto& e : ctx.elements) ctx.unit(Unit::Charts, e, [&] { ChartCheck{ctx, e, {}}.run(); });
}

} // namespace quire::validate
