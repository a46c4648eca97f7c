// Pivot tables as a cross-tab: the planner returns long form (row dimensions, column dimensions, measures
// per group); this lays it out as rows x column groups and colours cells on a backgroundScale.
#include "custom_charts.h"

#include "preview_painter.h"
#include "table_formats.h"

#include <QPainter>

#include <algorithm>
#include <cmath>
#include <map>

namespace quire::ide {

namespace {

QStringList shelf(const Json& element, const char* key) {
    QStringList ids;
    for (const auto& entry : element.value(key, Json::array()))
        if (entry.is_object() && entry.contains("columnId") && entry["columnId"].is_string())
            ids << QString::fromStdString(entry["columnId"].get<std::string>());
    return ids;
}

bool shelfDescending(const Json& element, const char* key) {
    for (const auto& entry : element.value(key, Json::array()))
        if (entry.is_object() && entry.contains("sort") && entry["sort"].is_object())
            return entry["sort"].value("direction", "ascending").rfind("desc", 0) == 0;
    return false;
}

// Orders label tuples by their raw values (numbers numerically, the rest as text).
bool tupleLess(const std::vector<QVariant>& a, const std::vector<QVariant>& b) {
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
        if (isNumericVariant(a[i]) && isNumericVariant(b[i])) {
            if (a[i].toDouble() != b[i].toDouble()) return a[i].toDouble() < b[i].toDouble();
            continue;
        }
        const QString x = formatPreviewValue(a[i], nullptr), y = formatPreviewValue(b[i], nullptr);
        if (x != y) return x < y;
    }
    return a.size() < b.size();
}

} // namespace

