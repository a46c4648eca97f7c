#pragma once
// Internal: merging one layout region that both sides changed, element placement by placement.
#include <quire/diff/merge.h>
#include <quire/doc/layout.h>

#include <optional>
#include <string>
#include <vector>

#include "body_model.h"

namespace quire::diff::detail {

struct PlacementConflict {
    std::string key; // the placed element's id (or the region id for the region's own attributes)
    ConflictKind kind = ConflictKind::ChangedBoth;
    std::optional<Json> base, ours, theirs; // the placement models ({"tag", "parent", attributes...})
};

// Each placement (tag, parent, attributes) merges three ways like an item; children are ordered with
// mergedOrder per parent. nullopt when the placements do not form a tree again (a kept placement whose
// parent is gone, a placement listed twice): the caller then treats the region as one conflicting value.
std::optional<doc::LayoutNode> mergeRegion(const std::string& regionId, const LayoutRegions& base,
                                           const LayoutRegions& ours, const LayoutRegions& theirs,
                                           std::vector<PlacementConflict>& conflicts);

} // namespace quire::diff::detail
