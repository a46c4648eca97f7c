#pragma once
// Line and scatter charts with more rows than a plot can show (issue #15): the rows are reduced before Qt
// Charts sees them — line charts by LTTB to kLinePointTarget points per measure (the shape, peaks and troughs
// kept), scatter charts to one point per few-pixel cell (every occupied spot stays drawn) — and the card says
// so ("Showing 2,000 of 1,000,000 points (downsampled)", a "downsampled" mark). The x axis is the x column's
// value when it is numeric or a date, else the row order.
#include "chart_support.h"

#include <QPixmap>

#include <optional>

namespace quire::ide {

inline constexpr std::size_t kLinePointTarget = 2000;  // points an LTTB-reduced line keeps
inline constexpr std::size_t kCategoryRows = 60;       // rows up to which line/scatter charts use category axes
inline constexpr int kScatterCellPixels = 3;           // side of a scatter reduction cell, in pixels
inline constexpr int kScatterDotPixels = 5;            // diameter of a scatter dot

// nullopt when the chart is not a big plain line/scatter chart (another kind, stacking, colour categories,
// mixed mark types, a secondary axis, or no more than kCategoryRows rows): the caller draws it on category axes
// (which show at most kCategoryRows). Every valid point is drawn while a series has no more than the target;
// the note only appears when points were left out (or the fetch window cut the result).
std::optional<QPixmap> renderBigSeriesChart(const QSize& size, const Json& element, const PreviewData& data, ChartHits& hits,
                                            ChartMarks& marks);

} // namespace quire::ide
