// Funnel, gauge, waterfall and treemap previews (sankey and maps: flow_map_charts.cpp; pivots: pivot_grid.cpp).
#include "custom_charts.h"

#include "preview_painter.h"

#include <QPainter>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace quire::ide {

namespace {

QString label(const PreviewData& data, std::size_t row, int column) { return formatPreviewValue(cell(data, row, column), nullptr); }

// A number from a literal or a {columnId} channel read off the first row; nullopt when absent.
std::optional<double> boundValue(const Json& element, const char* key, const PreviewData& data) {
    if (!element.contains(key)) return std::nullopt;
    const Json& v = element[key];
    if (v.is_number()) return v.get<double>();
    const int c = data.columnIndex(channelColumn(element, key));
    if (c >= 0 && !data.rows.empty() && isNumericVariant(cell(data, 0, c))) return cell(data, 0, c).toDouble();
    return std::nullopt;
}

QColor colourField(const Json& object, std::initializer_list<const char*> keys, const QColor& fallback) {
    if (!object.is_object()) return fallback;
    for (const char* key : keys)
        if (object.contains(key) && object[key].is_string()) {
            const QColor c(QString::fromStdString(object[key].get<std::string>()));
            if (c.isValid()) return c;
        }
    return fallback;
}

} // namespace

// Stages as centred bars, widest first (or in the stage channel's sort), each as wide as its share of the
// largest stage, with the step-to-step conversion between them.
void paintFunnel(QPainter& p, const QRect& area, const Json& element, const PreviewData& data, ChartHits& hits, ChartMarks& marks) {
    const QString stageId = channelColumn(element, "stage");
    QString measureId = channelColumn(element, "series");
    if (measureId.isEmpty()) measureId = channelColumn(element, "value");
    const int si = data.columnIndex(stageId);
    int mi = data.columnIndex(measureId);
    if (mi < 0) mi = firstMeasureIndex(data, {stageId});
    if (si < 0 || mi < 0) return noData(p, area, QObject::tr("A funnel needs a stage column and a measure (series)."));
    struct Stage {
        QString name;
        double value = 0;
        std::vector<int> rows;
    };
    std::vector<Stage> stages;
    for (std::size_t r = 0; r < data.rows.size(); ++r) {
        const QString name = label(data, r, si);
        auto it = std::find_if(stages.begin(), stages.end(), [&](const Stage& s) { return s.name == name; });
        if (it == stages.end()) it = stages.insert(stages.end(), Stage{name, 0, {}});
        it->value += cell(data, r, mi).toDouble();
        it->rows.push_back(int(r));
    }
    if (stages.empty()) return noData(p, area, QObject::tr("No rows"));
    const Json sort = element.contains("stage") && element["stage"].is_object() ? element["stage"].value("sort", Json()) : Json();
    if (sort.is_object()) {
        const bool descending = sort.value("direction", "ascending").rfind("desc", 0) == 0;
        const bool byStage = QString::fromStdString(sort.value("by", "")) == stageId;
        std::stable_sort(stages.begin(), stages.end(), [&](const Stage& a, const Stage& b) {
            const bool less = byStage ? a.name < b.name : a.value < b.value;
            const bool greater = byStage ? b.name < a.name : b.value < a.value;
            return descending ? greater : less;
        });
    } else {
        std::stable_sort(stages.begin(), stages.end(), [](const Stage& a, const Stage& b) { return a.value > b.value; });
    }
    const double largest = std::max(1e-12, std::max_element(stages.begin(), stages.end(), [](auto& a, auto& b) { return a.value < b.value; })->value);
    const ValueLabels labels = valueLabels(element, columnFormat(element, data.columnIds.value(mi)));
    const Json* format = labels.format;
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    QFont labelFont = sized(p, 11);
    p.setFont(labelFont);
    int labelWidth = 0;
    for (const auto& s : stages) labelWidth = std::max(labelWidth, p.fontMetrics().horizontalAdvance(s.name));
    labelWidth = std::min(labelWidth + 12, area.width() / 3);
    const QRect plot = area.adjusted(labelWidth, 2, -4, -2);
    const int n = int(stages.size());
    const int gap = 6;
    const double band = std::min(56.0, double(plot.height() - gap * (n - 1)) / n);
    const double top = plot.top() + (plot.height() - (band * n + gap * (n - 1))) / 2;
    const double cx = plot.left() + plot.width() / 2.0;
    std::vector<QRectF> bars;
    for (int i = 0; i < n; ++i) {
        const double w = std::max(2.0, plot.width() * stages[std::size_t(i)].value / largest);
        bars.emplace_back(cx - w / 2, top + i * (band + gap), w, band);
    }
    for (int i = 0; i + 1 < n; ++i) { // the narrowing between stages
        const QRectF& a = bars[std::size_t(i)];
        const QRectF& b = bars[std::size_t(i + 1)];
        QPainterPath neck;
        neck.moveTo(a.left(), a.bottom());
        neck.lineTo(a.right(), a.bottom());
        neck.lineTo(b.right(), b.top());
        neck.lineTo(b.left(), b.top());
        neck.closeSubpath();
        p.fillPath(neck, QColor(148, 163, 184, 60));
    }
    for (int i = 0; i < n; ++i) {
        const Stage& s = stages[std::size_t(i)];
        const QRectF& bar = bars[std::size_t(i)];
        const QColor colour = seriesColour(i);
        QPainterPath path;
        path.addRect(bar);
        p.fillPath(path, colour);
        hits.push_back({path, s.rows});
        p.setPen(QColor("#334155"));
        p.setFont(labelFont);
        p.drawText(QRectF(area.left(), bar.top(), labelWidth - 8, bar.height()), Qt::AlignRight | Qt::AlignVCenter,
                   p.fontMetrics().elidedText(s.name, Qt::ElideRight, labelWidth - 8));
        if (!labels.shown) continue;
        QString text = formatPreviewValue(QVariant(s.value), format);
        if (i > 0 && stages.front().value != 0)
            text += QStringLiteral("  ·  %1%").arg(100.0 * s.value / stages.front().value, 0, 'f', 1);
        const QFont valueFont = sized(p, 11, true);
        p.setFont(valueFont);
        const int tw = p.fontMetrics().horizontalAdvance(text) + 10;
        if (tw <= bar.width()) {
            p.setPen(textOn(colour));
            p.drawText(bar, Qt::AlignCenter, text);
            recordValueLabel(marks, text, bar, s.value);
        } else {
            p.setPen(QColor("#111827"));
            const QRectF beside(bar.right() + 6, bar.top(), plot.right() - bar.right(), bar.height());
            p.drawText(beside, Qt::AlignLeft | Qt::AlignVCenter, text);
            recordValueLabel(marks, text, beside, s.value);
        }
    }
    p.restore();
}

