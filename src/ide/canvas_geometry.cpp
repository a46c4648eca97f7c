#include "canvas_geometry.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace quire::ide {
namespace {

bool isContainer(const doc::LayoutNode& node) {
    return node.kind == doc::LayoutNode::Kind::Container || node.kind == doc::LayoutNode::Kind::TabbedContainer;
}

// The children laid out in a container's inner grid (a tabbed container shows its first tab in design mode).
const doc::LayoutNode* innerGrid(const doc::LayoutNode& container) {
    if (container.kind == doc::LayoutNode::Kind::Container) return &container;
    for (const auto& tab : container.children)
        if (tab.kind == doc::LayoutNode::Kind::Tab) return &tab;
    return nullptr;
}

// The top of each row line of a grid, relative to the grid's top. A row is rowHeight tall, except that the last
// row of a container grows by what the container's own title, padding and children need beyond its rows: a
// container's title then never clips its children, and what follows moves down instead of overlapping them.
class RowTops {
public:
    RowTops(const doc::LayoutNode& grid, const CanvasMetrics& m, int depth) : m_(m) {
        if (depth > kMaxDepth) return;
        std::vector<const doc::LayoutNode*> containers;
        for (const auto& child : grid.children)
            if (child.kind != doc::LayoutNode::Kind::Tab && isContainer(child)) containers.push_back(&child);
        std::stable_sort(containers.begin(), containers.end(), [](const doc::LayoutNode* a, const doc::LayoutNode* b) {
            return rowOf(*a).end < rowOf(*b).end;
        });
        for (const doc::LayoutNode* c : containers) {
            const doc::GridSpan row = rowOf(*c);
            const int need = contentHeight(*c, m, depth + 1);
            const int have = top(row.end) - top(row.start);
            if (need > have) extra_[row.end - 1] += need - have;
        }
    }
    int top(int line) const {
        int y = (std::max(1, line) - 1) * m_.rowHeight;
        for (const auto& [row, add] : extra_)
            if (row < line) y += add;
        return y;
    }
    // How tall a container must be: its title bar and padding around the extent of its inner grid.
    static int contentHeight(const doc::LayoutNode& container, const CanvasMetrics& m, int depth) {
        const doc::LayoutNode* grid = innerGrid(container);
        int lastLine = 1;
        if (grid)
            for (const auto& child : grid->children)
                if (child.kind != doc::LayoutNode::Kind::Tab) lastLine = std::max(lastLine, rowOf(child).end);
        const int inner = grid && depth <= kMaxDepth ? RowTops(*grid, m, depth).top(lastLine) : 0;
        const PlacedNode probe{&container, {}, QRect(0, 0, 1000, 1000), {}, 24, 0, {}};
        const int overhead = 1000 - innerArea(probe, m).height() + 6; // the card's 3 px inset on both sides
        return inner + overhead;
    }

private:
    static constexpr int kMaxDepth = 32; // layout trees are depth-limited when read; this bounds the recursion here too
    static doc::GridSpan rowOf(const doc::LayoutNode& n) { return n.gridRow().value_or(doc::GridSpan{1, 5}); }
    const CanvasMetrics& m_;
    std::map<int, int> extra_; // row line -> extra pixels of that row
};

void placeChildren(const doc::LayoutNode& parent, const QRect& area, int columns, int depth, const std::string& parentHandle,
                   const CanvasMetrics& m, std::vector<PlacedNode>& out) {
    const double colWidth = double(area.width()) / std::max(1, columns);
    const RowTops tops(parent, m, depth);
    for (const auto& child : parent.children) {
        if (child.kind == doc::LayoutNode::Kind::Tab) continue;
        auto col = child.gridColumn().value_or(doc::GridSpan{1, columns + 1});
        auto row = child.gridRow().value_or(doc::GridSpan{1, 5});
        QRect rect(area.left() + int(std::lround((col.start - 1) * colWidth)), area.top() + tops.top(row.start),
                   int(std::lround(col.size() * colWidth)), tops.top(row.end) - tops.top(row.start));
        rect.adjust(3, 3, -3, -3);
        PlacedNode placed{&child, child.handle(), rect, area, columns, depth, parentHandle};
        out.push_back(placed);
        if (isContainer(child))
            if (const doc::LayoutNode* grid = innerGrid(child))
                placeChildren(*grid, innerArea(placed, m), grid->innerColumns().value_or(24), depth + 1, child.handle(), m, out);
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
