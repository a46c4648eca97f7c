#pragma once
// Three-way merge of workbook bodies: base = the common ancestor (the last pulled snapshot, or git's merge
// base), ours = the local file, theirs = the server or the other branch. Items (elements, pages, overlays,
// panels, agents, settings keys, layout regions, other body keys) are matched by id/key.
//
// Item granularity (the default): an item changed on one side only takes that side; changed identically on
// both sides is taken once; changed differently on both sides is a conflict.
// Property granularity: an item changed on both sides is merged further, property by property (objects by
// key, arrays of objects with unique string ids by id, other arrays as one value, up to maxDepth levels),
// and the layout per element placement; only the same property changed differently on both sides (or a
// delete against an edit) is a conflict.
// Either way ours is kept wherever there is a conflict, and every conflict is reported.
#include <quire/core/json.h>

#include <optional>
#include <string>
#include <vector>

namespace quire::diff {

enum class ConflictKind {
    ChangedBoth,        // changed differently on both sides
    AddedBoth,          // added on both sides with different content
    DeletedOursChanged, // deleted on our side, changed on theirs
    ChangedOursDeleted  // changed on our side, deleted on theirs
};

struct MergeConflict {
    std::string collection;  // as in ItemChange::collection ("elements", "settings", "layout", "envelope", ...)
    std::string id;          // element/page/... id, settings or body key; for layout: the region or placed element
    std::string reason;      // "changed on both sides", "deleted locally, changed remotely", ...
    ConflictKind kind = ConflictKind::ChangedBoth;
    // The property, as a JSON pointer relative to the item ("" = the whole item). Array indices are those of
    // ours when the entry exists there (else of theirs), so the pointer finds the value in the file kept.
    std::string pointer;
    // JSON pointer of the value relative to the merged body (or document root for mergeDocuments), with the
    // same index rule; "" when not known (layout placements live inside the layout string).
    std::string bodyPointer;
    // The same place in the merged result (where ours' value was kept): result indices, "-" for an entry the
    // result does not have; "" when not known.
    std::string resultPointer;
    std::optional<Json> base, ours, theirs; // the three values (nullopt = absent on that side)
};

enum class MergeGranularity { Item, Property };

struct MergeOptions {
    MergeGranularity granularity = MergeGranularity::Item;
    int maxDepth = 64; // property levels merged below an item; deeper values are compared whole
};

struct MergeResult {
    Json contents;                        // the merged body (mergeDocuments: the merged document root)
    std::vector<MergeConflict> conflicts; // empty = clean merge
    bool clean() const { return conflicts.empty(); }
};

MergeResult mergeContents(const Json& base, const Json& ours, const Json& theirs, const MergeOptions& options = {});

// Whole documents (envelope + body): the body (`contents`, or legacy `document`) merges with mergeContents,
// every other top-level key (name, folderId, description, ...) as collection "envelope". A base that is not
// an object (e.g. the empty file git passes when both branches added the file) counts as empty.
MergeResult mergeDocuments(const Json& base, const Json& ours, const Json& theirs, const MergeOptions& options = {});

} // namespace quire::diff