// A half-circle dial from min to max with the value's share filled, the value large in the middle.
void paintGauge(QPainter& p, const QRect& area, const Json& element, const PreviewData& data, ChartHits& hits, ChartMarks& marks) {
    const QString valueId = channelColumn(element, "value");
    int vi = data.columnIndex(valueId);
    if (vi < 0) vi = firstMeasureIndex(data, {});
    if (vi < 0 || data.rows.empty()) return noData(p, area, QObject::tr("A gauge needs a value."));
    const double value = cell(data, 0, vi).toDouble();
    const double lo = boundValue(element, "min", data).value_or(0.0);
    double hi = boundValue(element, "max", data).value_or(0.0);
    if (!(hi > lo)) hi = niceTicks(lo, std::max(value, lo + 1e-9), 5).back(); // a round ceiling above the value
    const double share = std::clamp((value - lo) / (hi - lo), 0.0, 1.0);
    const Json* format = columnFormat(element, data.columnIds.value(vi));
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    const double radius = std::max(10.0, std::min(area.width() / 2.0 - 12, area.height() - 30.0));
    const QPointF centre(area.center().x() + 0.5, area.top() + std::max(6.0, (area.height() - radius - 20) / 2) + radius);
    const double thickness = std::max(6.0, radius * 0.24);
    const QRectF ring(centre.x() - radius + thickness / 2, centre.y() - radius + thickness / 2, 2 * radius - thickness, 2 * radius - thickness);
    p.setPen(QPen(QColor("#e2e8f0"), thickness, Qt::SolidLine, Qt::FlatCap));
    p.drawArc(ring, 180 * 16, -180 * 16);
    const QColor fill = colourField(element.value("value", Json::object()), {"color"}, seriesColour(0));
    p.setPen(QPen(fill, thickness, Qt::SolidLine, Qt::FlatCap));
    if (share > 0) p.drawArc(ring, 180 * 16, -int(std::lround(180 * 16 * share)));
    const ValueLabels labels = valueLabels(element, format);
    if (labels.shown) {
        const QString text = formatPreviewValue(cell(data, 0, vi), labels.format);
        QFont big = sized(p, std::clamp(int(radius * 0.38), 11, 34), true);
        p.setFont(big);
        p.setPen(QColor("#0f172a"));
        const QRectF box(centre.x() - radius, centre.y() - radius * 0.55, 2 * radius, radius * 0.55);
        p.drawText(box, Qt::AlignHCenter | Qt::AlignBottom, text);
        recordValueLabel(marks, text, box, value);
    }
    p.setFont(sized(p, 10));
    p.setPen(QColor("#64748b"));
    p.drawText(QRectF(centre.x() - radius, centre.y() + 2, thickness * 2.5, 14), Qt::AlignLeft | Qt::AlignTop,
               formatPreviewValue(QVariant(lo), format));
    p.drawText(QRectF(centre.x() + radius - thickness * 2.5, centre.y() + 2, thickness * 2.5, 14), Qt::AlignRight | Qt::AlignTop,
               formatPreviewValue(QVariant(hi), format));
    QPainterPath dial;
    dial.addEllipse(centre, radius, radius);
    hits.push_back({dial, {0}});
    p.restore();
}

