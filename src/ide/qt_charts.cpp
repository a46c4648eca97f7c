#include "qt_charts.h"

#include "big_series_chart.h"
#include "chart_overlays.h"
#include "combo_chart.h"
#include "qt_chart_parts.h"
#include "preview_painter.h"
#include "trellis_axes.h"

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
#include <tuple>

namespace quire::ide {

namespace {
// A donut's `holeValue` column in the hole: its total over the slices, in the column's format; `hole.value`
// sets its colour and weight or hides it.
void paintHoleValue(QPixmap& pixmap, const Json& element, const PreviewData& data, const QPointF& centre, double hole, ChartMarks& marks) {
    const QString id = channelColumn(element, "holeValue");
    const int column = id.isEmpty() ? -1 : data.columnIndex(id);
    if (column < 0 || hole < 8) return;
    const Json style = element.contains("hole") && element["hole"].is_object() ? element["hole"].value("value", Json::object()) : Json::object();
    if (style.is_object() && style.value("visibility", "") == "hidden") return;
    double total = 0;
    for (std::size_t r = 0; r < data.rows.size(); ++r) total += cell(data, r, column).toDouble();
    const QString text = formatPreviewValue(QVariant(total), columnFormat(element, id));
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    QFont font = p.font();
    font.setBold(!(style.is_object() && style.value("fontWeight", "") == "normal"));
    int size = std::clamp(int(hole * 0.5), 8, 40);
    for (; size > 8; --size) {
        font.setPixelSize(size);
        if (QFontMetrics(font).horizontalAdvance(text) <= 1.7 * hole) break;
    }
    font.setPixelSize(size);
    p.setFont(font);
    QColor colour("#0f172a");
    if (style.is_object() && style.contains("color") && style["color"].is_string() && QColor(QString::fromStdString(style["color"].get<std::string>())).isValid())
        colour = QColor(QString::fromStdString(style["color"].get<std::string>()));
    p.setPen(colour);
    const QFontMetrics metrics(font);
    const QRectF box(centre.x() - metrics.horizontalAdvance(text) / 2.0, centre.y() - metrics.height() / 2.0, metrics.horizontalAdvance(text), metrics.height());
    p.drawText(box, Qt::AlignCenter, text);
    QPainterPath path;
    path.addRect(box);
    marks.push_back({"hole", text, path, total});
    QPainterPath ring;
    ring.addEllipse(centre, hole, hole);
    marks.push_back({"hole-edge", QString(), ring, hole});
}
} // namespace

std::optional<QPixmap> renderQtChart(const QSize& size, const Json& element, const PreviewData& data, ChartHits& hits,
                                     ChartMarks& marks, SharedAxes* shared) {
    if (!shared) // a trellis panel shares its axes with the others: drawn the usual way
        if (auto big = renderBigSeriesChart(size, element, data, hits, marks)) return big;
    const std::string kind = element.value("kind", "");
    const bool circular = kind == "donut-chart" || kind == "pie-chart";
    const bool bars = kind == "bar-chart" || kind == "combo-chart";
    const std::string stacking = element.value("stacking", "none");
    const bool stacked = stacking == "stacked" || stacking == "normalized";
    const bool normalized = stacking == "normalized";
    const bool horizontal = bars && element.value("orientation", "") == "horizontal";
    const int xi = data.columnIndex(circular ? channelColumn(element, "color") : channelColumn(element, "xAxis"));
    // Per measure: its mark shape (yAxis item `type`, else the kind's own) and whether it is on yAxis2.
    const std::string defaultShape = kind == "line-chart" ? "line" : kind == "area-chart" ? "area" : kind == "scatter-chart" ? "scatter" : "bar";
    const QStringList secondaryIds = circular ? QStringList() : channelColumns(element, "yAxis2");
    std::vector<int> measures;
    std::vector<std::string> shapes;
    std::vector<bool> secondary;
    for (const auto& [id, type] : circular ? std::vector<std::pair<QString, std::string>>{{channelColumn(element, "value"), ""}} : yAxisSeries(element))
        if (data.columnIndex(id) >= 0) {
            measures.push_back(data.columnIndex(id));
            shapes.push_back(type.empty() ? defaultShape : type);
            secondary.push_back(secondaryIds.contains(id));
        }
    if (measures.empty()) return std::nullopt;
    QString seriesColumn;
    if (!circular && element.contains("color") && element["color"].is_object() && element["color"].value("by", "") == "category")
        seriesColumn = channelColumn(element, "color");
    const int si = data.columnIndex(seriesColumn);
    SeriesTable t = seriesTable(element, data, xi, measures, si, circular ? 12 : 60);
    if (shared) alignSeriesTable(t, *shared);
    const std::size_t nx = std::size_t(t.xs.size()), ns = std::size_t(t.names.size());
    const Json* measureFormat = columnFormat(element, data.columnIds.value(measures[0]));
    if (si >= 0) { // one series per colour category: all take the first measure's shape and axis
        shapes.assign(ns, shapes[0]);
        secondary.assign(ns, bool(secondary[0]));
    }
    bool mixed = false; // a combo: series of different shapes, or a secondary axis
    for (std::size_t s = 0; s < ns; ++s) mixed = mixed || shapes[s] != defaultShape || secondary[s];
    ChartFrame frame;
    std::vector<std::vector<QPointF>> anchors(ns, std::vector<QPointF>(nx, QPointF(NAN, NAN))); // data label positions
    auto overlay = [&](QPixmap& pm) {
        QPainter pp(&pm);
        const OverlayInput in{element, data, t, measures, secondary, anchors, si >= 0, stacked && !mixed};
        paintChartOverlays(pp, frame, in, marks);
    };
    if (!circular && mixed) {
        QPixmap pm = renderCombo(size, element, data, t, shapes, secondary, measures, hits, frame, anchors, shared);
        if (!(shared && shared->collecting)) overlay(pm);
        return pm;
    }

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
    if (shared) {
        shared->share(shared->primary, lowest, highest);
        if (shared->collecting) return QPixmap();
    }

    auto* chart = new QChart;
    chart->setBackgroundVisible(false);
    chart->setMargins(QMargins(0, 0, circular ? 0 : 12, 0)); // room for the last value-axis label
    chart->setAnimationOptions(QChart::NoAnimation);
    QFont axisFont;
    axisFont.setPixelSize(9);
    applyLegend(chart, element, circular || ns > 1, circular ? Qt::AlignRight : Qt::AlignTop, axisFont);
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
        if (kind == "donut-chart") { // innerRadius: the hole's share of the outer radius (Sigma's default 0.6)
            const Json r = element.value("innerRadius", Json());
            const double inner = r.is_number() && r.get<double>() > 0 && r.get<double>() < 1 ? r.get<double>() : 0.6;
            pie->setHoleSize(inner * pie->pieSize());
        }
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
        std::tie(frame.lo, frame.hi) = normalized ? std::make_pair(0.0, 100.0) : axisRange(lowest, highest);
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
        std::tie(frame.lo, frame.hi) = normalized ? std::make_pair(0.0, 100.0) : axisRange(lowest, highest * (stacked ? 1.0 : 1.05));
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
    frame.plot = plot;
    if (chart->legend()->isVisible()) frame.legend = chart->legend()->geometry();
    frame.categories = circular ? 0 : nx;
    frame.horizontal = horizontal;
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
            if (t.rows[0][x] < 0) continue; // a trellis panel without this slice
            const double span = 360.0 * std::max(0.0, t.values[0][x]) / sum;
            QPainterPath wedge;
            wedge.moveTo(centre);
            wedge.arcTo(box, 90 - angle, -span);
            wedge.closeSubpath();
            if (!hole.isEmpty()) wedge = wedge.subtracted(hole);
            hits.push_back({wedge, {t.rows[0][x]}});
            angle += span;
        }
        if (kind == "donut-chart") paintHoleValue(pixmap, element, data, centre, radius * pie->holeSize() / pie->pieSize(), marks);
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
                hits.push_back({path, {t.rows[s][x]}, seriesMeasure(measures, s, si >= 0)});
                anchors[s][x] = horizontal ? QPointF(r.right(), r.center().y()) : QPointF(r.center().x(), r.top());
            }
    } else if (anchor) {
        for (std::size_t s = 0; s < ns; ++s)
            for (std::size_t x = 0; x < nx; ++x) {
                if (t.rows[s][x] < 0) continue;
                const QPointF point = chart->mapToPosition(QPointF(double(x), top[s][x]), anchor);
                QPainterPath dot;
                dot.addEllipse(point, 7, 7);
                hits.push_back({dot, {t.rows[s][x]}, seriesMeasure(measures, s, si >= 0)});
                anchors[s][x] = point - QPointF(0, 3);
            }
    }
    if (!circular) overlay(pixmap);
    else if (!frame.legend.isEmpty()) {
        QPainterPath box;
        box.addRect(frame.legend);
        marks.push_back({"legend", QString(), box, 0});
    }
    return pixmap;
}

} // namespace quire::ide
