#include "body_model.h"

#include <set>

namespace quire::diff::detail {

const std::vector<std::string>& keyedCollections() {
    static const std::vector<std::string> names{"elements", "pages", "overlays", "panels", "agents"};
    return names;
}

std::optional<KeyedItems> keyItems(const Json* array) {
    if (!array || !array->is_array()) return std::nullopt;
    KeyedItems items;
    for (const Json& item : *array) {
        if (!item.is_object()) return std::nullopt;
        auto id = item.find("id");
        if (id == item.end() || !id->is_string()) return std::nullopt;
        const std::string key = id->get<std::string>();
        if (!items.byId.emplace(key, &item).second) return std::nullopt;
        items.order.push_back(key);
    }
    return items;
}

std::string layoutNodeKey(const doc::LayoutNode& child, const std::string& parentKey, int* tabIndex) {
    std::string key = child.handle();
    if (key.empty()) key = parentKey + "/" + child.tag + "[" + std::to_string(*tabIndex) + "]";
    if (child.kind == doc::LayoutNode::Kind::Tab || child.handle().empty()) ++*tabIndex;
    return key;
}

namespace {

void modelNodes(const doc::LayoutNode& node, const std::string& parent, Json& nodes) {
    int tabIndex = 0;
    for (const doc::LayoutNode& child : node.children) {
        const std::string key = layoutNodeKey(child, parent, &tabIndex);
        Json model = Json::object();
        model["tag"] = child.tag;
        model["parent"] = parent;
        for (const auto& [name, value] : child.attributes)
            if (name != "elementId") model[name] = value;
        nodes[key] = std::move(model);
        modelNodes(child, key, nodes);
    }
}

} // namespace

std::optional<LayoutRegions> layoutRegions(const Json& layout) {
    if (!layout.is_string()) return std::nullopt;
    doc::LayoutParseResult parsed = doc::parseLayout(layout.get_ref<const std::string&>());
    if (!parsed.ok()) return std::nullopt;
    LayoutRegions regions;
    regions.tree = std::move(parsed.tree);
    std::set<std::string> seen;
    for (const doc::LayoutNode& region : regions.tree.regions) {
        const std::string id = region.handle();
        if (!seen.insert(id).second) return std::nullopt; // duplicate region ids: compare the layout whole
        Json model = Json::object();
        model["tag"] = region.tag;
        Json attributes = Json::object();
        for (const auto& [name, value] : region.attributes)
            if (name != "id") attributes[name] = value;
        model["attributes"] = std::move(attributes);
        Json nodes = Json::object();
        modelNodes(region, id, nodes);
        model["nodes"] = std::move(nodes);
        regions.order.push_back(id);
        regions.models[id] = std::move(model);
        regions.nodes[id] = &region;
    }
    return regions;
}

std::string kindOf(const Json& item) {
    if (!item.is_object()) return {};
    for (const char* key : {"kind", "type"})
        if (auto it = item.find(key); it != item.end() && it->is_string()) return it->get<std::string>();
    return {};
}

const Json* member(const Json& object, const std::string& key) {
    if (!object.is_object()) return nullptr;
    auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

} // namespace quire::diff::detail
