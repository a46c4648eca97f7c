// Typed views over the document tree: lookups only, nothing copied but pointer strings.
#include <quire/doc/io.h>
#include <quire/doc/views.h>

namespace quire::doc {

// ---- NodeView ---------------------------------------------------------------------------------------------

const Json* NodeView::get(std::string_view key) const {
    if (!node_ || !node_->is_object()) return nullptr;
    // ordered_json's find takes a key type; a linear scan avoids building a std::string per lookup.
    for (const auto& member : node_->get_ref<const Json::object_t&>())
        if (member.first == key) return &member.second;
    return nullptr;
}

std::string_view NodeView::str(std::string_view key) const {
    const Json* value = get(key);
    return value && value->is_string() ? std::string_view(value->get_ref<const std::string&>()) : std::string_view();
}

std::string NodeView::pointerTo(std::string_view key) const { return pointer_ + "/" + escapePointerToken(key); }

NodeView NodeView::child(std::string_view key) const {
    const Json* value = get(key);
    return value ? NodeView(value, pointerTo(key)) : NodeView();
}

std::vector<NodeView> NodeView::items(std::string_view key) const {
    std::vector<NodeView> out;
    const Json* array = get(key);
    if (!array || !array->is_array()) return out;
    out.reserve(array->size());
    const std::string base = pointerTo(key) + "/";
    std::size_t index = 0;
    for (const auto& item : *array) out.emplace_back(&item, base + std::to_string(index++));
    return out;
}

std::vector<std::string_view> NodeView::strings(std::string_view key) const {
    std::vector<std::string_view> out;
    const Json* array = get(key);
    if (!array || !array->is_array()) return out;
    for (const auto& item : *array)
        if (item.is_string()) out.emplace_back(item.get_ref<const std::string&>());
    return out;
}

// ---- sources, columns, pages --------------------------------------------------------------------------------

std::string SourceView::pathText() const {
    std::string out;
    for (auto part : path()) {
        if (!out.empty()) out += '.';
        out += part;
    }
    return out;
}

std::vector<SourceView> SourceView::nested() const {
    std::vector<SourceView> out;
    auto add = [&](const NodeView& v) {
        if (v && v.json()->is_object()) out.emplace_back(v);
    };
    add(child("source"));
    add(child("primarySource"));
    for (const auto& join : items("joins")) {
        add(join.child("left"));
        add(join.child("right"));
    }
    for (const auto& member : items("sources")) add(member);
    return out;
}

namespace {
void collectElementIds(const Json& v, int depth, std::set<std::string>& out) {
    constexpr int kMaxDepth = 64;
    if (depth > kMaxDepth) return;
    if (v.is_object()) {
        if (auto it = v.find("elementId"); it != v.end() && it->is_string()) out.insert(it->get<std::string>());
        for (const auto& [key, child] : v.items()) collectElementIds(child, depth + 1, out);
    } else if (v.is_array()) {
        for (const auto& child : v) collectElementIds(child, depth + 1, out);
    }
}
} // namespace

void collectElementIds(const Json& value, std::set<std::string>& out) { collectElementIds(value, 0, out); }

std::vector<SourceView> SourceView::flatten() const {
    std::vector<SourceView> out;
    if (!valid() || !json()->is_object()) return out;
    // Iterative depth-first walk: a hostile chain of nested sources cannot exhaust the stack.
    std::vector<SourceView> stack{*this};
    while (!stack.empty()) {
        SourceView current = std::move(stack.back());
        stack.pop_back();
        auto children = current.nested();
        out.push_back(std::move(current));
        for (auto it = children.rbegin(); it != children.rend(); ++it) stack.push_back(std::move(*it));
    }
    return out;
}

bool ColumnView::hidden() const {
    const Json* value = get("hidden");
    return value && value->is_boolean() && value->get<bool>();
}

bool PageView::hidden() const { return str("visibility") == "hidden"; }

// ---- ElementView --------------------------------------------------------------------------------------------

std::string_view ElementView::name() const {
    const Json* value = get("name");
    if (!value) return {};
    if (value->is_string()) return value->get_ref<const std::string&>();
    return NodeView(value, {}).str("text");
}

std::string ElementView::namePointer() const {
    const Json* value = get("name");
    if (value && value->is_object()) return pointerTo("name") + "/text";
    return pointerTo("name");
}

std::optional<ColumnView> ElementView::findColumn(std::string_view columnId) const {
    for (auto& column : columns())
        if (column.id() == columnId) return column;
    return std::nullopt;
}

// ---- WorkbookView -------------------------------------------------------------------------------------------

WorkbookView::WorkbookView(const Document& document) : envelope_(&document.root, "") {
    if (const Json* body = document.contents()) contents_ = NodeView(body, document.contentsPointer());
}

namespace {
template <typename View>
std::vector<View> viewsOf(const NodeView& contents, std::string_view key) {
    std::vector<View> out;
    for (auto& item : contents.items(key)) out.emplace_back(item);
    return out;
}

// An empty handle finds nothing (it would otherwise match every item that lacks the field).
template <typename View, typename Match>
std::optional<View> findIn(std::string_view handle, std::vector<View> views, Match match) {
    if (handle.empty()) return std::nullopt;
    for (auto& view : views)
        if (match(view)) return std::move(view);
    return std::nullopt;
}
} // namespace

std::vector<PageView> WorkbookView::pages() const { return viewsOf<PageView>(contents_, "pages"); }
std::vector<OverlayView> WorkbookView::overlays() const { return viewsOf<OverlayView>(contents_, "overlays"); }
std::vector<PanelView> WorkbookView::panels() const { return viewsOf<PanelView>(contents_, "panels"); }
std::vector<ElementView> WorkbookView::elements() const { return viewsOf<ElementView>(contents_, "elements"); }

std::vector<ElementView> WorkbookView::controls() const {
    std::vector<ElementView> out;
    for (auto& element : elements())
        if (element.isControl()) out.push_back(std::move(element));
    return out;
}

std::optional<ElementView> WorkbookView::findElement(std::string_view id) const {
    return findIn(id, elements(), [&](const ElementView& e) { return e.id() == id; });
}

std::optional<ElementView> WorkbookView::findControl(std::string_view controlId) const {
    return findIn(controlId, controls(), [&](const ElementView& e) { return e.controlId() == controlId; });
}

std::optional<PageView> WorkbookView::findPage(std::string_view id) const {
    return findIn(id, pages(), [&](const PageView& p) { return p.id() == id; });
}

std::optional<OverlayView> WorkbookView::findOverlay(std::string_view id) const {
    return findIn(id, overlays(), [&](const OverlayView& o) { return o.id() == id; });
}

std::optional<PanelView> WorkbookView::findPanel(std::string_view id) const {
    return findIn(id, panels(), [&](const PanelView& p) { return p.id() == id; });
}

} // namespace quire::doc
