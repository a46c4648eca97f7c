#include <quire/diff/workbook_diff.h>
#include <quire/doc/io.h>

#include <algorithm>
#include <set>

#include "body_model.h"

namespace quire::diff {

using detail::kindOf;
using detail::member;

std::string_view changeKindName(ChangeKind kind) {
    switch (kind) {
    case ChangeKind::Added: return "added";
    case ChangeKind::Removed: return "removed";
    case ChangeKind::Changed: return "changed";
    case ChangeKind::Reordered: return "reordered";
    }
    return "changed";
}

std::size_t WorkbookDiff::count(std::string_view collection, ChangeKind kind) const {
    return static_cast<std::size_t>(std::count_if(changes.begin(), changes.end(), [&](const ItemChange& c) {
        return c.collection == collection && c.change == kind;
    }));
}

const std::vector<std::string>& responseOnlyFields() {
    static const std::vector<std::string> fields{"workbookId", "url",       "documentVersion",
                                                 "latestDocumentVersion", "ownerId", "createdBy",
                                                 "updatedBy",  "createdAt", "updatedAt"};
    return fields;
}

namespace {

void diffInto(const Json& a, const Json& b, const std::string& pointer, std::vector<FieldChange>& out) {
    if (a == b) return;
    if (a.is_object() && b.is_object()) {
        for (auto it = a.begin(); it != a.end(); ++it) {
            const std::string child = pointer + "/" + doc::escapePointerToken(it.key());
            auto other = b.find(it.key());
            if (other == b.end()) out.push_back({child, it.value(), std::nullopt});
            else diffInto(it.value(), *other, child, out);
        }
        for (auto it = b.begin(); it != b.end(); ++it)
            if (!a.contains(it.key()))
                out.push_back({pointer + "/" + doc::escapePointerToken(it.key()), std::nullopt, it.value()});
        return;
    }
    if (a.is_array() && b.is_array() && a.size() == b.size()) {
        for (std::size_t i = 0; i < a.size(); ++i) diffInto(a[i], b[i], pointer + "/" + std::to_string(i), out);
        return;
    }
    out.push_back({pointer, a, b});
}

void wholeChange(std::vector<ItemChange>& out, const std::string& collection, const std::string& id,
                 const Json* before, const Json* after) {
    if (before && after) {
        if (*before == *after) return;
        ItemChange change{collection, id, kindOf(*after), ChangeKind::Changed, diffJson(*before, *after)};
        out.push_back(std::move(change));
    } else if (after) {
        out.push_back({collection, id, kindOf(*after), ChangeKind::Added, {{"", std::nullopt, *after}}});
    } else if (before) {
        out.push_back({collection, id, kindOf(*before), ChangeKind::Removed, {{"", *before, std::nullopt}}});
    }
}

void diffKeyed(std::vector<ItemChange>& out, const std::string& collection, const Json* a, const Json* b) {
    static const Json emptyArray = Json::array();
    auto ka = detail::keyItems(a ? a : &emptyArray); // an absent collection is an empty one
    auto kb = detail::keyItems(b ? b : &emptyArray);
    if (!ka || !kb) {
        // Missing, not arrays, or items without unique ids: compare the array as one value.
        const bool aEmpty = !a || (a->is_array() && a->empty());
        const bool bEmpty = !b || (b->is_array() && b->empty());
        if (aEmpty && bEmpty) return;
        wholeChange(out, "contents", collection, a, b);
        return;
    }
    for (const std::string& id : ka->order) {
        auto other = kb->byId.find(id);
        wholeChange(out, collection, id, ka->byId.at(id), other == kb->byId.end() ? nullptr : other->second);
    }
    for (const std::string& id : kb->order)
        if (!ka->byId.count(id)) wholeChange(out, collection, id, nullptr, kb->byId.at(id));
    if (collection == "elements") return; // element order carries no meaning (placement is in the layout)
    std::vector<std::string> commonA, commonB;
    for (const auto& id : ka->order) if (kb->byId.count(id)) commonA.push_back(id);
    for (const auto& id : kb->order) if (ka->byId.count(id)) commonB.push_back(id);
    if (commonA != commonB)
        out.push_back({collection, "(order)", "", ChangeKind::Reordered, {{"", Json(commonA), Json(commonB)}}});
}

void diffObjectByKey(std::vector<ItemChange>& out, const std::string& collection, const Json* a, const Json* b) {
    if (a && b && a->is_object() && b->is_object()) {
        for (auto it = a->begin(); it != a->end(); ++it)
            wholeChange(out, collection, it.key(), &it.value(), member(*b, it.key()));
        for (auto it = b->begin(); it != b->end(); ++it)
            if (!a->contains(it.key())) wholeChange(out, collection, it.key(), nullptr, &it.value());
        return;
    }
    wholeChange(out, "contents", collection, a, b);
}

void diffLayout(std::vector<ItemChange>& out, const Json* a, const Json* b) {
    if (!a && !b) return;
    const Json empty = "";
    auto ra = detail::layoutRegions(a ? *a : empty);
    auto rb = detail::layoutRegions(b ? *b : empty);
    if (!ra || !rb) {
        wholeChange(out, "contents", "layout", a, b);
        return;
    }
    for (const std::string& id : ra->order) {
        auto other = rb->models.find(id);
        wholeChange(out, "layout", id, &ra->models.at(id), other == rb->models.end() ? nullptr : &other->second);
    }
    for (const std::string& id : rb->order)
        if (!ra->models.count(id)) wholeChange(out, "layout", id, nullptr, &rb->models.at(id));
    for (auto& change : out)
        if (change.collection == "layout") {
            const Json* model = change.change == ChangeKind::Removed ? &ra->models[change.id] : &rb->models[change.id];
            change.kind = model->value("tag", "");
        }
}

} // namespace

std::vector<FieldChange> diffJson(const Json& before, const Json& after) {
    std::vector<FieldChange> out;
    diffInto(before, after, "", out);
    return out;
}

WorkbookDiff diffContents(const Json& before, const Json& after) {
    static const Json emptyObject = Json::object();
    const Json& a = before.is_object() ? before : emptyObject;
    const Json& b = after.is_object() ? after : emptyObject;
    WorkbookDiff diff;
    std::set<std::string> handled;
    for (const std::string& name : detail::keyedCollections()) {
        diffKeyed(diff.changes, name, member(a, name), member(b, name));
        handled.insert(name);
    }
    diffObjectByKey(diff.changes, "settings", member(a, "settings"), member(b, "settings"));
    handled.insert("settings");
    diffLayout(diff.changes, member(a, "layout"), member(b, "layout"));
    handled.insert("layout");
    for (auto it = a.begin(); it != a.end(); ++it)
        if (!handled.count(it.key())) wholeChange(diff.changes, "contents", it.key(), &it.value(), member(b, it.key()));
    for (auto it = b.begin(); it != b.end(); ++it)
        if (!handled.count(it.key()) && !a.contains(it.key()))
            wholeChange(diff.changes, "contents", it.key(), nullptr, &it.value());
    return diff;
}

WorkbookDiff diffDocuments(const doc::Document& before, const doc::Document& after, const DiffOptions& options) {
    WorkbookDiff envelope;
    if (options.envelope && before.root.is_object() && after.root.is_object()) {
        auto skip = [&](const std::string& key) {
            if (key == "contents" || key == "document") return true;
            if (options.responseOnlyFields) return false;
            const auto& ro = responseOnlyFields();
            return std::find(ro.begin(), ro.end(), key) != ro.end();
        };
        for (auto it = before.root.begin(); it != before.root.end(); ++it)
            if (!skip(it.key()))
                wholeChange(envelope.changes, "envelope", it.key(), &it.value(), member(after.root, it.key()));
        for (auto it = after.root.begin(); it != after.root.end(); ++it)
            if (!skip(it.key()) && !before.root.contains(it.key()))
                wholeChange(envelope.changes, "envelope", it.key(), nullptr, &it.value());
        for (auto& change : envelope.changes) change.kind.clear();
    }
    // Sigma reads the body only under `contents`: the same body under the legacy `document` key is a difference.
    const std::string keyBefore = before.contentsPointer(), keyAfter = after.contentsPointer();
    if (keyBefore != keyAfter) {
        auto key = [](const std::string& p) { return p.empty() ? std::optional<Json>() : std::optional<Json>(p.substr(1)); };
        envelope.changes.push_back({"envelope", "body key", "", ChangeKind::Changed, {{"", key(keyBefore), key(keyAfter)}}});
    }
    static const Json none = Json::object();
    const Json* a = before.contents();
    const Json* b = after.contents();
    WorkbookDiff body = diffContents(a ? *a : none, b ? *b : none);
    envelope.changes.insert(envelope.changes.end(), std::make_move_iterator(body.changes.begin()),
                            std::make_move_iterator(body.changes.end()));
    return envelope;
}

} // namespace quire::diff
