#include "trellis_chart.h"

#include "preview_painter.h"
#include "qt_charts.h"
#include "trellis_axes.h"

#include <QDateTime>
#include <QFontMetrics>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <map>

namespace quire::ide {

namespace {

const char* const kTrellisKinds[] = {"bar-chart", "line-chart", "area-chart", "combo-chart", "scatter-chart", "donut-chart"};

bool drawsTrellis(const std::string& kind) {
    return std::find_if(std::begin(kTrellisKinds), std::end(kTrellisKinds), [&](const char* k) { return kind == k; }) !=
           std::end(kTrellisKinds);
}

// The data columns of one trellis dimension (ids the result does not have are skipped).
std::vector<int> trellisIndices(const Json& element, const PreviewData& data, const char* dimension) {
    std::vector<int> out;
    for (const QString& id : trellisColumns(element, dimension))
        if (const int i = data.columnIndex(id); i >= 0) out.push_back(i);
    return out;
}

// Panel values sort like the warehouse would: numbers and dates by value, text alphabetically, nulls last.
bool trellisValueLess(const QVariant& a, const QVariant& b) {
    if (a.isNull() != b.isNull()) return b.isNull();
    if (isNumericVariant(a) && isNumericVariant(b)) return a.toDouble() < b.toDouble();
    auto isDate = [](const QVariant& v) { return v.metaType().id() == QMetaType::QDate || v.metaType().id() == QMetaType::QDateTime; };
    if (isDate(a) && isDate(b)) return a.toDateTime() < b.toDateTime();
    return QString::compare(a.toString(), b.toString(), Qt::CaseInsensitive) < 0;
}

// The distinct value tuples of one dimension, sorted, and each row's position among them (-1: no dimension).
struct TrellisKeys {
    std::vector<std::vector<QVariant>> values; // sorted distinct tuples
    std::vector<int> ofRow;                    // per data row
};

TrellisKeys trellisKeys(const PreviewData& data, const std::vector<int>& columns) {
    TrellisKeys keys;
    keys.ofRow.assign(data.rows.size(), 0);
    if (columns.empty()) {
        keys.values.emplace_back();
        return keys;
    }
    auto less = [](const std::vector<QVariant>& a, const std::vector<QVariant>& b) {
        for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
            if (trellisValueLess(a[i], b[i])) return true;
            if (trellisValueLess(b[i], a[i])) return false;
        }
        return false;
    };
    std::vector<std::vector<QVariant>> tuples(data.rows.size());
    for (std::size_t r = 0; r < data.rows.size(); ++r) {
        for (int c : columns) tuples[r].push_back(cell(data, r, c));
        if (std::find_if(keys.values.begin(), keys.values.end(), [&](const auto& k) { return !less(k, tuples[r]) && !less(tuples[r], k); }) ==
            keys.values.end())
            keys.values.push_back(tuples[r]);
    }
    std::sort(keys.values.begin(), keys.values.end(), less);
    for (std::size_t r = 0; r < data.rows.size(); ++r)
        keys.ofRow[r] = int(std::find_if(keys.values.begin(), keys.values.end(), [&](const auto& k) { return !less(k, tuples[r]) && !less(tuples[r], k); }) -
                            keys.values.begin());
    return keys;
}

// "Device: mobile" for each column of the tuple, in the column's format.
QString trellisLabel(const Json& element, const PreviewData& data, const std::vector<int>& columns, const std::vector<QVariant>& tuple) {
    QStringList parts;
    for (std::size_t i = 0; i < columns.size() && i < tuple.size(); ++i)
        parts << data.columnNames.value(columns[i]) + ": " + formatPreviewValue(tuple[i], columnFormat(element, data.columnIds.value(columns[i])));
    return parts.join(QStringLiteral(" · "));
}

// The categories (slices) and colour series of the whole chart, formatted as the chart painter formats them.
// The planner orders a trellised chart panel by panel, each along its axis: a category one panel adds is put
// after the category it follows in that panel, so the shared axis keeps every panel's order.
void sharedCategories(const Json& element, const std::vector<PreviewData>& panels, SharedAxes& shared) {
    const std::string kind = element.value("kind", "");
    const bool circular = kind == "donut-chart";
    const QString xId = circular ? channelColumn(element, "color") : channelColumn(element, "xAxis");
    const bool byCategory = !circular && element.contains("color") && element["color"].is_object() &&
                            element["color"].value("by", "") == "category";
    const qsizetype maxCategories = circular ? 12 : 60;
    for (const PreviewData& data : panels) {
        const int xi = data.columnIndex(xId);
        const int si = byCategory ? data.columnIndex(channelColumn(element, "color")) : -1;
        qsizetype next = 0; // where this panel's next new category goes
        for (std::size_t r = 0; r < data.rows.size(); ++r) {
            if (xi >= 0) {
                const QString x = formatPreviewValue(cell(data, r, xi), columnFormat(element, xId));
                if (const qsizetype at = shared.xs.indexOf(x); at >= 0) next = at + 1;
                else if (shared.xs.size() < maxCategories) shared.xs.insert(next++, x);
            }
            if (si >= 0) {
                const QString s = formatPreviewValue(cell(data, r, si), nullptr);
                if (!shared.names.contains(s)) shared.names << s;
            }
        }
    }
}

// The series the shared legend lists: colour categories, donut slices, or the measures when there are several.
QStringList legendEntries(const Json& element, const PreviewData& data, const SharedAxes& shared) {
    if (element.value("kind", "") == "donut-chart") return shared.xs;
    if (!shared.names.isEmpty()) return shared.names;
    QStringList measures;
    for (const auto& [id, type] : yAxisSeries(element))
        if (data.columnIndex(id) >= 0) measures << data.columnNames.value(data.columnIndex(id));
    return measures.size() > 1 ? measures : QStringList();
}

// Panel rows and columns: the two dimensions as given, or one alone wrapped into a grid of readable panels.
struct TrellisGrid {
    int rows = 1, columns = 1;
    std::vector<std::pair<int, int>> panels; // (row key, column key) per drawn panel, row-major
    int total = 0;                           // panels that exist
};

TrellisGrid trellisGrid(const QSize& area, std::size_t rowKeys, std::size_t columnKeys, bool byRows, bool byColumns) {
    TrellisGrid g;
    const int cap = kMaxTrellisPanels;
    if (byRows && byColumns) {
        g.total = int(rowKeys * columnKeys);
        g.columns = std::min<int>(int(columnKeys), cap);
        g.rows = std::min<int>(int(rowKeys), std::max(1, cap / g.columns));
        for (int r = 0; r < g.rows; ++r)
            for (int c = 0; c < g.columns; ++c) g.panels.emplace_back(r, c);
        return g;
    }
    const int n = int(byRows ? rowKeys : columnKeys);
    g.total = n;
    const int shown = std::min(n, cap);
    // One dimension alone: the grid whose panels are roomiest (relative to a 200 x 140 px chart); its own
    // direction (a column of rows, a row of columns) wins unless another is clearly roomier.
    double best = -1;
    for (int columns = 1; columns <= std::max(1, shown); ++columns) {
        const int rows = (std::max(1, shown) + columns - 1) / columns;
        double room = std::min(area.width() / double(columns) / 200.0, area.height() / double(rows) / 140.0);
        if ((byRows && columns == 1) || (byColumns && rows == 1)) room *= 1.5;
        if (room > best) best = room, g.columns = columns, g.rows = rows;
    }
    for (int i = 0; i < shown; ++i) g.panels.emplace_back(byRows ? i : 0, byColumns ? i : 0);
    return g;
}

} // namespace

