// Layout XML (spec §4; checklist items 6-9 and 25).
#include "context.h"
#include "pointer.h"

#include <unordered_map>

namespace quire::validate {
namespace {

using Node = doc::LayoutNode;

struct Walk {
    Context& ctx;
    std::unordered_map<std::string, int> placements; // elementId -> how often placed

    void node(const Node& n, int parentColumns) {
        if (n.kind == Node::Kind::Legacy)
            ctx.reportLayout("layout/legacy-tag", n.line, n.column,
                             "<" + n.tag + "> is a legacy layout tag Sigma no longer accepts; use <Element>/<Container>");
        const bool placesElement = n.kind == Node::Kind::Element || n.kind == Node::Kind::Container ||
                                   n.kind == Node::Kind::TabbedContainer || n.kind == Node::Kind::Legacy;
        std::string id = n.handle();
        const ElementRef* element = nullptr;
        if (placesElement && !id.empty()) {
            int count = ++placements[id];
            element = ctx.element(id);
            if (!element)
                ctx.reportLayout("layout/unknown-element", n.line, n.column,
                                 "the layout places element '" + id + "', which the workbook does not contain");
            else if (count == 2)
                ctx.reportLayout("layout/duplicate-placement", n.line, n.column,
                                 "element '" + id + "' is placed more than once (Duplicate layout element id)");
        }
        if (placesElement) grid(n, id, parentColumns, element);
        if (n.kind == Node::Kind::TabbedContainer) tabs(n, element);
        int inner = n.innerColumns().value_or(24);
        for (const auto& c : n.children) node(c, inner);
    }

    void grid(const Node& n, const std::string& id, int parentColumns, const ElementRef* element) {
        const std::string* columnText = n.attribute("gridColumn");
        const std::string* rowText = n.attribute("gridRow");
        auto column = n.gridColumn();
        auto row = n.gridRow();
        if ((columnText && !column) || (rowText && !row) || (column && column->size() < 1) || (row && row->size() < 1)) {
            ctx.reportLayout("layout/invalid-grid", n.line, n.column,
                             "'" + id + "' has an unreadable or empty gridColumn/gridRow (expected \"start / end\" "
                             "grid lines with end > start)");
            return;
        }
        if (column && (column->start < 1 || column->end > parentColumns + 1))
            ctx.reportLayout("layout/grid-overflow", n.line, n.column,
                             "'" + id + "' spans grid columns " + doc::formatGridSpan(*column) +
                                 ", outside the " + std::to_string(parentColumns) + "-column grid (lines 1 / " +
                                 std::to_string(parentColumns + 1) + ")");
        if (element && element->kind == "page-break" && row && row->size() != 1)
            ctx.reportLayout("layout/page-break-rows", n.line, n.column,
                             "page-break '" + id + "' spans " + std::to_string(row->size()) +
                                 " rows; a page break must span exactly one row");
    }

    void tabs(const Node& n, const ElementRef* element) {
        int tabCount = 0;
        for (const auto& c : n.children) {
            if (c.kind != Node::Kind::Tab) continue;
            ++tabCount;
            for (const auto& inside : c.children)
                if (inside.kind != Node::Kind::Element)
                    ctx.reportLayout("layout/tab-child", inside.line, inside.column,
                                     "a <Tab> may hold only <Element> children, not <" + inside.tag +
                                         "> (nested containers scramble the tab order)");
        }
        if (!element) return;
        const Json* tabList = Context::array(*element->json, "tabs");
        const int declared = tabList ? static_cast<int>(tabList->size()) : 0;
        if (declared != tabCount)
            ctx.reportLayout("layout/tab-count", n.line, n.column,
                             "tabbed container '" + element->id + "' has " + std::to_string(tabCount) +
                                 " <Tab> blocks in the layout but " + std::to_string(declared) +
                                 " entries in `tabs`; they pair by position");
    }
};

} // namespace

void checkLayout(Context& ctx) {
    if (!ctx.contents) return;
    for (const auto& d : *ctx.layoutErrors)
        ctx.reportLayout("layout/parse-error", d.location.line, d.location.column, "the layout XML is malformed: " + d.message);
    if (!ctx.layout) return;

    Walk walk{ctx, {}};
    std::unordered_map<std::string, int> regionSeen;
    for (const auto& region : ctx.layout->regions) {
        if (!region.isRegion()) {
            walk.node(region, 24);
            continue;
        }
        std::string id = region.handle();
        if (++regionSeen[id] == 2)
            ctx.reportLayout("layout/duplicate-region", region.line, region.column,
                             "the layout has two regions with id '" + id + "'");
        if (!ctx.pageIds.count(id) && !ctx.overlayIds.count(id) && !ctx.panelIds.count(id))
            ctx.reportLayout("layout/unknown-region", region.line, region.column,
                             "layout region '" + id + "' is not the id of a page, overlay or panel");
        const int columns = region.innerColumns().value_or(region.kind == doc::LayoutNode::Kind::Panel ? 6 : 24);
        for (const auto& c : region.children) walk.node(c, columns);
    }

    for (const char* collection : {"pages", "overlays", "panels"}) {
        const Json* list = Context::array(*ctx.contents, collection);
        if (!list) continue;
        for (std::size_t i = 0; i < list->size(); ++i) {
            std::string id = Context::str((*list)[i], "id");
            if (!id.empty() && !regionSeen.count(id))
                ctx.report("layout/missing-region", child(child(child(ctx.base, collection), i), "id"),
                           std::string(collection).substr(0, std::string(collection).size() - 1) + " '" + id +
                               "' has no region in the layout, so it shows nothing");
        }
    }
    for (const auto& e : ctx.elements)
        if (!e.id.empty() && !walk.placements.count(e.id))
            ctx.report("layout/unplaced-element", e.pointer,
                       "element '" + e.id + "' is not placed in the layout (Sigma rejects unplaced elements)");
}

} // namespace quire::validate