// Running total: each step is a bar from the previous total to the new one (increase / decrease colours),
// then an end-total bar from zero.
void paintWaterfall(QPainter& p, const QRect& area, const Json& element, const PreviewData& data, ChartHits& hits) {
    const QString xId = channelColumn(element, "xAxis");
    const QString yId = channelColumn(element, "yAxis");
    const int xi = data.columnIndex(xId);
    int yi = data.columnIndex(yId);
    if (yi < 0) yi = firstMeasureIndex(data, {xId});
    if (yi < 0) return noData(p, area, QObject::tr("A waterfall needs a measure on the y axis."));
    const std::size_t n = std::min<std::size_t>(data.rows.size(), 40);
    if (n == 0) return noData(p, area, QObject::tr("No rows"));
    std::vector<double> before(n), after(n);
    double total = 0;
    for (std::size_t r = 0; r < n; ++r) {
        before[r] = total;
        total += cell(data, r, yi).toDouble();
        after[r] = total;
    }
    const Json shape = element.value("waterfallShape", Json::object());
    const bool endTotal = !(shape.is_object() && shape.contains("endTotal") && shape["endTotal"].is_object() &&
                            shape["endTotal"].value("visibility", "") == "hidden");
    double lo = 0, hi = 0;
    for (std::size_t r = 0; r < n; ++r) lo = std::min(lo, after[r]), hi = std::max(hi, after[r]);
    const std::vector<double> ticks = niceTicks(lo, hi, 5);
    lo = std::min(lo, ticks.front());
    hi = std::max(hi, ticks.back());
    const Json colours = element.value("waterfallColors", Json::object());
    const QColor up = colourField(colours, {"increase", "positive", "up"}, QColor("#10b981"));
    const QColor down = colourField(colours, {"decrease", "negative", "down"}, QColor("#ef4444"));
    const QColor totalColour = colourField(colours, {"total", "endTotal"}, QColor("#475569"));
    const Json* format = columnFormat(element, data.columnIds.value(yi));
    p.save();
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setFont(sized(p, 9));
    int axisWidth = 0;
    for (double t : ticks) axisWidth = std::max(axisWidth, p.fontMetrics().horizontalAdvance(formatPreviewValue(QVariant(t), format)));
    const QRect plot = area.adjusted(axisWidth + 8, 14, -6, -18); // room for the change labels
    auto yOf = [&](double v) { return plot.bottom() - (v - lo) / (hi - lo) * plot.height(); };
    for (double t : ticks) {
        const int y = int(std::lround(yOf(t)));
        p.setPen(QColor(t == 0 ? "#94a3b8" : "#eef2f7"));
        p.drawLine(plot.left(), y, plot.right(), y);
        p.setPen(QColor("#64748b"));
        p.drawText(QRect(area.left(), y - 7, axisWidth + 4, 14), Qt::AlignRight | Qt::AlignVCenter, formatPreviewValue(QVariant(t), format));
    }
    const int slotCount = int(n) + (endTotal ? 1 : 0);
    const double slot = double(plot.width()) / slotCount;
    const double barWidth = std::max(2.0, slot * 0.62);
    auto barAt = [&](int i, double a, double b) {
        const double x = plot.left() + slot * i + (slot - barWidth) / 2;
        const double y0 = yOf(std::max(a, b)), y1 = yOf(std::min(a, b));
        return QRectF(x, y0, barWidth, std::max(1.0, y1 - y0));
    };
    for (std::size_t r = 0; r < n; ++r) {
        const QRectF bar = barAt(int(r), before[r], after[r]);
        QPainterPath path;
        path.addRect(bar);
        p.fillPath(path, after[r] >= before[r] ? up : down);
        hits.push_back({path, {int(r)}});
        const double delta = after[r] - before[r];
        const QString change = (delta > 0 ? "+" : "") + formatPreviewValue(QVariant(delta), format);
        p.setPen(QColor("#334155"));
        if (delta >= 0) p.drawText(QRectF(bar.left() - 10, bar.top() - 13, bar.width() + 20, 12), Qt::AlignHCenter | Qt::AlignBottom, change);
        else p.drawText(QRectF(bar.left() - 10, bar.bottom() + 1, bar.width() + 20, 12), Qt::AlignHCenter | Qt::AlignTop, change);
        if (r + 1 < std::size_t(slotCount)) { // connector to the next bar at the running total
            p.setPen(QPen(QColor("#94a3b8"), 1, Qt::DotLine));
            const double y = yOf(after[r]);
            p.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + slot - barWidth, y));
        }
        p.setPen(QColor("#475569"));
        const QString name = xi >= 0 ? label(data, r, xi) : QString::number(r + 1);
        p.drawText(QRectF(plot.left() + slot * double(r), plot.bottom() + 3, slot, 14), Qt::AlignHCenter | Qt::AlignTop,
                   p.fontMetrics().elidedText(name, Qt::ElideRight, int(slot)));
    }
    if (endTotal) {
        const QRectF bar = barAt(int(n), 0, total);
        p.fillRect(bar, totalColour);
        p.setPen(QColor("#475569"));
        p.drawText(QRectF(plot.left() + slot * double(n), plot.bottom() + 3, slot, 14), Qt::AlignHCenter | Qt::AlignTop, QObject::tr("Total"));
        std::vector<int> all(n);
        std::iota(all.begin(), all.end(), 0);
        QPainterPath path;
        path.addRect(bar);
        hits.push_back({path, all});
    }
    p.restore();
}

