#pragma once
// Pieces shared by the Qt Charts previews (qt_charts.cpp, combo_chart.cpp).
#include "chart_support.h"

#include <QFont>

#include <string>
#include <utility>
#include <vector>

QT_BEGIN_NAMESPACE
class QValueAxis;
class QChart;
QT_END_NAMESPACE

namespace quire::ide {

// The chart's data as series x categories: one series per measure, or per value of the colour column.
struct SeriesTable {
    QStringList xs, names;
    std::vector<std::vector<double>> values; // [series][x]
    std::vector<std::vector<int>> rows;      // [series][x], -1 = no row
};
SeriesTable seriesTable(const Json& element, const PreviewData& data, int xi, const std::vector<int>& measures, int si, std::size_t limit);

// The range a value axis over [lo, hi] spans: its first and last "nice" tick.
std::pair<double, double> axisRange(double lo, double hi);
// A value axis over axisRange(lo, hi) with about five ticks labelled in the measure column's own format
// ("2.3%", "$120K"); a plain printf-format axis when the format would make ticks look alike.
QValueAxis* makeValueAxis(double lo, double hi, const Json* format, const QFont& font, bool percentOfWhole = false);
// The chart's legend as `legend` says (spec §3.5): `{visibility: hidden}` hides it; `position`
// (top, bottom, left, right) and `fontSize` place and size it; otherwise `visible` at `alignment`.
void applyLegend(QChart* chart, const Json& element, bool visible, Qt::Alignment alignment, const QFont& font);
// 0 (flat) when the widest category label fits its slot, else -90.
int categoryLabelAngle(const QStringList& labels, const QFont& font, int chartWidth);

} // namespace quire::ide
