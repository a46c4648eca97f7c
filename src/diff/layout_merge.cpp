#include "layout_merge.h"

#include <map>
#include <set>

#include "merge_rules.h"

namespace quire::diff::detail {
namespace {

constexpr int kMaxLayoutDepth = 300; // the layout parser refuses nesting deeper than 256

// One side's region: each placement by key, and each parent's children keys in order.
struct RegionIndex {
    std::map<std::string, const doc::LayoutNode*> nodes;
    std::map<std::string, std::vector<std::string>> children;
};

bool indexChildren(const doc::LayoutNode& node, const std::string& key, int depth, RegionIndex& index) {
    if (depth > kMaxLayoutDepth) return false;
    int tabIndex = 0;
    auto& kids = index.children[key];
    for (const doc::LayoutNode& child : node.children) {
        const std::string childKey = layoutNodeKey(child, key, &tabIndex);
        if (!index.nodes.emplace(childKey, &child).second) return false; // placed twice
        kids.push_back(childKey);
        if (!indexChildren(child, childKey, depth + 1, index)) return false;
    }
    return true;
}

std::optional<RegionIndex> indexRegion(const LayoutRegions& regions, const std::string& regionId) {
    auto region = regions.nodes.find(regionId);
    if (region == regions.nodes.end()) return std::nullopt;
    RegionIndex index;
    if (!indexChildren(*region->second, regionId, 0, index)) return std::nullopt;
    return index;
}

const Json* modelOf(const LayoutRegions& regions, const std::string& regionId, const std::string& key) {
    const Json& nodes = regions.models.at(regionId).at("nodes");
    auto it = nodes.find(key);
    return it == nodes.end() ? nullptr : &*it;
}

const std::vector<std::string>& childrenOf(const RegionIndex& index, const std::string& key) {
    static const std::vector<std::string> none;
    auto it = index.children.find(key);
    return it == index.children.end() ? none : it->second;
}

struct Builder {
    const std::map<std::string, const doc::LayoutNode*>& chosen; // kept placements, from the winning side
    const std::map<std::string, std::string>& parentOf;         // their parent in the result
    const RegionIndex &base, &ours, &theirs;
    std::set<std::string> placed;

    bool fill(doc::LayoutNode& node, const std::string& key, int depth) {
        if (depth > kMaxLayoutDepth) return false;
        node.children.clear();
        for (const std::string& child : mergedOrder(childrenOf(base, key), childrenOf(ours, key), childrenOf(theirs, key))) {
            auto it = chosen.find(child);
            if (it == chosen.end() || parentOf.at(child) != key || !placed.insert(child).second) continue;
            doc::LayoutNode copy = *it->second;
            if (!fill(copy, child, depth + 1)) return false;
            node.children.push_back(std::move(copy));
        }
        return true;
    }
};

} // namespace

std::optional<doc::LayoutNode> mergeRegion(const std::string& regionId, const LayoutRegions& base,
                                           const LayoutRegions& ours, const LayoutRegions& theirs,
                                           std::vector<PlacementConflict>& conflicts) {
    auto ib = indexRegion(base, regionId), io = indexRegion(ours, regionId), it = indexRegion(theirs, regionId);
    if (!ib || !io || !it) return std::nullopt;
    std::vector<PlacementConflict> found;

    // The region's own tag and attributes.
    auto own = [&](const LayoutRegions& r) {
        Json model = r.models.at(regionId);
        model.erase("nodes");
        return model;
    };
    const Json rb = own(base), ro = own(ours), rt = own(theirs);
    const Pick regionPick = pick(&rb, &ro, &rt);
    if (regionPick == Pick::Conflict) found.push_back({regionId, ConflictKind::ChangedBoth, rb, ro, rt});
    doc::LayoutNode merged = *(regionPick == Pick::Theirs ? theirs : ours).nodes.at(regionId);

    // Every placement: which side's node is kept, and under which parent.
    std::set<std::string> keys;
    for (const RegionIndex* index : {&*ib, &*io, &*it})
        for (const auto& entry : index->nodes) keys.insert(entry.first);
    std::map<std::string, const doc::LayoutNode*> chosen;
    std::map<std::string, std::string> parentOf;
    for (const std::string& key : keys) {
        const Json *mb = modelOf(base, regionId, key), *mo = modelOf(ours, regionId, key), *mt = modelOf(theirs, regionId, key);
        Pick side = pick(mb, mo, mt);
        if (side == Pick::Conflict) {
            found.push_back({key, conflictKind(mb, mo, mt), copyOf(mb), copyOf(mo), copyOf(mt)});
            side = Pick::Ours;
        }
        const Json* model = side == Pick::Theirs ? mt : mo;
        if (!model) continue; // absent in the result
        chosen[key] = (side == Pick::Theirs ? *it : *io).nodes.at(key);
        parentOf[key] = (*model)["parent"].get<std::string>();
    }

    Builder builder{chosen, parentOf, *ib, *io, *it, {}};
    if (!builder.fill(merged, regionId, 0) || builder.placed.size() != chosen.size()) return std::nullopt;
    conflicts.insert(conflicts.end(), found.begin(), found.end());
    return merged;
}

} // namespace quire::diff::detail