// Linear-interpolated quantile (R type 7) of sorted values.
double quantile(const std::vector<double>& sorted, double q) {
    if (sorted.empty()) return 0;
    const double at = q * double(sorted.size() - 1);
    const std::size_t i = std::size_t(at);
    return i + 1 < sorted.size() ? sorted[i] + (sorted[i + 1] - sorted[i]) * (at - double(i)) : sorted.back();
}

// One box per x category over the element's detail rows: quartiles, median, whiskers to the furthest value
// within 1.5 IQR, dots beyond. The planner returns row-level values when the y column does not aggregate.
void paintBox(QPainter& p, const QRect& area, const Json& element, const PreviewData& data, ChartHits& hits) {
    const QString xId = channelColumn(element, "xAxis");
    const int xi = data.columnIndex(xId);
    int yi = data.columnIndex(channelColumn(element, "yAxis"));
    if (yi < 0) yi = firstMeasureIndex(data, {xId});
    if (yi < 0) return noData(p, area, QObject::tr("A box chart needs a measure on the y axis."));
    struct Group {
        QString name;
        std::vector<double> values;
        std::vector<int> rows;
    };
    std::vector<Group> groups;
    double lo = 1e300, hi = -1e300;
    for (std::size_t r = 0; r < data.rows.size(); ++r) {
        const QVariant v = cell(data, r, yi);
        if (!isNumericVariant(v)) continue;
        const QString name = xi >= 0 ? label(data, r, xi) : QString();
        auto it = std::find_if(groups.begin(), groups.end(), [&](const Group& g) { return g.name == name; });
        if (it == groups.end()) it = groups.insert(groups.end(), Group{name, {}, {}});
        it->values.push_back(v.toDouble());
        it->rows.push_back(int(r));
        lo = std::min(lo, v.toDouble()), hi = std::max(hi, v.toDouble());
    }
    if (groups.empty()) return noData(p, area, QObject::tr("No numeric values"));
    const std::vector<double> ticks = niceTicks(lo, hi, 5);
    lo = ticks.front(), hi = ticks.back();
    const Json* format = columnFormat(element, data.columnIds.value(yi));
    p.save();
    p.setFont(sized(p, 9));
    int axisWidth = 0;
    for (double t : ticks) axisWidth = std::max(axisWidth, p.fontMetrics().horizontalAdvance(formatPreviewValue(QVariant(t), format)));
    const QRect plot = area.adjusted(axisWidth + 8, 6, -6, data.totalRows < 0 ? -30 : -18);
    auto yOf = [&](double v) { return plot.bottom() - (v - lo) / (hi - lo) * plot.height(); };
    for (double t : ticks) {
        const int y = int(std::lround(yOf(t)));
        p.setPen(QColor("#eef2f7"));
        p.drawLine(plot.left(), y, plot.right(), y);
        p.setPen(QColor("#64748b"));
        p.drawText(QRect(area.left(), y - 7, axisWidth + 4, 14), Qt::AlignRight | Qt::AlignVCenter, formatPreviewValue(QVariant(t), format));
    }
    const double slot = double(plot.width()) / double(groups.size());
    for (std::size_t g = 0; g < groups.size(); ++g) {
        auto sorted = groups[g].values;
        std::sort(sorted.begin(), sorted.end());
        const double q1 = quantile(sorted, 0.25), median = quantile(sorted, 0.5), q3 = quantile(sorted, 0.75);
        const double iqr = q3 - q1;
        double low = q1, high = q3;
        for (double v : sorted)
            if (v >= q1 - 1.5 * iqr) { low = v; break; }
        for (auto v = sorted.rbegin(); v != sorted.rend(); ++v)
            if (*v <= q3 + 1.5 * iqr) { high = *v; break; }
        const double cx = plot.left() + slot * (double(g) + 0.5), w = std::max(4.0, slot * 0.45);
        const QColor colour = seriesColour(int(g));
        p.setPen(QPen(QColor("#475569"), 1));
        p.drawLine(QPointF(cx, yOf(high)), QPointF(cx, yOf(q3)));
        p.drawLine(QPointF(cx, yOf(q1)), QPointF(cx, yOf(low)));
        p.drawLine(QPointF(cx - w / 4, yOf(high)), QPointF(cx + w / 4, yOf(high)));
        p.drawLine(QPointF(cx - w / 4, yOf(low)), QPointF(cx + w / 4, yOf(low)));
        const QRectF box(cx - w / 2, yOf(q3), w, std::max(1.0, yOf(q1) - yOf(q3)));
        QColor fill = colour;
        fill.setAlpha(150);
        QPainterPath path;
        path.addRect(box);
        p.fillPath(path, fill);
        p.setPen(QPen(colour.darker(130), 2));
        p.drawLine(QPointF(box.left(), yOf(median)), QPointF(box.right(), yOf(median)));
        hits.push_back({path, groups[g].rows});
        p.setPen(Qt::NoPen);
        p.setBrush(colour);
        for (double v : sorted)
            if (v < low || v > high) p.drawEllipse(QPointF(cx, yOf(v)), 2.5, 2.5);
        p.setPen(QColor("#475569"));
        p.drawText(QRectF(plot.left() + slot * double(g), plot.bottom() + 3, slot, 14), Qt::AlignHCenter | Qt::AlignTop,
                   p.fontMetrics().elidedText(groups[g].name, Qt::ElideRight, int(slot)));
    }
    if (data.totalRows < 0) { // the card holds the first rows only
        p.setPen(QColor("#94a3b8"));
        p.drawText(QRect(area.left(), area.bottom() - 12, area.width(), 12), Qt::AlignRight | Qt::AlignVCenter,
                   QObject::tr("from the first %L1 rows").arg(data.rows.size()));
    }
    p.restore();
}

