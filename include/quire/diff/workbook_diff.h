#pragma once
// Element-level diff of two workbook documents. Elements, pages, overlays, panels and agents are matched by
// `id`; settings by top-level key; the layout XML per region (<Page id>, <Panel id>, <Overlay id>), with each
// placed element's grid attributes compared. Changed items list their changed fields as JSON pointers
// (relative to the item) with the old and new values.
#include <quire/core/json.h>
#include <quire/doc/document.h>

#include <optional>
#include <string>
#include <vector>

namespace quire::diff {

enum class ChangeKind { Added, Removed, Changed, Reordered };

std::string_view changeKindName(ChangeKind kind);

struct FieldChange {
    std::string pointer;          // relative to the item ("/columns/0/formula"); "" = the whole item
    std::optional<Json> before;   // nullopt: the field did not exist
    std::optional<Json> after;    // nullopt: the field no longer exists
};

struct ItemChange {
    // "envelope" (outer keys such as name/folderId), "elements", "pages", "overlays", "panels", "agents",
    // "settings", "layout", "contents" (any other key of the workbook body)
    std::string collection;
    std::string id;               // element/page/... id, settings key, layout region id, contents key
    std::string kind;             // element kind (or page/overlay/panel type) when known
    ChangeKind change = ChangeKind::Changed;
    std::vector<FieldChange> fields; // Changed: the changed fields; Added/Removed: one entry "" with the item;
                                     // Reordered: one entry "" with the id lists before/after
};

struct DiffOptions {
    bool envelope = true;          // compare the outer keys too (name, folderId, description, ...)
    bool responseOnlyFields = false; // compare workbookId, url, documentVersion, ... (ignored by default)
};

struct WorkbookDiff {
    std::vector<ItemChange> changes;
    bool empty() const { return changes.empty(); }
    std::size_t count(std::string_view collection, ChangeKind kind) const;
};

// Outer keys that only Sigma's responses carry (spec §1.3); never sent in request bodies.
const std::vector<std::string>& responseOnlyFields();

// Diff of two workbook bodies (the `contents` objects).
WorkbookDiff diffContents(const Json& before, const Json& after);
// Diff of two whole documents: envelope keys (per options) plus the bodies (`contents` or legacy `document`).
WorkbookDiff diffDocuments(const doc::Document& before, const doc::Document& after, const DiffOptions& options = {});

// Field-level diff of two JSON values: every differing leaf (objects per key, arrays of equal length
// per index, otherwise the whole value) as a pointer relative to the values.
std::vector<FieldChange> diffJson(const Json& before, const Json& after);

} // namespace quire::diff
