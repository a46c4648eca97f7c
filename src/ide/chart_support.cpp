#include "chart_support.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace quire::ide {

namespace {
QString pointerOf(const Json& v) {
    if (v.is_string()) return QString::fromStdString(v.get<std::string>());
    if (!v.is_object()) return {};
    for (const char* key : {"columnId", "column", "id"})
        if (v.contains(key) && v[key].is_string()) return QString::fromStdString(v[key].get<std::string>());
    return {};
}
} // namespace

QStringList channelColumns(const Json& element, const char* channel) {
    QStringList out;
    if (!element.is_object() || !element.contains(channel)) return out;
    const Json& v = element[channel];
    if (v.is_object() && v.contains("columnIds") && v["columnIds"].is_array()) {
        for (const auto& c : v["columnIds"])
            if (const QString id = pointerOf(c); !id.isEmpty()) out << id;
        return out;
    }
    if (v.is_array()) { // sankey `stages: [{columnId}]`
        for (const auto& c : v)
            if (const QString id = pointerOf(c); !id.isEmpty()) out << id;
        return out;
    }
    if (const QString id = pointerOf(v); !id.isEmpty()) out << id;
    return out;
}

QString channelColumn(const Json& element, const char* channel) {
    const QStringList all = channelColumns(element, channel);
    return all.isEmpty() ? QString() : all.front();
}

ValueLabels valueLabels(const Json& element, const Json* columnFormat) {
    ValueLabels out{true, columnFormat};
    const auto label = element.is_object() ? element.find("dataLabel") : element.end();
    if (!element.is_object() || label == element.end() || !label->is_object()) return out;
    if (label->value("labels", "") == "hidden") out.shown = false;
    if (const auto f = label->find("valueFormat"); f != label->end() && f->is_object()) out.format = &*f;
    return out;
}

void recordValueLabel(ChartMarks& marks, const QString& text, const QRectF& box, double value) {
    QPainterPath path;
    path.addRect(box);
    marks.push_back({"data-label", text, path, value});
}

int seriesMeasure(const std::vector<int>& measures, std::size_t s, bool colourSeries) {
    if (measures.empty()) return -1;
    return colourSeries || s >= measures.size() ? measures.front() : measures[s];
}

QPointF ChartFrame::at(double x, double value) const {
    const double n = double(std::max<std::size_t>(1, categories));
    const double share = (value - lo) / (hi - lo);
    if (horizontal) return {plot.left() + share * plot.width(), plot.top() + (x + 0.5) / n * plot.height()};
    return {plot.left() + (x + 0.5) / n * plot.width(), plot.bottom() - share * plot.height()};
}

double ChartFrame::toPrimary(double value) const {
    if (!secondary || !(secondary->second > secondary->first)) return value;
    return lo + (value - secondary->first) / (secondary->second - secondary->first) * (hi - lo);
}

std::vector<std::pair<QString, std::string>> yAxisSeries(const Json& element) {
    std::vector<std::pair<QString, std::string>> out;
    if (!element.is_object() || !element.contains("yAxis") || !element["yAxis"].is_object()) return out;
    const Json& ids = element["yAxis"].value("columnIds", Json());
    if (!ids.is_array()) {
        if (const QString id = pointerOf(element["yAxis"]); !id.isEmpty()) out.emplace_back(id, "");
        return out;
    }
    for (const auto& item : ids) {
        const QString id = pointerOf(item);
        if (id.isEmpty()) continue;
        const auto type = item.is_object() ? item.find("type") : item.end();
        out.emplace_back(id, type != item.end() && type->is_string() ? type->get<std::string>() : std::string());
    }
    return out;
}

const Json* columnFormat(const Json& element, const QString& columnId) {
    if (!element.contains("columns") || !element["columns"].is_array()) return nullptr;
    for (const auto& c : element["columns"])
        if (c.is_object() && QString::fromStdString(c.value("id", "")) == columnId && c.contains("format")) return &c["format"];
    return nullptr;
}

bool isNumericVariant(const QVariant& v) {
    const auto id = v.metaType().id();
    return id == QMetaType::Int || id == QMetaType::LongLong || id == QMetaType::Double || id == QMetaType::UInt ||
           id == QMetaType::ULongLong || id == QMetaType::Float;
}

QColor seriesColour(int i) {
    static const QColor palette[] = {QColor("#4f46e5"), QColor("#0ea5e9"), QColor("#10b981"), QColor("#f59e0b"),
                                     QColor("#ef4444"), QColor("#8b5cf6"), QColor("#14b8a6"), QColor("#64748b"),
                                     QColor("#ec4899"), QColor("#84cc16")};
    return palette[std::size_t(std::abs(i)) % (sizeof palette / sizeof palette[0])];
}

std::vector<double> niceTicks(double lo, double hi, int count) {
    if (!(hi > lo)) hi = lo + 1;
    const double raw = (hi - lo) / std::max(1, count - 1);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude * 10;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (raw <= m * magnitude) { step = m * magnitude; break; }
    std::vector<double> ticks;
    const double start = std::floor(lo / step + 1e-9) * step;
    for (double v = start; v < hi + step - 1e-9 * step; v += step) ticks.push_back(std::fabs(v) < step * 1e-9 ? 0.0 : v);
    if (ticks.size() < 2) ticks.push_back(start + step);
    return ticks;
}

int firstMeasureIndex(const PreviewData& data, const QStringList& exclude) {
    for (int c = 0; c < data.columnIds.size(); ++c) {
        if (exclude.contains(data.columnIds[c])) continue;
        bool numeric = false, other = false;
        for (const auto& row : data.rows) {
            if (c >= int(row.size()) || row[std::size_t(c)].isNull()) continue;
            (isNumericVariant(row[std::size_t(c)]) ? numeric : other) = true;
        }
        if (numeric && !other) return c;
    }
    return -1;
}

QColor scaleColour(const std::vector<QColor>& stops, double t) {
    if (stops.empty()) return QColor("#4f46e5");
    if (stops.size() == 1 || !(t > 0)) return stops.front();
    if (t >= 1) return stops.back();
    const double scaled = t * double(stops.size() - 1);
    const std::size_t i = std::size_t(scaled);
    const double f = scaled - double(i);
    const QColor& a = stops[i];
    const QColor& b = stops[std::min(i + 1, stops.size() - 1)];
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * f), float(a.greenF() + (b.greenF() - a.greenF()) * f),
                            float(a.blueF() + (b.blueF() - a.blueF()) * f));
}

QColor textOn(const QColor& background) {
    const double luminance = 0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF();
    return luminance < 0.55 ? QColor(Qt::white) : QColor("#111827");
}

QFont sized(const QPainter& p, int pixels, bool bold) {
    QFont f = p.font();
    f.setPixelSize(pixels);
    f.setBold(bold);
    return f;
}

QVariant cell(const PreviewData& data, std::size_t row, int column) {
    if (column < 0 || row >= data.rows.size() || column >= int(data.rows[row].size())) return {};
    return data.rows[row][std::size_t(column)];
}

void noData(QPainter& p, const QRect& area, const QString& why) {
    p.setFont(sized(p, 11));
    p.setPen(QColor("#6b7280"));
    p.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, why);
}

} // namespace quire::ide
