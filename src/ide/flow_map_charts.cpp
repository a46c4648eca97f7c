// Sankey and map previews.
#include "custom_charts.h"

#include "preview_painter.h"

#include <QPainter>

#include <algorithm>
#include <cmath>
#include <map>

namespace quire::ide {

// One column of nodes per stage (node height = the value flowing through it), ribbons between consecutive
// stages as wide as the value of each pair.
void paintSankey(QPainter& p, const QRect& area, const Json& element, const PreviewData& data, ChartHits& hits) {
    const QStringList stageIds = channelColumns(element, "stages");
    std::vector<int> si;
    for (const auto& id : stageIds)
        if (data.columnIndex(id) >= 0) si.push_back(data.columnIndex(id));
    int vi = data.columnIndex(channelColumn(element, "value"));
    if (vi < 0) vi = firstMeasureIndex(data, stageIds);
    if (si.size() < 2 || vi < 0) return noData(p, area, QObject::tr("A sankey needs two or more stages and a value."));
    const std::size_t stages = si.size();
    struct Node {
        QString name;
        double total = 0;
        std::vector<int> rows;
        QRectF rect;
        double outOffset = 0, inOffset = 0;
    };
    std::vector<std::vector<Node>> nodes(stages);
    auto nodeOf = [&](std::size_t stage, const QString& name) -> Node& {
        auto& list = nodes[stage];
        auto it = std::find_if(list.begin(), list.end(), [&](const Node& n) { return n.name == name; });
        if (it == list.end()) it = list.insert(list.end(), Node{name, 0, {}, {}, 0, 0});
        return *it;
    };
    double grand = 0;
    for (std::size_t r = 0; r < data.rows.size(); ++r) {
        const double v = std::max(0.0, cell(data, r, vi).toDouble());
        grand += v;
        for (std::size_t s = 0; s < stages; ++s) {
            Node& n = nodeOf(s, formatPreviewValue(cell(data, r, si[s]), nullptr));
            n.total += v;
            n.rows.push_back(int(r));
        }
    }
    if (grand <= 0) return noData(p, area, QObject::tr("No positive values"));
    for (auto& list : nodes) std::stable_sort(list.begin(), list.end(), [](const Node& a, const Node& b) { return a.total > b.total; });
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setFont(sized(p, 10));
    const Json* valueFormat = columnFormat(element, data.columnIds.value(vi));
    int lastLabel = 0;
    for (const auto& n : nodes.back())
        lastLabel = std::max(lastLabel, p.fontMetrics().horizontalAdvance(n.name + "  " + formatPreviewValue(QVariant(n.total), valueFormat)));
    const QRectF plot = QRectF(area).adjusted(2, 4, -std::min(lastLabel + 8, area.width() / 4), -4);
    const double nodeWidth = 12, gap = 8;
    std::size_t most = 0;
    for (const auto& list : nodes) most = std::max(most, list.size());
    const double scale = (plot.height() - gap * double(most - 1)) / grand; // pixels per unit of value
    for (std::size_t s = 0; s < stages; ++s) {
        const double x = plot.left() + (plot.width() - nodeWidth) * double(s) / double(stages - 1);
        const double used = grand * scale + gap * double(nodes[s].size() - 1);
        double y = plot.top() + (plot.height() - used) / 2;
        for (auto& n : nodes[s]) {
            n.rect = QRectF(x, y, nodeWidth, std::max(1.0, n.total * scale));
            y += n.total * scale + gap;
        }
    }
    // Ribbons first (under the nodes), in node order on both ends so they do not cross inside a node.
    for (std::size_t s = 0; s + 1 < stages; ++s) {
        std::map<std::pair<QString, QString>, std::pair<double, std::vector<int>>> links;
        for (std::size_t r = 0; r < data.rows.size(); ++r) {
            auto& link = links[{formatPreviewValue(cell(data, r, si[s]), nullptr), formatPreviewValue(cell(data, r, si[s + 1]), nullptr)}];
            link.first += std::max(0.0, cell(data, r, vi).toDouble());
            link.second.push_back(int(r));
        }
        for (std::size_t a = 0; a < nodes[s].size(); ++a) {
            Node& from = nodes[s][a];
            for (auto& to : nodes[s + 1]) {
                auto it = links.find({from.name, to.name});
                if (it == links.end() || it->second.first <= 0) continue;
                const double h = it->second.first * scale;
                const double x0 = from.rect.right(), x1 = to.rect.left(), mid = (x0 + x1) / 2;
                const double y0 = from.rect.top() + from.outOffset, y1 = to.rect.top() + to.inOffset;
                from.outOffset += h;
                to.inOffset += h;
                QPainterPath ribbon;
                ribbon.moveTo(x0, y0);
                ribbon.cubicTo(mid, y0, mid, y1, x1, y1);
                ribbon.lineTo(x1, y1 + h);
                ribbon.cubicTo(mid, y1 + h, mid, y0 + h, x0, y0 + h);
                ribbon.closeSubpath();
                QColor colour = seriesColour(int(a));
                colour.setAlpha(90);
                p.fillPath(ribbon, colour);
                hits.push_back({ribbon, it->second.second});
            }
        }
    }
    const Json* format = valueFormat;
    for (std::size_t s = 0; s < stages; ++s)
        for (std::size_t i = 0; i < nodes[s].size(); ++i) {
            const Node& n = nodes[s][i];
            QPainterPath path;
            path.addRect(n.rect);
            p.fillPath(path, s == 0 ? seriesColour(int(i)) : QColor("#475569"));
            hits.push_back({path, n.rows});
            if (n.rect.height() < 9) continue;
            p.setPen(QColor("#1f2937"));
            const QString text = n.name + "  " + formatPreviewValue(QVariant(n.total), format);
            const bool last = s + 1 == stages;
            const QRectF box = last ? QRectF(n.rect.right() + 4, n.rect.top(), area.right() - n.rect.right() - 4, n.rect.height())
                                    : QRectF(n.rect.right() + 4, n.rect.top(), 200, n.rect.height());
            p.drawText(box, Qt::AlignLeft | Qt::AlignVCenter, text);
        }
    p.restore();
}

namespace {

QString degrees(double v, bool latitude) {
    const QString hemisphere = latitude ? (v > 0 ? "N" : v < 0 ? "S" : "") : (v > 0 ? "E" : v < 0 ? "W" : "");
    return QString::number(std::fabs(v), 'g', 4) + QStringLiteral("°") + hemisphere;
}

// Regions without shapes: labelled bubbles in a grid, largest first, area proportional to the value.
void paintRegionBubbles(QPainter& p, const QRect& area, const Json& element, const PreviewData& data, int ri, int vi, ChartHits& hits) {
    std::vector<int> order;
    for (std::size_t r = 0; r < std::min<std::size_t>(data.rows.size(), 48); ++r) order.push_back(int(r));
    if (vi >= 0)
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return cell(data, std::size_t(a), vi).toDouble() > cell(data, std::size_t(b), vi).toDouble(); });
    if (order.empty()) return noData(p, area, QObject::tr("No rows"));
    const QRect grid = area.adjusted(0, 0, 0, -14);
    const int n = int(order.size());
    const int columns = std::max(1, int(std::ceil(std::sqrt(n * double(grid.width()) / std::max(1, grid.height())))));
    const int rows = (n + columns - 1) / columns;
    const double cw = double(grid.width()) / columns, ch = double(grid.height()) / rows;
    const double largest = vi >= 0 ? std::max(1e-12, cell(data, std::size_t(order.front()), vi).toDouble()) : 1;
    const Json* format = vi >= 0 ? columnFormat(element, data.columnIds.value(vi)) : nullptr;
    for (int i = 0; i < n; ++i) {
        const std::size_t r = std::size_t(order[std::size_t(i)]);
        const QPointF c(grid.left() + cw * (i % columns + 0.5), grid.top() + ch * (i / columns + 0.4));
        const double value = vi >= 0 ? cell(data, r, vi).toDouble() : largest;
        const double radius = std::max(3.0, std::min(cw, ch) * 0.32 * std::sqrt(std::max(0.0, value) / largest));
        QPainterPath dot;
        dot.addEllipse(c, radius, radius);
        QColor fill = seriesColour(2);
        fill.setAlpha(200);
        p.fillPath(dot, fill);
        hits.push_back({dot, {int(r)}});
        p.setPen(QColor("#1f2937"));
        p.setFont(sized(p, 10));
        const QString text = formatPreviewValue(cell(data, r, ri), nullptr) + (vi >= 0 ? "  " + formatPreviewValue(cell(data, r, vi), format) : "");
        p.drawText(QRectF(c.x() - cw / 2, c.y() + radius + 1, cw, 13), Qt::AlignHCenter | Qt::AlignTop,
                   p.fontMetrics().elidedText(text, Qt::ElideRight, int(cw)));
    }
    p.setPen(QColor("#94a3b8"));
    p.setFont(sized(p, 9));
    p.drawText(QRect(area.left(), area.bottom() - 12, area.width(), 12), Qt::AlignRight | Qt::AlignVCenter,
               QObject::tr("regions as labelled points (no shapes offline)"));
}

} // namespace

