#pragma once
// Draws an element's live preview inside its canvas card: tables and pivots as grids, KPIs as a big
// number, cartesian and circular charts through Qt Charts (rendered to a cached pixmap), the rest as bars.
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

private:
    void paintTable(QPainter& p, const QRect& area, const PreviewData& data) const;
    void paintKpi(QPainter& p, const QRect& area, const Json& element, const PreviewData& data) const;
    void paintChart(QPainter& p, const QRect& area, const Json& element, const PreviewData& data);
    void paintState(QPainter& p, const QRect& area, const PreviewData& data) const;

    struct CachedChart {
        QPixmap pixmap;
        QSize size;
        const void* rowsKey = nullptr;
        std::size_t rowCount = 0;
    };
    std::map<QString, CachedChart> chartCache_;
};

QString formatPreviewValue(const QVariant& value, const Json* format);

} // namespace quire::ide
