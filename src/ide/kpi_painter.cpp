// KPI cards (spec §3.5 `kpi-chart`): the value in its column format, `value.color` and `value.fontSize`
// (a number of pixels or "auto" = as large as fits), and with `comparisonColumn` + `comparison {display:
// delta, colorGood, colorBad}` the change from the comparison value, with its percentage, in the good colour
// when the value rose and the bad colour when it fell. `layout`: `comparisonValueOrient: top|bottom|left|right`
// puts the comparison on that side of the value (below by default), `titleOrient: top|bottom|left|right` draws
// the KPI's title (its name, else the value column's name; `name: " "` has none) on that side of the value and
// comparison, and `anchor: left|center|right`, `verticalAnchor: top|center|bottom` place the whole in the card
// (centred by default), each line flush with the anchor.
#include "custom_charts.h"

#include "preview_painter.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace quire::ide {

namespace {
QColor hexColour(const Json& holder, const char* key, const QColor& fallback) {
    if (!holder.is_object() || !holder.contains(key) || !holder[key].is_string()) return fallback;
    const QColor c(QString::fromStdString(holder[key].get<std::string>()));
    return c.isValid() ? c : fallback;
}

// The KPI's title: its name, or the value column's name when it has none; " " (Sigma's way to hide it) is none.
QString kpiTitle(const Json& element, const PreviewData& data, const QString& valueColumn) {
    if (element.contains("name") && element["name"].is_string()) return QString::fromStdString(element["name"].get<std::string>()).trimmed();
    if (element.contains("name") && element["name"].is_object() && element["name"].contains("text") && element["name"]["text"].is_string())
        return QString::fromStdString(element["name"]["text"].get<std::string>()).trimmed();
    return data.columnNames.value(data.columnIndex(valueColumn));
}

// Lines of boxes stacked top to bottom; the boxes of a line sit side by side, centred on the line's height.
struct KpiLines {
    std::vector<std::vector<QRectF*>> lines;
    static constexpr double gap = 8;
    double width(const std::vector<QRectF*>& line) const {
        double w = 0;
        for (const QRectF* b : line) w += b->width();
        return w + gap * double(std::max<std::size_t>(1, line.size()) - 1);
    }
    double height(const std::vector<QRectF*>& line) const {
        double h = 0;
        for (const QRectF* b : line) h = std::max(h, b->height());
        return h;
    }
    // Places the lines in `area`: horizontally by anchor, the block vertically by verticalAnchor.
    void place(const QRectF& area, const std::string& anchor, const std::string& vertical, double pad) {
        double total = 0;
        for (const auto& line : lines) total += height(line) + 2;
        total -= 2;
        double y = vertical == "top" ? area.top() + pad : vertical == "bottom" ? area.bottom() - pad - total : area.center().y() - total / 2;
        for (const auto& line : lines) {
            const double w = width(line), h = height(line);
            double x = anchor == "left" ? area.left() + pad : anchor == "right" ? area.right() - pad - w : area.center().x() - w / 2;
            for (QRectF* b : line) {
                b->moveTopLeft(QPointF(x, y + (h - b->height()) / 2));
                x += b->width() + gap;
            }
            y += h + 2;
        }
    }
};
} // namespace

