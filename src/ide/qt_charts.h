#pragma once
// Cartesian (bar, line, area, scatter, combo) and circular (pie, donut) previews through Qt Charts, rendered
// to a pixmap: several measures or a colour-by-category column become series; `stacking: stacked|normalized`
// stacks bars and areas (100% for normalized); `orientation: horizontal` lays bars sideways. The marks'
// outlines (bars, points, slices) come back as hits relative to the pixmap.
#include "chart_support.h"

#include <QPixmap>

#include <optional>

namespace quire::ide {

struct SharedAxes;

// nullopt when the element has no measure the chart can plot. `shared`: one panel of a trellis (trellis_axes.h).
std::optional<QPixmap> renderQtChart(const QSize& size, const Json& element, const PreviewData& data, ChartHits& hits,
                                     ChartMarks& marks, SharedAxes* shared = nullptr);

} // namespace quire::ide
