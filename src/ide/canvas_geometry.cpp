#include "canvas_geometry.h"

#include <algorithm>
#include <cmath>

namespace quire::ide {
namespace {

void placeChildren(const doc::LayoutNode& parent, const QRect& area, int columns, int depth, const std::string& parentHandle,
                   const CanvasMetrics& m, std::vector<PlacedNode>& out) {
    const double colWidth = double(area.width()) / std::max(1, columns);
    for (const auto& child : parent.children) {
        if (child.kind == doc::LayoutNode::Kind::Tab) continue;
        auto col = child.gridColumn().value_or(doc::GridSpan{1, columns + 1});
        auto row = child.gridRow().value_or(doc::GridSpan{1, 5});
        QRect rect(area.left() + int(std::lround((col.start - 1) * colWidth)), area.top() + (row.start - 1) * m.rowHeight,
                   int(std::lround(col.size() * colWidth)), row.size() * m.rowHeight);
        rect.adjust(3, 3, -3, -3);
        PlacedNode placed{&child, child.handle(), rect, area, columns, depth, parentHandle};
        out.push_back(placed);
        if (child.kind == doc::LayoutNode::Kind::Container) {
            placeChildren(child, innerArea(placed, m), child.innerColumns().value_or(24), depth + 1, child.handle(), m, out);
        } else if (child.kind == doc::LayoutNode::Kind::TabbedContainer) {
            // The first tab is the one shown in design mode.
            for (const auto& tab : child.children) {
                if (tab.kind != doc::LayoutNode::Kind::Tab) continue;
                placeChildren(tab, innerArea(placed, m), tab.innerColumns().value_or(24), depth + 1, child.handle(), m, out);
                break;
            }
        }
    }
}

} // namespace

QRect innerArea(const PlacedNode& container, const CanvasMetrics& m) {
    const bool tabs = container.node && container.node->kind == doc::LayoutNode::Kind::TabbedContainer;
    return container.rect.adjusted(m.containerPadding, tabs ? m.tabBarHeight + 24 : m.containerPadding + 18, -m.containerPadding,
                                   -m.containerPadding);
}

std::vector<PlacedNode> placeRegion(const doc::LayoutNode& region, int width, const CanvasMetrics& metrics) {
    std::vector<PlacedNode> out;
    QRect area(metrics.margin, metrics.margin, std::max(48, width - 2 * metrics.margin), 1 << 20);
    placeChildren(region, area, region.innerColumns().value_or(24), 0, region.handle(), metrics, out);
    return out;
}

int columnLineAt(const QRect& area, int columns, int x) {
    const double colWidth = double(area.width()) / std::max(1, columns);
    int line = int(std::floor((x - area.left()) / colWidth)) + 1;
    return std::clamp(line, 1, columns);
}

int rowLineAt(const QRect& area, int rowHeight, int y) {
    return std::max(1, (y - area.top()) / std::max(1, rowHeight) + 1);
}

} // namespace quire::ide