std::vector<QRectF> squarify(const std::vector<double>& values, const QRectF& area) {
    std::vector<QRectF> out(values.size());
    double sum = 0;
    for (double v : values) sum += std::max(0.0, v);
    if (sum <= 0 || area.isEmpty()) return out;
    const double scale = area.width() * area.height() / sum;
    QRectF free = area;
    std::size_t start = 0;
    // Worst aspect ratio of a row of areas laid along a side of length `side`.
    auto worst = [](double rowSum, double rowMin, double rowMax, double side) {
        const double s2 = side * side, r2 = rowSum * rowSum;
        return std::max(s2 * rowMax / r2, r2 / (s2 * std::max(rowMin, 1e-12)));
    };
    while (start < values.size()) {
        const double side = std::min(free.width(), free.height());
        double rowSum = 0, rowMin = 1e300, rowMax = 0;
        std::size_t end = start;
        while (end < values.size()) {
            const double a = std::max(0.0, values[end]) * scale;
            const double nextSum = rowSum + a, nextMin = std::min(rowMin, a), nextMax = std::max(rowMax, a);
            if (end > start && worst(nextSum, nextMin, nextMax, side) > worst(rowSum, rowMin, rowMax, side)) break;
            rowSum = nextSum, rowMin = nextMin, rowMax = nextMax;
            ++end;
        }
        const bool horizontalStrip = free.width() >= free.height(); // the row fills a column on the left
        const double thickness = rowSum / side;
        double offset = 0;
        for (std::size_t i = start; i < end; ++i) {
            const double length = std::max(0.0, values[i]) * scale / thickness;
            out[i] = horizontalStrip ? QRectF(free.left(), free.top() + offset, thickness, length)
                                     : QRectF(free.left() + offset, free.top(), length, thickness);
            offset += length;
        }
        free = horizontalStrip ? free.adjusted(thickness, 0, 0, 0) : free.adjusted(0, thickness, 0, 0);
        start = end;
    }
    return out;
}

