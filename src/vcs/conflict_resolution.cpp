#include <quire/vcs/conflict_resolution.h>

#include <quire/doc/io.h>
#include <quire/doc/layout.h>

#include <algorithm>

namespace quire::vcs {
namespace {

const std::vector<std::string>& keyedCollections() {
    static const std::vector<std::string> names{"elements", "pages", "overlays", "panels", "agents"};
    return names;
}
bool isKeyed(const std::string& collection) {
    const auto& names = keyedCollections();
    return std::find(names.begin(), names.end(), collection) != names.end();
}

// The body key of a document root ("contents", or "document" for the legacy shape).
std::string bodyKey(const Json& root) {
    if (root.is_object() && root.contains("contents")) return "contents";
    if (root.is_object() && root.contains("document")) return "document";
    return "contents";
}

Json bodyOf(const Json& root, const std::string& key) {
    if (root.is_object() && root.contains(key) && root[key].is_object()) return root[key];
    return Json::object();
}

Json envelopeOf(const Json& root, const std::string& key) {
    Json envelope = Json::object();
    if (!root.is_object()) return envelope;
    for (auto it = root.begin(); it != root.end(); ++it)
        if (it.key() != key) envelope[it.key()] = it.value();
    return envelope;
}

// The index of the item with this id in a keyed array, or -1.
int indexOfId(const Json& array, const std::string& id) {
    if (!array.is_array()) return -1;
    for (std::size_t i = 0; i < array.size(); ++i)
        if (array[i].is_object() && array[i].contains("id") && array[i]["id"] == id) return int(i);
    return -1;
}

std::optional<doc::LayoutTree> layoutTree(const Json& body) {
    if (!body.contains("layout") || !body["layout"].is_string()) return doc::LayoutTree{};
    auto parsed = doc::parseLayout(body["layout"].get<std::string>());
    if (!parsed.ok()) return std::nullopt;
    return std::move(parsed.tree);
}

// A layout region as its own small XML text (how the conflict shows it), nullopt when absent.
std::optional<Json> regionText(const Json& body, const std::string& id) {
    auto tree = layoutTree(body);
    if (!tree) return std::nullopt;
    const doc::LayoutNode* region = tree->findRegion(id);
    if (!region) return std::nullopt;
    doc::LayoutTree single;
    single.prolog.clear();
    single.regions.push_back(*region);
    return Json(doc::writeLayout(single));
}

// One side's value of a conflicted item.
std::optional<Json> itemValue(const Json& root, const std::string& key, const ItemConflict& c) {
    if (c.collection == "envelope") {
        if (root.is_object() && root.contains(c.id)) return root[c.id];
        return std::nullopt;
    }
    const Json body = bodyOf(root, key);
    if (isKeyed(c.collection)) {
        const int i = body.contains(c.collection) ? indexOfId(body[c.collection], c.id) : -1;
        return i < 0 ? std::nullopt : std::optional<Json>(body[c.collection][std::size_t(i)]);
    }
    if (c.collection == "settings") {
        if (body.contains("settings") && body["settings"].is_object() && body["settings"].contains(c.id))
            return body["settings"][c.id];
        return std::nullopt;
    }
    if (c.collection == "layout") return regionText(body, c.id);
    if (body.contains(c.id)) return body[c.id]; // "contents"
    return std::nullopt;
}

// Makes `root`'s item of conflict `c` equal to the one of `from` (or removes it when `from` has none).
void setItem(Json& root, const std::string& key, const ItemConflict& c, const Json& from) {
    const std::optional<Json> value = itemValue(from, key, c);
    if (c.collection == "envelope") {
        if (value) root[c.id] = *value;
        else root.erase(c.id);
        return;
    }
    if (!root.contains(key) || !root[key].is_object()) root[key] = Json::object();
    Json& body = root[key];
    if (isKeyed(c.collection)) {
        if (!body.contains(c.collection) || !body[c.collection].is_array()) body[c.collection] = Json::array();
        Json& array = body[c.collection];
        const int i = indexOfId(array, c.id);
        if (value && i >= 0) array[std::size_t(i)] = *value;
        else if (value) array.push_back(*value);
        else if (i >= 0) array.erase(std::size_t(i));
        return;
    }
    if (c.collection == "settings") {
        if (!body.contains("settings") || !body["settings"].is_object()) body["settings"] = Json::object();
        if (value) body["settings"][c.id] = *value;
        else body["settings"].erase(c.id);
        return;
    }
    if (c.collection == "layout") {
        auto tree = layoutTree(body);
        auto source = layoutTree(bodyOf(from, key));
        if (!tree || !source) return; // an unparsable layout is merged whole ("contents"/"layout")
        const doc::LayoutNode* wanted = source->findRegion(c.id);
        auto& regions = tree->regions;
        auto it = std::find_if(regions.begin(), regions.end(), [&](const doc::LayoutNode& r) { return r.handle() == c.id; });
        if (wanted && it != regions.end()) *it = *wanted;
        else if (wanted) regions.push_back(*wanted);
        else if (it != regions.end()) regions.erase(it);
        body["layout"] = doc::writeLayout(*tree);
        return;
    }
    if (value) body[c.id] = *value;
    else body.erase(c.id);
}

struct Merged {
    Json root;
    std::vector<diff::MergeConflict> conflicts;
};

// Envelope and body merged separately; the root keeps ours' key order.
Merged mergeRoots(const Json& base, const Json& ours, const Json& theirs, const std::string& key) {
    auto body = diff::mergeContents(bodyOf(base, key), bodyOf(ours, key), bodyOf(theirs, key));
    auto envelope = diff::mergeContents(envelopeOf(base, key), envelopeOf(ours, key), envelopeOf(theirs, key));
    Merged merged;
    merged.root = Json::object();
    bool bodyPlaced = false;
    if (ours.is_object())
        for (auto it = ours.begin(); it != ours.end(); ++it) {
            if (it.key() == key) {
                merged.root[key] = body.contents;
                bodyPlaced = true;
            } else if (envelope.contents.contains(it.key())) {
                merged.root[it.key()] = envelope.contents[it.key()];
            }
        }
    for (auto it = envelope.contents.begin(); it != envelope.contents.end(); ++it)
        if (!merged.root.contains(it.key())) merged.root[it.key()] = it.value();
    if (!bodyPlaced) merged.root[key] = body.contents;
    for (auto& c : envelope.conflicts) {
        c.collection = "envelope";
        merged.conflicts.push_back(std::move(c));
    }
    for (auto& c : body.conflicts) merged.conflicts.push_back(std::move(c));
    return merged;
}

} // namespace

std::string_view sideName(Side side) {
    switch (side) {
    case Side::Ours: return "ours";
    case Side::Theirs: return "theirs";
    case Side::Base: return "base";
    }
    return "ours";
}

std::optional<ThreeWay> prepareThreeWay(const std::optional<std::string>& base, const std::string& ours,
                                        const std::string& theirs, doc::Format format, const std::string& path,
                                        std::vector<Diagnostic>* diagnostics) {
    auto parse = [&](const std::string& text, const char* side) -> std::optional<doc::Document> {
        auto loaded = doc::parseDocument(text, format, path);
        if (loaded.ok()) return std::move(loaded.document);
        if (diagnostics)
            for (auto d : loaded.diagnostics) {
                d.message = std::string("the ") + side + " version: " + d.message;
                diagnostics->push_back(std::move(d));
            }
        return std::nullopt;
    };
    auto o = parse(ours, "local (ours)");
    auto t = parse(theirs, "incoming (theirs)");
    std::optional<doc::Document> b;
    if (base) b = parse(*base, "common ancestor (base)");
    if (!o || !t || (base && !b)) return std::nullopt;
    ThreeWay result;
    result.base = b ? b->root : Json::object();
    result.theirs = t->root;
    result.ours = std::move(*o);
    result.ours.path = path;
    result.ours.format = format;
    const std::string key = bodyKey(result.ours.root);
    const Merged merged = mergeRoots(result.base, result.ours.root, result.theirs, key);
    for (const auto& c : merged.conflicts) {
        ItemConflict item{c.collection, c.id, c.reason, {}, {}, {}};
        item.base = itemValue(result.base, key, item);
        item.ours = itemValue(result.ours.root, key, item);
        item.theirs = itemValue(result.theirs, key, item);
        result.conflicts.push_back(std::move(item));
    }
    return result;
}

Json resolveThreeWay(const ThreeWay& threeWay, const Picks& picks) {
    const std::string key = bodyKey(threeWay.ours.root);
    Json ours = threeWay.ours.root, theirs = threeWay.theirs;
    for (const auto& c : threeWay.conflicts) {
        auto it = picks.find({c.collection, c.id});
        const Side side = it == picks.end() ? Side::Ours : it->second;
        const Json& from = side == Side::Ours ? threeWay.ours.root : side == Side::Theirs ? threeWay.theirs : threeWay.base;
        // Both sides agree on the picked value, so the merge takes it without a conflict.
        setItem(ours, key, c, from);
        setItem(theirs, key, c, from);
    }
    return mergeRoots(threeWay.base, ours, theirs, key).root;
}

} // namespace quire::vcs
