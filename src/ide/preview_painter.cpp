#include "preview_painter.h"

#include "custom_charts.h"
#include "qt_charts.h"
#include "region_maps.h"
#include "table_formats.h"
#include "trellis_chart.h"

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
bool isNumeric(const QVariant& v) { return isNumericVariant(v); }
} // namespace

namespace {
// Sigma's datetime formatString is d3-time-format (strftime-like): %Y %y %m %d %e %B %b %A %a %H %I %M %S %p %j %q %%.
QString formatDateTime(const QDateTime& t, const std::string& spec) {
    const QLocale c(QLocale::English);
    QString out;
    for (std::size_t i = 0; i < spec.size(); ++i) {
        if (spec[i] != '%' || i + 1 == spec.size()) {
            out += QChar(spec[i]);
            continue;
        }
        char d = spec[++i];
        if ((d == '-' || d == '_' || d == '0') && i + 1 < spec.size()) d = spec[++i]; // d3 padding modifiers
        const QDate date = t.date();
        const QTime time = t.time();
        switch (d) {
        case 'Y': out += QString::number(date.year()); break;
        case 'y': out += QString::number(date.year() % 100).rightJustified(2, '0'); break;
        case 'm': out += QString::number(date.month()).rightJustified(2, '0'); break;
        case 'd': out += QString::number(date.day()).rightJustified(2, '0'); break;
        case 'e': out += QString::number(date.day()); break;
        case 'B': out += c.monthName(date.month(), QLocale::LongFormat); break;
        case 'b': out += c.monthName(date.month(), QLocale::ShortFormat); break;
        case 'A': out += c.dayName(date.dayOfWeek(), QLocale::LongFormat); break;
        case 'a': out += c.dayName(date.dayOfWeek(), QLocale::ShortFormat); break;
        case 'H': out += QString::number(time.hour()).rightJustified(2, '0'); break;
        case 'I': out += QString::number((time.hour() + 11) % 12 + 1).rightJustified(2, '0'); break;
        case 'M': out += QString::number(time.minute()).rightJustified(2, '0'); break;
        case 'S': out += QString::number(time.second()).rightJustified(2, '0'); break;
        case 'p': out += time.hour() < 12 ? QStringLiteral("AM") : QStringLiteral("PM"); break;
        case 'j': out += QString::number(date.dayOfYear()).rightJustified(3, '0'); break;
        case 'q': out += QString::number((date.month() - 1) / 3 + 1); break;
        case '%': out += QChar('%'); break;
        default: out += QLatin1Char('%'); out += QLatin1Char(d); break;
        }
    }
    return out;
}

// A string field of a format object; "" when absent or not a string (hostile documents never throw here).
std::string formatField(const Json* format, const char* key) {
    if (!format || !format->is_object()) return {};
    const auto it = format->find(key);
    return it != format->end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A date or timestamp value as the driver hands it over (QDate, QDateTime or ISO text); invalid otherwise.
QDateTime asDateTime(const QVariant& value) {
    if (value.metaType().id() == QMetaType::QDate) return QDateTime(value.toDate(), QTime(0, 0));
    if (value.metaType().id() == QMetaType::QDateTime) return value.toDateTime();
    if (value.metaType().id() != QMetaType::QString) return {};
    const QString text = value.toString();
    QDateTime t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid()) t = QDateTime::fromString(text, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (!t.isValid()) t = QDateTime(QDate::fromString(text, Qt::ISODate), QTime(0, 0));
    return t;
}
} // namespace

// A subset of d3-format that Sigma formats use: [$][,][.N](f|%|s|d|e); datetime formats as d3-time-format.
QString formatPreviewValue(const QVariant& value, const Json* format) {
    if (value.isNull() || !value.isValid()) return QStringLiteral("∅");
    if (formatField(format, "kind") == "datetime") {
        const auto spec = format->find("formatString");
        const QDateTime t = asDateTime(value);
        if (spec != format->end() && spec->is_string() && t.isValid()) return formatDateTime(t, spec->get<std::string>());
    }
    if (value.metaType().id() == QMetaType::QDate) return value.toDate().toString("yyyy-MM-dd");
    if (value.metaType().id() == QMetaType::QDateTime) return value.toDateTime().toString("yyyy-MM-dd HH:mm:ss");
    if (value.metaType().id() == QMetaType::Bool) return value.toBool() ? "True" : "False";
    if (!isNumeric(value)) return value.toString();
    const double number = value.toDouble();
    std::string spec = formatField(format, "kind") == "number" ? formatField(format, "formatString") : "";
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
    const QString id = QString::fromStdString(element.value("id", ""));
    ChartHits& hits = hits_[id];
    hits.clear();
    marks_[id].clear();
    mapButtons_.erase(id);
    if (data.state == PreviewData::State::None) return false;
    if (data.state == PreviewData::State::Busy && !data.rows.empty()) {
        // Re-running: the last result stays, veiled, under the progress bar; its marks are not clickable.
        paintContent(p, area, element, data, hits);
        hits.clear();
        p.fillRect(area, QColor(255, 255, 255, 170));
        paintState(p, area, data, id);
        return true;
    }
    if (data.state != PreviewData::State::Ready) {
        paintState(p, area, data, id);
        return true;
    }
    if (data.maskedColumnIds.isEmpty()) {
        paintContent(p, area, element, data, hits);
        return true;
    }
    // Viewing as a persona that may not see some columns: they are shown masked, and the card says so.
    const QRect note(area.left(), area.bottom() - 15, area.width(), 16);
    paintContent(p, area.adjusted(0, 0, 0, -18), element, data, hits);
    QStringList names;
    for (const QString& columnId : data.maskedColumnIds) names << data.columnNames.value(data.columnIndex(columnId), columnId);
    QFont f = p.font();
    f.setPixelSize(10);
    f.setBold(false);
    p.setFont(f);
    p.fillRect(note, QColor("#fef3c7"));
    p.setPen(QColor("#92400e"));
    p.drawText(note.adjusted(4, 0, -4, 0), Qt::AlignLeft | Qt::AlignVCenter,
               p.fontMetrics().elidedText(QObject::tr("Masked (restricted, not queried): %1").arg(names.join(", ")), Qt::ElideRight,
                                          note.width() - 8));
    return true;
}

void PreviewPainter::paintContent(QPainter& p, const QRect& area, const Json& element, const PreviewData& data, ChartHits& hits) {
    const std::string kind = element.value("kind", "");
    if (kind == "kpi-chart") {
        paintKpi(p, area, element, data, marks_[QString::fromStdString(element.value("id", ""))]);
        QPainterPath whole;
        whole.addRect(area);
        if (!data.rows.empty()) hits.push_back({whole, {0}});
    }
    else if (kind == "gauge-chart") paintGauge(p, area, element, data, hits, marks_[QString::fromStdString(element.value("id", ""))]);
    else if (kind == "funnel-chart") paintFunnel(p, area, element, data, hits, marks_[QString::fromStdString(element.value("id", ""))]);
    else if (kind == "waterfall-chart") paintWaterfall(p, area, element, data, hits);
    else if (kind == "treemap-chart") paintTreemap(p, area, element, data, hits, marks_[QString::fromStdString(element.value("id", ""))]);
    else if (kind == "box-chart") paintBox(p, area, element, data, hits);
    else if (kind == "sankey-chart") paintSankey(p, area, element, data, hits);
    else if (kind == "point-map") paintMap(p, area, element, data, hits);
    else if (kind == "region-map") paintRegionMap(p, area, element, data, hits, marks_[QString::fromStdString(element.value("id", ""))]);
    else if (kind == "geography-map") paintGeographyMap(p, area, element, data, hits, marks_[QString::fromStdString(element.value("id", ""))]);
    else if (kind == "pivot-table") paintPivot(p, area, element, data, hits, marks_[QString::fromStdString(element.value("id", ""))]);
    else if (kind.find("chart") != std::string::npos) paintChart(p, area, element, data, hits);
    else paintTable(p, area, element, data, hits);
}

std::vector<int> PreviewPainter::hitTest(const QString& elementId, const QPoint& pos) const {
    const ChartHit* hit = hitAt(elementId, pos);
    return hit ? hit->rows : std::vector<int>();
}

const ChartHit* PreviewPainter::hitAt(const QString& elementId, const QPoint& pos) const {
    auto it = hits_.find(elementId);
    if (it == hits_.end()) return nullptr;
    for (auto hit = it->second.rbegin(); hit != it->second.rend(); ++hit) // the last drawn is on top
        if (hit->shape.contains(QPointF(pos))) return &*hit;
    return nullptr;
}

const ChartMarks& PreviewPainter::marks(const QString& elementId) const {
    static const ChartMarks none;
    auto it = marks_.find(elementId);
    return it == marks_.end() ? none : it->second;
}

const ChartHits& PreviewPainter::hits(const QString& elementId) const {
    static const ChartHits none;
    auto it = hits_.find(elementId);
    return it == hits_.end() ? none : it->second;
}

QRect PreviewPainter::mapConnectionButton(const QString& elementId) const {
    auto it = mapButtons_.find(elementId);
    return it == mapButtons_.end() ? QRect() : it->second;
}

void PreviewPainter::paintState(QPainter& p, const QRect& area, const PreviewData& data, const QString& elementId) {
    QFont f = p.font();
    f.setPixelSize(11);
    p.setFont(f);
    if (data.state == PreviewData::State::Busy) {
        // An indeterminate bar sweeping under the text; the canvas repaints busy cards while they run.
        const int w = std::max(20, area.width() / 4);
        const QRect track(area.left() + area.width() / 4, area.center().y() + 12, area.width() / 2, 3);
        const int x = track.left() + int((QDateTime::currentMSecsSinceEpoch() / 4) % std::max(1, track.width() + w)) - w;
        p.fillRect(track, QColor("#dbeafe"));
        p.fillRect(QRect(x, track.top(), w, 3).intersected(track), QColor("#2563eb"));
        p.setPen(QColor("#2563eb"));
        p.drawText(area.adjusted(0, -8, 0, -8), Qt::AlignCenter, QObject::tr("Running query…"));
    } else if (!data.unmappedConnection.isEmpty()) {
        // Someone else's workbook: its connection has no local profile yet. One click maps it.
        p.setPen(QColor("#92400e"));
        const QRect text = area.adjusted(4, 4, -4, -4);
        const QString message = QObject::tr("No profile for connection %1").arg(data.unmappedConnection);
        p.drawText(text, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, message);
        const QString label = QObject::tr("Map connection…");
        const int w = p.fontMetrics().horizontalAdvance(label) + 20;
        const int top = text.top() + p.fontMetrics().boundingRect(text, Qt::TextWordWrap, message).height() + 8;
        const QRect button(text.left(), std::min(top, std::max(text.top(), area.bottom() - 26)), w, 24);
        p.setPen(QColor("#2563eb"));
        p.setBrush(QColor("#eff6ff"));
        p.drawRoundedRect(button, 4, 4);
        p.setPen(QColor("#1d4ed8"));
        p.drawText(button, Qt::AlignCenter, label);
        p.setBrush(Qt::NoBrush);
        mapButtons_[elementId] = button;
    } else if (data.restricted) {
        // Viewing as a persona: the element needs a column the persona may not see (docs/governance.md).
        p.fillRect(area.adjusted(2, 2, -2, -2), QColor("#fffbeb"));
        p.setPen(QColor("#92400e"));
        p.drawText(area.adjusted(8, 8, -8, -8), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                   QObject::tr("Restricted — %1").arg(data.error));
    } else {
        p.setPen(QColor("#b91c1c"));
        p.drawText(area.adjusted(4, 4, -4, -4), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                   QObject::tr("Preview failed: %1").arg(data.error));
    }
}

void PreviewPainter::paintTable(QPainter& p, const QRect& area, const Json& element, const PreviewData& data, ChartHits& hits) {
    ChartMarks& marks = marks_[QString::fromStdString(element.value("id", ""))];
    const TableFormats formats(element, data);
    const TableLook look = tableLook(element);
    QFont f = p.font();
    f.setPixelSize(11);
    f.setBold(false); // the card title's bold font is still set
    p.setFont(f);
    const int rowH = look.rowHeight;
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
    p.setPen(look.headerDivider);
    p.drawLine(area.left(), header.bottom(), area.right(), header.bottom());
    p.setFont(f);
    const int visible = std::min<int>(int(data.rows.size()), (area.height() - rowH - 16) / rowH);
    for (int r = 0; r < visible; ++r) {
        QRect line(area.left(), area.top() + (r + 1) * rowH, area.width(), rowH);
        if (look.banding && r % 2) p.fillRect(line, look.bandingColor);
        QPainterPath rowShape;
        rowShape.addRect(line);
        hits.push_back({rowShape, {r}});
        for (int c = 0; c < data.columnNames.size() && c < int(data.rows[std::size_t(r)].size()); ++c) {
            const QVariant& v = data.rows[std::size_t(r)][std::size_t(c)];
            const QRect box(area.left() + c * colW, line.top(), colW, rowH);
            const CellStyle style = formats.style(data.columnIds.value(c), v);
            if (style.background) p.fillRect(box.adjusted(0, 0, 0, -1), *style.background);
            if (style.bar) {
                const QRectF bar(box.left() + 3, box.top() + 3, (box.width() - 6) * *style.bar, box.height() - 6);
                p.fillRect(bar, style.barColour);
                QPainterPath path;
                path.addRect(bar);
                marks.push_back({"databar", data.columnIds.value(c), path, v.toDouble()});
            }
            if (style.background || style.text || style.bold || style.italic) {
                QPainterPath path;
                path.addRect(box);
                marks.push_back({"cell-format", data.columnIds.value(c), path, v.toDouble()});
            }
            QFont cellFont = f;
            cellFont.setBold(style.bold);
            cellFont.setItalic(style.italic);
            cellFont.setUnderline(style.underline);
            p.setFont(cellFont);
            p.setPen(style.text ? *style.text : v.isNull() ? QColor("#9ca3af") : style.background ? textOn(*style.background) : QColor("#111827"));
            if (!style.hideValue)
                p.drawText(box.adjusted(6, 0, -6, 0), Qt::AlignVCenter | (isNumeric(v) ? Qt::AlignRight : Qt::AlignLeft),
                           p.fontMetrics().elidedText(formatPreviewValue(v, nullptr), Qt::ElideRight, colW - 12));
        }
        p.setFont(f);
        if (look.horizontalLines) {
            p.setPen(look.gridColour);
            p.drawLine(line.left(), line.bottom(), line.right(), line.bottom());
        }
    }
    // Hidden columns (spec §3.1 `hidden`): viewers do not see them; drawn veiled with a badge in the header.
    for (int c = 0; c < data.columnIds.size(); ++c) {
        bool hidden = false;
        for (const auto& column : element.value("columns", Json::array()))
            if (column.is_object() && QString::fromStdString(column.value("id", "")) == data.columnIds[c] && column.value("hidden", Json(false)) == true) hidden = true;
        if (!hidden) continue;
        const QRect whole(area.left() + c * colW, area.top(), colW, (visible + 1) * rowH);
        p.fillRect(whole, QColor(241, 245, 249, 170));
        QFont badgeFont = f;
        badgeFont.setPixelSize(9);
        badgeFont.setBold(true);
        p.setFont(badgeFont);
        const QString text = QObject::tr("⊘ hidden");
        const int w = p.fontMetrics().horizontalAdvance(text) + 10;
        const QRect badge(whole.right() - w - 3, area.top() + 3, w, rowH - 6);
        p.setPen(Qt::NoPen);
        p.setBrush(QColor("#475569"));
        p.drawRoundedRect(badge, 6, 6);
        p.setPen(Qt::white);
        p.drawText(badge, Qt::AlignCenter, text);
        p.setBrush(Qt::NoBrush);
        p.setFont(f);
        QPainterPath path;
        path.addRect(whole);
        marks.push_back({"hidden-column", data.columnIds[c], path, 0});
    }
    if (look.verticalLines) {
        p.setPen(look.gridColour);
        for (int c = 1; c < data.columnNames.size(); ++c)
            p.drawLine(area.left() + c * colW, area.top(), area.left() + c * colW, area.top() + (visible + 1) * rowH);
    }
    p.setPen(QColor("#6b7280"));
    const QString footer = data.totalRows >= 0 ? QObject::tr("%L1 rows · %2 ms").arg(data.totalRows).arg(data.milliseconds, 0, 'f', 0)
                                               : QObject::tr("%L1+ rows · %2 ms").arg(data.rows.size()).arg(data.milliseconds, 0, 'f', 0);
    p.drawText(QRect(area.left(), area.bottom() - 14, area.width(), 14), Qt::AlignRight | Qt::AlignVCenter, footer);
    p.restore();
}

void PreviewPainter::paintChart(QPainter& p, const QRect& area, const Json& element, const PreviewData& data, ChartHits& hits) {
    const QString elementId = QString::fromStdString(element.value("id", ""));
    CachedChart& cached = chartCache_[elementId];
    // The provider hands out copies, so the cache is keyed by what identifies a result and the element's shape.
    const std::size_t key = std::hash<std::string>()(element.dump()) ^ (qHash(data.sql) * 31) ^ (std::size_t(data.rows.size()) << 20) ^
                            std::hash<double>()(data.milliseconds);
    if (!(cached.size == area.size() && cached.key == key)) {
        ChartHits local;
        ChartMarks localMarks;
        auto pixmap = isTrellised(element, data) ? renderTrellis(area.size(), element, data, local, localMarks)
                                                 : renderQtChart(area.size(), element, data, local, localMarks);
        if (!pixmap) {
            chartCache_.erase(elementId);
            paintTable(p, area, element, data, hits);
            return;
        }
        cached = CachedChart{*pixmap, area.size(), key, std::move(local), std::move(localMarks)};
    }
    p.drawPixmap(area.topLeft(), cached.pixmap);
    for (const auto& mark : cached.marks) marks_[elementId].push_back({mark.kind, mark.text, mark.shape.translated(area.topLeft()), mark.value});
    for (const auto& hit : cached.hits) hits.push_back({hit.shape.translated(area.topLeft()), hit.rows, hit.measure});
}

} // namespace quire::ide
