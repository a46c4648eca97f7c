// Controls (spec §3.6; checklist items 11 and 22): wiring targets and their columns exist, list controls carry
// their value fields, sliders a mode, synced controls point at a primary, no map sources or targets.
#include "context.h"
#include "pointer.h"

#include <string_view>

namespace quire::validate {
namespace {

bool isMap(const std::string& kind) { return kind == "point-map" || kind == "region-map" || kind == "geography-map"; }

// Navigation controls in auto mode label pages with `pageLabels: [{pageId, label}]`; an object keyed by page id
// (a common hand-written shape) is silently ignored by Sigma.
void pageLabels(Context& ctx, const ElementRef& e) {
    const Json* labels = Context::member(*e.json, "pageLabels");
    if (!labels) return;
    const std::string at = child(e.pointer, "pageLabels");
    if (!labels->is_array()) {
        ctx.report("control/page-labels-shape", at,
                   "`pageLabels` of '" + e.id + "' is " + std::string(labels->is_object() ? "an object" : "not a list") +
                       "; Sigma reads a list of {pageId, label} and ignores anything else");
        return;
    }
    for (std::size_t i = 0; i < labels->size(); ++i) {
        const Json& item = (*labels)[i];
        if (!item.is_object() || !Context::member(item, "pageId") || !Context::member(item, "label"))
            ctx.report("control/page-labels-shape", child(at, i), "`pageLabels` items are {pageId, label}");
    }
}

void wiring(Context& ctx, const ElementRef& control) {
    const Json* filters = Context::array(*control.json, "filters");
    if (!filters) return;
    for (std::size_t i = 0; i < filters->size(); ++i) {
        const Json& f = (*filters)[i];
        const std::string fp = child(child(control.pointer, "filters"), i);
        const Json* source = Context::member(f, "source");
        const std::string targetId = source ? Context::str(*source, "elementId") : std::string();
        if (targetId.empty()) continue; // the schema reports the missing source/elementId
        const ElementRef* target = ctx.element(targetId);
        if (!target) {
            ctx.report("control/unknown-target", child(child(fp, "source"), "elementId"),
                       "control '" + control.id + "' filters element '" + targetId + "', which the workbook does not contain");
            continue;
        }
        if (isMap(target->kind)) {
            ctx.report("control/map-target", child(child(fp, "source"), "elementId"),
                       "control '" + control.id + "' targets map '" + targetId + "'; controls cannot target maps");
            continue;
        }
        const std::string columnId = Context::str(f, "columnId");
        if (!columnId.empty() && !Context::findColumn(*target->json, columnId))
            ctx.report("control/unknown-target-column", child(fp, "columnId"),
                       "control '" + control.id + "' filters column '" + columnId + "' of '" + targetId +
                           "', which has no such column (Sigma accepts this and the control silently stops filtering)");
    }
}

// list/segmented/drill value source: {kind: source, source: {kind: table, elementId}, columnId}.
void valueSource(Context& ctx, const ElementRef& control) {
    const Json* s = Context::member(*control.json, "source");
    if (!s || Context::str(*s, "kind") != "source") return;
    const Json* inner = Context::member(*s, "source");
    const std::string sp = child(control.pointer, "source");
    const std::string elementId = inner ? Context::str(*inner, "elementId") : std::string();
    if (elementId.empty()) return;
    const ElementRef* from = ctx.element(elementId);
    if (!from) {
        ctx.report("control/unknown-value-source", child(child(sp, "source"), "elementId"),
                   "control '" + control.id + "' takes its values from element '" + elementId +
                       "', which the workbook does not contain");
        return;
    }
    if (isMap(from->kind)) {
        ctx.report("control/map-target", child(child(sp, "source"), "elementId"),
                   "control '" + control.id + "' takes its values from map '" + elementId + "'; controls cannot source maps");
        return;
    }
    for (const char* key : {"columnId", "displayColumnId"}) {
        const std::string columnId = Context::str(*s, key);
        if (!columnId.empty() && !Context::findColumn(*from->json, columnId))
            ctx.report("control/unknown-value-source", child(sp, key),
                       "control '" + control.id + "' lists values of column '" + columnId + "', which element '" +
                           elementId + "' does not have");
    }
}

} // namespace

void checkControls(Context& ctx) {
    for (const auto& e : ctx.elements) {
        if (e.kind != "control") continue;
        const std::string type = Context::str(*e.json, "controlType");
        pageLabels(ctx, e);
        wiring(ctx, e);
        valueSource(ctx, e);
        if (type == "list")
            for (const char* key : {"source", "mode", "selectionMode", "values"})
                if (!Context::member(*e.json, key))
                    ctx.report("control/list-missing-field", e.pointer,
                               "list control '" + e.id + "' has no `" + key +
                                   "`; list controls need source, mode, selectionMode and values");
        if (type == "slider" && !Context::member(*e.json, "mode"))
            ctx.report("control/slider-missing-mode", e.pointer, "slider control '" + e.id + "' needs a `mode` (<=, >=, =, < or >)");
        if (type == "synced") {
            const std::string primary = Context::str(*e.json, "controlId");
            if (primary.empty() || !ctx.controlById.count(primary))
                ctx.report("control/synced-unknown", child(e.pointer, "controlId"),
                           "synced control '" + e.id + "' refers to controlId '" + primary +
                               "', which is not the handle of any primary control");
        }
    }
}

} // namespace quire::validate
