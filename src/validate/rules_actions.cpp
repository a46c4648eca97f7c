// Actions (spec §5; checklist item 24): triggers legal for the host, known effects with their required
// fields, references to pages/overlays/controls/elements/tabs that exist, and the `*Id` vs bare key quirks.
#include "context.h"
#include "pointer.h"

#include <map>
#include <unordered_set>

namespace quire::validate {
namespace {

const std::unordered_set<std::string> kSelectHosts{
    "table", "pivot-table", "kpi-chart", "bar-chart", "line-chart", "area-chart", "combo-chart", "scatter-chart",
    "donut-chart", "pie-chart", "treemap-chart", "gauge-chart", "sankey-chart", "funnel-chart", "box-chart",
    "point-map", "region-map", "geography-map"};

const std::map<std::string, std::vector<const char*>>& requiredFields() {
    static const std::map<std::string, std::vector<const char*>> fields{
        {"insert-rows", {"tableElementId", "values"}},
        {"update-rows", {"tableElementId", "whichRows", "values"}},
        {"delete-rows", {"tableElementId", "whichRows"}},
        {"clear-control", {"scope"}},
        {"set-control-value", {"control", "value"}},
        {"open-overlay", {"overlayId"}},
        {"close-overlay", {}},
        {"open-url", {"url", "openTarget"}},
        {"navigate", {"target"}},
        {"select-tab", {"tabbedContainerElementId", "selectedTab"}},
        {"refresh-element", {"target"}},
        {"open-document", {"documentId", "documentType", "openTarget"}},
        {"set-single-row-container", {"target", "value"}},
    };
    return fields;
}

// Keys Sigma rejects, with the spelling it wants: {effect kind or "*", wrong key} -> right key.
struct WrongKey {
    const char* effect;
    const char* wrong;
    const char* right;
};
constexpr WrongKey kWrongKeys[] = {
    {"set-control-value", "controlId", "control"}, {"open-overlay", "overlay", "overlayId"},
    {"insert-rows", "table", "tableElementId"},    {"update-rows", "table", "tableElementId"},
    {"delete-rows", "table", "tableElementId"},    {"select-tab", "tabbedContainerId", "tabbedContainerElementId"},
    {"select-tab", "tabbedContainer", "tabbedContainerElementId"},
};

std::string effectKind(const Json& effect) {
    for (const char* key : {"kind", "effect", "type"})
        if (std::string k = Context::str(effect, key); !k.empty()) return k;
    return {};
}

struct ActionCheck {
    Context& ctx;
    std::string hostKind; // element kind, or "overlay"
    std::string hostId;

    bool controlExists(const std::string& handle) const {
        if (ctx.hasControl(handle)) return true;
        const ElementRef* e = ctx.element(handle);
        return e && e->kind == "control";
    }

    void unknown(const std::string& pointer, const std::string& what, const std::string& id) {
        ctx.report("action/unknown-target", pointer, "the action on '" + hostId + "' refers to " + what + " '" + id + "', which does not exist");
    }

    void wrongKey(const std::string& pointer, const char* wrong, const char* right) {
        ctx.report("action/wrong-key", pointer,
                   std::string("`") + wrong + "` is not accepted here; Sigma expects `" + right + "`");
    }

    // {type: page, page} | {type: element, element} (navigate, refresh-element)
    void target(const Json& t, const std::string& tp) {
        const std::string type = Context::str(t, "type");
        for (auto [wrong, right] : {std::pair{"pageId", "page"}, std::pair{"elementId", "element"}})
            if (Context::member(t, wrong)) wrongKey(child(tp, wrong), wrong, right);
        if (type == "page" || Context::member(t, "page")) {
            if (std::string page = Context::str(t, "page"); !page.empty() && !ctx.hasPage(page))
                unknown(child(tp, "page"), "page", page);
        }
        if (type == "element" || Context::member(t, "element")) {
            if (std::string el = Context::str(t, "element"); !el.empty() && !ctx.element(el))
                unknown(child(tp, "element"), "element", el);
        }
    }

