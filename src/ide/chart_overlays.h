#pragma once
// What is drawn over a rendered cartesian chart (spec §3.5): reference marks (`refMarks`: lines and bands on
// the value axis at values the warehouse computed, or on a category), trend lines (`trendlines`:
// least-squares fits of a yAxis series) and data labels (`dataLabel` with `labelDisplay` and `valueFormat`).
// Every annotation is recorded in `marks`.
#include "qt_chart_parts.h"

class QPainter;

namespace quire::ide {

struct OverlayInput {
    const Json& element;
    const PreviewData& data;
    const SeriesTable& table;
    const std::vector<int>& measures;  // data column per series (measure mode) or of every series (by colour)
    const std::vector<bool>& secondary; // series on yAxis2 (values drawn in left-axis units)
    const std::vector<std::vector<QPointF>>& anchors; // [series][x] where a label sits (top of bar, point); NaN = none
    bool byColour = false;              // series are the categories of a colour column
    bool stacked = false;
};

void paintChartOverlays(QPainter& p, const ChartFrame& frame, const OverlayInput& in, ChartMarks& marks);

// Least-squares trend of (x, y) points; nullopt with `why` set when the model's preconditions fail
// (exponential and power need y > 0, logarithmic and power x > 0, at least degree + 1 points).
struct TrendFit {
    std::string model;
    std::vector<double> coefficients; // polynomial: c0 + c1 x + ...; exponential a e^(b x); logarithmic a + b ln x; power a x^b
    double at(double x) const;
};
std::optional<TrendFit> fitTrend(const std::string& model, int degree, const std::vector<double>& xs, const std::vector<double>& ys,
                                 QString& why);

} // namespace quire::ide
