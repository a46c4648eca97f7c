#pragma once
// Previews Qt Charts has no series for, painted directly: funnel, gauge, waterfall, box, treemap, sankey, maps
// (points on a latitude/longitude plane; regions without bundled shapes as labelled bubbles; shapes are
// region_maps.h) and pivot tables as a cross-tab with backgroundScale heat colouring. Each painter fills `hits` with the marks it drew and the rows behind them.
#include "chart_support.h"

#include <QRect>

class QPainter;

namespace quire::ide {

// Funnel, gauge and treemap label their values unless `dataLabel.labels: hidden`, in `dataLabel.valueFormat`
// when given (marks: data-label).
void paintFunnel(QPainter& p, const QRect& area, const Json& element, const PreviewData& data, ChartHits& hits, ChartMarks& marks);
void paintGauge(QPainter& p, const QRect& area, const Json& element, const PreviewData& data, ChartHits& hits, ChartMarks& marks);
void paintWaterfall(QPainter& p, const QRect& area, const Json& element, const PreviewData& data, ChartHits& hits);
void paintBox(QPainter& p, const QRect& area, const Json& element, const PreviewData& data, ChartHits& hits);
void paintTreemap(QPainter& p, const QRect& area, const Json& element, const PreviewData& data, ChartHits& hits, ChartMarks& marks);
void paintSankey(QPainter& p, const QRect& area, const Json& element, const PreviewData& data, ChartHits& hits);
void paintMap(QPainter& p, const QRect& area, const Json& element, const PreviewData& data, ChartHits& hits);
// kpi_painter.cpp: the value, its colour and size, and the comparison delta (marks: kpi-value, kpi-delta).
void paintKpi(QPainter& p, const QRect& area, const Json& element, const PreviewData& data, ChartMarks& marks);
void paintPivot(QPainter& p, const QRect& area, const Json& element, const PreviewData& data, ChartHits& hits, ChartMarks& marks);

// A pivot's long-form result (one row per row key x column key) turned into a grid.
struct Crosstab {
    QStringList rowDimensions, columnDimensions; // display names of the rowsBy / columnsBy columns
    std::vector<QStringList> rowKeys;            // one label tuple per grid row, sorted by the shelf sort
    std::vector<QStringList> columnKeys;         // one label tuple per column group
    QStringList valueIds, valueNames;            // the `values` measures; each column group has one cell per value
    // cells[r][g * valueIds.size() + v]: the value (null when the combination has no row)
    std::vector<std::vector<QVariant>> cells;
    std::vector<std::vector<int>> sourceRows; // the long-form row index behind each cell, -1 when none
    // Totals from the planner's `__pivot` rows (docs/preview.md): rowTotals[r][v] (right-hand Total column),
    // columnTotals[g * valueIds.size() + v] (bottom Total row), grandTotals[v] (the corner). Null when absent.
    std::vector<std::vector<QVariant>> rowTotals;
    std::vector<QVariant> columnTotals, grandTotals;
    bool hasRowTotals = false, hasColumnTotals = false, hasGrandTotal = false;
};
Crosstab buildCrosstab(const Json& element, const PreviewData& data);

// The squarified treemap of `values` (largest first) inside `area`: one rectangle per value, same order.
std::vector<QRectF> squarify(const std::vector<double>& values, const QRectF& area);

} // namespace quire::ide