    void effect(const Json& fx, const std::string& p) {
        const std::string kind = effectKind(fx);
        auto req = requiredFields().find(kind);
        if (req == requiredFields().end()) {
            ctx.report("action/unknown-effect", p, "effect kind '" + kind + "' is not one Sigma knows");
            return;
        }
        for (const auto& w : kWrongKeys)
            if (kind == w.effect && Context::member(fx, w.wrong)) wrongKey(child(p, w.wrong), w.wrong, w.right);
        for (const char* key : req->second)
            if (!Context::member(fx, key))
                ctx.report("action/missing-field", p, "a `" + kind + "` effect needs `" + key + "`");

        if (std::string table = Context::str(fx, "tableElementId"); !table.empty()) {
            const ElementRef* t = ctx.element(table);
            if (!t) unknown(child(p, "tableElementId"), "input table", table);
            else if (t->kind != "input-table")
                ctx.report("action/not-input-table", child(p, "tableElementId"),
                           "`tableElementId` '" + table + "' is a " + t->kind + "; row effects need an input table");
        }
        if (std::string overlay = Context::str(fx, "overlayId"); !overlay.empty() && !ctx.hasOverlay(overlay))
            unknown(child(p, "overlayId"), "overlay", overlay);
        if (kind == "set-control-value") {
            if (std::string control = Context::str(fx, "control"); !control.empty() && !controlExists(control))
                unknown(child(p, "control"), "control", control);
        }
        if (const Json* value = Context::member(fx, "value"); value && Context::str(*value, "type") == "control") {
            if (Context::member(*value, "controlId")) wrongKey(child(child(p, "value"), "controlId"), "controlId", "control");
            if (std::string control = Context::str(*value, "control"); !control.empty() && !controlExists(control))
                unknown(child(child(p, "value"), "control"), "control", control);
        }
        if (const Json* t = Context::member(fx, "target"); t && t->is_object() && (kind == "navigate" || kind == "refresh-element"))
            target(*t, child(p, "target"));
        if (const Json* scope = Context::member(fx, "scope"); scope && kind == "clear-control") clearScope(*scope, child(p, "scope"));
        if (kind == "select-tab") selectTab(fx, p);
    }

    void clearScope(const Json& s, const std::string& sp) {
        const std::string type = Context::str(s, "type");
        if (type == "page") {
            if (Context::member(s, "page")) wrongKey(child(sp, "page"), "page", "pageId");
            if (std::string page = Context::str(s, "pageId"); !page.empty() && !ctx.hasPage(page))
                unknown(child(sp, "pageId"), "page", page);
        } else if (type == "control") {
            if (std::string c = Context::str(s, "controlId"); !c.empty() && !controlExists(c)) unknown(child(sp, "controlId"), "control", c);
        } else if (type == "container") {
            if (std::string c = Context::str(s, "containerElementId"); !c.empty() && !ctx.element(c))
                unknown(child(sp, "containerElementId"), "container", c);
        }
    }

    void selectTab(const Json& fx, const std::string& p) {
        const std::string id = Context::str(fx, "tabbedContainerElementId");
        if (id.empty()) return;
        const ElementRef* tc = ctx.element(id);
        if (!tc || tc->kind != "tabbed-container") {
            unknown(child(p, "tabbedContainerElementId"), "tabbed container", id);
            return;
        }
        const Json* selected = Context::member(fx, "selectedTab");
        const Json* index = selected ? Context::member(*selected, "index") : nullptr;
        const Json* tabs = Context::array(*tc->json, "tabs");
        const long long count = tabs ? static_cast<long long>(tabs->size()) : 0;
        if (index && index->is_number_integer() && (index->get<long long>() < 0 || index->get<long long>() >= count))
            ctx.report("action/tab-index", child(child(p, "selectedTab"), "index"),
                       "tab index " + index->dump() + " is out of range: '" + id + "' has " + std::to_string(count) +
                           " tabs (indexes are 0-based)");
    }

    void actions(const Json& host, const std::string& hostPointer) {
        const Json* list = Context::array(host, "actions");
        if (!list) return;
        for (std::size_t i = 0; i < list->size(); ++i) {
            const Json& action = (*list)[i];
            const std::string ap = child(child(hostPointer, "actions"), i);
            const std::string trigger = Context::str(action, "trigger");
            if (!trigger.empty() && !legal(trigger))
                ctx.report("action/illegal-trigger", child(ap, "trigger"),
                           "trigger '" + trigger + "' is not available on " +
                               (hostKind == "overlay" ? std::string("an overlay") : "a " + hostKind + " element") +
                               " (allowed: " + allowed() + ")");
            if (const Json* effects = Context::array(action, "effects"))
                for (std::size_t k = 0; k < effects->size(); ++k) effect((*effects)[k], child(child(ap, "effects"), k));
        }
    }

    std::string allowed() const {
        if (hostKind == "overlay") return "on-primary-cta-click, on-secondary-cta-click, on-close";
        if (hostKind == "button" || hostKind == "image") return "on-click";
        if (kSelectHosts.count(hostKind)) return "on-select";
        return "none";
    }

    bool legal(const std::string& trigger) const {
        if (hostKind == "overlay")
            return trigger == "on-primary-cta-click" || trigger == "on-secondary-cta-click" || trigger == "on-close";
        if (hostKind == "button" || hostKind == "image") return trigger == "on-click";
        if (kSelectHosts.count(hostKind)) return trigger == "on-select";
        return false;
    }
};

} // namespace

void checkActions(Context& ctx) {
    for (const auto& e : ctx.elements) ctx.unit(Unit::Actions, e, [&] { ActionCheck{ctx, e.kind, e.id}.actions(*e.json, e.pointer); });
    if (!ctx.contents) return;
    if (const Json* overlays = Context::array(*ctx.contents, "overlays"))
        for (std::size_t i = 0; i < overlays->size(); ++i)
            ActionCheck{ctx, "overlay", Context::str((*overlays)[i], "id")}.actions((*overlays)[i], child(child(ctx.base, "overlays"), i));
}

} // namespace quire::validate