Crosstab buildCrosstab(const Json& element, const PreviewData& data) {
    Crosstab t;
    const QStringList rowIds = shelf(element, "rowsBy"), columnIds = shelf(element, "columnsBy");
    for (const auto& v : element.value("values", Json::array())) {
        const QString id = v.is_string() ? QString::fromStdString(v.get<std::string>())
                                         : v.is_object() ? QString::fromStdString(v.value("columnId", "")) : QString();
        if (data.columnIndex(id) >= 0) t.valueIds << id;
    }
    if (t.valueIds.isEmpty()) // no `values`: every column not on a shelf
        for (const auto& id : data.columnIds)
            if (!rowIds.contains(id) && !columnIds.contains(id)) t.valueIds << id;
    for (const auto& id : t.valueIds) t.valueNames << data.columnNames.value(data.columnIndex(id));
    std::vector<int> ri, ci;
    for (const auto& id : rowIds)
        if (data.columnIndex(id) >= 0) ri.push_back(data.columnIndex(id)), t.rowDimensions << data.columnNames.value(data.columnIndex(id));
    for (const auto& id : columnIds)
        if (data.columnIndex(id) >= 0) ci.push_back(data.columnIndex(id)), t.columnDimensions << data.columnNames.value(data.columnIndex(id));
    auto key = [&](std::size_t r, const std::vector<int>& columns) {
        std::vector<QVariant> k;
        for (int c : columns) k.push_back(c < int(data.rows[r].size()) ? data.rows[r][std::size_t(c)] : QVariant());
        return k;
    };
    std::vector<std::vector<QVariant>> rowKeys, columnKeys;
    auto addKey = [](std::vector<std::vector<QVariant>>& keys, const std::vector<QVariant>& k) {
        auto same = [&](const std::vector<QVariant>& o) { return !tupleLess(o, k) && !tupleLess(k, o); };
        if (std::find_if(keys.begin(), keys.end(), same) == keys.end()) keys.push_back(k);
    };
    // The planner's long form marks each row: cell, row-total, column-total or grand-total (no column: cells).
    const int kindColumn = data.columnIndex(QStringLiteral("__pivot"));
    auto rowKind = [&](std::size_t r) {
        if (kindColumn < 0 || kindColumn >= int(data.rows[r].size())) return QStringLiteral("cell");
        return data.rows[r][std::size_t(kindColumn)].toString();
    };
    for (std::size_t r = 0; r < data.rows.size(); ++r)
        if (rowKind(r) == QLatin1String("cell")) addKey(rowKeys, key(r, ri)), addKey(columnKeys, key(r, ci));
    std::stable_sort(rowKeys.begin(), rowKeys.end(), tupleLess);
    std::stable_sort(columnKeys.begin(), columnKeys.end(), tupleLess);
    if (shelfDescending(element, "rowsBy")) std::reverse(rowKeys.begin(), rowKeys.end());
    if (shelfDescending(element, "columnsBy")) std::reverse(columnKeys.begin(), columnKeys.end());
    auto labels = [](const std::vector<QVariant>& k) {
        QStringList out;
        for (const auto& v : k) out << formatPreviewValue(v, nullptr);
        return out;
    };
    for (const auto& k : rowKeys) t.rowKeys.push_back(labels(k));
    for (const auto& k : columnKeys) t.columnKeys.push_back(labels(k));
    const std::size_t width = columnKeys.size() * std::size_t(t.valueIds.size());
    t.cells.assign(rowKeys.size(), std::vector<QVariant>(width));
    t.sourceRows.assign(rowKeys.size(), std::vector<int>(width, -1));
    auto indexOf = [](const std::vector<std::vector<QVariant>>& keys, const std::vector<QVariant>& k) {
        for (std::size_t i = 0; i < keys.size(); ++i)
            if (!tupleLess(keys[i], k) && !tupleLess(k, keys[i])) return i;
        return keys.size();
    };
    const std::size_t nv = std::size_t(t.valueIds.size());
    t.rowTotals.assign(rowKeys.size(), std::vector<QVariant>(nv));
    t.columnTotals.assign(width, QVariant());
    t.grandTotals.assign(nv, QVariant());
    auto valueAt = [&](std::size_t r, std::size_t v) {
        const int c = data.columnIndex(t.valueIds[int(v)]);
        return c >= 0 && c < int(data.rows[r].size()) ? data.rows[r][std::size_t(c)] : QVariant();
    };
    for (std::size_t r = 0; r < data.rows.size(); ++r) {
        const QString kind = rowKind(r);
        if (kind == QLatin1String("row-total")) {
            const std::size_t row = indexOf(rowKeys, key(r, ri));
            if (row == rowKeys.size()) continue;
            for (std::size_t v = 0; v < nv; ++v) t.rowTotals[row][v] = valueAt(r, v);
            t.hasRowTotals = true;
            continue;
        }
        if (kind == QLatin1String("column-total")) {
            const std::size_t group = indexOf(columnKeys, key(r, ci));
            if (group == columnKeys.size()) continue;
            for (std::size_t v = 0; v < nv; ++v) t.columnTotals[group * nv + v] = valueAt(r, v);
            t.hasColumnTotals = true;
            continue;
        }
        if (kind == QLatin1String("grand-total")) {
            for (std::size_t v = 0; v < nv; ++v) t.grandTotals[v] = valueAt(r, v);
            t.hasGrandTotal = true;
            continue;
        }
        const std::size_t row = indexOf(rowKeys, key(r, ri)), group = indexOf(columnKeys, key(r, ci));
        if (row == rowKeys.size() || group == columnKeys.size()) continue;
        for (std::size_t v = 0; v < nv; ++v) {
            const std::size_t at = group * nv + v;
            t.cells[row][at] = valueAt(r, v);
            t.sourceRows[row][at] = int(r);
        }
    }
    return t;
}

