#include "preview_painter.h"

#include <QtCharts/QAreaSeries>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QHorizontalBarSeries>
#include <QtCharts/QLineSeries>
#include <QtCharts/QPieSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>
#include <QDate>
#include <QDateTime>
#include <QGraphicsScene>
#include <QLocale>
#include <QSet>
#include <QPainter>

#include <algorithm>
#include <map>
#include <cmath>

namespace quire::ide {

namespace {

const Json* columnFormat(const Json& element, const QString& columnId) {
    if (!element.contains("columns") || !element["columns"].is_array()) return nullptr;
    for (const auto& c : element["columns"])
        if (c.is_object() && QString::fromStdString(c.value("id", "")) == columnId && c.contains("format")) return &c["format"];
    return nullptr;
}

QString channelColumn(const Json& element, const char* channel) {
    if (!element.contains(channel)) return {};
    const Json& v = element[channel];
    if (v.is_object() && v.contains("columnId") && v["columnId"].is_string()) return QString::fromStdString(v["columnId"].get<std::string>());
    if (v.is_object() && v.contains("columnIds") && v["columnIds"].is_array() && !v["columnIds"].empty()) {
        const Json& first = v["columnIds"][0];
        if (first.is_string()) return QString::fromStdString(first.get<std::string>());
        if (first.is_object()) return QString::fromStdString(first.value("columnId", ""));
    }
    return {};
}

bool isNumeric(const QVariant& v) {
    const auto id = v.metaType().id();
    return id == QMetaType::Int || id == QMetaType::LongLong || id == QMetaType::Double || id == QMetaType::UInt ||
           id == QMetaType::ULongLong || id == QMetaType::Float;
}


// A value axis over [lo, hi] with about five "nice" ticks labelled in the measure column's own format
// ("2.3%", "$120K"); falls back to a plain printf-format axis when the format would make ticks look alike.
QValueAxis* makeValueAxis(double lo, double hi, const Json* format, const QFont& font) {
    if (!(hi > lo)) hi = lo + 1;
    const double raw = (hi - lo) / 4.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude * 10;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (raw <= m * magnitude) { step = m * magnitude; break; }
    const double start = std::floor(lo / step) * step;
    const double end = std::ceil(hi / step - 1e-9) * step;
    auto* axis = new QCategoryAxis;
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    axis->setStartValue(start);
    QSet<QString> seen;
    bool distinct = true;
    for (double v = start; v <= end + step / 2; v += step) {
        const double tick = std::fabs(v) < step * 1e-9 ? 0.0 : v;
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
} // namespace

// A subset of d3-format that Sigma formats use: [$][,][.N](f|%|s|d|e).
QString formatPreviewValue(const QVariant& value, const Json* format) {
    if (value.isNull() || !value.isValid()) return QStringLiteral("∅");
    if (value.metaType().id() == QMetaType::QDate) return value.toDate().toString("yyyy-MM-dd");
    if (value.metaType().id() == QMetaType::QDateTime) return value.toDateTime().toString("yyyy-MM-dd HH:mm:ss");
    if (value.metaType().id() == QMetaType::Bool) return value.toBool() ? "True" : "False";
    if (!isNumeric(value)) return value.toString();
    const double number = value.toDouble();
    std::string spec = format && format->is_object() && format->value("kind", "") == "number" ? format->value("formatString", "") : "";
    QLocale locale(QLocale::English);
    if (spec.empty()) {
        if (value.metaType().id() == QMetaType::Double && std::fabs(number - std::round(number)) > 1e-9)
            return locale.toString(number, 'f', 2);
        return locale.toString(static_cast<qlonglong>(std::llround(number)));
    }
    bool currency = false, grouping = false;
    int precision = -1;
    char type = 'f';
    std::size_t i = 0;
    if (i < spec.size() && spec[i] == '$') currency = true, ++i;
    if (i < spec.size() && spec[i] == ',') grouping = true, ++i;
    if (i < spec.size() && spec[i] == '.') {
        ++i;
        precision = 0;
        while (i < spec.size() && std::isdigit(static_cast<unsigned char>(spec[i]))) precision = precision * 10 + (spec[i++] - '0');
    }
    if (i < spec.size() && spec[i] == '~') ++i;
    if (i < spec.size()) type = spec[i];
    QString text;
    double shown = number;
    QString suffix;
    if (type == '%') {
        shown = number * 100;
        suffix = "%";
    } else if (type == 's') {
        const char* units[] = {"", "k", "M", "B", "T"};
        int u = 0;
        while (std::fabs(shown) >= 1000 && u < 4) shown /= 1000, ++u;
        suffix = units[u];
    }
    if (precision < 0) precision = type == 'd' ? 0 : 2;
    text = grouping ? locale.toString(shown, 'f', precision) : QString::number(shown, 'f', precision);
    if (type == 'e') text = QString::number(number, 'e', precision);
    if (currency) text = (number < 0 ? "-$" : "$") + (number < 0 ? text.mid(1) : text);
    return text + suffix;
}

bool PreviewPainter::paint(QPainter& p, const QRect& area, const Json& element, const PreviewData& data) {
    if (data.state == PreviewData::State::None) return false;
    if (data.state != PreviewData::State::Ready) {
        paintState(p, area, data);
        return true;
    }
    const std::string kind = element.value("kind", "");
    if (kind == "kpi-chart" || kind == "gauge-chart") paintKpi(p, area, element, data);
    else if (kind.find("chart") != std::string::npos) paintChart(p, area, element, data);
    else paintTable(p, area, data);
    return true;
}

void PreviewPainter::paintState(QPainter& p, const QRect& area, const PreviewData& data) const {
    QFont f = p.font();
    f.setPixelSize(11);
    p.setFont(f);
    if (data.state == PreviewData::State::Busy) {
        p.setPen(QColor("#2563eb"));
        p.drawText(area, Qt::AlignCenter, QObject::tr("Running query…"));
    } else {
        p.setPen(QColor("#b91c1c"));
        p.drawText(area.adjusted(4, 4, -4, -4), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                   QObject::tr("Preview failed: %1").arg(data.error));
    }
}

void PreviewPainter::paintTable(QPainter& p, const QRect& area, const PreviewData& data) const {
    QFont f = p.font();
    f.setPixelSize(11);
    p.setFont(f);
    const int rowH = 20;
    const int cols = std::max(1, int(data.columnNames.size()));
    const int colW = std::max(60, area.width() / cols);
    p.save();
    p.setClipRect(area);
    QRect header(area.left(), area.top(), area.width(), rowH);
    p.fillRect(header, QColor("#f1f5f9"));
    QFont bold = f;
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(QColor("#334155"));
    for (int c = 0; c < data.columnNames.size(); ++c)
        p.drawText(QRect(area.left() + c * colW + 6, area.top(), colW - 10, rowH), Qt::AlignVCenter | Qt::AlignLeft,
                   p.fontMetrics().elidedText(data.columnNames[c], Qt::ElideRight, colW - 10));
    p.setFont(f);
    const int visible = std::min<int>(int(data.rows.size()), (area.height() - rowH - 16) / rowH);
    for (int r = 0; r < visible; ++r) {
        QRect line(area.left(), area.top() + (r + 1) * rowH, area.width(), rowH);
        if (r % 2) p.fillRect(line, QColor("#f8fafc"));
        for (int c = 0; c < data.columnNames.size() && c < int(data.rows[std::size_t(r)].size()); ++c) {
            const QVariant& v = data.rows[std::size_t(r)][std::size_t(c)];
            p.setPen(v.isNull() ? QColor("#9ca3af") : QColor("#111827"));
            p.drawText(QRect(area.left() + c * colW + 6, line.top(), colW - 12, rowH),
                       Qt::AlignVCenter | (isNumeric(v) ? Qt::AlignRight : Qt::AlignLeft),
                       p.fontMetrics().elidedText(formatPreviewValue(v, nullptr), Qt::ElideRight, colW - 12));
        }
    }
    p.setPen(QColor("#6b7280"));
    const QString footer = data.totalRows >= 0 ? QObject::tr("%L1 rows · %2 ms").arg(data.totalRows).arg(data.milliseconds, 0, 'f', 0)
                                               : QObject::tr("%L1+ rows · %2 ms").arg(data.rows.size()).arg(data.milliseconds, 0, 'f', 0);
    p.drawText(QRect(area.left(), area.bottom() - 14, area.width(), 14), Qt::AlignRight | Qt::AlignVCenter, footer);
    p.restore();
}

void PreviewPainter::paintKpi(QPainter& p, const QRect& area, const Json& element, const PreviewData& data) const {
    const QString valueColumn = channelColumn(element, "value");
    int index = data.columnIndex(valueColumn);
    if (index < 0) index = 0;
    QVariant value = !data.rows.empty() && index < int(data.rows[0].size()) ? data.rows[0][std::size_t(index)] : QVariant();
    const QString text = formatPreviewValue(value, columnFormat(element, valueColumn));
    QFont big = p.font();
    big.setBold(true);
    int size = std::clamp(area.height() / 2, 12, 40);
    for (; size > 10; --size) { // the largest size whose text fits the card
        big.setPixelSize(size);
        if (QFontMetrics(big).horizontalAdvance(text) <= area.width() - 8) break;
    }
    big.setPixelSize(size);
    p.setFont(big);
    p.setPen(QColor("#0f172a"));
    p.drawText(area, Qt::AlignCenter, text);
}

void PreviewPainter::paintChart(QPainter& p, const QRect& area, const Json& element, const PreviewData& data) {
    const QString elementId = QString::fromStdString(element.value("id", ""));
    const std::string kind = element.value("kind", "");
    CachedChart& cached = chartCache_[elementId];
    if (cached.size == area.size() && cached.rowsKey == data.rows.data() && cached.rowCount == data.rows.size()) {
        p.drawPixmap(area.topLeft(), cached.pixmap);
        return;
    }
    const bool circular = kind == "donut-chart" || kind == "pie-chart";
    const QString categoryColumn = circular ? channelColumn(element, "color") : channelColumn(element, "xAxis");
    const QString measureColumn = circular ? channelColumn(element, "value") : channelColumn(element, "yAxis");
    const int ci = data.columnIndex(categoryColumn);
    const int mi = data.columnIndex(measureColumn);
    if (mi < 0) {
        paintTable(p, area, data);
        return;
    }
    auto* chart = new QChart;
    chart->setBackgroundVisible(false);
    chart->setMargins(QMargins(0, 0, circular ? 0 : 12, 0)); // room for the last value-axis label
    chart->legend()->setVisible(circular);
    chart->legend()->setAlignment(Qt::AlignRight);
    chart->setAnimationOptions(QChart::NoAnimation);
    QStringList categories;
    std::vector<double> values;
    const std::size_t limit = std::min<std::size_t>(data.rows.size(), circular ? 12 : 60);
    for (std::size_t r = 0; r < limit; ++r) {
        const auto& row = data.rows[r];
        categories << (ci >= 0 && ci < int(row.size()) ? formatPreviewValue(row[std::size_t(ci)], nullptr) : QString::number(r + 1));
        values.push_back(mi < int(row.size()) ? row[std::size_t(mi)].toDouble() : 0.0);
    }
    const QColor accent("#4f46e5");
    static const QColor palette[] = {QColor("#4f46e5"), QColor("#0ea5e9"), QColor("#10b981"), QColor("#f59e0b"),
                                     QColor("#ef4444"), QColor("#8b5cf6"), QColor("#14b8a6"), QColor("#64748b")};
    QFont axisFont;
    axisFont.setPixelSize(9);
    // Value axes span zero (bars start there) to the largest value, labelled in the measure's format.
    double lowest = 0, highest = 0;
    for (double v : values) {
        lowest = std::min(lowest, v);
        highest = std::max(highest, v);
    }
    const Json* measureFormat = columnFormat(element, measureColumn);
    // Cartesian charts coloured by a category column: one series per category value.
    QString seriesColumn;
    if (!circular && element.contains("color") && element["color"].is_object()) {
        const Json& c = element["color"];
        if (c.value("by", "") == "category") seriesColumn = QString::fromStdString(c.value("column", c.value("columnId", "")));
    }
    const int si = data.columnIndex(seriesColumn);
    if (circular) {
        chart->legend()->setFont(axisFont);
        auto* series = new QPieSeries;
        for (int i = 0; i < categories.size(); ++i) series->append(categories[i], values[std::size_t(i)]);
        if (kind == "donut-chart") series->setHoleSize(0.55);
        chart->addSeries(series);
    } else if (kind == "line-chart" || kind == "area-chart" || kind == "scatter-chart") {
        // X positions are distinct categories in row order; each colour category is its own series.
        QStringList xs;
        std::map<QString, std::vector<std::pair<int, double>>> bySeries;
        for (std::size_t r = 0; r < limit; ++r) {
            const QString x = categories[int(r)];
            int xi = int(xs.indexOf(x));
            if (xi < 0) { xi = int(xs.size()); xs << x; }
            const QString name = si >= 0 && si < int(data.rows[r].size()) ? formatPreviewValue(data.rows[r][std::size_t(si)], nullptr)
                                                                            : data.columnNames.value(mi);
            bySeries[name].push_back({xi, values[r]});
        }
        auto* x = new QBarCategoryAxis;
        x->append(xs);
        x->setLabelsFont(axisFont);
        x->setLabelsAngle(xs.size() > 6 ? -45 : 0);
        QValueAxis* y = makeValueAxis(lowest, highest * 1.05, measureFormat, axisFont);
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        auto* xv = new QValueAxis;
        xv->setRange(-0.5, double(std::max<qsizetype>(1, xs.size())) - 0.5);
        xv->setVisible(false);
        chart->addAxis(xv, Qt::AlignTop);
        int colour = 0;
        for (auto& [name, points] : bySeries) {
            std::sort(points.begin(), points.end());
            auto* line = kind == "scatter-chart" ? static_cast<QXYSeries*>(new QScatterSeries) : static_cast<QXYSeries*>(new QLineSeries);
            line->setName(name);
            for (const auto& [xi, v] : points) line->append(double(xi), v);
            const QColor c = palette[colour++ % 8];
            line->setColor(c);
            QAbstractSeries* series = line;
            if (kind == "area-chart") {
                auto* area = new QAreaSeries(static_cast<QLineSeries*>(line));
                area->setName(name);
                QColor fill = c;
                fill.setAlpha(70);
                area->setColor(fill);
                area->setBorderColor(c);
                series = area;
            }
            chart->addSeries(series);
            series->attachAxis(y);
            series->attachAxis(xv);
        }
        chart->legend()->setVisible(bySeries.size() > 1);
        chart->legend()->setFont(axisFont);
    } else {
        auto* set = new QBarSet(data.columnNames.value(mi));
        set->setColor(accent);
        for (double v : values) *set << v;
        const bool horizontal = element.value("orientation", "") == "horizontal";
        QAbstractBarSeries* series = horizontal ? static_cast<QAbstractBarSeries*>(new QHorizontalBarSeries)
                                                : static_cast<QAbstractBarSeries*>(new QBarSeries);
        series->append(set);
        chart->addSeries(series);
        auto* cats = new QBarCategoryAxis;
        cats->append(categories);
        cats->setLabelsFont(axisFont);
        QValueAxis* vals = makeValueAxis(lowest, highest, measureFormat, axisFont);
        chart->addAxis(cats, horizontal ? Qt::AlignLeft : Qt::AlignBottom);
        chart->addAxis(vals, horizontal ? Qt::AlignBottom : Qt::AlignLeft);
        series->attachAxis(cats);
        series->attachAxis(vals);
    }
    QGraphicsScene scene;
    scene.addItem(chart);
    chart->setGeometry(QRectF(QPointF(0, 0), QSizeF(area.size())));
    QPixmap pixmap(area.size());
    pixmap.fill(Qt::transparent);
    {
        QPainter pp(&pixmap);
        pp.setRenderHint(QPainter::Antialiasing);
        scene.render(&pp, QRectF(QPointF(0, 0), QSizeF(area.size())), QRectF(QPointF(0, 0), QSizeF(area.size())));
    }
    cached = CachedChart{pixmap, area.size(), data.rows.data(), data.rows.size()};
    p.drawPixmap(area.topLeft(), pixmap);
}

} // namespace quire::ide
