#include "qt_charts.h"

#include "preview_painter.h"

#include <QFontMetrics>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QHorizontalBarSeries>
#include <QtCharts/QHorizontalPercentBarSeries>
#include <QtCharts/QHorizontalStackedBarSeries>
#include <QtCharts/QLegend>
#include <QtCharts/QLineSeries>
#include <QtCharts/QPercentBarSeries>
#include <QtCharts/QPieSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QStackedBarSeries>
#include <QtCharts/QValueAxis>
#include <QGraphicsScene>
#include <QPainter>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace quire::ide {

namespace {

// A value axis over [lo, hi] with about five "nice" ticks labelled in the measure column's own format
// ("2.3%", "$120K"); falls back to a plain printf-format axis when the format would make ticks look alike.
QValueAxis* makeValueAxis(double lo, double hi, const Json* format, const QFont& font, bool percentOfWhole = false) {
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

// The chart's data as series x categories: one series per measure, or per value of the colour column.
struct SeriesTable {
    QStringList xs, names;
    std::vector<std::vector<double>> values; // [series][x]
    std::vector<std::vector<int>> rows;      // [series][x], -1 = no row
};

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

} // namespace

std::optional<QPixmap> renderQtChart(const QSize& size, const Json& element, const PreviewData& data, ChartHits& hits) {
    const std::string kind = element.value("kind", "");
    const bool circular = kind == "donut-chart" || kind == "pie-chart";
    const bool bars = kind == "bar-chart" || kind == "combo-chart";
    const std::string stacking = element.value("stacking", "none");
    const bool stacked = stacking == "stacked" || stacking == "normalized";
    const bool normalized = stacking == "normalized";
    const bool horizontal = bars && element.value("orientation", "") == "horizontal";
    const int xi = data.columnIndex(circular ? channelColumn(element, "color") : channelColumn(element, "xAxis"));
    std::vector<int> measures;
    for (const auto& id : channelColumns(element, circular ? "value" : "yAxis"))
        if (data.columnIndex(id) >= 0) measures.push_back(data.columnIndex(id));
    if (measures.empty()) return std::nullopt;
    QString seriesColumn;
    if (!circular && element.contains("color") && element["color"].is_object() && element["color"].value("by", "") == "category")
        seriesColumn = channelColumn(element, "color");
    const int si = data.columnIndex(seriesColumn);
    const SeriesTable t = seriesTable(element, data, xi, measures, si, circular ? 12 : 60);
    const std::size_t nx = std::size_t(t.xs.size()), ns = std::size_t(t.names.size());
    const Json* measureFormat = columnFormat(element, data.columnIds.value(measures[0]));

    // Stacked positions: base and top of every (series, x) mark; normalized charts in percent of the x total.
    std::vector<std::vector<double>> base(ns, std::vector<double>(nx, 0.0)), top = t.values;
    double lowest = 0, highest = 0;
    for (std::size_t x = 0; x < nx; ++x) {
        double total = 0, pos = 0, neg = 0;
        for (std::size_t s = 0; s < ns; ++s) total += std::fabs(t.values[s][x]);
        for (std::size_t s = 0; s < ns; ++s) {
            double v = t.values[s][x];
            if (normalized) v = total > 0 ? 100.0 * v / total : 0.0;
            if (stacked) {
                double& run = v >= 0 ? pos : neg;
                base[s][x] = run;
                run += v;
                top[s][x] = run;
            } else {
                top[s][x] = v;
            }
            lowest = std::min({lowest, top[s][x], base[s][x]});
            highest = std::max({highest, top[s][x], base[s][x]});
        }
    }

    auto* chart = new QChart;
    chart->setBackgroundVisible(false);
    chart->setMargins(QMargins(0, 0, circular ? 0 : 12, 0)); // room for the last value-axis label
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setVisible(circular || ns > 1);
    chart->legend()->setAlignment(circular ? Qt::AlignRight : Qt::AlignTop);
    QFont axisFont;
    axisFont.setPixelSize(9);
    chart->legend()->setFont(axisFont);
    QAbstractSeries* anchor = nullptr; // a series to map values to positions with
    QPieSeries* pie = nullptr;
    const double barWidth = 0.7;
    if (circular) {
        pie = new QPieSeries;
        for (std::size_t x = 0; x < nx; ++x) {
            auto* slice = pie->append(t.xs[int(x)], t.values[0][x]);
            slice->setColor(seriesColour(int(x)));
            slice->setBorderColor(Qt::white);
        }
        if (kind == "donut-chart") pie->setHoleSize(0.55);
        chart->addSeries(pie);
    } else if (bars) {
        QAbstractBarSeries* series = nullptr;
        if (horizontal) series = normalized ? static_cast<QAbstractBarSeries*>(new QHorizontalPercentBarSeries)
                                 : stacked  ? static_cast<QAbstractBarSeries*>(new QHorizontalStackedBarSeries)
                                            : static_cast<QAbstractBarSeries*>(new QHorizontalBarSeries);
        else series = normalized ? static_cast<QAbstractBarSeries*>(new QPercentBarSeries)
                      : stacked  ? static_cast<QAbstractBarSeries*>(new QStackedBarSeries)
                                 : static_cast<QAbstractBarSeries*>(new QBarSeries);
        series->setBarWidth(barWidth);
        for (std::size_t s = 0; s < ns; ++s) {
            auto* set = new QBarSet(t.names[int(s)]);
            set->setColor(seriesColour(int(s)));
            set->setBorderColor(seriesColour(int(s)));
            for (std::size_t x = 0; x < nx; ++x) *set << t.values[s][x];
            series->append(set);
        }
        chart->addSeries(series);
        auto* cats = new QBarCategoryAxis;
        cats->append(t.xs);
        cats->setLabelsFont(axisFont);
        if (!horizontal) cats->setLabelsAngle(categoryLabelAngle(t.xs, axisFont, size.width()));
        QValueAxis* vals = makeValueAxis(lowest, highest, measureFormat, axisFont, normalized);
        chart->addAxis(cats, horizontal ? Qt::AlignLeft : Qt::AlignBottom);
        chart->addAxis(vals, horizontal ? Qt::AlignBottom : Qt::AlignLeft);
        series->attachAxis(cats);
        series->attachAxis(vals);
        anchor = series;
    } else { // line, area, scatter: x positions are the categories in row order
        auto* x = new QBarCategoryAxis;
        x->append(t.xs);
        x->setLabelsFont(axisFont);
        x->setLabelsAngle(categoryLabelAngle(t.xs, axisFont, size.width()));
        QValueAxis* y = makeValueAxis(lowest, highest * (stacked ? 1.0 : 1.05), measureFormat, axisFont, normalized);
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        auto* xv = new QValueAxis;
        xv->setRange(-0.5, double(std::max<std::size_t>(1, nx)) - 0.5);
        xv->setVisible(false);
        chart->addAxis(xv, Qt::AlignTop);
        for (std::size_t s = 0; s < ns; ++s) {
            const QColor c = seriesColour(int(s));
            auto* upper = kind == "scatter-chart" ? static_cast<QXYSeries*>(new QScatterSeries) : static_cast<QXYSeries*>(new QLineSeries);
            upper->setName(t.names[int(s)]);
            for (std::size_t i = 0; i < nx; ++i)
                if (t.rows[s][i] >= 0 || stacked) upper->append(double(i), top[s][i]);
            upper->setColor(c);
            if (auto* scatter = qobject_cast<QScatterSeries*>(upper)) {
                scatter->setMarkerSize(9);
                scatter->setBorderColor(Qt::white);
            }
            QAbstractSeries* series = upper;
            if (kind == "area-chart") {
                QLineSeries* lower = nullptr;
                if (stacked) {
                    lower = new QLineSeries;
                    for (std::size_t i = 0; i < nx; ++i) lower->append(double(i), base[s][i]);
                }
                auto* area = new QAreaSeries(static_cast<QLineSeries*>(upper), lower);
                area->setName(t.names[int(s)]);
                QColor fill = c;
                fill.setAlpha(stacked ? 170 : 70);
                area->setColor(fill);
                area->setBorderColor(c);
                series = area;
            }
            chart->addSeries(series);
            series->attachAxis(y);
            series->attachAxis(xv);
            if (!anchor) anchor = series;
        }
    }

    QGraphicsScene scene;
    scene.addItem(chart);
    chart->setGeometry(QRectF(QPointF(0, 0), QSizeF(size)));
    QPixmap pixmap(size);
    pixmap.fill(Qt::transparent);
    {
        QPainter pp(&pixmap);
        pp.setRenderHint(QPainter::Antialiasing);
        scene.render(&pp, QRectF(QPointF(0, 0), QSizeF(size)), QRectF(QPointF(0, 0), QSizeF(size)));
    }

    // Hit shapes of the marks, from the laid-out plot area.
    const QRectF plot = chart->plotArea();
    if (pie) {
        const double radius = std::min(plot.width(), plot.height()) * pie->pieSize() / 2;
        const QPointF centre = plot.center();
        const QRectF box(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius);
        double sum = 0;
        for (std::size_t x = 0; x < nx; ++x) sum += std::max(0.0, t.values[0][x]);
        double angle = 0; // clockwise from 12 o'clock, as QPieSeries draws
        QPainterPath hole;
        if (kind == "donut-chart") hole.addEllipse(centre, radius * pie->holeSize() / pie->pieSize(), radius * pie->holeSize() / pie->pieSize());
        for (std::size_t x = 0; x < nx && sum > 0; ++x) {
            const double span = 360.0 * std::max(0.0, t.values[0][x]) / sum;
            QPainterPath wedge;
            wedge.moveTo(centre);
            wedge.arcTo(box, 90 - angle, -span);
            wedge.closeSubpath();
            if (!hole.isEmpty()) wedge = wedge.subtracted(hole);
            hits.push_back({wedge, {t.rows[0][x]}});
            angle += span;
        }
    } else if (bars && anchor && nx > 0) {
        const double band = (horizontal ? plot.height() : plot.width()) / double(nx);
        const double group = band * barWidth;
        for (std::size_t s = 0; s < ns; ++s)
            for (std::size_t x = 0; x < nx; ++x) {
                if (t.rows[s][x] < 0) continue;
                const double thick = stacked ? group : group / double(ns);
                const double offset = stacked ? 0 : thick * double(s);
                const QPointF a = horizontal ? chart->mapToPosition(QPointF(base[s][x], double(x)), anchor)
                                             : chart->mapToPosition(QPointF(double(x), base[s][x]), anchor);
                const QPointF b = horizontal ? chart->mapToPosition(QPointF(top[s][x], double(x)), anchor)
                                             : chart->mapToPosition(QPointF(double(x), top[s][x]), anchor);
                QRectF r = horizontal ? QRectF(QPointF(std::min(a.x(), b.x()), a.y() - group / 2 + offset), QSizeF(std::fabs(b.x() - a.x()), thick))
                                      : QRectF(QPointF(a.x() - group / 2 + offset, std::min(a.y(), b.y())), QSizeF(thick, std::fabs(b.y() - a.y())));
                QPainterPath path;
                path.addRect(r);
                hits.push_back({path, {t.rows[s][x]}});
            }
    } else if (anchor) {
        for (std::size_t s = 0; s < ns; ++s)
            for (std::size_t x = 0; x < nx; ++x) {
                if (t.rows[s][x] < 0) continue;
                QPainterPath dot;
                dot.addEllipse(chart->mapToPosition(QPointF(double(x), top[s][x]), anchor), 7, 7);
                hits.push_back({dot, {t.rows[s][x]}});
            }
    }
    return pixmap;
}

} // namespace quire::ide
