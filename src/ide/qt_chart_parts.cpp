// Pieces shared by the Qt Charts previews (qt_charts.cpp, combo_chart.cpp): value axes in the measure's format,
// the rows as a series x category table, and the category label angle.
#include "qt_chart_parts.h"

#include "preview_painter.h"

#include <QFontMetrics>
#include <QSet>
#include <QtCharts/QCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QLegend>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>

namespace quire::ide {

void applyLegend(QChart* chart, const Json& element, bool visible, Qt::Alignment alignment, const QFont& font) {
    QFont legendFont = font;
    const Json legend = element.is_object() ? element.value("legend", Json()) : Json();
    if (legend.is_object()) {
        if (legend.value("visibility", "") == "hidden") visible = false;
        else if (legend.contains("position") && legend["position"].is_string()) {
            const std::string position = legend["position"].get<std::string>();
            visible = true; // an authored position shows the legend even for one series
            alignment = position == "bottom" ? Qt::AlignBottom : position == "left" ? Qt::AlignLeft : position == "right" ? Qt::AlignRight : Qt::AlignTop;
        }
        if (legend.contains("fontSize") && legend["fontSize"].is_number())
            legendFont.setPixelSize(std::clamp(int(legend["fontSize"].get<double>()), 6, 48));
        if (legend.contains("color") && legend["color"].is_string() && QColor(QString::fromStdString(legend["color"].get<std::string>())).isValid())
            chart->legend()->setLabelColor(QColor(QString::fromStdString(legend["color"].get<std::string>())));
    }
    chart->legend()->setFont(legendFont);
    chart->legend()->setVisible(visible);
    chart->legend()->setAlignment(alignment);
}

std::pair<double, double> axisRange(double lo, double hi) {
    const std::vector<double> ticks = niceTicks(lo, hi, 5);
    return {ticks.front(), ticks.back()};
}

// A value axis over [lo, hi] with about five "nice" ticks labelled in the measure column's own format
// ("2.3%", "$120K"); falls back to a plain printf-format axis when the format would make ticks look alike.
QValueAxis* makeValueAxis(double lo, double hi, const Json* format, const QFont& font, bool percentOfWhole) {
    if (percentOfWhole) {
        auto* axis = new QValueAxis;
        axis->setRange(0, 100);
        axis->setTickCount(5);
        axis->setLabelFormat("%.0f%%");
        axis->setLabelsFont(font);
        return axis;
    }
    const std::vector<double> ticks = niceTicks(lo, hi, 5);
    const double start = ticks.front(), end = ticks.back();
    auto* axis = new QCategoryAxis;
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    axis->setStartValue(start);
    QSet<QString> seen;
    bool distinct = true;
    for (double tick : ticks) {
        const QString label = formatPreviewValue(QVariant(tick), format);
        if (seen.contains(label)) { distinct = false; break; }
        seen.insert(label);
        axis->append(label, tick);
    }
    if (!distinct) {
        delete axis;
        auto* plain = new QValueAxis;
        plain->setLabelFormat(std::max(std::fabs(lo), std::fabs(hi)) >= 1000 ? "%.0f" : "%.3g");
        plain->setRange(start, end);
        plain->setLabelsFont(font);
        return plain;
    }
    axis->setRange(start, end);
    axis->setLabelsFont(font);
    axis->setGridLineVisible(true);
    return axis;
}

SeriesTable seriesTable(const Json& element, const PreviewData& data, int xi, const std::vector<int>& measures, int si, std::size_t limit) {
    SeriesTable t;
    std::vector<std::pair<int, int>> cells; // (x index, series index) per row
    for (std::size_t r = 0; r < std::min(limit, data.rows.size()); ++r) {
        const auto& row = data.rows[r];
        const QString x = xi >= 0 && xi < int(row.size()) ? formatPreviewValue(row[std::size_t(xi)], columnFormat(element, data.columnIds.value(xi)))
                                                          : QString::number(r + 1);
        if (!t.xs.contains(x)) t.xs << x;
        if (si >= 0) {
            const QString s = formatPreviewValue(si < int(row.size()) ? row[std::size_t(si)] : QVariant(), nullptr);
            if (!t.names.contains(s)) t.names << s;
        }
    }
    if (si < 0)
        for (int m : measures) t.names << data.columnNames.value(m);
    t.values.assign(std::size_t(t.names.size()), std::vector<double>(std::size_t(t.xs.size()), 0.0));
    t.rows.assign(std::size_t(t.names.size()), std::vector<int>(std::size_t(t.xs.size()), -1));
    for (std::size_t r = 0; r < std::min(limit, data.rows.size()); ++r) {
        const auto& row = data.rows[r];
        const QString x = xi >= 0 && xi < int(row.size()) ? formatPreviewValue(row[std::size_t(xi)], columnFormat(element, data.columnIds.value(xi)))
                                                          : QString::number(r + 1);
        const std::size_t xIndex = std::size_t(t.xs.indexOf(x));
        if (si >= 0) {
            const std::size_t s = std::size_t(t.names.indexOf(formatPreviewValue(si < int(row.size()) ? row[std::size_t(si)] : QVariant(), nullptr)));
            t.values[s][xIndex] += measures[0] < int(row.size()) ? row[std::size_t(measures[0])].toDouble() : 0.0;
            t.rows[s][xIndex] = int(r);
        } else {
            for (std::size_t m = 0; m < measures.size(); ++m) {
                t.values[m][xIndex] += measures[m] < int(row.size()) ? row[std::size_t(measures[m])].toDouble() : 0.0;
                t.rows[m][xIndex] = int(r);
            }
        }
    }
    return t;
}

// Horizontal category labels when the widest fits its slot (months as "Jan".."Dec"), else vertical: Qt elides
// labels that do not fit, which left a row of "..." under busy axes.
int categoryLabelAngle(const QStringList& labels, const QFont& font, int chartWidth) {
    if (labels.isEmpty()) return 0;
    const QFontMetrics metrics(font);
    int widest = 0;
    for (const auto& label : labels) widest = std::max(widest, metrics.horizontalAdvance(label));
    const double slot = double(std::max(1, chartWidth - 70)) / double(labels.size());
    // Qt elides a label well before it touches its neighbour, and slanted labels too: horizontal with room to
    // spare, else vertical (elided only by the axis height).
    return widest + 14 <= slot ? 0 : -90;
}


} // namespace quire::ide