// Tiles sized by the measure, largest first, each labelled with its category and value.
void paintTreemap(QPainter& p, const QRect& area, const Json& element, const PreviewData& data, ChartHits& hits, ChartMarks& marks) {
    const QString categoryId = channelColumn(element, "category");
    const int ci = data.columnIndex(categoryId);
    int mi = data.columnIndex(channelColumn(element, "value"));
    if (mi < 0) mi = data.columnIndex(channelColumn(element, "size"));
    if (mi < 0) mi = firstMeasureIndex(data, {categoryId});
    if (mi < 0) return noData(p, area, QObject::tr("A treemap needs a category and a measure column."));
    std::vector<int> order;
    for (std::size_t r = 0; r < std::min<std::size_t>(data.rows.size(), 60); ++r)
        if (cell(data, r, mi).toDouble() > 0) order.push_back(int(r));
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return cell(data, std::size_t(a), mi).toDouble() > cell(data, std::size_t(b), mi).toDouble();
    });
    if (order.empty()) return noData(p, area, QObject::tr("No positive values"));
    std::vector<double> values;
    for (int r : order) values.push_back(cell(data, std::size_t(r), mi).toDouble());
    const auto tiles = squarify(values, QRectF(area));
    const ValueLabels labels = valueLabels(element, columnFormat(element, data.columnIds.value(mi)));
    p.save();
    for (std::size_t i = 0; i < tiles.size(); ++i) {
        const QRectF tile = tiles[i].adjusted(1, 1, -1, -1);
        if (tile.width() <= 0 || tile.height() <= 0) continue;
        const QColor colour = seriesColour(int(i));
        QPainterPath path;
        path.addRect(tile);
        p.fillPath(path, colour);
        hits.push_back({path, {order[i]}});
        if (tile.width() > 36 && tile.height() > 18) {
            p.setPen(textOn(colour));
            p.setFont(sized(p, 11, true));
            const QRectF text = tile.adjusted(6, 4, -6, -4);
            const QString name = ci >= 0 ? label(data, std::size_t(order[i]), ci) : QString::number(i + 1);
            p.drawText(text, Qt::AlignLeft | Qt::AlignTop, p.fontMetrics().elidedText(name, Qt::ElideRight, int(text.width())));
            if (tile.height() > 34 && labels.shown) {
                p.setFont(sized(p, 10));
                const QString value = formatPreviewValue(QVariant(values[i]), labels.format);
                p.drawText(text.adjusted(0, 15, 0, 0), Qt::AlignLeft | Qt::AlignTop, value);
                recordValueLabel(marks, value, text.adjusted(0, 15, 0, 0), values[i]);
            }
        }
    }
    p.restore();
}

} // namespace quire::ide
