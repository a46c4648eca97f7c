#include "chart_tooltips.h"

#include "preview_painter.h"

#include <QSet>

#include <set>
#include <string>

namespace quire::ide {

namespace {

const std::set<std::string> kTooltipCartesian{"bar-chart", "line-chart", "area-chart", "scatter-chart", "combo-chart", "waterfall-chart"};

// Whether `tooltip.key` is the string `value` (`columnNames: hidden`, `multiSeries: shown`).
bool tooltipSays(const Json& tooltip, const char* key, const char* value = "hidden") {
    return tooltip.is_object() && tooltip.contains(key) && tooltip[key].is_string() && tooltip[key].get<std::string>() == value;
}

// The value of one column over the mark's rows: the cell of a one-row mark; over several rows the sum of the
// numbers, or the distinct values (the first three, then how many).
QString valueOver(const PreviewData& data, const std::vector<int>& rows, int column, const Json* format) {
    if (rows.size() == 1) return formatPreviewValue(cell(data, std::size_t(rows.front()), column), format);
    bool numeric = !rows.empty();
    double total = 0;
    QStringList distinct;
    QSet<QString> seen;
    for (int r : rows) {
        const QVariant v = cell(data, std::size_t(r), column);
        if (v.isNull()) continue;
        numeric = numeric && isNumericVariant(v);
        total += v.toDouble();
        const QString text = formatPreviewValue(v, format);
        if (!seen.contains(text)) seen.insert(text), distinct << text;
    }
    if (numeric) return formatPreviewValue(QVariant(total), format);
    if (distinct.size() <= 3) return distinct.join(", ");
    return QObject::tr("%1, … (%2 values)").arg(distinct.mid(0, 3).join(", ")).arg(distinct.size());
}

// The columns that describe a mark (its category and colour) and the ones that measure it, by kind.
struct Channels {
    QStringList describe, measure;
};

Channels channelsOf(const Json& element, const PreviewData& data, const ChartHit& hit, bool multiSeries) {
    const std::string kind = element.value("kind", "");
    Channels c;
    auto add = [&](QStringList& list, const QString& id) {
        if (!id.isEmpty() && data.columnIndex(id) >= 0 && !c.describe.contains(id) && !c.measure.contains(id)) list << id;
    };
    auto firstMeasure = [&](const QStringList& exclude) {
        const int i = firstMeasureIndex(data, exclude);
        return i >= 0 ? data.columnIds.value(i) : QString();
    };
    const bool colourCategory = element.contains("color") && element["color"].is_object() && element["color"].value("by", "") == "category";
    if (kTooltipCartesian.count(kind)) {
        add(c.describe, channelColumn(element, "xAxis"));
        if (colourCategory) add(c.describe, channelColumn(element, "color"));
        if (multiSeries) {
            for (const auto& [id, type] : yAxisSeries(element)) add(c.measure, id);
        } else if (hit.measure >= 0) {
            add(c.measure, data.columnIds.value(hit.measure));
        } else {
            add(c.measure, channelColumn(element, "yAxis"));
        }
    } else if (kind == "pie-chart" || kind == "donut-chart") {
        add(c.describe, channelColumn(element, "color"));
        add(c.measure, channelColumn(element, "value"));
    } else if (kind == "funnel-chart") {
        add(c.describe, channelColumn(element, "stage"));
        QString m = channelColumn(element, "series");
        if (m.isEmpty()) m = channelColumn(element, "value");
        if (data.columnIndex(m) < 0) m = firstMeasure(c.describe);
        add(c.measure, m);
    } else if (kind == "treemap-chart") {
        add(c.describe, channelColumn(element, "category"));
        QString m = channelColumn(element, "value");
        if (data.columnIndex(m) < 0) m = channelColumn(element, "size");
        if (data.columnIndex(m) < 0) m = firstMeasure(c.describe);
        add(c.measure, m);
    } else if (kind == "gauge-chart") {
        QString m = channelColumn(element, "value");
        add(c.measure, data.columnIndex(m) >= 0 ? m : firstMeasure({}));
    } else if (kind == "sankey-chart") {
        for (const QString& id : channelColumns(element, "stages")) add(c.describe, id);
        add(c.measure, channelColumn(element, "value"));
    } else if (kind == "region-map") {
        add(c.describe, channelColumn(element, "region"));
        if (element.contains("color") && element["color"].is_object() && element["color"].value("by", "") != "single" &&
            data.columnIndex(channelColumn(element, "color")) >= 0)
            add(colourCategory ? c.describe : c.measure, channelColumn(element, "color"));
        else
            add(c.measure, firstMeasure(c.describe));
    } else if (kind == "point-map" || kind == "geography-map") {
        if (colourCategory) add(c.describe, channelColumn(element, "color"));
        add(c.measure, channelColumn(element, "size"));
        if (!colourCategory && element.contains("color") && element["color"].is_object()) add(c.measure, channelColumn(element, "color"));
        add(c.describe, channelColumn(element, "latitude"));
        add(c.describe, channelColumn(element, "longitude"));
    }
    return c;
}

bool showsToolTips(const std::string& kind) {
    return kTooltipCartesian.count(kind) || kind == "pie-chart" || kind == "donut-chart" || kind == "funnel-chart" || kind == "treemap-chart" ||
           kind == "gauge-chart" || kind == "sankey-chart" || kind == "region-map" || kind == "point-map" || kind == "geography-map";
}

} // namespace

QStringList tooltipColumns(const Json& element) { return channelColumns(element, "tooltip"); }

QStringList markToolTipLines(const Json& element, const PreviewData& data, const ChartHit& hit) {
    QStringList lines;
    if (!element.is_object() || !showsToolTips(element.value("kind", "")) || hit.rows.empty()) return lines;
    for (int r : hit.rows)
        if (r < 0 || std::size_t(r) >= data.rows.size()) return lines;
    const Json tooltip = element.value("tooltip", Json());
    const bool names = !tooltipSays(tooltip, "columnNames");
    const Channels channels = channelsOf(element, data, hit, tooltipSays(tooltip, "multiSeries", "shown"));
    const Json* valueFormat = tooltip.is_object() && tooltip.contains("valueFormat") && tooltip["valueFormat"].is_object() ? &tooltip["valueFormat"] : nullptr;
    auto line = [&](const QString& id, const Json* format) {
        const int column = data.columnIndex(id);
        const QString value = valueOver(data, hit.rows, column, format);
        lines << (names ? data.columnNames.value(column, id) + QStringLiteral(": ") + value : value);
    };
    for (const QString& id : channels.describe) line(id, columnFormat(element, id));
    for (const QString& id : channels.measure) line(id, valueFormat ? valueFormat : columnFormat(element, id));
    for (const QString& id : tooltipColumns(element))
        if (data.columnIndex(id) >= 0 && !channels.describe.contains(id) && !channels.measure.contains(id)) line(id, columnFormat(element, id));
    return lines;
}

QString markToolTip(const Json& element, const PreviewData& data, const ChartHit& hit) {
    const QStringList lines = markToolTipLines(element, data, hit);
    if (lines.isEmpty()) return {};
    QString html = QStringLiteral("<qt><b>") + lines.front().toHtmlEscaped() + QStringLiteral("</b>");
    for (int i = 1; i < lines.size(); ++i) html += QStringLiteral("<br>") + lines[i].toHtmlEscaped();
    return html + QStringLiteral("</qt>");
}

} // namespace quire::ide
