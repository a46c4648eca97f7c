#pragma once
// Combo charts (spec §3.5): each yAxis series drawn as its own `type` (bar, line, area, scatter) over shared
// categories, and the series listed on `yAxis2` measured on a second value axis on the right.
#include "qt_chart_parts.h"

#include <QPixmap>

namespace quire::ide {

struct SharedAxes;

// `shared`: one panel of a trellis (trellis_axes.h); when collecting, only its ranges are widened.
QPixmap renderCombo(const QSize& size, const Json& element, const PreviewData& data, const SeriesTable& t,
                    const std::vector<std::string>& shapes, const std::vector<bool>& secondary, const std::vector<int>& measures,
                    ChartHits& hits, ChartFrame& frame, std::vector<std::vector<QPointF>>& anchors,
                    SharedAxes* shared = nullptr);

} // namespace quire::ide
