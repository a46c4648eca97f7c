#include <quire/diff/merge.h>
#include <quire/doc/io.h>
#include <quire/doc/layout.h>

#include <algorithm>
#include <map>
#include <optional>

#include "body_model.h"
#include "layout_merge.h"
#include "merge_rules.h"
#include "property_merge.h"

namespace quire::diff {
namespace {

using detail::member;
using detail::keysOf;
using detail::Pick;

struct Merger {
    MergeOptions options;
    std::vector<MergeConflict> conflicts;

    // item: where the item sits in the body (ours' and the result's terms); path: the property inside it.
    void report(const std::string& collection, const std::string& id, const detail::MergePath& item, ConflictKind kind,
                const detail::MergePath& path, std::optional<Json> b, std::optional<Json> o, std::optional<Json> t) {
        MergeConflict c{collection,
                        id,
                        detail::conflictReason(kind),
                        kind,
                        path.ours,
                        item.ours.empty() ? "" : item.ours + path.ours,
                        item.result.empty() ? "" : item.result + path.result,
                        std::move(b),
                        std::move(o),
                        std::move(t)};
        conflicts.push_back(std::move(c));
    }

    // Merges one item; nullopt = absent in the result.
    std::optional<Json> value(const std::string& collection, const std::string& id, const detail::MergePath& item,
                              const Json* b, const Json* o, const Json* t) {
        switch (detail::pick(b, o, t)) {
        case Pick::Ours: return detail::copyOf(o);
        case Pick::Theirs: return detail::copyOf(t);
        case Pick::Conflict: break;
        }
        if (options.granularity == MergeGranularity::Property) {
            std::vector<detail::PropertyConflict> found;
            auto merged = detail::mergeProperties(b, o, t, options.maxDepth, {}, found);
            for (auto& f : found)
                report(collection, id, item, f.kind, f.path, std::move(f.base), std::move(f.ours), std::move(f.theirs));
            return merged;
        }
        report(collection, id, item, detail::conflictKind(b, o, t), {}, detail::copyOf(b), detail::copyOf(o), detail::copyOf(t));
        return detail::copyOf(o);
    }

    // A body key as an item path (the same in ours and in the result).
    static detail::MergePath at(const std::string& pointer) { return {pointer, pointer}; }

    std::optional<Json> keyed(const std::string& name, const Json* b, const Json* o, const Json* t) {
        static const Json emptyArray = Json::array();
        auto kb = detail::keyItems(b ? b : &emptyArray);
        auto ko = detail::keyItems(o ? o : &emptyArray);
        auto kt = detail::keyItems(t ? t : &emptyArray);
        const std::string listPointer = "/" + doc::escapePointerToken(name);
        if (!kb || !ko || !kt || detail::pick(b, o, t) != Pick::Conflict) return value("contents", name, at(listPointer), b, o, t);
        std::map<std::string, std::size_t> oursIndex, theirsIndex;
        for (std::size_t i = 0; i < ko->order.size(); ++i) oursIndex[ko->order[i]] = i;
        for (std::size_t i = 0; i < kt->order.size(); ++i) theirsIndex[kt->order[i]] = i;
        Json merged = Json::array();
        for (const std::string& id : detail::mergedOrder(kb->order, ko->order, kt->order)) {
            auto find = [&](const detail::KeyedItems& items) -> const Json* {
                auto it = items.byId.find(id);
                return it == items.byId.end() ? nullptr : it->second;
            };
            const detail::MergePath item{listPointer + "/" + detail::indexToken(oursIndex, theirsIndex, id),
                                         listPointer + "/" + std::to_string(merged.size())};
            const std::size_t before = conflicts.size();
            if (auto kept = value(name, id, item, find(*kb), find(*ko), find(*kt))) {
                merged.push_back(std::move(*kept));
                continue;
            }
            for (std::size_t i = before; i < conflicts.size(); ++i) // the item is not in the result
                conflicts[i].resultPointer = listPointer + "/-";
        }
        return merged;
    }

    std::optional<Json> settings(const Json* b, const Json* o, const Json* t) {
        const bool objects = (!b || b->is_object()) && (!o || o->is_object()) && (!t || t->is_object());
        if (!objects || detail::pick(b, o, t) != Pick::Conflict || !o || !t)
            return value("contents", "settings", at("/settings"), b, o, t);
        static const Json none = Json::object();
        const Json& base = b ? *b : none;
        Json merged = Json::object();
        std::vector<std::string> keys;
        for (auto it = t->begin(); it != t->end(); ++it) keys.push_back(it.key());
        for (auto it = o->begin(); it != o->end(); ++it)
            if (!t->contains(it.key())) keys.push_back(it.key());
        for (const std::string& key : keys)
            if (auto v = value("settings", key, at("/settings/" + doc::escapePointerToken(key)), member(base, key),
                               member(*o, key), member(*t, key)))
                merged[key] = std::move(*v);
        return merged;
    }

