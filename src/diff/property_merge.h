#pragma once
// Internal: the property-level three-way merge of one JSON value (an element, a settings value, ...).
#include <quire/core/json.h>
#include <quire/diff/merge.h>

#include <optional>
#include <string>
#include <vector>

namespace quire::diff::detail {

// Where a value is: in ours' terms (array indices of ours, else of theirs) and in the merged result
// ("-" for an array entry the result does not have).
struct MergePath {
    std::string ours;
    std::string result;
    MergePath key(const std::string& token) const;
};

struct PropertyConflict {
    MergePath path; // relative to the merged value
    ConflictKind kind = ConflictKind::ChangedBoth;
    std::optional<Json> base, ours, theirs;
};

// Merges b/o/t (nullptr = absent): a side that alone changed a value wins; values changed on both sides
// recurse into objects (by key) and arrays of objects with unique string ids (by id) while depthLeft > 0;
// anything else changed differently on both sides is a conflict that keeps ours. nullopt = absent.
// An object's keys in stored order.
inline std::vector<std::string> keysOf(const Json& object) {
    std::vector<std::string> keys;
    for (auto it = object.begin(); it != object.end(); ++it) keys.push_back(it.key());
    return keys;
}

std::optional<Json> mergeProperties(const Json* base, const Json* ours, const Json* theirs, int depthLeft,
                                    const MergePath& path, std::vector<PropertyConflict>& conflicts);

} // namespace quire::diff::detail