void paintPivot(QPainter& p, const QRect& area, const Json& element, const PreviewData& data, ChartHits& hits, ChartMarks& marks) {
    const Crosstab t = buildCrosstab(element, data);
    // Scales and data bars span the cells, not the planner's total rows.
    const int kindColumn = data.columnIndex(QStringLiteral("__pivot"));
    const TableFormats formats(element, data, [&](std::size_t r) { return kindColumn < 0 || cell(data, r, kindColumn).toString() == QLatin1String("cell"); });
    const TableLook look = tableLook(element);
    const int values = std::max<int>(1, int(t.valueIds.size()));
    p.save();
    p.setClipRect(area);
    QFont f = p.font();
    f.setPixelSize(11);
    f.setBold(false);
    QFont bold = f;
    bold.setBold(true);
    p.setFont(f);
    const int rowH = look.rowHeight;
    const int headerRows = std::max<int>(1, int(t.columnDimensions.size())) + (values > 1 ? 1 : 0);
    int labelW = 40;
    QStringList firstHeaders = t.rowDimensions;
    for (const auto& k : t.rowKeys) labelW = std::max(labelW, p.fontMetrics().horizontalAdvance(k.join(" · ")) + 14);
    labelW = std::max(labelW, p.fontMetrics().horizontalAdvance(firstHeaders.join(" · ")) + 14);
    labelW = std::min(labelW, area.width() / 3);
    const int groups = std::max<int>(1, int(t.columnKeys.size()));
    const bool totalColumn = t.hasRowTotals;                      // both shelves: a Total column on the right
    const bool totalRow = t.hasColumnTotals || t.hasGrandTotal;   // and a Total row at the bottom
    const int cellW = std::max(64, (area.width() - labelW) / ((groups + (totalColumn ? 1 : 0)) * values));
    const int totalX = area.left() + labelW + int(t.columnKeys.size()) * values * cellW;
    auto drawTotal = [&](const QRect& box, const QVariant& v, const QString& valueId) {
        if (v.isNull()) return;
        p.drawText(box.adjusted(4, 0, -6, 0), Qt::AlignVCenter | Qt::AlignRight,
                   p.fontMetrics().elidedText(formatPreviewValue(v, columnFormat(element, valueId)), Qt::ElideRight, cellW - 10));
    };
    const QRect header(area.left(), area.top(), area.width(), headerRows * rowH);
    p.fillRect(header, QColor("#f1f5f9"));
    p.setFont(bold);
    p.setPen(QColor("#334155"));
    p.drawText(QRect(area.left() + 6, area.top() + (headerRows - 1) * rowH, labelW - 8, rowH), Qt::AlignVCenter | Qt::AlignLeft,
               p.fontMetrics().elidedText(firstHeaders.join(" · "), Qt::ElideRight, labelW - 8));
    if (!t.columnDimensions.isEmpty() && headerRows > 1) {
        p.setPen(QColor("#64748b"));
        p.drawText(QRect(area.left() + 6, area.top(), labelW - 8, rowH), Qt::AlignVCenter | Qt::AlignLeft,
                   p.fontMetrics().elidedText(t.columnDimensions.join(" · ") + QStringLiteral(" →"), Qt::ElideRight, labelW - 8));
        p.setPen(QColor("#334155"));
    }
    for (int g = 0; g < int(t.columnKeys.size()); ++g) {
        const int x = area.left() + labelW + g * values * cellW;
        for (int level = 0; level < int(t.columnKeys[std::size_t(g)].size()); ++level)
            p.drawText(QRect(x + 4, area.top() + level * rowH, values * cellW - 8, rowH), Qt::AlignVCenter | Qt::AlignRight,
                       p.fontMetrics().elidedText(t.columnKeys[std::size_t(g)][level], Qt::ElideRight, values * cellW - 8));
        if (values > 1 || t.columnDimensions.isEmpty())
            for (int v = 0; v < values; ++v)
                p.drawText(QRect(x + v * cellW + 4, area.top() + (headerRows - 1) * rowH, cellW - 8, rowH), Qt::AlignVCenter | Qt::AlignRight,
                           p.fontMetrics().elidedText(t.valueNames.value(v), Qt::ElideRight, cellW - 8));
    }
    if (totalColumn) {
        p.setFont(bold);
        p.setPen(QColor("#334155"));
        p.drawText(QRect(totalX + 4, area.top() + (headerRows - 1) * rowH, values * cellW - 8, rowH), Qt::AlignVCenter | Qt::AlignRight,
                   QObject::tr("Total"));
    }
    p.setPen(QColor("#cbd5e1"));
    p.drawLine(area.left(), header.bottom(), area.right(), header.bottom());
    const int visible = std::min<int>(int(t.rowKeys.size()), (area.height() - header.height() - 16 - (totalRow ? rowH : 0)) / rowH);
    for (int r = 0; r < visible; ++r) {
        const int y = header.bottom() + 1 + r * rowH;
        if (look.banding && r % 2) p.fillRect(QRect(area.left(), y, area.width(), rowH), look.bandingColor);
        p.setFont(bold);
        p.setPen(QColor("#1f2937"));
        p.drawText(QRect(area.left() + 6, y, labelW - 8, rowH), Qt::AlignVCenter | Qt::AlignLeft,
                   p.fontMetrics().elidedText(t.rowKeys[std::size_t(r)].join(" · "), Qt::ElideRight, labelW - 8));
        p.setFont(f);
        for (std::size_t i = 0; i < t.cells[std::size_t(r)].size(); ++i) {
            const QVariant& v = t.cells[std::size_t(r)][i];
            const QString valueId = t.valueIds.value(int(i % std::size_t(values)));
            const QRect box(area.left() + labelW + int(i) * cellW, y, cellW, rowH);
            QColor ink = v.isNull() ? QColor("#9ca3af") : QColor("#111827");
            const CellStyle style = v.isNull() ? CellStyle{} : formats.style(valueId, v);
            if (style.background) {
                p.fillRect(box.adjusted(1, 1, -1, -1), *style.background);
                ink = textOn(*style.background);
            }
            if (style.bar) {
                const QRectF bar(box.left() + 3, box.top() + 3, (box.width() - 6) * *style.bar, box.height() - 6);
                p.fillRect(bar, style.barColour);
                QPainterPath path;
                path.addRect(bar);
                marks.push_back({"databar", valueId, path, v.toDouble()});
            }
            if (style.background || style.text || style.bold || style.italic) {
                QPainterPath path;
                path.addRect(box);
                marks.push_back({"cell-format", valueId, path, v.toDouble()});
            }
            if (style.text) ink = *style.text;
            QFont cellFont = f;
            cellFont.setBold(style.bold);
            cellFont.setItalic(style.italic);
            cellFont.setUnderline(style.underline);
            p.setFont(cellFont);
            p.setPen(ink);
            if (!v.isNull() && !style.hideValue) // a combination without rows stays blank, as in Sigma
                p.drawText(box.adjusted(4, 0, -6, 0), Qt::AlignVCenter | Qt::AlignRight,
                           p.fontMetrics().elidedText(formatPreviewValue(v, columnFormat(element, valueId)), Qt::ElideRight, cellW - 10));
            if (t.sourceRows[std::size_t(r)][i] >= 0) {
                QPainterPath path;
                path.addRect(box);
                hits.push_back({path, {t.sourceRows[std::size_t(r)][i]}});
            }
        }
        if (totalColumn) {
            p.setFont(bold);
            p.setPen(QColor("#111827"));
            for (int v = 0; v < values && v < int(t.valueIds.size()); ++v)
                drawTotal(QRect(totalX + v * cellW, y, cellW, rowH), t.rowTotals[std::size_t(r)][std::size_t(v)], t.valueIds[v]);
        }
    }
    if (totalRow) {
        const int y = header.bottom() + 1 + visible * rowH;
        p.setPen(QColor("#94a3b8"));
        p.drawLine(area.left(), y, area.right(), y);
        p.setFont(bold);
        p.setPen(QColor("#111827"));
        p.drawText(QRect(area.left() + 6, y, labelW - 8, rowH), Qt::AlignVCenter | Qt::AlignLeft, QObject::tr("Total"));
        const std::size_t nv = std::size_t(t.valueIds.size());
        for (std::size_t g = 0; g < t.columnKeys.size(); ++g)
            for (std::size_t v = 0; v < nv; ++v) {
                // Without columnsBy the one column group's total is the grand total.
                const QVariant value = t.columnDimensions.isEmpty() ? t.grandTotals[v] : t.columnTotals[g * nv + v];
                drawTotal(QRect(area.left() + labelW + int(g * nv + v) * cellW, y, cellW, rowH), value, t.valueIds[int(v)]);
            }
        if (totalColumn)
            for (std::size_t v = 0; v < nv; ++v) drawTotal(QRect(totalX + int(v) * cellW, y, cellW, rowH), t.grandTotals[v], t.valueIds[int(v)]);
    }
    p.setFont(f);
    p.setPen(QColor("#6b7280"));
    p.drawText(QRect(area.left(), area.bottom() - 14, area.width(), 14), Qt::AlignRight | Qt::AlignVCenter,
               QObject::tr("%L1 × %L2 · %3 ms").arg(t.rowKeys.size()).arg(t.columnKeys.size()).arg(data.milliseconds, 0, 'f', 0));
    p.restore();
}

} // namespace quire::ide