void paintKpi(QPainter& p, const QRect& area, const Json& element, const PreviewData& data, ChartMarks& marks) {
    const QString valueColumn = channelColumn(element, "value");
    int index = data.columnIndex(valueColumn);
    if (index < 0) index = 0;
    const QVariant value = cell(data, 0, index);
    const QString text = formatPreviewValue(value, columnFormat(element, valueColumn));
    const Json valueSpec = element.value("value", Json::object());
    const QString compareColumn = channelColumn(element, "comparisonColumn");
    const int ci = compareColumn.isEmpty() ? -1 : data.columnIndex(compareColumn);
    const bool comparing = ci >= 0 && !data.rows.empty();
    const Json layout = element.value("layout", Json::object());
    auto layoutWord = [&layout](const char* key) {
        return layout.is_object() && layout.contains(key) && layout[key].is_string() ? layout[key].get<std::string>() : std::string();
    };
    const std::string anchor = layoutWord("anchor"), vertical = layoutWord("verticalAnchor");
    const std::string titleOrient = layoutWord("titleOrient"), comparisonOrient = layoutWord("comparisonValueOrient");
    const bool comparisonBeside = comparisonOrient == "left" || comparisonOrient == "right";
    // The comparison line: its text and colour.
    QString line;
    QColor lineColour;
    double delta = 0;
    if (comparing) {
        const Json comparison = element.value("comparison", Json::object());
        const QVariant before = cell(data, 0, ci);
        if (!before.isNull() && !value.isNull()) {
            delta = value.toDouble() - before.toDouble();
            lineColour = delta >= 0 ? hexColour(comparison, "colorGood", QColor("#16a34a")) : hexColour(comparison, "colorBad", QColor("#dc2626"));
            line = (delta >= 0 ? QStringLiteral("▲ +") : QStringLiteral("▼ ")) + formatPreviewValue(QVariant(delta), columnFormat(element, valueColumn));
            if (before.toDouble() != 0) line += QStringLiteral("  (%1%2%)").arg(delta >= 0 ? "+" : "").arg(100.0 * delta / std::fabs(before.toDouble()), 0, 'f', 1);
        }
    }
    QFont small = p.font();
    small.setBold(true);
    small.setPixelSize(std::clamp(area.height() / 8, 10, 16));
    const QFontMetrics sm(small);
    QFont titleFont = p.font();
    titleFont.setBold(false);
    titleFont.setPixelSize(std::clamp(area.height() / 9, 10, 14));
    const QFontMetrics tm(titleFont);
    const QString title = titleOrient.empty() ? QString() : kpiTitle(element, data, valueColumn);
    // The value's size: given, or as large as fits beside/under what else the card shows.
    double besideWidth = comparisonBeside && !line.isEmpty() ? sm.horizontalAdvance(line) + KpiLines::gap : 0;
    if ((titleOrient == "left" || titleOrient == "right") && !title.isEmpty()) besideWidth += tm.horizontalAdvance(title) + KpiLines::gap;
    double otherHeight = comparing && !comparisonBeside ? std::max(18, area.height() / 4) : 0;
    if ((titleOrient == "top" || titleOrient == "bottom") && !title.isEmpty()) otherHeight += tm.height() + 2;
    QFont big = p.font();
    big.setBold(true);
    int size = std::clamp(int(area.height() - otherHeight) / 2, 12, 40);
    if (valueSpec.is_object() && valueSpec.contains("fontSize") && valueSpec["fontSize"].is_number())
        size = std::clamp(int(valueSpec["fontSize"].get<double>()), 6, 200);
    else
        for (; size > 10; --size) { // "auto": the largest size whose text fits the card
            big.setPixelSize(size);
            if (QFontMetrics(big).horizontalAdvance(text) <= area.width() - 8 - besideWidth) break;
        }
    big.setPixelSize(size);
    const QFontMetrics metrics(big);
    QRectF textBox(0, 0, metrics.horizontalAdvance(text), metrics.height());
    QRectF lineBox = line.isEmpty() ? QRectF() : QRectF(0, 0, sm.horizontalAdvance(line), sm.height());
    QRectF titleBox = title.isEmpty() ? QRectF() : QRectF(0, 0, tm.horizontalAdvance(title), tm.height());
    // Lines of the card: the value's line, the comparison on its side, the title on the side of both.
    KpiLines layoutLines;
    std::vector<QRectF*> valueLine{&textBox};
    std::vector<std::vector<QRectF*>>& lines = layoutLines.lines;
    lines.push_back(valueLine);
    if (!lineBox.isNull()) {
        if (comparisonOrient == "right") lines.front().push_back(&lineBox);
        else if (comparisonOrient == "left") lines.front().insert(lines.front().begin(), &lineBox);
        else if (comparisonOrient == "top") lines.insert(lines.begin(), std::vector<QRectF*>{&lineBox});
        else lines.push_back(std::vector<QRectF*>{&lineBox});
    }
    if (!titleBox.isNull()) {
        if (titleOrient == "bottom") lines.push_back(std::vector<QRectF*>{&titleBox});
        else if (titleOrient == "top") lines.insert(lines.begin(), std::vector<QRectF*>{&titleBox});
        else {
            auto& withValue = *std::find_if(lines.begin(), lines.end(), [&](const auto& l) { return std::find(l.begin(), l.end(), &textBox) != l.end(); });
            if (titleOrient == "left") withValue.insert(withValue.begin(), &titleBox);
            else withValue.push_back(&titleBox);
        }
    }
    layoutLines.place(QRectF(area), anchor, vertical, 6);
    p.save();
    p.setFont(big);
    p.setPen(hexColour(valueSpec, "color", QColor("#0f172a")));
    p.drawText(textBox, Qt::AlignCenter, text);
    QPainterPath valuePath;
    valuePath.addRect(textBox);
    marks.push_back({"kpi-value", text, valuePath, value.toDouble()});
    if (!line.isEmpty()) {
        p.setFont(small);
        p.setPen(lineColour);
        p.drawText(lineBox, Qt::AlignCenter, line);
        QPainterPath path;
        path.addRect(lineBox);
        marks.push_back({"kpi-delta", line, path, delta});
    }
    if (!title.isEmpty()) {
        p.setFont(titleFont);
        p.setPen(QColor("#64748b"));
        p.drawText(titleBox, Qt::AlignCenter, title);
        QPainterPath path;
        path.addRect(titleBox);
        marks.push_back({"kpi-title", title, path, 0});
    }
    p.restore();
}

} // namespace quire::ide
