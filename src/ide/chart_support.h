#pragma once
// Shared pieces of the preview painters: reading channels off an element, the series palette, "nice" axis
// ticks, and the hit shapes a painted preview leaves behind so a click can be mapped back to its rows.
#include "preview_data.h"

#include <quire/core/json.h>

#include <QColor>
#include <QFont>
#include <QPainterPath>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <optional>
#include <string>
#include <utility>
#include <vector>

class QPainter;
class QRect;

namespace quire::ide {

// One clickable mark of a preview (a table row, a bar, a slice, a funnel stage, a map point...): its outline
// in the painter's coordinates, the indices of the PreviewData rows it stands for and, on charts with several
// measures, the PreviewData column of the value it shows (-1: the kind's own value channel).
struct ChartHit {
    ChartHit(QPainterPath shape_, std::vector<int> rows_, int measure_ = -1)
        : shape(std::move(shape_)), rows(std::move(rows_)), measure(measure_) {}
    QPainterPath shape;
    std::vector<int> rows;
    int measure = -1;
};
using ChartHits = std::vector<ChartHit>;

// A drawn annotation that is not a data mark (reference line or band, trend line, data label, KPI delta,
// data bar, hidden badge...): what it is, its text, its outline in the painter's coordinates and the value
// it stands for, recorded so a test can compare what was drawn with the data.
struct ChartMark {
    QString kind;
    QString text;
    QPainterPath shape;
    double value = 0;
};
using ChartMarks = std::vector<ChartMark>;

// Where a cartesian chart's values land in its rendered pixmap, for marks drawn over it (reference marks,
// trend lines, data labels): categories are equal bands across the plot, values linear on the axis range.
struct ChartFrame {
    QRectF plot;
    std::size_t categories = 0;
    double lo = 0, hi = 1;                              // the (left) value axis range
    std::optional<std::pair<double, double>> secondary; // the right axis range, when yAxis2 has one
    bool horizontal = false;                            // values run left to right, categories top to bottom
    QRectF legend;                                      // where the legend was drawn (empty: hidden)
    bool valid() const { return categories > 0 && hi > lo && plot.width() > 0 && plot.height() > 0; }
    // The pixel of (category index, value on the left axis); fractional indices fall between categories.
    QPointF at(double x, double value) const;
    // A right-axis value in left-axis units (the same height on both axes).
    double toPrimary(double value) const;
};

// The column id a channel points at: {columnId}, {id} (older map docs), {column} (colour), or the first of
// {columnIds: [id | {columnId}]}. Empty when the element has no such channel.
QString channelColumn(const Json& element, const char* channel);
// Every column id of a channel ({columnIds: [...]} or the single pointer).
QStringList channelColumns(const Json& element, const char* channel);
// The yAxis series in order: column id and the item's `type` (bar, line, area, scatter; "" when not given).
std::vector<std::pair<QString, std::string>> yAxisSeries(const Json& element);
// The PreviewData column of series s: one series per measure, or (colourSeries) one per colour category of
// the first measure.
int seriesMeasure(const std::vector<int>& measures, std::size_t s, bool colourSeries);
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
// `dataLabel` of a chart whose values are labelled on its marks (funnel, gauge, treemap): whether they are
// (`labels: hidden` hides them) and their format (`valueFormat`, else `columnFormat`).
struct ValueLabels {
    bool shown = true;
    const Json* format = nullptr;
};
ValueLabels valueLabels(const Json& element, const Json* columnFormat);
// Records a drawn value label (kind data-label) so tests can compare it with the data.
void recordValueLabel(ChartMarks& marks, const QString& text, const QRectF& box, double value);
// A grey centred message where a chart has nothing to draw.
void noData(QPainter& p, const QRect& area, const QString& why);

} // namespace quire::ide
