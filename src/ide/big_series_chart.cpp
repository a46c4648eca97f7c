#include "big_series_chart.h"

#include "qt_chart_parts.h"

#include <quire/preview/downsample.h>

#include <QDate>
#include <QDateTime>
#include <QFontMetrics>
#include <QGraphicsScene>
#include <QPainter>
#include <QtCharts/QChart>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>

#include <cmath>
#include <limits>

namespace quire::ide {

namespace {
const double kNoValue = std::numeric_limits<double>::quiet_NaN();

// A cell as a number for the x axis: numbers as is, dates and timestamps as milliseconds since the epoch.
double axisNumber(const QVariant& v, bool& dates) {
    if (v.isNull()) return kNoValue;
    switch (v.metaType().id()) {
    case QMetaType::QDate:
        dates = true;
        return double(QDateTime(v.toDate(), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch());
    case QMetaType::QDateTime:
        dates = true;
        return double(v.toDateTime().toMSecsSinceEpoch());
    default:
        return isNumericVariant(v) ? v.toDouble() : kNoValue;
    }
}

// The x column's values when every non-null one is a number or a date (ascending order is the planner's axis
// sort), else the row positions.
std::vector<double> xValues(const PreviewData& data, int xi, bool& dates) {
    std::vector<double> xs(data.rows.size());
    bool numeric = xi >= 0;
    static const QVariant none;
    for (std::size_t r = 0; r < data.rows.size() && numeric; ++r) {
        const auto& row = data.rows[r]; // by reference: a QVariant copy per cell is most of the cost at 1M rows
        const QVariant& v = std::size_t(xi) < row.size() ? row[std::size_t(xi)] : none;
        xs[r] = axisNumber(v, dates);
        numeric = !(std::isnan(xs[r]) && !v.isNull());
    }
    if (numeric) return xs;
    dates = false;
    for (std::size_t r = 0; r < xs.size(); ++r) xs[r] = double(r);
    return xs;
}

std::vector<double> measureValues(const PreviewData& data, int column) {
    std::vector<double> ys(data.rows.size());
    for (std::size_t r = 0; r < data.rows.size(); ++r) {
        const auto& row = data.rows[r];
        if (std::size_t(column) >= row.size()) {
            ys[r] = kNoValue;
            continue;
        }
        const QVariant& v = row[std::size_t(column)];
        ys[r] = v.isNull() || !isNumericVariant(v) ? kNoValue : v.toDouble();
    }
    return ys;
}
} // namespace

std::optional<QPixmap> renderBigSeriesChart(const QSize& size, const Json& element, const PreviewData& data, ChartHits& hits,
                                            ChartMarks& marks) {
    const std::string kind = element.value("kind", "");
    const bool scatter = kind == "scatter-chart";
    if (!(scatter || kind == "line-chart") || data.rows.size() <= kCategoryRows) return std::nullopt;
    if (element.value("stacking", "none") != "none" || !channelColumns(element, "yAxis2").isEmpty()) return std::nullopt;
    if (element.contains("color") && element["color"].is_object() && element["color"].value("by", "") == "category") return std::nullopt;
    std::vector<int> measures;
    for (const auto& [id, type] : yAxisSeries(element)) {
        if (!type.empty() && type != (scatter ? "scatter" : "line")) return std::nullopt; // a combo
        if (const int c = data.columnIndex(id); c >= 0) measures.push_back(c);
    }
    if (measures.empty()) return std::nullopt;

    bool dates = false;
    const std::vector<double> xs = xValues(data, data.columnIndex(channelColumn(element, "xAxis")), dates);
    auto* chart = new QChart;
    chart->setBackgroundVisible(false);
    chart->setMargins(QMargins(0, 0, 12, 0));
    chart->setAnimationOptions(QChart::NoAnimation);
    QFont axisFont;
    axisFont.setPixelSize(9);
    applyLegend(chart, element, measures.size() > 1, Qt::AlignTop, axisFont);
    std::vector<std::vector<std::size_t>> kept;
    std::vector<std::vector<double>> values; // per measure
    double lowest = std::numeric_limits<double>::infinity(), highest = -lowest, left = lowest, right = -lowest;
    std::size_t shown = 0;
    bool reduced = false; // some valid point is not drawn
    for (std::size_t m = 0; m < measures.size(); ++m) {
        values.push_back(measureValues(data, measures[m]));
        const std::vector<double>& ys = values.back();
        kept.push_back(scatter ? preview::pixelCells(xs, ys, std::size_t(std::max(1, size.width() / kScatterCellPixels)),
                                                     std::size_t(std::max(1, size.height() / kScatterCellPixels)))
                               : preview::lttb(xs, ys, kLinePointTarget));
        QList<QPointF> points;
        points.reserve(qsizetype(kept.back().size()));
        for (std::size_t i : kept.back()) {
            points.append(QPointF(xs[i], ys[i]));
            lowest = std::min(lowest, ys[i]);
            highest = std::max(highest, ys[i]);
            left = std::min(left, xs[i]);
            right = std::max(right, xs[i]);
        }
        shown += kept.back().size();
        std::size_t valid = 0;
        for (std::size_t i = 0; i < ys.size(); ++i) valid += std::isfinite(xs[i]) && std::isfinite(ys[i]);
        reduced = reduced || kept.back().size() < valid;
        QXYSeries* series = scatter ? static_cast<QXYSeries*>(new QScatterSeries) : static_cast<QXYSeries*>(new QLineSeries);
        series->setName(data.columnNames.value(measures[m]));
        series->setColor(seriesColour(int(m)));
        if (auto* dots = qobject_cast<QScatterSeries*>(series)) {
            dots->setMarkerSize(5);
            dots->setBorderColor(seriesColour(int(m)));
        }
        series->replace(points); // one change signal, not one per point
        chart->addSeries(series);
    }
    if (shown == 0) {
        delete chart;
        return std::nullopt;
    }
    if (!(highest > lowest)) highest = lowest + 1;
    if (!(right > left)) right = left + 1;
    QAbstractAxis* xAxis = nullptr;
    if (dates) {
        auto* axis = new QDateTimeAxis;
        axis->setRange(QDateTime::fromMSecsSinceEpoch(qint64(left), Qt::UTC), QDateTime::fromMSecsSinceEpoch(qint64(right), Qt::UTC));
        axis->setFormat(right - left > 3 * 86'400'000.0 ? "yyyy-MM-dd" : "MM-dd hh:mm");
        axis->setTickCount(5);
        xAxis = axis;
    } else {
        auto* axis = new QValueAxis;
        axis->setRange(left, right);
        axis->setLabelFormat(right - left >= 10 ? "%.0f" : "%.2g");
        axis->setTickCount(5);
        xAxis = axis;
    }
    xAxis->setLabelsFont(axisFont);
    QValueAxis* yAxis = makeValueAxis(lowest, highest * 1.05, columnFormat(element, data.columnIds.value(measures[0])), axisFont);
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    for (auto* series : chart->series()) {
        series->attachAxis(xAxis);
        series->attachAxis(yAxis);
    }

    QGraphicsScene scene;
    scene.addItem(chart);
    chart->setGeometry(QRectF(QPointF(0, 0), QSizeF(size)));
    QPixmap pixmap(size);
    pixmap.fill(Qt::transparent);
    {
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        scene.render(&p, QRectF(QPointF(0, 0), QSizeF(size)), QRectF(QPointF(0, 0), QSizeF(size)));
    }

    // Hit shapes: a dot per drawn point, standing for its row.
    const auto seriesList = chart->series();
    for (std::size_t m = 0; m < kept.size(); ++m) {
        const std::vector<double>& ys = values[m];
        for (std::size_t i : kept[m]) {
            QPainterPath dot;
            dot.addEllipse(chart->mapToPosition(QPointF(xs[i], ys[i]), seriesList[qsizetype(m)]), 4, 4);
            hits.push_back({dot, {int(i)}});
        }
    }
    if (!reduced && data.totalRows >= 0) return pixmap;
    // The note: how many of how many points are drawn; "+" when the fetch window cut the result.
    const std::size_t rows = data.totalRows >= 0 ? std::size_t(data.totalRows) : data.rows.size();
    const QString text = QObject::tr("Showing %L1 of %L2%3 points (downsampled)")
                             .arg(shown)
                             .arg(rows * measures.size())
                             .arg(data.totalRows >= 0 ? QString() : QStringLiteral("+"));
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const QFont noteFont = axisFont;
    p.setFont(noteFont);
    const QFontMetrics metrics(noteFont);
    const QRectF box(size.width() - metrics.horizontalAdvance(text) - 16, 2, metrics.horizontalAdvance(text) + 12, metrics.height() + 4);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(255, 255, 255, 220));
    p.drawRoundedRect(box, 4, 4);
    p.setPen(QColor("#6b7280"));
    p.drawText(box, Qt::AlignCenter, text);
    QPainterPath noteShape;
    noteShape.addRect(box);
    marks.push_back({"downsampled", text, noteShape, double(shown)});
    return pixmap;
}

} // namespace quire::ide
