#pragma once
// Where each placed layout node sits on screen for a region: a pure function of the layout tree, the
// canvas width and the row height, so painting and hit-testing agree and tests can check it.
#include <quire/doc/layout.h>

#include <QRect>
#include <QString>

#include <vector>

namespace quire::ide {

struct PlacedNode {
    const doc::LayoutNode* node = nullptr;
    std::string handle;       // elementId
    QRect rect;               // canvas coordinates
    QRect gridArea;           // the parent grid's content rect (for snapping)
    int gridColumns = 24;     // columns of the parent grid
    int depth = 0;            // nesting depth (0 = directly on the region)
    std::string parentHandle; // container handle or region id
};

struct CanvasMetrics {
    int margin = 16;
    int rowHeight = 24;
    int tabBarHeight = 26;
    int containerPadding = 6;
};

// The content area of a placed container (its inner grid), as the canvas lays out its children.
QRect innerArea(const PlacedNode& container, const CanvasMetrics& metrics);

// Depth-first: parents before children, in layout order.
std::vector<PlacedNode> placeRegion(const doc::LayoutNode& region, int width, const CanvasMetrics& metrics);

// Grid cell (1-based column and row lines) under a point of a grid area.
int columnLineAt(const QRect& area, int columns, int x);
int rowLineAt(const QRect& area, int rowHeight, int y);

} // namespace quire::ide
