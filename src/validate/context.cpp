#include "context.h"

#include "pointer.h"

#include <utility>

namespace quire::validate {

Context::Context(const doc::Document& d, const ValidationOptions& o, std::vector<Diagnostic>& out, UnitHooks* hooks)
    : document(d), options(o), out_(out), hooks_(hooks) {
    contents = d.contents();
    base = d.contentsPointer();
    layoutErrors = &ownLayout_.diagnostics;
    if (!contents) return;
    if (const Json* list = array(*contents, "elements")) {
        elements.reserve(list->size()); // the string_view keys below view these strings: no reallocation
        elementById.reserve(list->size());
        const std::string prefix = child(base, "elements") + "/";
        for (std::size_t i = 0; i < list->size(); ++i) {
            const Json& e = (*list)[i];
            if (!e.is_object()) continue;
            ElementRef& ref = elements.emplace_back(ElementRef{&e, i, prefix + std::to_string(i), {}, {}, {}});
            // One pass over the members; the first of a repeated key counts, as find() would have it.
            std::string_view controlId, controlType;
            unsigned seen = 0;
            auto first = [&seen](unsigned bit) { return !(std::exchange(seen, seen | bit) & bit); };
            for (auto it = e.begin(); it != e.end(); ++it) {
                const std::string& key = it.key();
                const Json& value = it.value();
                const std::string_view text = value.is_string() ? std::string_view(value.get_ref<const std::string&>()) : std::string_view();
                if (key == "id") { if (first(1)) ref.id = text; }
                else if (key == "kind") { if (first(2)) ref.kind = text; }
                else if (key == "name") { if (first(4)) ref.name = text; }
                else if (key == "source") { if (first(8)) ref.source = &value; }
                else if (key == "columns") { if (first(16) && value.is_array()) ref.columns = &value; }
                else if (key == "controlId") { if (first(32)) controlId = text; }
                else if (key == "controlType") { if (first(64)) controlType = text; }
            }
            if (!ref.id.empty()) elementById.emplace(ref.id, elements.size() - 1);
            if (ref.kind == "control" && !controlId.empty() && controlType != "synced")
                controlById.emplace(controlId, elements.size() - 1);
        }
    }
    auto collect = [&](std::string_view key, std::unordered_set<std::string>& ids) {
        if (const Json* list = array(*contents, key))
            for (const auto& item : *list)
                if (item.is_object() && !str(item, "id").empty()) ids.insert(str(item, "id"));
    };
    collect("pages", pageIds);
    collect("overlays", overlayIds);
    collect("panels", panelIds);
    if (const Json* layoutText = member(*contents, "layout"); layoutText && layoutText->is_string()) {
        const auto& text = layoutText->get_ref<const std::string&>();
        if (!text.empty()) {
            const doc::LayoutParseResult* parsed = hooks_ ? hooks_->layout(text) : nullptr;
            if (!parsed) {
                ownLayout_ = doc::parseLayout(text);
                parsed = &ownLayout_;
            }
            layoutErrors = &parsed->diagnostics;
            if (!hasErrors(parsed->diagnostics)) layout = &parsed->tree;
        }
    }
    if (hooks_) hooks_->start(*this);
}

const ElementRef* Context::findElement(std::string_view id) const {
    auto it = elementById.find(id);
    return it == elementById.end() ? nullptr : &elements[it->second];
}

const ElementRef* Context::element(std::string_view id) const {
    const ElementRef* found = findElement(id);
    if (hooks_) hooks_->lookedUp(id, found ? found->index : std::size_t(-1));
    return found;
}

bool Context::hasControl(std::string_view controlId) const {
    if (hooks_) hooks_->readIdSets();
    return controlById.count(controlId) > 0;
}

bool Context::hasPage(const std::string& pageId) const {
    if (hooks_) hooks_->readIdSets();
    return pageIds.count(pageId) > 0;
}

bool Context::hasOverlay(const std::string& overlayId) const {
    if (hooks_) hooks_->readIdSets();
    return overlayIds.count(overlayId) > 0;
}

const Json* Context::findColumn(const Json& element, std::string_view columnId) {
    const Json* columns = array(element, "columns");
    if (!columns) return nullptr;
    for (const auto& c : *columns)
        if (sv(c, "id") == columnId) return &c;
    return nullptr;
}

std::string Context::str(const Json& object, std::string_view key) {
    if (!object.is_object()) return {};
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string_view Context::sv(const Json& object, std::string_view key) {
    if (!object.is_object()) return {};
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? std::string_view(it->get_ref<const std::string&>()) : std::string_view();
}

const Json* Context::member(const Json& object, std::string_view key) {
    if (!object.is_object()) return nullptr;
    auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

const Json* Context::array(const Json& object, std::string_view key) {
    const Json* m = member(object, key);
    return m && m->is_array() ? m : nullptr;
}

void Context::report(RuleCode code, const std::string& pointer, std::string message) {
    Diagnostic d;
    d.severity = code.severity();
    d.rule = code;
    d.message = std::move(message);
    d.pointer = pointer;
    d.location = document.locate(pointer);
    out_.push_back(std::move(d));
}

void Context::reportLayout(RuleCode code, int layoutLine, int layoutColumn, std::string message) {
    if (layoutLine > 0)
        message += " (layout line " + std::to_string(layoutLine) + ", column " + std::to_string(layoutColumn) + ")";
    report(code, child(base, "layout"), std::move(message));
}

} // namespace quire::validate
