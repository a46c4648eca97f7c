#include "context.h"

#include "pointer.h"

namespace quire::validate {

Context::Context(const doc::Document& d, const ValidationOptions& o, std::vector<Diagnostic>& out)
    : document(d), options(o), out_(out) {
    contents = d.contents();
    base = d.contentsPointer();
    if (!contents) return;
    if (const Json* list = array(*contents, "elements")) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            const Json& e = (*list)[i];
            if (!e.is_object()) continue;
            ElementRef ref{&e, child(child(base, "elements"), i), str(e, "id"), str(e, "kind"), str(e, "name")};
            if (!ref.id.empty()) elementById.emplace(ref.id, elements.size());
            if (ref.kind == "control") {
                std::string controlId = str(e, "controlId");
                if (!controlId.empty() && str(e, "controlType") != "synced") controlById.emplace(controlId, elements.size());
            }
            elements.push_back(std::move(ref));
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
            doc::LayoutParseResult parsed = doc::parseLayout(text);
            layoutErrors = std::move(parsed.diagnostics);
            if (!hasErrors(layoutErrors)) layout = std::move(parsed.tree);
        }
    }
}

const ElementRef* Context::element(std::string_view id) const {
    auto it = elementById.find(std::string(id));
    return it == elementById.end() ? nullptr : &elements[it->second];
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