QStringList trellisColumns(const Json& element, const char* dimension) {
    QStringList out;
    if (!element.is_object() || !drawsTrellis(element.value("kind", ""))) return out;
    const auto trellis = element.find("trellis");
    if (trellis == element.end() || !trellis->is_object()) return out;
    const auto list = trellis->find(dimension);
    if (list == trellis->end() || !list->is_array()) return out;
    for (const Json& item : *list)
        if (item.is_object() && item.contains("columnId") && item["columnId"].is_string())
            out << QString::fromStdString(item["columnId"].get<std::string>());
    return out;
}

bool isTrellised(const Json& element, const PreviewData& data) {
    for (const char* dimension : {"rowsBy", "columnsBy"})
        for (const QString& id : trellisColumns(element, dimension))
            if (data.columnIndex(id) >= 0) return true;
    return false;
}

std::optional<QPixmap> renderTrellis(const QSize& size, const Json& element, const PreviewData& data, ChartHits& hits,
                                     ChartMarks& marks) {
    const std::vector<int> rowColumns = trellisIndices(element, data, "rowsBy");
    const std::vector<int> columnColumns = trellisIndices(element, data, "columnsBy");
    const TrellisKeys rowKeys = trellisKeys(data, rowColumns), columnKeys = trellisKeys(data, columnColumns);

    const bool legendHidden = element.contains("legend") && element["legend"].is_object() &&
                              element["legend"].value("visibility", "") == "hidden";

    QPixmap pixmap(size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    QFont small = p.font();
    small.setPixelSize(10);
    p.setFont(small);
    const QFontMetrics metrics(small);
    QRect area(QPoint(0, 0), size);

    // The legend once for every panel, on top (drawn once the shared series are known).
    const QRect legendBox(area.left(), area.top() + 2, area.width(), 15);
    const bool byCategory = element.contains("color") && element["color"].is_object() && element["color"].value("by", "") == "category";
    const bool legendShown = !legendHidden && (element.value("kind", "") == "donut-chart" || byCategory || yAxisSeries(element).size() > 1);
    if (legendShown) area.setTop(area.top() + 18);

    const TrellisGrid grid = trellisGrid(area.size(), rowKeys.values.size(), columnKeys.values.size(), !rowColumns.empty(),
                                         !columnColumns.empty());
    // The cap, or a row window that may end inside the panels: say what is shown.
    const bool incomplete = data.totalRows < 0;
    if (grid.total > int(grid.panels.size()) || incomplete) {
        const QRect note(area.left(), area.bottom() - 13, area.width(), 14);
        const QString text = grid.total > int(grid.panels.size())
                                 ? QObject::tr("Showing %1 of %2%3 trellis panels").arg(grid.panels.size()).arg(grid.total).arg(incomplete ? "+" : "")
                                 : QObject::tr("Showing the trellis panels of the first %1 rows").arg(data.rows.size());
        p.fillRect(note, QColor("#fef3c7"));
        p.setPen(QColor("#92400e"));
        p.drawText(note.adjusted(4, 0, -4, 0), Qt::AlignLeft | Qt::AlignVCenter, text);
        QPainterPath box;
        box.addRect(note);
        marks.push_back({"trellis-more", text, box, double(grid.total)});
        area.setBottom(area.bottom() - 16);
    }

    // Each panel's rows (indices into data) and its element: the chart itself, without its own legend.
    const int labelHeight = metrics.height() + 2;
    const int cellW = std::max(1, area.width() / std::max(1, grid.columns));
    const int cellH = std::max(1, area.height() / std::max(1, grid.rows));
    const QSize chartSize(std::max(1, cellW - 6), std::max(1, cellH - labelHeight - 4));
    Json panelElement = element;
    panelElement.erase("trellis");
    panelElement["legend"] = Json{{"visibility", "hidden"}};
    std::vector<PreviewData> panelData(grid.panels.size());
    std::vector<std::vector<int>> panelRows(grid.panels.size());
    std::map<std::pair<int, int>, std::size_t> panelOf;
    for (std::size_t i = 0; i < grid.panels.size(); ++i) {
        const auto [rk, ck] = grid.panels[i];
        const int key = rowColumns.empty() ? 0 : rk, columnKey = columnColumns.empty() ? 0 : ck;
        panelOf[{key, columnKey}] = i;
        panelData[i].state = data.state;
        panelData[i].columnIds = data.columnIds;
        panelData[i].columnNames = data.columnNames;
        panelData[i].sql = data.sql;
    }
    for (std::size_t r = 0; r < data.rows.size(); ++r) {
        const auto it = panelOf.find({rowKeys.ofRow[r], columnKeys.ofRow[r]});
        if (it == panelOf.end()) continue; // a panel past the cap
        panelData[it->second].rows.push_back(data.rows[r]);
        panelRows[it->second].push_back(int(r));
    }

    SharedAxes shared;
    sharedCategories(element, panelData, shared);

    // Pass 1: the ranges over every panel; pass 2: each panel drawn over them.
    bool plotted = false;
    for (std::size_t i = 0; i < grid.panels.size(); ++i) {
        ChartHits ignoredHits;
        ChartMarks ignoredMarks;
        plotted = renderQtChart(chartSize, panelElement, panelData[i], ignoredHits, ignoredMarks, &shared).has_value() || plotted;
    }
    if (!plotted) return std::nullopt;
    const QStringList legend = legendShown ? legendEntries(element, data, shared) : QStringList();
    if (!legend.isEmpty()) {
        int x = legendBox.left() + 4;
        for (int i = 0; i < legend.size(); ++i) {
            const int w = metrics.horizontalAdvance(legend[i]) + 18;
            if (x + w > legendBox.right() && i > 0) break;
            p.fillRect(QRect(x, legendBox.top() + 3, 9, 9), seriesColour(i));
            p.setPen(QColor("#334155"));
            p.drawText(QRect(x + 12, legendBox.top(), w - 12, legendBox.height()), Qt::AlignLeft | Qt::AlignVCenter, legend[i]);
            x += w + 6;
        }
        QPainterPath box;
        box.addRect(QRectF(legendBox.left(), legendBox.top(), x - legendBox.left(), legendBox.height()));
        marks.push_back({"legend", QString(), box, 0});
    }
    shared.collecting = false;
    for (std::size_t i = 0; i < grid.panels.size(); ++i) {
        const int gridIndex = int(i);
        const bool both = !rowColumns.empty() && !columnColumns.empty();
        const int row = both ? grid.panels[i].first : gridIndex / grid.columns;
        const int column = both ? grid.panels[i].second : gridIndex % grid.columns;
        const QRect cellBox(area.left() + column * cellW, area.top() + row * cellH, cellW, cellH);
        QStringList labelParts;
        if (!rowColumns.empty())
            labelParts << trellisLabel(element, data, rowColumns, rowKeys.values[std::size_t(grid.panels[i].first)]);
        if (!columnColumns.empty())
            labelParts << trellisLabel(element, data, columnColumns, columnKeys.values[std::size_t(grid.panels[i].second)]);
        const QString label = labelParts.join(QStringLiteral(" · "));
        const QRect labelBox(cellBox.left() + 4, cellBox.top() + 1, cellBox.width() - 8, labelHeight);
        p.fillRect(labelBox, QColor("#f1f5f9"));
        p.setPen(QColor("#334155"));
        p.drawText(labelBox.adjusted(4, 0, -4, 0), Qt::AlignLeft | Qt::AlignVCenter,
                   metrics.elidedText(label, Qt::ElideRight, labelBox.width() - 8));
        const QPoint origin(cellBox.left() + 3, labelBox.bottom() + 3);
        ChartHits panelHits;
        ChartMarks panelMarks;
        const auto chart = renderQtChart(chartSize, panelElement, panelData[i], panelHits, panelMarks, &shared);
        if (chart) p.drawPixmap(origin, *chart);
        QPainterPath outline;
        outline.addRect(QRectF(origin, QSizeF(chartSize)));
        marks.push_back({"trellis-panel", label, outline, double(i)});
        for (const auto& mark : panelMarks) marks.push_back({mark.kind, mark.text, mark.shape.translated(origin), mark.value});
        for (const auto& hit : panelHits) {
            std::vector<int> rows;
            for (int r : hit.rows)
                if (r >= 0 && r < int(panelRows[i].size())) rows.push_back(panelRows[i][std::size_t(r)]);
            hits.push_back({hit.shape.translated(origin), rows, hit.measure});
        }
    }
    return pixmap;
}

void alignSeriesTable(SeriesTable& t, const SharedAxes& shared) {
    const QStringList xs = shared.xs.isEmpty() ? t.xs : shared.xs;
    const QStringList names = shared.names.isEmpty() ? t.names : shared.names;
    std::vector<std::vector<double>> values(std::size_t(names.size()), std::vector<double>(std::size_t(xs.size()), 0.0));
    std::vector<std::vector<int>> rows(std::size_t(names.size()), std::vector<int>(std::size_t(xs.size()), -1));
    for (int s = 0; s < t.names.size(); ++s) {
        const int to = names.indexOf(t.names[s]);
        if (to < 0) continue;
        for (int x = 0; x < t.xs.size(); ++x) {
            const int at = xs.indexOf(t.xs[x]);
            if (at < 0) continue;
            values[std::size_t(to)][std::size_t(at)] = t.values[std::size_t(s)][std::size_t(x)];
            rows[std::size_t(to)][std::size_t(at)] = t.rows[std::size_t(s)][std::size_t(x)];
        }
    }
    t.xs = xs;
    t.names = names;
    t.values = std::move(values);
    t.rows = std::move(rows);
}

} // namespace quire::ide
