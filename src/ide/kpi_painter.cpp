// KPI cards (spec §3.5 `kpi-chart`): the value in its column format, `value.color` and `value.fontSize`
// (a number of pixels or "auto" = as large as fits), and with `comparisonColumn` + `comparison {display:
// delta, colorGood, colorBad}` the change from the comparison value below it, with its percentage, in the
// good colour when the value rose and the bad colour when it fell. `layout {anchor: left|center|right,
// verticalAnchor: top|center|bottom}` places the value and its comparison in the card (centred by default).
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
    const QRect valueArea = comparing ? area.adjusted(0, 0, 0, -std::max(18, area.height() / 4)) : area;
    QFont big = p.font();
    big.setBold(true);
    int size = std::clamp(valueArea.height() / 2, 12, 40);
    if (valueSpec.is_object() && valueSpec.contains("fontSize") && valueSpec["fontSize"].is_number())
        size = std::clamp(int(valueSpec["fontSize"].get<double>()), 6, 200);
    else
        for (; size > 10; --size) { // "auto": the largest size whose text fits the card
            big.setPixelSize(size);
            if (QFontMetrics(big).horizontalAdvance(text) <= area.width() - 8) break;
        }
    big.setPixelSize(size);
    const QFontMetrics metrics(big);
    QRectF textBox(valueArea.center().x() - metrics.horizontalAdvance(text) / 2.0, valueArea.center().y() - metrics.height() / 2.0,
                   metrics.horizontalAdvance(text), metrics.height());
    // The comparison line under the value: its text, colour and box.
    QString line;
    QColor lineColour;
    double delta = 0;
    QFont small = p.font();
    small.setBold(true);
    small.setPixelSize(std::clamp(area.height() / 8, 10, 16));
    const QFontMetrics sm(small);
    QRectF lineBox;
    if (comparing) {
        const Json comparison = element.value("comparison", Json::object());
        const QVariant before = cell(data, 0, ci);
        if (!before.isNull() && !value.isNull()) {
            delta = value.toDouble() - before.toDouble();
            lineColour = delta >= 0 ? hexColour(comparison, "colorGood", QColor("#16a34a")) : hexColour(comparison, "colorBad", QColor("#dc2626"));
            line = (delta >= 0 ? QStringLiteral("▲ +") : QStringLiteral("▼ ")) + formatPreviewValue(QVariant(delta), columnFormat(element, valueColumn));
            if (before.toDouble() != 0) line += QStringLiteral("  (%1%2%)").arg(delta >= 0 ? "+" : "").arg(100.0 * delta / std::fabs(before.toDouble()), 0, 'f', 1);
            lineBox = QRectF(area.center().x() - sm.horizontalAdvance(line) / 2.0, valueArea.bottom(), sm.horizontalAdvance(line), sm.height());
        }
    }
    // layout anchors: each line flush with the chosen side; the block (value and comparison) at the chosen edge.
    const Json layout = element.value("layout", Json::object());
    auto layoutWord = [&layout](const char* key) {
        return layout.is_object() && layout.contains(key) && layout[key].is_string() ? layout[key].get<std::string>() : std::string();
    };
    const std::string anchor = layoutWord("anchor"), vertical = layoutWord("verticalAnchor");
    constexpr double pad = 6;
    for (QRectF* box : {&textBox, &lineBox}) {
        if (box->isNull()) continue;
        if (anchor == "left") box->moveLeft(area.left() + pad);
        if (anchor == "right") box->moveRight(area.right() - pad);
    }
    if ((vertical == "top" || vertical == "bottom") && !lineBox.isNull()) lineBox.moveTop(textBox.bottom() + 2); // a tight block at an edge
    const QRectF block = lineBox.isNull() ? textBox : textBox.united(lineBox);
    const double shift = vertical == "top" ? area.top() + pad - block.top() : vertical == "bottom" ? area.bottom() - pad - block.bottom() : 0.0;
    textBox.translate(0, shift);
    lineBox.translate(0, shift);
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
    p.restore();
}

} // namespace quire::ide
