#pragma once
// A chart's trellis (spec §3.5 `trellis {rowsBy, columnsBy: [{columnId}]}`, drawn on bar, line, area, combo,
// scatter and donut charts only): its dimensions are row-level columns of the chart, so they are grouped with
// the axis and colour (spec §10.2); the planner also orders the rows panel by panel, so a row window holds
// whole panels and every panel's rows run along the axis.
#include <quire/core/json.h>

#include <string>
#include <vector>

namespace quire::preview {

// The rowsBy then columnsBy column ids of a chart kind that draws trellis (empty otherwise; the legacy
// `{column, row, share, tileSize}` shape binds nothing).
inline std::vector<std::string> trellisColumnIds(const Json& element) {
    std::vector<std::string> ids;
    static const char* const kinds[] = {"bar-chart", "line-chart", "area-chart", "combo-chart", "scatter-chart", "donut-chart"};
    const std::string kind = element.is_object() ? element.value("kind", "") : "";
    bool drawn = false;
    for (const char* k : kinds) drawn = drawn || kind == k;
    if (!drawn) return ids;
    const auto trellis = element.find("trellis");
    if (trellis == element.end() || !trellis->is_object()) return ids;
    for (const char* dimension : {"rowsBy", "columnsBy"}) {
        const auto list = trellis->find(dimension);
        if (list == trellis->end() || !list->is_array()) continue;
        for (const Json& item : *list)
            if (item.is_object() && item.contains("columnId") && item["columnId"].is_string()) ids.push_back(item["columnId"].get<std::string>());
    }
    return ids;
}

} // namespace quire::preview
