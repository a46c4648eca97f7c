#include <quire/diff/outline.h>

#include <quire/doc/layout.h>

#include <algorithm>
#include <sstream>

#include "body_model.h"

namespace quire::diff {
namespace {

using detail::member;

std::string compact(const Json& value) { return value.dump(-1, ' ', false, Json::error_handler_t::replace); }

bool multiLine(const Json& value) {
    if (!value.is_string()) return false;
    const std::string& text = value.get_ref<const std::string&>();
    if (text.find('\n') == std::string::npos) return false;
    // Other control characters keep the escaped one-line form, so nothing invisible reaches the diff.
    return std::none_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && c != '\n' && c != '\t') || u == 0x7f;
    });
}

// Keys go into the line as they are unless they hold control characters (then JSON-escaped).
std::string keyText(const std::string& key) {
    const bool plain = std::none_of(key.begin(), key.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
    });
    return plain ? key : compact(Json(key));
}

bool allScalars(const Json& array) {
    return std::all_of(array.begin(), array.end(), [](const Json& v) { return !v.is_structured(); });
}

struct Writer {
    const OutlineOptions& options;
    std::ostringstream out;

    void leaf(const std::string& path, const Json& value, const std::string& indent) {
        out << indent << path << ":";
        if (multiLine(value)) {
            out << " |\n";
            std::istringstream lines(value.get<std::string>());
            std::string line;
            while (std::getline(lines, line)) out << indent << "    " << line << "\n";
            return;
        }
        out << " " << compact(value) << "\n";
    }

    // One line per leaf under `path` (dotted keys, [id] for id-keyed array items, [n] otherwise).
    void properties(const std::string& path, const Json& value, const std::string& indent, int depth) {
        auto join = [&](const std::string& key) { return path.empty() ? keyText(key) : path + "." + keyText(key); };
        if (depth > options.maxDepth || !value.is_structured() || value.empty() ||
            (value.is_array() && allScalars(value))) {
            leaf(path.empty() ? "(value)" : path, value, indent);
            return;
        }
        if (value.is_object()) {
            for (auto it = value.begin(); it != value.end(); ++it) properties(join(it.key()), it.value(), indent, depth + 1);
            return;
        }
        const bool keyed = detail::keyItems(&value).has_value();
        for (std::size_t i = 0; i < value.size(); ++i) {
            const std::string index = keyed ? keyText(value[i]["id"].get<std::string>()) : std::to_string(i);
            if (!keyed) {
                properties(path + "[" + index + "]", value[i], indent, depth + 1);
                continue;
            }
            Json rest = value[i]; // the id is in the path already
            rest.erase("id");
            properties(path + "[" + index + "]", rest, indent, depth + 1);
        }
    }

    void item(const std::string& title, const Json& value) {
        out << "\n" << title << "\n";
        properties("", value, "  ", 0);
    }

    void placements(const doc::LayoutNode& node, int depth) {
        for (const doc::LayoutNode& child : node.children) {
            out << std::string(2 + 2 * static_cast<std::size_t>(std::min(depth, options.maxDepth)), ' ') << keyText(child.tag);
            if (!child.handle().empty()) out << " " << keyText(child.handle());
            for (const auto& [name, value] : child.attributes)
                if (name != "elementId") out << " " << keyText(name) << "=" << compact(Json(value));
            out << "\n";
            if (depth < options.maxDepth) placements(child, depth + 1);
        }
    }

    void layout(const Json& value) {
        auto regions = detail::layoutRegions(value);
        if (!regions) {
            item("layout (not readable as layout XML)", value);
            return;
        }
        for (const doc::LayoutNode& region : regions->tree.regions) {
            out << "\nlayout " << keyText(region.tag) << " " << keyText(region.handle()) << "\n";
            for (const auto& [name, v] : region.attributes)
                if (name != "id") out << "  " << keyText(name) << ": " << compact(Json(v)) << "\n";
            placements(region, 0);
        }
    }

    void body(const Json& contents) {
        Json plain = Json::object();
        for (auto it = contents.begin(); it != contents.end(); ++it) {
            const std::string& key = it.key();
            const auto& keyedNames = detail::keyedCollections();
            const bool collection = std::find(keyedNames.begin(), keyedNames.end(), key) != keyedNames.end();
            if (collection && detail::keyItems(&it.value())) continue;
            if (key == "layout" || key == "settings") continue;
            plain[key] = it.value();
        }
        if (!plain.empty()) item("contents", plain);
        for (const std::string name : {"pages", "overlays", "panels", "elements", "agents"}) { // containers first
            const Json* list = member(contents, name);
            if (!list || !detail::keyItems(list)) continue;
            const std::string singular = name.substr(0, name.size() - 1);
            for (const Json& entry : *list) {
                Json rest = entry;
                rest.erase("id");
                const std::string kind = detail::kindOf(entry);
                item(singular + " " + keyText(entry["id"].get<std::string>()) + (kind.empty() ? "" : " (" + keyText(kind) + ")"), rest);
            }
        }
        if (const Json* settings = member(contents, "settings")) item("settings", *settings);
        if (const Json* layoutValue = member(contents, "layout")) layout(*layoutValue);
    }
};

} // namespace

std::string renderOutline(const Json& root, const OutlineOptions& options) {
    Writer w{options, {}};
    if (!root.is_object()) {
        w.item("document", root);
        return w.out.str();
    }
    const char* bodyKey = member(root, "contents") ? "contents" : member(root, "document") ? "document" : nullptr;
    Json envelope = Json::object();
    for (auto it = root.begin(); it != root.end(); ++it)
        if (!bodyKey || it.key() != bodyKey) envelope[it.key()] = it.value();
    w.out << "workbook\n";
    if (!envelope.empty()) w.properties("", envelope, "  ", 0);
    if (bodyKey) {
        const Json& contents = root[bodyKey];
        if (contents.is_object()) w.body(contents);
        else w.item(bodyKey, contents);
    }
    return w.out.str();
}

} // namespace quire::diff
