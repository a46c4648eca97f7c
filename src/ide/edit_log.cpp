#include "edit_log.h"

#include <algorithm>

namespace quire::ide {

void setValueAt(Json& root, const std::string& pointer, const Json* value) {
    if (pointer.empty()) {
        if (value) root = *value;
        return;
    }
    JsonPointer ptr(pointer);
    if (value) {
        root[ptr] = *value;
        return;
    }
    Json& parent = root[ptr.parent_pointer()];
    const std::string last = ptr.back();
    if (parent.is_object()) parent.erase(last);
    else if (parent.is_array()) parent.erase(static_cast<std::size_t>(std::stoul(last)));
}

void EditLog::record(const std::string& pointer, const Json* value) {
    if (pointer.empty()) {
        if (!value) return;
        baseTree = std::make_shared<const Json>(*value);
        baseText.reset();
        entries.clear();
        sealed = 0;
        return;
    }
    // Only a set after a set: a removed array item's index names the next item afterwards.
    if (value && entries.size() > sealed && entries.back().pointer == pointer && entries.back().value) {
        entries.back().value = std::make_shared<const Json>(*value);
        return;
    }
    entries.push_back({pointer, value ? std::make_shared<const Json>(*value) : nullptr});
}

std::optional<Json> EditLog::replay(std::string* error, const doc::LoadLimits& limits) const {
    Json root;
    if (baseText) {
        doc::LoadResult loaded = doc::parseDocument(*baseText, baseFormat, {}, limits);
        if (!loaded.document) {
            if (error)
                *error = loaded.diagnostics.empty() ? std::string("the base text does not read")
                                                    : formatDiagnostic(loaded.diagnostics.front());
            return std::nullopt;
        }
        root = std::move(loaded.document->root);
    } else if (baseTree) {
        root = *baseTree;
    } else {
        if (error) *error = "no base document";
        return std::nullopt;
    }
    if (!applyEntries(root, error, limits)) return std::nullopt;
    return root;
}

bool EditLog::applyEntries(Json& root, std::string* error, const doc::LoadLimits& limits, std::size_t first) const {
    try {
        for (std::size_t i = first; i < entries.size(); ++i) {
            const Entry& entry = entries[i];
            // A pointer deeper than a file may nest would build a tree too deep to walk.
            if (std::count(entry.pointer.begin(), entry.pointer.end(), '/') > limits.maxDepth) {
                if (error) *error = "an edit's pointer is deeper than the nesting limit";
                return false;
            }
            setValueAt(root, entry.pointer, entry.value.get());
        }
    } catch (const std::exception& e) { // a pointer that does not apply (a damaged file)
        if (error) *error = std::string("an edit does not apply: ") + e.what();
        return false;
    }
    return true;
}

} // namespace quire::ide
