#include <quire/doc/layout.h>
#include <quire/core/text.h>

#include <charconv>

namespace quire::doc {
namespace {

std::optional<int> toInt(std::string_view s) {
    s = trimmed(s);
    int v = 0;
    auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
    return v;
}

void escapeAttribute(std::string& out, const std::string& value) {
    for (char c : value) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\n': out += "&#10;"; break;
        case '\r': out += "&#13;"; break;
        case '\t': out += "&#9;"; break;
        default: out += c;
        }
    }
}

void writeNode(std::string& out, const LayoutNode& node, int level) {
    out.append(static_cast<std::size_t>(level) * 2, ' ');
    out += '<';
    out += node.tag;
    for (const auto& [name, value] : node.attributes) {
        out += ' ';
        out += name;
        out += "=\"";
        escapeAttribute(out, value);
        out += '"';
    }
    if (node.children.empty()) {
        out += "/>\n";
        return;
    }
    out += ">\n";
    for (const auto& child : node.children) writeNode(out, child, level + 1);
    out.append(static_cast<std::size_t>(level) * 2, ' ');
    out += "</" + node.tag + ">\n";
}

template <typename Node>
Node* findIn(std::vector<Node>& nodes, std::string_view id) {
    for (auto& node : nodes) {
        if (node.handle() == id) return &node;
        if (auto* found = findIn(node.children, id)) return found;
    }
    return nullptr;
}

template <typename Node>
const Node* findIn(const std::vector<Node>& nodes, std::string_view id) {
    for (const auto& node : nodes) {
        if (node.handle() == id) return &node;
        if (const auto* found = findIn(node.children, id)) return found;
    }
    return nullptr;
}

} // namespace

std::optional<GridSpan> parseGridSpan(std::string_view text) {
    auto slash = text.find('/');
    if (slash == std::string_view::npos) {
        auto start = toInt(text);
        if (!start || *start < 1) return std::nullopt;
        return GridSpan{*start, *start + 1};
    }
    auto start = toInt(text.substr(0, slash));
    if (!start || *start < 1) return std::nullopt;
    std::string_view rest = trimmed(text.substr(slash + 1));
    if (rest.substr(0, 4) == "span") {
        auto n = toInt(rest.substr(4));
        if (!n || *n < 1) return std::nullopt;
        return GridSpan{*start, *start + *n};
    }
    auto end = toInt(rest);
    if (!end || *end <= *start) return std::nullopt;
    return GridSpan{*start, *end};
}

std::string formatGridSpan(GridSpan span) { return std::to_string(span.start) + " / " + std::to_string(span.end); }

const std::string* LayoutNode::attribute(std::string_view name) const {
    for (const auto& [key, value] : attributes)
        if (key == name) return &value;
    return nullptr;
}

void LayoutNode::setAttribute(std::string_view name, std::string value) {
    for (auto& [key, existing] : attributes)
        if (key == name) { existing = std::move(value); return; }
    attributes.emplace_back(std::string(name), std::move(value));
}

void LayoutNode::removeAttribute(std::string_view name) {
    std::erase_if(attributes, [&](const auto& a) { return a.first == name; });
}

std::string LayoutNode::handle() const {
    const std::string* value = isRegion() ? attribute("id") : attribute("elementId");
    return value ? *value : std::string();
}

std::optional<GridSpan> LayoutNode::gridColumn() const {
    const std::string* v = attribute("gridColumn");
    return v ? parseGridSpan(*v) : std::nullopt;
}

std::optional<GridSpan> LayoutNode::gridRow() const {
    const std::string* v = attribute("gridRow");
    return v ? parseGridSpan(*v) : std::nullopt;
}

void LayoutNode::setGrid(GridSpan column, GridSpan row) {
    setAttribute("gridColumn", formatGridSpan(column));
    setAttribute("gridRow", formatGridSpan(row));
}

std::optional<int> LayoutNode::innerColumns() const {
    const std::string* v = attribute("gridTemplateColumns");
    if (!v) return std::nullopt;
    std::string_view s = *v;
    if (s.substr(0, 7) != "repeat(") return std::nullopt;
    auto comma = s.find(',');
    if (comma == std::string_view::npos) return std::nullopt;
    auto n = toInt(s.substr(7, comma - 7));
    if (!n || *n < 1) return std::nullopt;
    return n;
}

LayoutNode* LayoutTree::findRegion(std::string_view id) {
    for (auto& r : regions)
        if (r.handle() == id) return &r;
    return nullptr;
}
const LayoutNode* LayoutTree::findRegion(std::string_view id) const {
    for (const auto& r : regions)
        if (r.handle() == id) return &r;
    return nullptr;
}
LayoutNode* LayoutTree::find(std::string_view id) { return findIn(regions, id); }
const LayoutNode* LayoutTree::find(std::string_view id) const { return findIn(regions, id); }

std::string writeLayout(const LayoutTree& tree) {
    std::string out;
    if (!tree.prolog.empty()) out += tree.prolog + "\n";
    for (const auto& region : tree.regions) writeNode(out, region, 0);
    return out;
}

} // namespace quire::doc
