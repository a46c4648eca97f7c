#pragma once
// Sigma's layout: `contents.layout` is an XML prolog followed by several top-level regions
// (<Page id>, <Panel id>, <Overlay id>) on CSS-grid coordinates. This is its tree, lossless for
// attributes (all kept, in order) so unknown attributes survive an edit.
#include <quire/core/diagnostic.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quire::doc {

// CSS grid lines: 1-based, end exclusive. "1 / 25" on a 24-column page is the full width.
struct GridSpan {
    int start = 1;
    int end = 2;
    int size() const { return end - start; }
    bool operator==(const GridSpan&) const = default;
};

// "3 / 7" -> {3, 7}; "3" -> {3, 4}; "3 / span 2" -> {3, 5}. nullopt when unreadable.
std::optional<GridSpan> parseGridSpan(std::string_view text);
std::string formatGridSpan(GridSpan span); // "3 / 7"

struct LayoutNode {
    enum class Kind {
        Page,            // region: page or overlay content (<Page id>)
        Panel,           // region: header/sidebar panel (<Panel id>)
        Overlay,         // region: <Overlay id> (accepted by tooling; read and written as found)
        Element,         // leaf: <Element elementId>
        Container,       // nested grid: <Container elementId> (also used for repeated-container)
        TabbedContainer, // <TabbedContainer elementId> holding <Tab> children
        Tab,             // one tab; children are <Element>s
        Legacy,          // <LayoutElement>/<GridContainer>: read for migration, flagged by the validator
        Unknown          // any other tag, kept as is
    };
    Kind kind = Kind::Unknown;
    std::string tag;                                            // tag name as written
    std::vector<std::pair<std::string, std::string>> attributes; // every attribute, in order, unescaped
    std::vector<LayoutNode> children;
    int line = 0;   // position of the start tag inside the layout string (1-based)
    int column = 0;

    const std::string* attribute(std::string_view name) const;
    void setAttribute(std::string_view name, std::string value); // replaces in place or appends
    void removeAttribute(std::string_view name);
    // Regions use `id`; Element/Container/TabbedContainer use `elementId`. "" if absent.
    std::string handle() const;
    bool isRegion() const { return kind == Kind::Page || kind == Kind::Panel || kind == Kind::Overlay; }
    std::optional<GridSpan> gridColumn() const;
    std::optional<GridSpan> gridRow() const;
    void setGrid(GridSpan column, GridSpan row);
    // Column count of this node's inner grid from gridTemplateColumns="repeat(N, 1fr)"; nullopt if none.
    std::optional<int> innerColumns() const;
};

struct LayoutTree {
    std::string prolog = R"(<?xml version="1.0" encoding="utf-8"?>)";
    std::vector<LayoutNode> regions;

    LayoutNode* findRegion(std::string_view id);
    const LayoutNode* findRegion(std::string_view id) const;
    // Depth-first search for the node whose handle() is id (regions and placed elements).
    LayoutNode* find(std::string_view id);
    const LayoutNode* find(std::string_view id) const;
};

struct LayoutParseResult {
    LayoutTree tree;
    std::vector<Diagnostic> diagnostics; // XML errors carry line/column inside the layout string
    bool ok() const { return !hasErrors(diagnostics); }
};

LayoutParseResult parseLayout(std::string_view xml);
// Canonical text: prolog, then each region; two-space indentation; attributes in stored order;
// leaf nodes self-closed; ends with a newline.
std::string writeLayout(const LayoutTree& tree);

} // namespace quire::doc
