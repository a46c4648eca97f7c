// Controls (spec §3.6; checklist items 11 and 22): wiring targets and their columns exist, list controls carry
// their value fields, sliders a mode, synced controls point at a primary, no map sources or targets.
#include "context.h"
#include "pointer.h"

#include <algorithm>
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
    const Json* s = control.source;
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

// Drill controls: categories (outer -> inner) are columns of the control's source; each target names one
// column of its own per category (null where it does not drill); the value is null or a category.
void drill(Context& ctx, const ElementRef& control) {
    const Json* categories = Context::array(*control.json, "categories");
    const std::string cp = child(control.pointer, "categories");
    const Json* s = control.source;
    const Json* inner = s ? Context::member(*s, "source") : nullptr;
    const ElementRef* from = inner ? ctx.element(Context::str(*inner, "elementId")) : nullptr;
    std::vector<std::string> levels;
    if (categories)
        for (std::size_t i = 0; i < categories->size(); ++i) {
            const std::string columnId = (*categories)[i].is_object() ? Context::str((*categories)[i], "columnId") : std::string();
            levels.push_back(columnId);
            if (from && !columnId.empty() && !Context::findColumn(*from->json, columnId))
                ctx.report("control/drill-unknown-column", child(child(cp, i), "columnId"),
                           "drill control '" + control.id + "' has category '" + columnId + "', which its source '" + from->id +
                               "' does not have");
        }
    const Json* value = Context::member(*control.json, "value");
    if (value && !value->is_null() &&
        (!value->is_string() || std::find(levels.begin(), levels.end(), value->get<std::string>()) == levels.end()))
        ctx.report("control/drill-value", child(control.pointer, "value"),
                   "drill control '" + control.id + "' is set to " + value->dump() + ", which is not one of its categories");
    const Json* targets = Context::array(*control.json, "targets");
    if (!targets) return;
    for (std::size_t i = 0; i < targets->size(); ++i) {
        const Json& t = (*targets)[i];
        const std::string tp = child(child(control.pointer, "targets"), i);
        const Json* source = Context::member(t, "source");
        const std::string targetId = source ? Context::str(*source, "elementId") : std::string();
        const ElementRef* target = targetId.empty() ? nullptr : ctx.element(targetId);
        if (!targetId.empty() && !target)
            ctx.report("control/unknown-target", child(child(tp, "source"), "elementId"),
                       "drill control '" + control.id + "' targets element '" + targetId + "', which the workbook does not contain");
        const Json* columnIds = Context::array(t, "columnIds");
        if (!columnIds) continue;
        if (categories && columnIds->size() != categories->size())
            ctx.report("control/drill-alignment", child(tp, "columnIds"),
                       "drill control '" + control.id + "' has " + std::to_string(categories->size()) + " categories but its target '" +
                           targetId + "' lists " + std::to_string(columnIds->size()) + " columns (one per category, null where it does not drill)");
        if (!target) continue;
        for (std::size_t k = 0; k < columnIds->size(); ++k) {
            const Json& id = (*columnIds)[k];
            if (id.is_string() && !Context::findColumn(*target->json, id.get<std::string>()))
                ctx.report("control/drill-unknown-column", child(child(tp, "columnIds"), k),
                           "drill control '" + control.id + "' drills '" + targetId + "' by column '" + id.get<std::string>() +
                               "', which it does not have");
        }
    }
}

void controlOf(Context& ctx, const ElementRef& e) {
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
    if (type == "drill") drill(ctx, e);
    if (type == "slider" && !Context::member(*e.json, "mode"))
        ctx.report("control/slider-missing-mode", e.pointer, "slider control '" + e.id + "' needs a `mode` (<=, >=, =, < or >)");
    if (type == "synced") {
        const std::string primary = Context::str(*e.json, "controlId");
        if (primary.empty() || !ctx.hasControl(primary))
            ctx.report("control/synced-unknown", child(e.pointer, "controlId"),
                       "synced control '" + e.id + "' refers to controlId '" + primary +
                           "', which is not the handle of any primary control");
    }
}

} // namespace

void checkControls(Context& ctx) {
    for (const auto& e : ctx.elements)
        if (e.kind == "control") ctx.unit(Unit::Controls, e, [&] { controlOf(ctx, e); });
}

} // namespace quire::validate
