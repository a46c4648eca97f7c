// Format-preserving edits of JSON text (text_patch.h): changed values rewritten in place, new members and
// items written after their kept sibling at its indentation, removed ones cut with their separating comma.
#include "text_patch.h"

#include <unordered_map>

namespace quire::doc::detail {
namespace {


class JsonPatcher {
public:
    JsonPatcher(std::string_view text, int step) : t_(text), step_(step) {}

    // inlineContext: the node is inside a collection written on one line (what replaces it stays on one line).
    void patch(const SpanNode& node, const Json& oldV, const Json& newV, int depth, bool inlineContext) {
        if (oldV == newV) return;
        if (depth > kMaxPatchDepth) throw PatchFailure("nesting too deep to patch");
        if (node.kind == SpanKind::JsonObject && oldV.is_object() && newV.is_object() && !newV.empty() &&
            node.children.size() == oldV.size()) {
            if (patchEntries(node, oldV, newV, true, depth, inlineContext)) return;
        } else if (node.kind == SpanKind::JsonArray && oldV.is_array() && newV.is_array() && !newV.empty() &&
                   node.children.size() == oldV.size()) {
            if (patchEntries(node, oldV, newV, false, depth, inlineContext)) return;
        }
        edits.push_back({node.start, node.end - node.start, render(newV, lineIndent(node.start), inlineContext)});
    }

    std::vector<TextEdit> edits;

private:
    int lineIndent(std::size_t p) const {
        const std::size_t nl = p == 0 ? std::string_view::npos : t_.rfind('\n', p - 1);
        std::size_t q = nl == std::string_view::npos ? 0 : nl + 1;
        int n = 0;
        while (q < p && t_[q] == ' ') { ++q; ++n; }
        return n;
    }

    // A value written at indentation `indent`: multi-line with the file's step, or on one line when the
    // file is written on one line.
    std::string render(const Json& v, int indent, bool inlineContext) const {
        if (step_ <= 0 || inlineContext) return v.dump(-1, ' ', false, Json::error_handler_t::strict);
        std::string text = v.dump(step_, ' ', false, Json::error_handler_t::strict);
        std::string out;
        out.reserve(text.size());
        const std::string pad(static_cast<std::size_t>(indent), ' ');
        for (char c : text) {
            out += c;
            if (c == '\n') out += pad;
        }
        return out;
    }

    bool patchEntries(const SpanNode& node, const Json& oldV, const Json& newV, bool isObject, int depth, bool inlineContext) {
        if (isObject) { // the scanned members must be the tree's, in order
            long i = 0;
            for (auto it = oldV.begin(); it != oldV.end(); ++it, ++i)
                if (node.children[static_cast<std::size_t>(i)].key != it.key()) return false;
        }
        ChildAlignment aligned = alignChildren(oldV, newV, isObject);
        const std::vector<long>& from = aligned.from;
        const std::vector<const Json*>& newValues = aligned.values;
        const std::vector<const std::string*>& newKeys = aligned.keys;
        std::vector<bool> kept(node.children.size(), false);
        long last = -1;
        for (long f : from) {
            if (f < 0) continue;
            if (f <= last) return false;
            last = f;
            kept[static_cast<std::size_t>(f)] = true;
        }
        if (last < 0) return false;

        std::vector<const Json*> oldValues;
        for (auto it = oldV.begin(); it != oldV.end(); ++it) oldValues.push_back(&it.value());
        const bool multiline = node.multiline && step_ > 0 && !inlineContext;
        const int indent = node.childColumn;
        const std::string separator = multiline ? ",\n" + std::string(static_cast<std::size_t>(indent), ' ') : ", ";
        long anchor = -1;
        for (std::size_t j = 0; j < from.size(); ++j) {
            if (from[j] >= 0) {
                anchor = from[j];
                patch(node.children[static_cast<std::size_t>(anchor)], *oldValues[static_cast<std::size_t>(anchor)],
                      *newValues[j], depth + 1, !multiline);
                continue;
            }
            std::string entry = isObject ? Json(*newKeys[j]).dump(-1, ' ', false, Json::error_handler_t::strict) + ": " : "";
            entry += render(*newValues[j], indent, !multiline);
            if (anchor >= 0) edits.push_back({node.children[static_cast<std::size_t>(anchor)].end, 0, separator + entry});
            else edits.push_back({node.children.front().keyStart, 0, entry + separator});
        }
        bool keptBefore = false;
        for (std::size_t i = 0; i < node.children.size(); ++i) {
            if (kept[i]) {
                keptBefore = true;
                continue;
            }
            // After a kept sibling: from the previous value's end (its comma goes); before any: up to the next key.
            if (keptBefore) edits.push_back({node.children[i - 1].end, node.children[i].end - node.children[i - 1].end, {}});
            else edits.push_back({node.children[i].keyStart, node.children[i + 1].keyStart - node.children[i].keyStart, {}});
        }
        return true;
    }

    std::string_view t_;
    int step_;
};

// The file's indentation step: how far the root's members are indented (0 when the root is on one line).
int detectStep(const SpanNode& root) {
    if (!root.multiline) return 0;
    return root.childColumn > root.column ? root.childColumn - root.column : 2;
}

} // namespace

std::vector<TextEdit> jsonEdits(std::string_view text, const SpanNode& root, const Json& oldRoot, const Json& newRoot) {
    JsonPatcher patcher(text, detectStep(root));
    patcher.patch(root, oldRoot, newRoot, 0, false);
    return std::move(patcher.edits);
}

} // namespace quire::doc::detail
