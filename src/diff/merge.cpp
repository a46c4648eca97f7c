#include <quire/diff/merge.h>
#include <quire/doc/layout.h>

#include <algorithm>
#include <optional>
#include <set>

#include "body_model.h"

namespace quire::diff {
namespace {

using detail::member;

enum class Pick { Ours, Theirs, Conflict };

// Which side wins for one item; absent values are nullptr.
Pick pick(const Json* base, const Json* ours, const Json* theirs) {
    auto same = [](const Json* x, const Json* y) { return (!x && !y) || (x && y && *x == *y); };
    if (same(ours, theirs)) return Pick::Ours;
    if (same(ours, base)) return Pick::Theirs;
    if (same(theirs, base)) return Pick::Ours;
    return Pick::Conflict;
}

std::string conflictReason(const Json* base, const Json* ours, const Json* theirs) {
    if (!base) return "added on both sides with different content";
    if (!ours) return "deleted locally, changed remotely";
    if (!theirs) return "changed locally, deleted remotely";
    return "changed on both sides";
}

// Order of the merged ids: when the local side kept the base order, follow the remote order (and append
// local additions); otherwise keep the local order and append remote additions.
std::vector<std::string> mergedOrder(const std::vector<std::string>& base, const std::vector<std::string>& ours,
                                     const std::vector<std::string>& theirs) {
    std::set<std::string> inBase(base.begin(), base.end()), inOurs(ours.begin(), ours.end());
    std::vector<std::string> oursCommon, baseCommon;
    for (const auto& id : ours) if (inBase.count(id)) oursCommon.push_back(id);
    for (const auto& id : base) if (inOurs.count(id)) baseCommon.push_back(id);
    const bool followTheirs = oursCommon == baseCommon;
    const auto& first = followTheirs ? theirs : ours;
    const auto& second = followTheirs ? ours : theirs;
    std::vector<std::string> order;
    std::set<std::string> seen;
    for (const auto& id : first)
        if (seen.insert(id).second) order.push_back(id);
    for (const auto& id : second)
        if (seen.insert(id).second) order.push_back(id);
    return order;
}

struct Merger {
    std::vector<MergeConflict> conflicts;

    // Merges one whole value; nullopt = absent in the result.
    std::optional<Json> value(const std::string& collection, const std::string& id, const Json* b, const Json* o,
                              const Json* t) {
        switch (pick(b, o, t)) {
        case Pick::Theirs: return t ? std::optional<Json>(*t) : std::nullopt;
        case Pick::Conflict: conflicts.push_back({collection, id, conflictReason(b, o, t)}); [[fallthrough]];
        case Pick::Ours: break;
        }
        return o ? std::optional<Json>(*o) : std::nullopt;
    }

    std::optional<Json> keyed(const std::string& name, const Json* b, const Json* o, const Json* t) {
        static const Json emptyArray = Json::array();
        auto kb = detail::keyItems(b ? b : &emptyArray);
        auto ko = detail::keyItems(o ? o : &emptyArray);
        auto kt = detail::keyItems(t ? t : &emptyArray);
        if (!kb || !ko || !kt) return value("contents", name, b, o, t);
        if (pick(b, o, t) != Pick::Conflict) return value("contents", name, b, o, t);
        Json merged = Json::array();
        for (const std::string& id : mergedOrder(kb->order, ko->order, kt->order)) {
            auto find = [&](const detail::KeyedItems& items) -> const Json* {
                auto it = items.byId.find(id);
                return it == items.byId.end() ? nullptr : it->second;
            };
            if (auto item = value(name, id, find(*kb), find(*ko), find(*kt))) merged.push_back(std::move(*item));
        }
        return merged;
    }

    std::optional<Json> settings(const Json* b, const Json* o, const Json* t) {
        const bool objects = (!b || b->is_object()) && (!o || o->is_object()) && (!t || t->is_object());
        if (!objects || pick(b, o, t) != Pick::Conflict || !o || !t) return value("contents", "settings", b, o, t);
        static const Json none = Json::object();
        const Json& base = b ? *b : none;
        Json merged = Json::object();
        std::vector<std::string> keys;
        for (auto it = t->begin(); it != t->end(); ++it) keys.push_back(it.key());
        for (auto it = o->begin(); it != o->end(); ++it)
            if (!t->contains(it.key())) keys.push_back(it.key());
        for (const std::string& key : keys)
            if (auto v = value("settings", key, member(base, key), member(*o, key), member(*t, key)))
                merged[key] = std::move(*v);
        return merged;
    }

    std::optional<Json> layout(const Json* b, const Json* o, const Json* t) {
        if (pick(b, o, t) != Pick::Conflict || !o || !t) return value("contents", "layout", b, o, t);
        const Json empty = "";
        auto rb = detail::layoutRegions(b ? *b : empty);
        auto ro = detail::layoutRegions(*o);
        auto rt = detail::layoutRegions(*t);
        if (!rb || !ro || !rt) return value("contents", "layout", b, o, t);
        doc::LayoutTree merged;
        merged.prolog = ro->tree.prolog;
        for (const std::string& id : mergedOrder(rb->order, ro->order, rt->order)) {
            auto model = [&](const detail::LayoutRegions& r) -> const Json* {
                auto it = r.models.find(id);
                return it == r.models.end() ? nullptr : &it->second;
            };
            const Json *mb = model(*rb), *mo = model(*ro), *mt = model(*rt);
            Pick side = pick(mb, mo, mt);
            if (side == Pick::Conflict) conflicts.push_back({"layout", id, conflictReason(mb, mo, mt)});
            const detail::LayoutRegions& from = side == Pick::Theirs ? *rt : *ro;
            if (auto it = from.nodes.find(id); it != from.nodes.end()) merged.regions.push_back(*it->second);
        }
        return Json(doc::writeLayout(merged));
    }
};

} // namespace

MergeResult mergeContents(const Json& base, const Json& ours, const Json& theirs) {
    static const Json none = Json::object();
    const Json& b = base.is_object() ? base : none;
    const Json& o = ours.is_object() ? ours : none;
    const Json& t = theirs.is_object() ? theirs : none;
    Merger merger;
    std::vector<std::string> keys;
    for (auto it = o.begin(); it != o.end(); ++it) keys.push_back(it.key());
    for (auto it = t.begin(); it != t.end(); ++it)
        if (!o.contains(it.key())) keys.push_back(it.key());
    for (auto it = b.begin(); it != b.end(); ++it)
        if (!o.contains(it.key()) && !t.contains(it.key())) keys.push_back(it.key());
    const auto& keyedNames = detail::keyedCollections();
    MergeResult result;
    result.contents = Json::object();
    for (const std::string& key : keys) {
        const Json *vb = member(b, key), *vo = member(o, key), *vt = member(t, key);
        std::optional<Json> merged;
        if (std::find(keyedNames.begin(), keyedNames.end(), key) != keyedNames.end()) merged = merger.keyed(key, vb, vo, vt);
        else if (key == "settings") merged = merger.settings(vb, vo, vt);
        else if (key == "layout") merged = merger.layout(vb, vo, vt);
        else merged = merger.value("contents", key, vb, vo, vt);
        if (merged) result.contents[key] = std::move(*merged);
    }
    result.conflicts = std::move(merger.conflicts);
    return result;
}

} // namespace quire::diff
