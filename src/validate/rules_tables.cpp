// Table-like element settings that point at the element's own columns (spec §3.3-3.4; checklist items 11,
// 20, 21): groupings, sort, pivot rows/columns/values, element filters (one per column).
#include "context.h"
#include "pointer.h"

#include <unordered_map>

namespace quire::validate {
namespace {

void ownColumn(Context& ctx, const ElementRef& e, RuleCode code, const std::string& pointer,
               const std::string& columnId, const std::string& what) {
    if (!columnId.empty() && !Context::findColumn(*e.json, columnId))
        ctx.report(code, pointer, what + " of element '" + e.id + "' names column '" + columnId + "', which the element does not have");
}

void idList(Context& ctx, const ElementRef& e, RuleCode code, const Json& holder, const std::string& hp,
            const char* key, const std::string& what) {
    const Json* list = Context::array(holder, key);
    if (!list) return;
    for (std::size_t i = 0; i < list->size(); ++i)
        if ((*list)[i].is_string()) ownColumn(ctx, e, code, child(child(hp, key), i), (*list)[i].get<std::string>(), what);
}

void objectIdList(Context& ctx, const ElementRef& e, RuleCode code, const Json& holder, const std::string& hp,
                  const char* key, const std::string& what) {
    const Json* list = Context::array(holder, key);
    if (!list) return;
    for (std::size_t i = 0; i < list->size(); ++i)
        if (Context::member((*list)[i], "columnId"))
            ownColumn(ctx, e, code, child(child(child(hp, key), i), "columnId"), Context::str((*list)[i], "columnId"), what);
}

void tablesOf(Context& ctx, const ElementRef& e) {
    const Json& j = *e.json;
    if (const Json* groupings = Context::array(j, "groupings"))
        for (std::size_t g = 0; g < groupings->size(); ++g) {
            const std::string gp = child(child(e.pointer, "groupings"), g);
            idList(ctx, e, "grouping/unknown-column", (*groupings)[g], gp, "groupBy", "groupBy");
            idList(ctx, e, "grouping/unknown-column", (*groupings)[g], gp, "calculations", "a grouping calculation");
            objectIdList(ctx, e, "grouping/unknown-column", (*groupings)[g], gp, "sort", "a grouping sort");
        }
    if (e.kind != "control") objectIdList(ctx, e, "sort/unknown-column", j, e.pointer, "sort", "sort");
    if (e.kind == "pivot-table") {
        idList(ctx, e, "pivot/unknown-column", j, e.pointer, "values", "pivot values");
        objectIdList(ctx, e, "pivot/unknown-column", j, e.pointer, "rowsBy", "rowsBy");
        objectIdList(ctx, e, "pivot/unknown-column", j, e.pointer, "columnsBy", "columnsBy");
    }
    if (e.kind == "control") return; // a control's filters are wiring (rules_controls.cpp)
    const Json* filters = Context::array(j, "filters");
    if (!filters) return;
    std::unordered_map<std::string, std::size_t> perColumn;
    for (std::size_t i = 0; i < filters->size(); ++i) {
        const std::string columnId = Context::str((*filters)[i], "columnId");
        if (columnId.empty()) continue;
        const std::string p = child(child(child(e.pointer, "filters"), i), "columnId");
        ownColumn(ctx, e, "filter/unknown-column", p, columnId, "a filter");
        auto [it, inserted] = perColumn.emplace(columnId, i);
        if (!inserted)
            ctx.report("filter/duplicate-column", p,
                       "element '" + e.id + "' has a second filter on column '" + columnId + "' (first is filters[" +
                           std::to_string(it->second) + "]); Sigma allows one filter per column");
    }
}

} // namespace

void checkTables(Context& ctx) {
    for (const auto& e : ctx.elements) ctx.unit(Unit::Tables, e, [&] { tablesOf(ctx, e); });
}

} // namespace quire::validate
