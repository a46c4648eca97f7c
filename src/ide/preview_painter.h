#pragma once
// Draws an element's live preview inside its canvas card: tables as grids, pivots as cross-tabs, KPIs as a
// big number, cartesian and circular charts through Qt Charts (rendered to a cached pixmap), funnel, gauge,
// waterfall, treemap, sankey and maps painted directly (custom_charts.h). Every paint records the marks it
// drew (rows, bars, slices, stages, points) so hitTest can turn a click into the rows behind it.
#include "chart_support.h"
#include "preview_data.h"

#include <quire/core/json.h>

#include <QPixmap>
#include <QRect>

#include <map>

class QPainter;

namespace quire::ide {

class PreviewPainter {
public:
    // false when there is nothing to draw for this element (the canvas then shows its design view).
    bool paint(QPainter& painter, const QRect& area, const Json& element, const PreviewData& data);
    void invalidate(const QString& elementId) { chartCache_.erase(elementId); }
    // The PreviewData rows under a point of the last paint of this element (empty when none).
    std::vector<int> hitTest(const QString& elementId, const QPoint& pos) const;
    // The mark under a point of the last paint of this element (the last drawn on top), or nullptr.
    const ChartHit* hitAt(const QString& elementId, const QPoint& pos) const;
    // The marks of the last paint, in the painter's coordinates.
    const ChartHits& hits(const QString& elementId) const;
    // The annotations of the last paint (reference marks, trend lines, labels, deltas...), same coordinates.
    const ChartMarks& marks(const QString& elementId) const;
    // The "Map connection..." button of the last paint of an element whose connection has no profile (else empty).
    QRect mapConnectionButton(const QString& elementId) const;

private:
    void paintTable(QPainter& p, const QRect& area, const Json& element, const PreviewData& data, ChartHits& hits);
    void paintChart(QPainter& p, const QRect& area, const Json& element, const PreviewData& data, ChartHits& hits);
    void paintState(QPainter& p, const QRect& area, const PreviewData& data, const QString& elementId);
    void paintContent(QPainter& p, const QRect& area, const Json& element, const PreviewData& data, ChartHits& hits);

    struct CachedChart {
        QPixmap pixmap;
        QSize size;
        std::size_t key = 0;
        ChartHits hits; // relative to the pixmap
        ChartMarks marks;
    };
    std::map<QString, CachedChart> chartCache_;
    std::map<QString, ChartHits> hits_;
    std::map<QString, ChartMarks> marks_;
    std::map<QString, QRect> mapButtons_;
};

QString formatPreviewValue(const QVariant& value, const Json* format);

} // namespace quire::ide
