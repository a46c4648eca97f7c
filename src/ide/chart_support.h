#pragma once
// Shared pieces of the preview painters: reading channels off an element, the series palette, "nice" axis
// ticks, and the hit shapes a painted preview leaves behind so a click can be mapped back to its rows.
#include "preview_data.h"

#include <quire/core/json.h>

#include <QColor>
#include <QFont>
#include <QPainterPath>
#include <QString>
#include <QStringList>

#include <vector>

class QPainter;
class QRect;

namespace quire::ide {

// One clickable mark of a preview (a table row, a bar, a slice, a funnel stage, a map point...): its outline
// in the painter's coordinates and the indices of the PreviewData rows it stands for.
struct ChartHit {
    QPainterPath shape;
    std::vector<int> rows;
};
using ChartHits = std::vector<ChartHit>;

// The column id a channel points at: {columnId}, {id} (older map docs), {column} (colour), or the first of
// {columnIds: [id | {columnId}]}. Empty when the element has no such channel.
QString channelColumn(const Json& element, const char* channel);
// Every column id of a channel ({columnIds: [...]} or the single pointer).
QStringList channelColumns(const Json& element, const char* channel);
// The element column's Sigma format object, or nullptr.
const Json* columnFormat(const Json& element, const QString& columnId);
bool isNumericVariant(const QVariant& v);
// The series colour for position i (indigo, sky, emerald, amber, red, violet, teal, slate, ...).
QColor seriesColour(int i);
// About `count` round tick values covering [lo, hi] (1, 2, 2.5, 5 x 10^n steps), first <= lo, last >= hi.
std::vector<double> niceTicks(double lo, double hi, int count = 5);
// The first numeric column of the data that is not one of `exclude` (charts that size by "the measure").
int firstMeasureIndex(const PreviewData& data, const QStringList& exclude);
// A colour on a scale of stops (hex strings) at t in [0, 1].
QColor scaleColour(const std::vector<QColor>& stops, double t);
// Black or white, whichever reads better on `background`.
QColor textOn(const QColor& background);
// The painter's font at a pixel size.
QFont sized(const QPainter& p, int pixels, bool bold = false);
// A cell of the data, or an invalid QVariant outside it.
QVariant cell(const PreviewData& data, std::size_t row, int column);
// A grey centred message where a chart has nothing to draw.
void noData(QPainter& p, const QRect& area, const QString& why);

} // namespace quire::ide