// point-map: latitude/longitude on an equirectangular plane fitted to the points, with a graticule; size and
// colour channels scale and colour the points. A region-map of a type without bundled shapes (region_maps.h):
// labelled bubbles.
void paintMap(QPainter& p, const QRect& area, const Json& element, const PreviewData& data, ChartHits& hits) {
    const std::string kind = element.value("kind", "");
    const QString latId = channelColumn(element, "latitude"), lonId = channelColumn(element, "longitude");
    const QString sizeId = channelColumn(element, "size");
    const QString colourId = element.contains("color") && element["color"].is_object() && element["color"].value("by", "") == "category"
                                 ? channelColumn(element, "color") : QString();
    std::vector<std::pair<int, QPointF>> points; // row, (lon, lat)
    const int ri = data.columnIndex(channelColumn(element, "region"));
    for (std::size_t r = 0; r < std::min<std::size_t>(data.rows.size(), 2000); ++r) {
        if (kind == "point-map") {
            const QVariant lat = cell(data, r, data.columnIndex(latId)), lon = cell(data, r, data.columnIndex(lonId));
            if (!lat.isNull() && !lon.isNull()) points.push_back({int(r), QPointF(lon.toDouble(), lat.toDouble())});
        }
    }
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    if (points.empty()) {
        if (ri < 0) {
            noData(p, area, kind == "point-map" ? QObject::tr("A point map needs latitude and longitude columns.")
                                                : QObject::tr("A region map needs a region column."));
        } else {
            int vi = data.columnIndex(colourId.isEmpty() ? channelColumn(element, "color") : QString());
            if (vi < 0 || !isNumericVariant(cell(data, 0, vi))) vi = firstMeasureIndex(data, {data.columnIds.value(ri)});
            paintRegionBubbles(p, area, element, data, ri, vi, hits);
        }
        p.restore();
        return;
    }
    double west = 180, east = -180, south = 90, north = -90;
    for (const auto& [r, pt] : points) {
        west = std::min(west, pt.x()), east = std::max(east, pt.x());
        south = std::min(south, pt.y()), north = std::max(north, pt.y());
    }
    // Pad 8% (at least a degree) so edge points are not cut, and keep degrees square at the middle latitude.
    const double padLon = std::max(1.0, (east - west) * 0.12), padLat = std::max(1.0, (north - south) * 0.12);
    west = std::max(-180.0, west - padLon), east = std::min(180.0, east + padLon);
    south = std::max(-85.0, south - padLat), north = std::min(85.0, north + padLat);
    const double squash = std::cos((south + north) / 2 * M_PI / 180); // x degrees are shorter away from the equator
    const QRectF frame = QRectF(area).adjusted(30, 4, -4, -14);
    const double unit = std::min(frame.width() / ((east - west) * squash), frame.height() / (north - south));
    const QRectF plane(frame.center().x() - (east - west) * squash * unit / 2, frame.center().y() - (north - south) * unit / 2,
                       (east - west) * squash * unit, (north - south) * unit);
    auto project = [&](const QPointF& lonLat) {
        return QPointF(plane.left() + (lonLat.x() - west) * squash * unit, plane.top() + (north - lonLat.y()) * unit);
    };
    p.fillRect(plane, QColor("#eef4fb"));
    p.setFont(sized(p, 9));
    const auto lonTicks = niceTicks(west, east, 6), latTicks = niceTicks(south, north, 5);
    for (double lon : lonTicks) {
        if (lon < west || lon > east) continue;
        const double x = project({lon, north}).x();
        p.setPen(QPen(QColor("#cbd5e1"), 1, Qt::DashLine));
        p.drawLine(QPointF(x, plane.top()), QPointF(x, plane.bottom()));
        p.setPen(QColor("#64748b"));
        p.drawText(QRectF(x - 30, plane.bottom() + 1, 60, 12), Qt::AlignHCenter | Qt::AlignTop, degrees(lon, false));
    }
    for (double lat : latTicks) {
        if (lat < south || lat > north) continue;
        const double y = project({west, lat}).y();
        p.setPen(QPen(QColor("#cbd5e1"), 1, Qt::DashLine));
        p.drawLine(QPointF(plane.left(), y), QPointF(plane.right(), y));
        p.setPen(QColor("#64748b"));
        p.drawText(QRectF(area.left(), y - 6, plane.left() - area.left() - 2, 12), Qt::AlignRight | Qt::AlignVCenter, degrees(lat, true));
    }
    p.setPen(QColor("#94a3b8"));
    p.setBrush(Qt::NoBrush);
    p.drawRect(plane);
    const int szi = data.columnIndex(sizeId), coi = data.columnIndex(colourId);
    double largest = 0;
    if (szi >= 0)
        for (const auto& [r, pt] : points) largest = std::max(largest, cell(data, std::size_t(r), szi).toDouble());
    // A few points get the label of the first text column (a city, a store name).
    int li = -1;
    if (points.size() <= 40)
        for (int c = 0; c < data.columnIds.size() && li < 0; ++c)
            if (c != coi && data.columnIds[c] != latId && data.columnIds[c] != lonId && !data.rows.empty() &&
                data.rows.front()[std::size_t(c)].metaType().id() == QMetaType::QString)
                li = c;
    QStringList categories;
    for (const auto& [r, pt] : points) {
        double radius = 4.5;
        if (szi >= 0 && largest > 0) radius = 3 + 11 * std::sqrt(std::max(0.0, cell(data, std::size_t(r), szi).toDouble()) / largest);
        int colour = 0;
        if (coi >= 0) {
            const QString c = formatPreviewValue(cell(data, std::size_t(r), coi), nullptr);
            colour = int(categories.indexOf(c));
            if (colour < 0) colour = int(categories.size()), categories << c;
        }
        QColor fill = seriesColour(colour);
        fill.setAlpha(210);
        QPainterPath dot;
        dot.addEllipse(project(pt), radius, radius);
        p.setPen(QPen(Qt::white, 1));
        p.setBrush(fill);
        p.drawPath(dot);
        hits.push_back({dot, {r}});
        if (li >= 0) {
            p.setPen(QColor("#334155"));
            const QPointF at = project(pt);
            p.drawText(QRectF(at.x() + radius + 2, at.y() - 7, 120, 14), Qt::AlignLeft | Qt::AlignVCenter,
                       formatPreviewValue(cell(data, std::size_t(r), li), nullptr));
        }
    }
    p.restore();
}

} // namespace quire::ide
