// Styling (spec §6.2; checklist items 4 and 28): container padding, hex-only colours.
#include "context.h"
#include "pointer.h"

#include <quire/doc/io.h>

#include <cctype>
#include <unordered_set>

namespace quire::validate {
namespace {

const std::unordered_set<std::string> kColorKeys{"backgroundColor", "borderColor", "color", "bandingColor",
                                                 "headerDividerColor", "colorGood", "colorBad", "textColor",
                                                 "fontColor", "lineColor"};

bool isHexColor(const std::string& s) {
    if (s.empty() || s[0] != '#') return false;
    const std::size_t digits = s.size() - 1;
    if (digits != 3 && digits != 4 && digits != 6 && digits != 8) return false;
    for (std::size_t i = 1; i < s.size(); ++i)
        if (!std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
}

// The path to the current value as a chain on the stack; the pointer string is built only to report.
struct Path {
    const Path* parent;
    std::string_view key; // object member, or "" for an array item
    std::size_t index;
    bool isIndex;
    std::string pointer() const {
        std::string base = parent ? parent->pointer() : std::string();
        return isIndex ? child(base, index) : child(base, key);
    }
};

// The loader refuses deeper files; a document built in memory may still nest deeper.
const int kMaxColorDepth = doc::LoadLimits{}.maxDepth;

// `elementList`: the body's `elements` array, whose element objects are walked apart (one unit each).
void colors(Context& ctx, const Json& value, const Path& path, int depth, const Json* elementList = nullptr) {
    if (depth > kMaxColorDepth) {
        ctx.report("contents/too-deep", path.pointer(),
                   "the workbook nests deeper than " + std::to_string(kMaxColorDepth) + " levels here; values below are not checked");
        return;
    }
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            const Path here{&path, it.key(), 0, false};
            const bool elementChannel = it.key() == "color" && value.contains("kind") && value.contains("id");
            if (it->is_string()) {
                if (!kColorKeys.count(it.key()) || elementChannel) continue;
                const std::string& c = it->get_ref<const std::string&>();
                if (!isHexColor(c))
                    ctx.report("style/hex-color", here.pointer(),
                               "`" + it.key() + "` is \"" + c + "\"; Sigma accepts only hex colours (#rgb, #rrggbb, "
                               "#rrggbbaa) or a theme reference {kind: theme, ref}");
            } else if (it->is_structured() && it.key() != "layout" && !elementChannel) {
                colors(ctx, *it, here, depth + 1, elementList);
            }
        }
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i)
            if (value[i].is_structured() && !(&value == elementList && value[i].is_object()))
                colors(ctx, value[i], Path{&path, {}, i, true}, depth + 1, elementList);
    }
}

} // namespace

void checkStyle(Context& ctx) {
    if (!ctx.contents) return;
    for (const auto& e : ctx.elements) {
        if (e.kind != "container") continue;
        const Json* style = Context::member(*e.json, "style");
        const Json* padding = style ? Context::member(*style, "padding") : nullptr;
        if (!padding) continue;
        const std::string sp = child(e.pointer, "style");
        if (!padding->is_string() || *padding != "none") {
            ctx.report("style/container-padding", child(sp, "padding"),
                       "container '" + e.id + "' has padding " + padding->dump() + "; only `none` (or no padding) is accepted");
        } else {
            for (const char* key : {"borderColor", "borderWidth"})
                if (Context::member(*style, key))
                    ctx.report("style/padding-with-border", child(sp, key),
                               "container '" + e.id + "' has `padding: none` together with `" + key +
                                   "`; Sigma does not allow a border without padding");
        }
    }
    // The root of the walk is the body itself: its pointer is ctx.base ("/contents" or "/document").
    const Path body{nullptr, std::string_view(ctx.base).substr(1), 0, false};
    const Json* elementList = Context::array(*ctx.contents, "elements");
    colors(ctx, *ctx.contents, body, 0, elementList);
    const Path list{&body, "elements", 0, false};
    for (const auto& e : ctx.elements)
        ctx.unit(Unit::Colors, e, [&] { colors(ctx, *e.json, Path{&list, {}, e.index, true}, 2); });
    // Chat elements name an agent of the workbook.
    std::unordered_set<std::string> agents;
    if (const Json* list = Context::array(*ctx.contents, "agents"))
        for (const auto& a : *list)
            if (std::string id = Context::str(a, "id"); !id.empty()) agents.insert(id);
    for (const auto& e : ctx.elements)
        if (e.kind == "chat")
            if (std::string agent = Context::str(*e.json, "agentId"); !agent.empty() && !agents.count(agent))
                ctx.report("agent/unknown-agent", child(e.pointer, "agentId"),
                           "chat '" + e.id + "' uses agent '" + agent + "', which is not in `agents`");
}

} // namespace quire::validate
