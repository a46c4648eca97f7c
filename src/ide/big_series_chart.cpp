#include "big_series_chart.h"

#include "qt_chart_parts.h"

#include <quire/preview/downsample.h>

#include <QDate>
#include <QDateTime>
#include <QFontMetrics>
#include <QGraphicsScene>
#include <QImage>
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

// A cell as a number: numbers as is, dates and timestamps as milliseconds since the epoch (`dates` set), NaN for
// a null or any other value (`text` set for a non-null one). Read by type id, not QVariant::toDouble: the
// metatype conversion was most of the cost of a 1M-row chart. The type comes from data_ptr() (inline), not
// typeId(), whose out-of-line QVariant::metaType() call was the next largest cost.
double cellNumber(const QVariant& v, bool& dates, bool& text) {
    switch (v.data_ptr().type().id()) {
    case QMetaType::Double: return *static_cast<const double*>(v.constData());
    case QMetaType::LongLong: return double(*static_cast<const qlonglong*>(v.constData()));
    case QMetaType::Int: return double(*static_cast<const int*>(v.constData()));
    case QMetaType::ULongLong: return double(*static_cast<const qulonglong*>(v.constData()));
    case QMetaType::UInt: return double(*static_cast<const uint*>(v.constData()));
    case QMetaType::Float: return double(*static_cast<const float*>(v.constData()));
    case QMetaType::QDate:
        dates = true;
        return double(QDateTime(*static_cast<const QDate*>(v.constData()), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch());
    case QMetaType::QDateTime:
        dates = true;
        return double(static_cast<const QDateTime*>(v.constData())->toMSecsSinceEpoch());
    case QMetaType::UnknownType: return kNoValue; // SQL null
    default:
        text = true;
        return kNoValue;
    }
}

// The x column's values when every non-null one is a number or a date (ascending order is the planner's axis
// sort), else the row positions.
std::vector<double> xValues(const PreviewData& data, int xi, bool& dates) {
    std::vector<double> xs(data.rows.size());
    bool text = xi < 0;
    for (std::size_t r = 0; r < data.rows.size() && !text; ++r) {
        const auto& row = data.rows[r]; // by reference: a QVariant copy per cell was most of the cost at 1M rows
        xs[r] = std::size_t(xi) < row.size() ? cellNumber(row[std::size_t(xi)], dates, text) : kNoValue;
    }
    if (!text) return xs;
    dates = false;
    for (std::size_t r = 0; r < xs.size(); ++r) xs[r] = double(r);
    return xs;
}

std::vector<double> measureValues(const PreviewData& data, int column) {
    std::vector<double> ys(data.rows.size());
    bool dates = false, text = false; // a date or text measure cell is no point
    for (std::size_t r = 0; r < data.rows.size(); ++r) {
        const auto& row = data.rows[r];
        const double y = std::size_t(column) < row.size() ? cellNumber(row[std::size_t(column)], dates, text) : kNoValue;
        ys[r] = dates ? kNoValue : y;
        dates = false;
    }
    return ys;
}

// One scatter dot, drawn once and stamped at every kept point: Qt Charts makes a graphics item per marker, which
// cost ~25 us each for the up to 26,000 occupied cells of an 800x300 plot.
QImage scatterDot(const QColor& colour, qreal devicePixelRatio) {
    const int side = int(std::ceil(kScatterDotPixels * devicePixelRatio)) + 2;
    QImage dot(side, side, QImage::Format_ARGB32_Premultiplied);
    dot.fill(Qt::transparent);
    QPainter p(&dot);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(colour);
    p.drawEllipse(QRectF(1, 1, side - 2, side - 2));
    p.end();
    dot.setDevicePixelRatio(devicePixelRatio);
    return dot;
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
            dots->setMarkerSize(kScatterDotPixels);
            dots->setBorderColor(seriesColour(int(m)));
        } else {
            series->replace(points); // one change signal, not one per point
        }
        // A scatter series stays empty: it gives the legend its marker and the axes their series; its dots are
        // stamped below.
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
    const auto seriesList = chart->series();
    {
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        scene.render(&p, QRectF(QPointF(0, 0), QSizeF(size)), QRectF(QPointF(0, 0), QSizeF(size)));
        p.setClipRect(chart->plotArea().adjusted(-kScatterDotPixels, -kScatterDotPixels, kScatterDotPixels, kScatterDotPixels));
        for (std::size_t m = 0; scatter && m < kept.size(); ++m) {
            const QImage dot = scatterDot(seriesColour(int(m)), pixmap.devicePixelRatio());
            const QPointF centre(dot.width() / (2 * dot.devicePixelRatio()), dot.height() / (2 * dot.devicePixelRatio()));
            for (std::size_t i : kept[m])
                p.drawImage(chart->mapToPosition(QPointF(xs[i], values[m][i]), seriesList[qsizetype(m)]) - centre, dot);
        }
    }

    // Hit shapes: a dot per drawn point, standing for its row.
    hits.reserve(hits.size() + shown);
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
