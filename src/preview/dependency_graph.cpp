#include <quire/preview/dependency_graph.h>

#include <algorithm>

namespace quire::preview {
namespace {

void addUnique(std::vector<std::string>& list, const std::string& id) {
    if (!id.empty() && std::find(list.begin(), list.end(), id) == list.end()) list.push_back(id);
}

// Element ids a source object reads from (recursing into join legs, union sources and transposes).
void collectSourceElements(const Json& source, std::vector<std::string>& out) {
    if (!source.is_object()) return;
    const std::string kind = source.value("kind", "");
    if ((kind == "table" || kind == "data-model") && source.contains("elementId") && source["elementId"].is_string() &&
        kind == "table")
        addUnique(out, source["elementId"].get<std::string>());
    if (kind == "linked" && source.contains("from") && source["from"].is_string())
        addUnique(out, source["from"].get<std::string>());
    if (source.contains("primarySource")) collectSourceElements(source["primarySource"], out);
    if (source.contains("joins") && source["joins"].is_array())
        for (const auto& join : source["joins"]) {
            collectSourceElements(join.value("left", Json()), out);
            collectSourceElements(join.value("right", Json()), out);
        }
    if (source.contains("sources") && source["sources"].is_array())
        for (const auto& leg : source["sources"]) collectSourceElements(leg, out);
    if (kind == "transpose" && source.contains("source")) collectSourceElements(source["source"], out);
}

// Every formula-bearing string of an element (column formulas, progress fields, sql statement, image url...).
void collectTexts(const Json& value, std::vector<std::string>& out, int depth = 0) {
    if (depth > 64) return;
    if (value.is_string()) {
        const auto& s = value.get_ref<const std::string&>();
        if (s.find('[') != std::string::npos || s.find("{{") != std::string::npos) out.push_back(s);
    } else if (value.is_array() || value.is_object()) {
        for (const auto& child : value) collectTexts(child, out, depth + 1);
    }
}

} // namespace

std::vector<std::string> referencedControls(std::string_view text, const std::set<std::string>& controlIds) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '[') {
            const auto end = text.find(']', i + 1);
            if (end == std::string_view::npos) break;
            const std::string name(text.substr(i + 1, end - i - 1));
            if (name.find('/') == std::string::npos && controlIds.count(name)) addUnique(out, name);
            i = end;
        } else if (text.compare(i, 2, "{{") == 0) {
            const auto end = text.find("}}", i + 2);
            if (end == std::string_view::npos) break;
            std::string name(text.substr(i + 2, end - i - 2));
            name.erase(0, name.find_first_not_of(' '));
            name.erase(name.find_last_not_of(' ') + 1);
            if (!name.empty() && name.front() == '[' && name.back() == ']') name = name.substr(1, name.size() - 2);
            if (controlIds.count(name)) addUnique(out, name);
            i = end + 1;
        }
    }
    return out;
}

DependencyGraph::DependencyGraph(const Json& contents) {
    if (!contents.is_object() || !contents.contains("elements") || !contents["elements"].is_array()) return;
    const Json& elements = contents["elements"];
    std::set<std::string> controlIds;
    for (const auto& el : elements) {
        if (!el.is_object() || !el.contains("id") || !el["id"].is_string()) continue;
        order_.push_back(el["id"].get<std::string>());
        if (el.value("kind", "") == "control" && el.value("controlType", "") != "synced" && el.contains("controlId") &&
            el["controlId"].is_string())
            controlIds.insert(el["controlId"].get<std::string>());
    }
    for (const auto& el : elements) {
        if (!el.is_object() || !el.contains("id") || !el["id"].is_string()) continue;
        const std::string id = el["id"].get<std::string>();
        std::vector<std::string> sources;
        if (el.contains("source")) collectSourceElements(el["source"], sources);
        for (const auto& s : sources) {
            addUnique(sources_[id], s);
            addUnique(children_[s], id);
        }
        if (el.value("kind", "") == "control") {
            std::string controlId = el.value("controlId", "");
            if (el.contains("filters") && el["filters"].is_array())
                for (const auto& f : el["filters"])
                    if (f.is_object() && f.contains("source") && f["source"].is_object() &&
                        f["source"].contains("elementId") && f["source"]["elementId"].is_string())
                        addUnique(controlTargets_[controlId], f["source"]["elementId"].get<std::string>());
            if (el.value("controlType", "") == "drill" && el.contains("targets") && el["targets"].is_array())
                for (const auto& t : el["targets"]) // a drill control re-groups its targets
                    if (t.is_object() && t.contains("source") && t["source"].is_object() && t["source"].contains("elementId") &&
                        t["source"]["elementId"].is_string())
                        addUnique(controlTargets_[controlId], t["source"]["elementId"].get<std::string>());
            continue;
        }
        std::vector<std::string> texts;
        for (const char* key : {"columns", "source", "filters", "groupings", "value", "min", "max", "url", "body",
                                "config"})
            if (el.contains(key)) collectTexts(el[key], texts);
        for (const auto& text : texts)
            for (const auto& c : referencedControls(text, controlIds)) addUnique(controlTargets_[c], id);
    }
}

const std::vector<std::string>& DependencyGraph::sourcesOf(const std::string& elementId) const {
    static const std::vector<std::string> empty;
    const auto it = sources_.find(elementId);
    return it == sources_.end() ? empty : it->second;
}

const std::vector<std::string>& DependencyGraph::childrenOf(const std::string& elementId) const {
    static const std::vector<std::string> empty;
    const auto it = children_.find(elementId);
    return it == children_.end() ? empty : it->second;
}

const std::vector<std::string>& DependencyGraph::directTargetsOfControl(const std::string& controlId) const {
    static const std::vector<std::string> empty;
    const auto it = controlTargets_.find(controlId);
    return it == controlTargets_.end() ? empty : it->second;
}

void DependencyGraph::closeOver(std::set<std::string>& ids) const {
    std::vector<std::string> stack(ids.begin(), ids.end());
    while (!stack.empty()) {
        const std::string id = stack.back();
        stack.pop_back();
        for (const auto& child : childrenOf(id))
            if (ids.insert(child).second) stack.push_back(child); // visited set: cycles terminate
    }
}

std::vector<std::string> DependencyGraph::ordered(const std::set<std::string>& ids) const {
    std::vector<std::string> out;
    for (const auto& id : order_)
        if (ids.count(id)) out.push_back(id);
    return out;
}

std::vector<std::string> DependencyGraph::affectedByElement(const std::string& elementId) const {
    return affectedBy({}, {elementId});
}

std::vector<std::string> DependencyGraph::affectedByControl(const std::string& controlId) const {
    return affectedBy({controlId}, {});
}

std::vector<std::string> DependencyGraph::affectedBy(const std::vector<std::string>& controlIds,
                                                     const std::vector<std::string>& elementIds) const {
    std::set<std::string> ids(elementIds.begin(), elementIds.end());
    for (const auto& c : controlIds)
        for (const auto& t : directTargetsOfControl(c)) ids.insert(t);
    closeOver(ids);
    return ordered(ids);
}

} // namespace quire::preview
