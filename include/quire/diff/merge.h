#pragma once
// Three-way merge of workbook bodies by element: base = the last pulled snapshot, ours = the local file,
// theirs = the server. An item (element, page, overlay, panel, agent, settings key, layout region, other body
// key) changed on one side only takes that side; changed identically on both sides is taken once; changed
// differently on both sides is a conflict (ours is kept in the merged body and the conflict is reported).
#include <quire/core/json.h>

#include <string>
#include <vector>

namespace quire::diff {

struct MergeConflict {
    std::string collection;  // as in ItemChange::collection
    std::string id;
    std::string reason;      // "changed on both sides", "deleted locally, changed remotely", ...
};

struct MergeResult {
    Json contents;                        // the merged body
    std::vector<MergeConflict> conflicts; // empty = clean merge
    bool clean() const { return conflicts.empty(); }
};

MergeResult mergeContents(const Json& base, const Json& ours, const Json& theirs);

} // namespace quire::diff
