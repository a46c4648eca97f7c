#include "combo_chart.h"

#include "trellis_axes.h"

#include <QGraphicsScene>
#include <QPainter>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QLegend>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>

namespace quire::ide {

QPixmap renderCombo(const QSize& size, const Json& element, const PreviewData& data, const SeriesTable& t,
                    const std::vector<std::string>& shapes, const std::vector<bool>& secondary, const std::vector<int>& measures,
                    ChartHits& hits, ChartFrame& frame, std::vector<std::vector<QPointF>>& anchors,
                    SharedAxes* shared) {
    const std::size_t nx = std::size_t(t.xs.size()), ns = std::size_t(t.names.size());
    // Each axis spans its own series (and zero).
    double lo1 = 0, hi1 = 0, lo2 = 0, hi2 = 0;
    bool anySecondary = false;
    for (std::size_t s = 0; s < ns; ++s) {
        anySecondary = anySecondary || secondary[s];
        for (std::size_t x = 0; x < nx; ++x) {
            if (t.rows[s][x] < 0) continue;
            double& lo = secondary[s] ? lo2 : lo1;
            double& hi = secondary[s] ? hi2 : hi1;
            lo = std::min(lo, t.values[s][x]), hi = std::max(hi, t.values[s][x]);
        }
    }
    if (shared) {
        shared->share(shared->primary, lo1, hi1);
        shared->share(shared->secondary, lo2, hi2);
        if (shared->collecting) return QPixmap();
    }
    const auto [s1, e1] = axisRange(lo1, hi1);
    const auto [s2, e2] = axisRange(lo2, hi2);
    // Secondary values are drawn in primary units, so every series shares one pair of axes; the right-hand
    // axis is labelled with the secondary range over the same height.
    auto primary = [&, s1 = s1, e1 = e1, s2 = s2, e2 = e2](std::size_t s, double v) {
        return secondary[s] ? s1 + (v - s2) / (e2 - s2) * (e1 - s1) : v;
    };
    auto formatOf = [&](bool second) {
        for (std::size_t s = 0; s < ns && s < measures.size(); ++s)
            if (secondary[s] == second) return columnFormat(element, data.columnIds.value(measures[s]));
        return columnFormat(element, data.columnIds.value(measures[0]));
    };

    auto* chart = new QChart;
    chart->setBackgroundVisible(false);
    chart->setMargins(QMargins(0, 0, anySecondary ? 0 : 12, 0));
    chart->setAnimationOptions(QChart::NoAnimation);
    QFont axisFont;
    axisFont.setPixelSize(9);
    applyLegend(chart, element, ns > 1, Qt::AlignTop, axisFont);
    auto* cats = new QBarCategoryAxis;
    cats->append(t.xs);
    cats->setLabelsFont(axisFont);
    cats->setLabelsAngle(categoryLabelAngle(t.xs, axisFont, size.width()));
    chart->addAxis(cats, Qt::AlignBottom);
    QValueAxis* left = makeValueAxis(s1, e1, formatOf(false), axisFont);
    chart->addAxis(left, Qt::AlignLeft);
    if (anySecondary) {
        QValueAxis* right = makeValueAxis(s2, e2, formatOf(true), axisFont);
        right->setGridLineVisible(false);
        chart->addAxis(right, Qt::AlignRight);
    }
    auto* xv = new QValueAxis; // line, area and scatter x positions: category centres
    xv->setRange(-0.5, double(std::max<std::size_t>(1, nx)) - 0.5);
    xv->setVisible(false);
    chart->addAxis(xv, Qt::AlignTop);

    std::vector<std::size_t> barSeries;
    for (std::size_t s = 0; s < ns; ++s)
        if (shapes[s] == "bar") barSeries.push_back(s);
    const double barWidth = 0.7;
    if (!barSeries.empty()) {
        auto* bars = new QBarSeries;
        bars->setBarWidth(barWidth);
        for (std::size_t s : barSeries) {
            auto* set = new QBarSet(t.names[int(s)]);
            set->setColor(seriesColour(int(s)));
            set->setBorderColor(seriesColour(int(s)));
            for (std::size_t x = 0; x < nx; ++x) *set << primary(s, t.values[s][x]);
            bars->append(set);
        }
        chart->addSeries(bars);
        bars->attachAxis(cats);
        bars->attachAxis(left);
    }
    for (std::size_t s = 0; s < ns; ++s) {
        if (shapes[s] == "bar") continue;
        const QColor c = seriesColour(int(s));
        auto* upper = shapes[s] == "scatter" ? static_cast<QXYSeries*>(new QScatterSeries) : static_cast<QXYSeries*>(new QLineSeries);
        upper->setName(t.names[int(s)] + (secondary[s] ? QObject::tr(" (right)") : QString()));
        for (std::size_t x = 0; x < nx; ++x)
            if (t.rows[s][x] >= 0) upper->append(double(x), primary(s, t.values[s][x]));
        upper->setColor(c);
        QAbstractSeries* series = upper;
        if (auto* scatter = qobject_cast<QScatterSeries*>(upper)) {
            scatter->setMarkerSize(9);
            scatter->setBorderColor(Qt::white);
        } else if (shapes[s] == "line") {
            QPen pen(c, 2.5);
            upper->setPen(pen);
            upper->setPointsVisible(true);
        } else { // area down to the axis zero
            auto* area = new QAreaSeries(static_cast<QLineSeries*>(upper));
            area->setName(upper->name());
            QColor fill = c;
            fill.setAlpha(80);
            area->setColor(fill);
            area->setBorderColor(c);
            series = area;
        }
        chart->addSeries(series);
        series->attachAxis(xv);
        series->attachAxis(left);
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
    frame.plot = chart->plotArea();
    if (chart->legend()->isVisible()) frame.legend = chart->legend()->geometry();
    frame.categories = nx;
    frame.lo = s1, frame.hi = e1;
    if (anySecondary) frame.secondary = std::make_pair(s2, e2);

    // Hit shapes: bars side by side in each category band, dots at the line/area/scatter points.
    const bool colourSeries = measures.size() != ns || (element.contains("color") && element["color"].is_object() &&
                                                        element["color"].value("by", "") == "category" &&
                                                        data.columnIndex(channelColumn(element, "color")) >= 0);
    const double band = frame.plot.width() / double(std::max<std::size_t>(1, nx));
    const double thick = band * barWidth / double(std::max<std::size_t>(1, barSeries.size()));
    for (std::size_t b = 0; b < barSeries.size(); ++b) {
        const std::size_t s = barSeries[b];
        for (std::size_t x = 0; x < nx; ++x) {
            if (t.rows[s][x] < 0) continue;
            const QPointF zero = frame.at(double(x), std::clamp(0.0, s1, e1)), top = frame.at(double(x), primary(s, t.values[s][x]));
            const QRectF r(QPointF(zero.x() - band * barWidth / 2 + thick * double(b), std::min(zero.y(), top.y())),
                           QSizeF(thick, std::fabs(top.y() - zero.y())));
            QPainterPath path;
            path.addRect(r);
            hits.push_back({path, {t.rows[s][x]}, seriesMeasure(measures, s, colourSeries)});
            anchors[s][x] = QPointF(r.center().x(), r.top());
        }
    }
    for (std::size_t s = 0; s < ns; ++s) {
        if (shapes[s] == "bar") continue;
        for (std::size_t x = 0; x < nx; ++x) {
            if (t.rows[s][x] < 0) continue;
            const QPointF point = frame.at(double(x), primary(s, t.values[s][x]));
            QPainterPath dot;
            dot.addEllipse(point, 7, 7);
            hits.push_back({dot, {t.rows[s][x]}, seriesMeasure(measures, s, colourSeries)});
            anchors[s][x] = point - QPointF(0, 3);
        }
    }
    return pixmap;
}

} // namespace quire::ide
