#include "property_merge.h"

#include <quire/doc/io.h>

#include <map>

#include "body_model.h"
#include "merge_rules.h"

namespace quire::diff::detail {

MergePath MergePath::key(const std::string& token) const {
    const std::string escaped = "/" + doc::escapePointerToken(token);
    return {ours + escaped, result + escaped};
}

namespace {

Json mergeObject(const Json& b, const Json& o, const Json& t, int depthLeft, const MergePath& path,
                 std::vector<PropertyConflict>& conflicts) {
    Json merged = Json::object();
    for (const std::string& key : mergedOrder(keysOf(b), keysOf(o), keysOf(t)))
        if (auto value = mergeProperties(member(b, key), member(o, key), member(t, key), depthLeft, path.key(key), conflicts))
            merged[key] = std::move(*value);
    return merged;
}

Json mergeKeyedArray(const KeyedItems& b, const KeyedItems& o, const KeyedItems& t, int depthLeft, const MergePath& path,
                     std::vector<PropertyConflict>& conflicts) {
    auto find = [](const KeyedItems& items, const std::string& id) -> const Json* {
        auto it = items.byId.find(id);
        return it == items.byId.end() ? nullptr : it->second;
    };
    auto indexIn = [](const KeyedItems& items) {
        std::map<std::string, std::size_t> index;
        for (std::size_t i = 0; i < items.order.size(); ++i) index[items.order[i]] = i;
        return index;
    };
    const auto oursIndex = indexIn(o), theirsIndex = indexIn(t);
    Json merged = Json::array();
    for (const std::string& id : mergedOrder(b.order, o.order, t.order)) {
        MergePath child{path.ours + "/" + indexToken(oursIndex, theirsIndex, id), path.result + "/" + std::to_string(merged.size())};
        const std::size_t before = conflicts.size();
        auto item = mergeProperties(find(b, id), find(o, id), find(t, id), depthLeft, child, conflicts);
        if (item) {
            merged.push_back(std::move(*item));
            continue;
        }
        for (std::size_t i = before; i < conflicts.size(); ++i) // the entry is not in the result
            conflicts[i].path.result = path.result + "/-";
    }
    return merged;
}

} // namespace

std::optional<Json> mergeProperties(const Json* base, const Json* ours, const Json* theirs, int depthLeft,
                                    const MergePath& path, std::vector<PropertyConflict>& conflicts) {
    switch (pick(base, ours, theirs)) {
    case Pick::Ours: return copyOf(ours);
    case Pick::Theirs: return copyOf(theirs);
    case Pick::Conflict: break;
    }
    if (depthLeft > 0 && base && ours && theirs) {
        if (base->is_object() && ours->is_object() && theirs->is_object())
            return mergeObject(*base, *ours, *theirs, depthLeft - 1, path, conflicts);
        if (base->is_array() && ours->is_array() && theirs->is_array()) {
            auto kb = keyItems(base), ko = keyItems(ours), kt = keyItems(theirs);
            if (kb && ko && kt) return mergeKeyedArray(*kb, *ko, *kt, depthLeft - 1, path, conflicts);
        }
    }
    conflicts.push_back({path, conflictKind(base, ours, theirs), copyOf(base), copyOf(ours), copyOf(theirs)});
    return copyOf(ours);
}

} // namespace quire::diff::detail
