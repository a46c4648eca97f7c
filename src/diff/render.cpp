#include <quire/diff/render.h>

#include <algorithm>
#include <map>
#include <sstream>

namespace quire::diff {
namespace {

// "elements" -> "element" for the per-item lines.
std::string singular(const std::string& collection) {
    if (collection == "settings") return "setting";
    if (collection == "layout") return "layout region";
    if (collection == "contents") return "body key";
    if (collection == "envelope") return "envelope key";
    if (!collection.empty() && collection.back() == 's') return collection.substr(0, collection.size() - 1);
    return collection;
}

std::string shortValue(const std::optional<Json>& value, std::size_t width) {
    if (!value) return "(absent)";
    std::string text = value->dump(-1, ' ', false, Json::error_handler_t::replace);
    if (width > 3 && text.size() > width) {
        std::size_t cut = width - 3;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut; // keep UTF-8 whole
        text = text.substr(0, cut) + "...";
    }
    return text;
}

char marker(ChangeKind kind) {
    switch (kind) {
    case ChangeKind::Added: return '+';
    case ChangeKind::Removed: return '-';
    case ChangeKind::Reordered: return '^';
    case ChangeKind::Changed: break;
    }
    return '~';
}

struct Counts {
    std::size_t added = 0, removed = 0, changed = 0, reordered = 0;
};

std::vector<std::pair<std::string, Counts>> summarize(const WorkbookDiff& diff) {
    std::vector<std::pair<std::string, Counts>> rows;
    for (const ItemChange& c : diff.changes) {
        auto it = std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r.first == c.collection; });
        if (it == rows.end()) it = rows.insert(rows.end(), {c.collection, Counts{}});
        switch (c.change) {
        case ChangeKind::Added: ++it->second.added; break;
        case ChangeKind::Removed: ++it->second.removed; break;
        case ChangeKind::Changed: ++it->second.changed; break;
        case ChangeKind::Reordered: ++it->second.reordered; break;
        }
    }
    return rows;
}

std::string countsText(const Counts& c) {
    std::vector<std::string> parts;
    if (c.changed) parts.push_back(std::to_string(c.changed) + " changed");
    if (c.added) parts.push_back(std::to_string(c.added) + " added");
    if (c.removed) parts.push_back(std::to_string(c.removed) + " removed");
    if (c.reordered) parts.push_back("reordered");
    std::string text;
    for (std::size_t i = 0; i < parts.size(); ++i) text += (i ? ", " : "") + parts[i];
    return text;
}

} // namespace

std::string renderText(const WorkbookDiff& diff, const TextOptions& options) {
    if (diff.empty()) return "no differences\n";
    std::ostringstream out;
    const auto rows = summarize(diff);
    std::size_t width = 0;
    for (const auto& row : rows) width = std::max(width, row.first.size());
    Counts total;
    for (const auto& [collection, counts] : rows) {
        out << ' ' << collection << std::string(width - collection.size(), ' ') << " | " << countsText(counts) << '\n';
        total.added += counts.added;
        total.removed += counts.removed;
        total.changed += counts.changed;
        total.reordered += counts.reordered;
    }
    out << ' ' << diff.changes.size() << (diff.changes.size() == 1 ? " change: " : " changes: ") << countsText(total)
        << '\n';
    if (!options.details) return out.str();
    out << '\n';
    for (const ItemChange& c : diff.changes) {
        out << marker(c.change) << ' ' << singular(c.collection) << ' ' << c.id;
        if (!c.kind.empty()) out << " (" << c.kind << ')';
        out << '\n';
        if (c.change == ChangeKind::Changed) {
            for (const FieldChange& f : c.fields)
                out << "    " << (f.pointer.empty() ? "(value)" : f.pointer) << ": "
                    << shortValue(f.before, options.maxValueWidth) << " -> " << shortValue(f.after, options.maxValueWidth)
                    << '\n';
        } else if (c.change == ChangeKind::Reordered && !c.fields.empty()) {
            out << "    " << shortValue(c.fields[0].before, options.maxValueWidth) << " -> "
                << shortValue(c.fields[0].after, options.maxValueWidth) << '\n';
        }
    }
    return out.str();
}

Json renderJson(const WorkbookDiff& diff) {
    Json summary = Json::object();
    for (const auto& [collection, counts] : summarize(diff))
        summary[collection] = {{"added", counts.added}, {"removed", counts.removed}, {"changed", counts.changed},
                               {"reordered", counts.reordered > 0}};
    Json changes = Json::array();
    for (const ItemChange& c : diff.changes) {
        Json item = {{"collection", c.collection}, {"id", c.id}, {"change", std::string(changeKindName(c.change))}};
        if (!c.kind.empty()) item["kind"] = c.kind;
        Json fields = Json::array();
        for (const FieldChange& f : c.fields) {
            Json field = {{"pointer", f.pointer}};
            if (f.before) field["before"] = *f.before;
            if (f.after) field["after"] = *f.after;
            fields.push_back(std::move(field));
        }
        item["fields"] = std::move(fields);
        changes.push_back(std::move(item));
    }
    return {{"same", diff.empty()}, {"summary", std::move(summary)}, {"changes", std::move(changes)}};
}

} // namespace quire::diff
