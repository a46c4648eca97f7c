// Unique ids per scope (checklist items 5 and 13).
#include "context.h"
#include "pointer.h"

#include <unordered_map>

namespace quire::validate {
namespace {

// Reports every repeat of an id inside one array of objects.
void uniqueIn(Context& ctx, const Json* list, const std::string& pointer, std::string_view idKey,
              RuleCode code, const std::string& what) {
    if (!list) return;
    std::unordered_map<std::string_view, std::size_t> first;
    first.reserve(list->size());
    for (std::size_t i = 0; i < list->size(); ++i) {
        std::string_view id = Context::sv((*list)[i], idKey);
        if (id.empty()) continue;
        auto [it, inserted] = first.emplace(id, i);
        if (!inserted)
            ctx.report(code, child(child(pointer, i), idKey),
                       what + " id '" + std::string(id) + "' is used again (first at index " + std::to_string(it->second) + ")");
    }
}

} // namespace

void checkIds(Context& ctx) {
    if (!ctx.contents) return;
    const Json& c = *ctx.contents;
    uniqueIn(ctx, Context::array(c, "pages"), child(ctx.base, "pages"), "id", "ids/duplicate-page", "page");
    uniqueIn(ctx, Context::array(c, "overlays"), child(ctx.base, "overlays"), "id", "ids/duplicate-overlay", "overlay");
    uniqueIn(ctx, Context::array(c, "panels"), child(ctx.base, "panels"), "id", "ids/duplicate-panel", "panel");
    uniqueIn(ctx, Context::array(c, "elements"), child(ctx.base, "elements"), "id", "ids/duplicate-element", "element");

    // A page, an overlay and a panel each own the layout region with their id, so they may not share one.
    std::unordered_map<std::string, std::string> regionOwner;
    for (const char* collection : {"pages", "overlays", "panels"}) {
        const Json* list = Context::array(c, collection);
        if (!list) continue;
        for (std::size_t i = 0; i < list->size(); ++i) {
            std::string id = Context::str((*list)[i], "id");
            if (id.empty()) continue;
            auto [it, inserted] = regionOwner.emplace(id, collection);
            if (!inserted && it->second != collection)
                ctx.report("ids/duplicate-region-id", child(child(child(ctx.base, collection), i), "id"),
                           "id '" + id + "' names both an entry of " + it->second + " and of " + collection +
                               "; the layout region would be ambiguous");
        }
    }

    std::unordered_map<std::string, std::string> actionIds;     // id -> pointer of first use
    std::unordered_map<std::string, std::string> controlIds;    // controlId -> element id
    auto actionList = [&](const Json& host, const std::string& hostPointer) {
        const Json* actions = Context::array(host, "actions");
        if (!actions) return;
        for (std::size_t i = 0; i < actions->size(); ++i) {
            std::string id = Context::str((*actions)[i], "id");
            if (id.empty()) continue;
            std::string p = child(child(hostPointer, "actions"), i);
            auto [it, inserted] = actionIds.emplace(id, p);
            if (!inserted)
                ctx.report("ids/duplicate-action", child(p, "id"),
                           "action id '" + id + "' is used again; action ids are unique across the workbook (first at " +
                               it->second + ")");
        }
    };
    for (const auto& e : ctx.elements)
        ctx.unit(Unit::Ids, e, [&] {
            if (const Json* columns = e.columns)
                uniqueIn(ctx, columns, child(e.pointer, "columns"), "id", "ids/duplicate-column", "element '" + e.id + "': column");
        });
    for (const auto& e : ctx.elements) {
        actionList(*e.json, e.pointer);
        if (e.kind == "control" && Context::sv(*e.json, "controlType") != "synced") {
            std::string controlId = Context::str(*e.json, "controlId");
            if (controlId.empty()) continue;
            auto [it, inserted] = controlIds.emplace(controlId, e.id);
            if (!inserted)
                ctx.report("ids/duplicate-control-id", child(e.pointer, "controlId"),
                           "controlId '" + controlId + "' is also the handle of control element '" + it->second +
                               "'; formulas could not tell them apart");
        }
    }
    if (const Json* overlays = Context::array(c, "overlays"))
        for (std::size_t i = 0; i < overlays->size(); ++i) actionList((*overlays)[i], child(child(ctx.base, "overlays"), i));
}

} // namespace quire::validate
