#pragma once
// Internal: how a workbook body splits into the items the diff and the merge compare.
#include <quire/core/json.h>
#include <quire/doc/layout.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace quire::diff::detail {

// Arrays of the body whose items are matched by their "id".
const std::vector<std::string>& keyedCollections();

struct KeyedItems {
    std::vector<std::string> order;             // ids in array order
    std::map<std::string, const Json*> byId;
};
// nullopt when the value is not an array of objects with unique string ids (then it is compared whole).
std::optional<KeyedItems> keyItems(const Json* array);

// Layout regions by id, each as a comparable JSON model: {"tag", "attributes": {...},
// "nodes": {handle: {"tag", "parent", <attributes>...}}}. nullopt when the layout does not parse.
struct LayoutRegions {
    doc::LayoutTree tree;
    std::vector<std::string> order;
    std::map<std::string, Json> models;
    std::map<std::string, const doc::LayoutNode*> nodes; // into tree (valid while this object lives)
};
std::optional<LayoutRegions> layoutRegions(const Json& layout);

// The key a node of a region has in LayoutRegions::models: its handle (elementId), or for nodes without one
// (tabs) "<parent key>/<tag>[n]", n counting the handle-less siblings and tabs before it. Advances *tabIndex.
std::string layoutNodeKey(const doc::LayoutNode& child, const std::string& parentKey, int* tabIndex);

std::string kindOf(const Json& item);              // "kind", else "type", else ""
const Json* member(const Json& object, const std::string& key); // nullptr when absent / not an object

} // namespace quire::diff::detail