    std::optional<Json> layout(const Json* b, const Json* o, const Json* t) {
        if (detail::pick(b, o, t) != Pick::Conflict || !o || !t) return value("contents", "layout", at("/layout"), b, o, t);
        const Json empty = "";
        auto rb = detail::layoutRegions(b ? *b : empty);
        auto ro = detail::layoutRegions(*o);
        auto rt = detail::layoutRegions(*t);
        if (!rb || !ro || !rt) return value("contents", "layout", at("/layout"), b, o, t);
        doc::LayoutTree merged;
        merged.prolog = ro->tree.prolog;
        for (const std::string& id : detail::mergedOrder(rb->order, ro->order, rt->order)) {
            auto model = [&](const detail::LayoutRegions& r) -> const Json* {
                auto it = r.models.find(id);
                return it == r.models.end() ? nullptr : &it->second;
            };
            const Json *mb = model(*rb), *mo = model(*ro), *mt = model(*rt);
            Pick side = detail::pick(mb, mo, mt);
            if (side == Pick::Conflict && options.granularity == MergeGranularity::Property && mb && mo && mt) {
                std::vector<detail::PlacementConflict> found;
                if (auto region = detail::mergeRegion(id, *rb, *ro, *rt, found)) {
                    for (auto& f : found)
                        report("layout", f.key, at("/layout"), f.kind, {}, std::move(f.base), std::move(f.ours), std::move(f.theirs));
                    merged.regions.push_back(std::move(*region));
                    continue;
                }
            }
            if (side == Pick::Conflict)
                report("layout", id, at("/layout"), detail::conflictKind(mb, mo, mt), {}, detail::copyOf(mb), detail::copyOf(mo),
                       detail::copyOf(mt));
            const detail::LayoutRegions& from = side == Pick::Theirs ? *rt : *ro;
            if (auto it = from.nodes.find(id); it != from.nodes.end()) merged.regions.push_back(*it->second);
        }
        return Json(doc::writeLayout(merged));
    }

    Json body(const Json& base, const Json& ours, const Json& theirs) {
        static const Json none = Json::object();
        const Json& b = base.is_object() ? base : none;
        const Json& o = ours.is_object() ? ours : none;
        const Json& t = theirs.is_object() ? theirs : none;
        std::vector<std::string> keys;
        for (auto it = o.begin(); it != o.end(); ++it) keys.push_back(it.key());
        for (auto it = t.begin(); it != t.end(); ++it)
            if (!o.contains(it.key())) keys.push_back(it.key());
        for (auto it = b.begin(); it != b.end(); ++it)
            if (!o.contains(it.key()) && !t.contains(it.key())) keys.push_back(it.key());
        const auto& keyedNames = detail::keyedCollections();
        Json result = Json::object();
        for (const std::string& key : keys) {
            const Json *vb = member(b, key), *vo = member(o, key), *vt = member(t, key);
            std::optional<Json> merged;
            if (std::find(keyedNames.begin(), keyedNames.end(), key) != keyedNames.end()) merged = keyed(key, vb, vo, vt);
            else if (key == "settings") merged = settings(vb, vo, vt);
            else if (key == "layout") merged = layout(vb, vo, vt);
            else merged = value("contents", key, at("/" + doc::escapePointerToken(key)), vb, vo, vt);
            if (merged) result[key] = std::move(*merged);
        }
        return result;
    }
};

// The body's key in a document root ("contents", or legacy "document"); nullptr when it has none.
const char* bodyKey(const Json& root) {
    if (member(root, "contents")) return "contents";
    if (member(root, "document")) return "document";
    return nullptr;
}

} // namespace

MergeResult mergeContents(const Json& base, const Json& ours, const Json& theirs, const MergeOptions& options) {
    Merger merger{options, {}};
    MergeResult result;
    result.contents = merger.body(base, ours, theirs);
    result.conflicts = std::move(merger.conflicts);
    return result;
}

MergeResult mergeDocuments(const Json& base, const Json& ours, const Json& theirs, const MergeOptions& options) {
    static const Json none = Json::object();
    const Json& b = base.is_object() ? base : none;
    const Json& o = ours.is_object() ? ours : none;
    const Json& t = theirs.is_object() ? theirs : none;
    // One name for the body on every side: ours' (else theirs', else "contents").
    const char* name = bodyKey(o) ? bodyKey(o) : bodyKey(t) ? bodyKey(t) : "contents";
    auto keys = [&](const Json& root) {
        std::vector<std::string> list = keysOf(root);
        for (auto& key : list)
            if (key == "contents" || key == "document") key = name;
        return list;
    };
    auto body = [&](const Json& root) { return bodyKey(root) ? member(root, bodyKey(root)) : nullptr; };

    Merger merger{options, {}};
    MergeResult result;
    result.contents = Json::object();
    for (const std::string& key : detail::mergedOrder(keys(b), keys(o), keys(t))) {
        if (key == name) {
            const Json *vb = body(b), *vo = body(o), *vt = body(t);
            if (!vo && !vt) continue;
            const std::size_t before = merger.conflicts.size();
            result.contents[key] = merger.body(vb ? *vb : none, vo ? *vo : none, vt ? *vt : none);
            for (std::size_t i = before; i < merger.conflicts.size(); ++i) {
                MergeConflict& c = merger.conflicts[i];
                if (!c.bodyPointer.empty()) c.bodyPointer = "/" + std::string(name) + c.bodyPointer;
                if (!c.resultPointer.empty()) c.resultPointer = "/" + std::string(name) + c.resultPointer;
            }
            continue;
        }
        if (auto v = merger.value("envelope", key, Merger::at("/" + doc::escapePointerToken(key)), member(b, key), member(o, key),
                                  member(t, key)))
            result.contents[key] = std::move(*v);
    }
    result.conflicts = std::move(merger.conflicts);
    return result;
}

} // namespace quire::diff
