#pragma once
// The format-preserving patcher: the edits that turn a document's text as loaded into text for the changed
// tree, touching only the bytes of nodes that changed (docs/document-model.md, "Saving what changed").
#include "text_spans.h"

#include <quire/core/json.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace quire::doc::detail {

// A change the patcher cannot write in place (the caller falls back to the canonical writer).
// Depth limit of the patchers' walks: the scanners' limit (the load limit) is lower; this is a backstop.
inline constexpr int kMaxPatchDepth = 1024;

struct PatchFailure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct TextEdit {
    std::size_t pos = 0;
    std::size_t length = 0; // bytes replaced (0: an insertion)
    std::string text;
};

// Applies non-overlapping edits (insertions before a replacement at the same position, insertions at one
// position in the order given). Throws PatchFailure when two edits overlap.
std::string applyEdits(std::string_view text, std::vector<TextEdit> edits);

// For each new item, the index of the old item it continues (unchanged or edited), or -1 when it is new; old
// items no new item continues were removed. Continued indices increase. Unchanged runs are found first (common
// prefix and suffix, then a longest common subsequence of equal items); in the gaps left, objects with the
// same "id" are paired, otherwise items pair by position.
std::vector<long> alignItems(const Json& oldItems, const Json& newItems);

// The new children of an object (by key) or array (alignItems) against the old ones: for each new child its
// old index (-1 = added), its value and, for objects, its key. Shared by the YAML and JSON patchers.
struct ChildAlignment {
    std::vector<long> from;
    std::vector<const Json*> values;
    std::vector<const std::string*> keys; // nullptr for array items
};
ChildAlignment alignChildren(const Json& oldValue, const Json& newValue, bool isObject);

std::vector<TextEdit> yamlEdits(std::string_view text, const SpanNode& root, const Json& oldRoot, const Json& newRoot);
std::vector<TextEdit> jsonEdits(std::string_view text, const SpanNode& root, const Json& oldRoot, const Json& newRoot);

// The edits' new text uses "\r\n" line breaks when the original text does (its first line break).
bool usesCrlf(std::string_view text);

} // namespace quire::doc::detail
