#pragma once
// What a hovered mark of a chart or map preview says (Sigma's chart tooltip, spec §3.5 `tooltip`): the mark's
// category, its value(s) in the column format, then the tooltip's extra columns for the mark's rows.
#include "chart_support.h"
#include "preview_data.h"

#include <quire/core/json.h>

#include <QString>
#include <QStringList>

namespace quire::ide {

// The extra columns of an element's tooltip: `tooltip.columnIds: [id | {columnId}]` on charts, the
// `tooltip: [{columnId}]` array on maps (either shape is read on any kind).
QStringList tooltipColumns(const Json& element);

// The lines of a hovered mark's tooltip ("Channel: Paid Search", "Sessions: 1,204", ...); empty when the element
// kind shows none (tables, pivots, KPIs, controls). `tooltip.columnNames: hidden` drops the "Name: " prefixes,
// `multiSeries: shown` lists every yAxis measure of the mark's row, `valueFormat` formats the measure values.
// A mark standing for several rows (a region, a sankey ribbon) adds numbers up and lists distinct other values.
QStringList markToolTipLines(const Json& element, const PreviewData& data, const ChartHit& hit);

// The lines as the rich text a QToolTip shows (escaped, the first line bold); empty when there are none.
QString markToolTip(const Json& element, const PreviewData& data, const ChartHit& hit);

} // namespace quire::ide
