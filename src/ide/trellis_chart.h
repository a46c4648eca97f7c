#pragma once
// Trellised charts (spec §3.5 `trellis {rowsBy, columnsBy: [{columnId}]}` on bar, line, area, combo, scatter and
// donut charts): small multiples, one panel per value of the rowsBy columns (rows) x the columnsBy columns
// (columns), each labelled with its values and drawn by the ordinary chart painter over the panel's rows, with
// shared axes: every panel has the same categories, series colours and value range. One trellis dimension
// alone runs in its own direction unless a wrapped grid gives the panels clearly more room. At most kMaxTrellisPanels panels are drawn;
// the card says how many exist when there are more.
#include "chart_support.h"

#include <QPixmap>
#include <QSize>

#include <optional>

namespace quire::ide {

constexpr int kMaxTrellisPanels = 24;

// The trellis column ids of the element, rowsBy and columnsBy (empty when it has none or its kind draws none).
QStringList trellisColumns(const Json& element, const char* dimension);
// True when the element is a kind that draws trellis and one of its trellis columns is in the data.
bool isTrellised(const Json& element, const PreviewData& data);

// The whole card: a shared legend, the panels and their labels. Marks: one `trellis-panel` per panel (text:
// its label, shape: the panel's chart, value: its index), the panels' own marks, `trellis-more` when panels
// were left out or the rows are a window of the result (value: how many panels the rows have). Hits name rows of `data`. nullopt: no measure to plot.
std::optional<QPixmap> renderTrellis(const QSize& size, const Json& element, const PreviewData& data, ChartHits& hits,
                                     ChartMarks& marks);

} // namespace quire::ide
