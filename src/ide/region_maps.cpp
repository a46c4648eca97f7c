// Region and geography maps: shapes from quire_geo, projected into the card and filled by value.
#include "region_maps.h"

#include "custom_charts.h"
#include "preview_painter.h"

#include <quire/geo/geometry.h>
#include <quire/geo/projection.h>

#include <QPainter>
#include <QPainterPathStroker>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace quire::ide {

QColor noDataGrey() { return QColor("#d5dae1"); }

namespace {

// How a map colours what it draws: the `color` channel (spec §3.5: single, category or scale), or, without
// one, a light-to-dark scale over the first measure.
struct Colouring {
    enum class Mode { Single, Category, Scale } mode = Mode::Single;
    int column = -1;               // the value (scale) or category column
    QColor single = seriesColour(0);
    std::vector<QColor> scheme;    // scale stops, or category colours in category sort order
    std::optional<double> min, max, mid; // color.domain
    QStringList categories;        // sorted
    double lo = 0, hi = 1;         // the scale's domain

    QColor forValue(double v) const {
        if (mid && *mid > lo && *mid < hi) { // diverging around mid
            const double t = v < *mid ? 0.5 * (v - lo) / (*mid - lo) : 0.5 + 0.5 * (v - *mid) / (hi - *mid);
            return scaleColour(scheme, std::clamp(t, 0.0, 1.0));
        }
        return scaleColour(scheme, hi > lo ? std::clamp((v - lo) / (hi - lo), 0.0, 1.0) : 1.0);
    }
    QColor forCategory(const QString& c) const {
        const int i = int(categories.indexOf(c));
        if (i < 0) return noDataGrey();
        return i < int(scheme.size()) ? scheme[std::size_t(i)] : seriesColour(i);
    }
};

std::vector<QColor> schemeOf(const Json& color) {
    std::vector<QColor> out;
    if (const auto it = color.find("scheme"); it != color.end() && it->is_array())
        for (const Json& c : *it)
            if (c.is_string())
                if (QColor q(QString::fromStdString(c.get<std::string>())); q.isValid()) out.push_back(q);
    return out;
}

std::optional<double> numberAt(const Json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_number() ? std::optional<double>(it->get<double>()) : std::nullopt;
}

Colouring colouringOf(const Json& element, const PreviewData& data, const QStringList& excluded) {
    Colouring c;
    const Json color = element.contains("color") && element["color"].is_object() ? element["color"] : Json::object();
    const std::string by = color.value("by", "");
    const int channel = data.columnIndex(channelColumn(element, "color"));
    if (by == "single") {
        if (QColor q(QString::fromStdString(color.value("value", ""))); q.isValid()) c.single = q;
        return c;
    }
    if (by == "category" && channel >= 0) {
        c.mode = Colouring::Mode::Category;
        c.column = channel;
        c.scheme = schemeOf(color);
        return c;
    }
    c.column = by == "scale" && channel >= 0 ? channel : firstMeasureIndex(data, excluded);
    if (c.column < 0) return c; // nothing to scale by: one colour
    c.mode = Colouring::Mode::Scale;
    c.scheme = schemeOf(color);
    if (const auto d = color.find("domain"); d != color.end() && d->is_object())
        c.min = numberAt(*d, "min"), c.max = numberAt(*d, "max"), c.mid = numberAt(*d, "mid");
    if (c.scheme.size() < 2) c.scheme = c.mid ? std::vector<QColor>{QColor("#b91c1c"), QColor("#f8fafc"), QColor("#1d4ed8")}
                                              : std::vector<QColor>{QColor("#dbeafe"), QColor("#1e3a8a")};
    return c;
}

// Fits the projection's plane into `frame`, centred, keeping its proportions.
struct Placement {
    geo::MapProjection projection;
    double scale = 1, left = 0, top = 0;
    QPointF at(geo::LonLat p) const {
        const geo::PlanePoint q = projection.project(p);
        return {left + q.x * scale, top + q.y * scale};
    }
    QRectF plane() const { return {left, top, projection.size().width * scale, projection.size().height * scale}; }
};

Placement placeMap(geo::MapProjection projection, const QRectF& frame) {
    Placement m{std::move(projection)};
    const geo::PlaneSize size = m.projection.size();
    m.scale = std::min(frame.width() / std::max(1e-9, size.width), frame.height() / std::max(1e-9, size.height));
    m.left = frame.center().x() - size.width * m.scale / 2;
    m.top = frame.center().y() - size.height * m.scale / 2;
    return m;
}

QPainterPath ringsPath(const Placement& m, const std::vector<geo::Ring>& rings) {
    QPainterPath path;
    path.setFillRule(Qt::OddEvenFill);
    for (const geo::Ring& ring : rings) {
        if (ring.empty()) continue;
        path.moveTo(m.at(ring.front()));
        for (std::size_t i = 1; i < ring.size(); ++i) path.lineTo(m.at(ring[i]));
        path.closeSubpath();
    }
    return path;
}

bool legendHidden(const Json& element) {
    const auto it = element.find("legend");
    return it != element.end() && it->is_object() && it->value("visibility", "") == "hidden";
}

// Where a map's legend goes (`legend.position`: top, bottom (the default), left or right), taken from `rest`.
QRect takeLegendRoom(QRect& rest, const Json& element) {
    const auto it = element.find("legend");
    const std::string position = it != element.end() && it->is_object() ? it->value("position", "") : "";
    if (position == "left" || position == "right") {
        const int width = std::clamp(rest.width() / 4, 60, 170);
        const QRect strip(position == "left" ? rest.left() + 4 : rest.right() - 4 - width, rest.top() + 4, width, rest.height() - 8);
        if (position == "left") rest.setLeft(strip.right() + 4);
        else rest.setRight(strip.left() - 4);
        return strip;
    }
    if (position == "top") {
        const QRect strip(rest.left() + 4, rest.top(), rest.width() - 8, 18);
        rest.setTop(strip.bottom() + 2);
        return strip;
    }
    const QRect strip(rest.left() + 4, rest.bottom() - 18, rest.width() - 8, 18);
    rest.setBottom(strip.top() - 2);
    return strip;
}

// A legend standing beside the map: the title, then the scale upright (high end on top) or one category a line.
QRectF paintUprightLegend(QPainter& p, const QRect& strip, const Json& element, const PreviewData& data, const Colouring& c, const QString& title) {
    const int line = p.fontMetrics().height() + 4;
    p.setPen(QColor("#475569"));
    p.drawText(QRect(strip.left(), strip.top(), strip.width(), line), Qt::AlignLeft | Qt::AlignVCenter,
               p.fontMetrics().elidedText(title, Qt::ElideRight, strip.width()));
    int y = strip.top() + line;
    int widest = p.fontMetrics().horizontalAdvance(title);
    if (c.mode == Colouring::Mode::Scale) {
        const Json* format = columnFormat(element, data.columnIds.value(c.column));
        const QString lo = formatPreviewValue(QVariant(c.lo), format), hi = formatPreviewValue(QVariant(c.hi), format);
        const QRectF bar(strip.left(), y + line / 2.0, 10, std::clamp(strip.bottom() - y - line * 2, 20, 160));
        QLinearGradient gradient(bar.bottomLeft(), bar.topLeft());
        for (int i = 0; i <= 16; ++i) gradient.setColorAt(i / 16.0, c.forValue(c.lo + (c.hi - c.lo) * i / 16.0));
        p.fillRect(bar, gradient);
        p.drawText(QRectF(bar.right() + 6, bar.top() - line / 2.0, strip.width() - 16, line), Qt::AlignLeft | Qt::AlignVCenter, hi);
        p.drawText(QRectF(bar.right() + 6, bar.bottom() - line / 2.0, strip.width() - 16, line), Qt::AlignLeft | Qt::AlignVCenter, lo);
        widest = std::max({widest, 16 + p.fontMetrics().horizontalAdvance(hi), 16 + p.fontMetrics().horizontalAdvance(lo)});
        y = int(bar.bottom() + line / 2.0);
    } else {
        for (int i = 0; i < c.categories.size() && y + line <= strip.bottom(); ++i, y += line) {
            p.fillRect(QRectF(strip.left(), y + line / 2.0 - 5, 10, 10), c.forCategory(c.categories[i]));
            p.setPen(QColor("#475569"));
            p.drawText(QRect(strip.left() + 14, y, strip.width() - 14, line), Qt::AlignLeft | Qt::AlignVCenter,
                       p.fontMetrics().elidedText(c.categories[i], Qt::ElideRight, strip.width() - 14));
            widest = std::max(widest, 14 + p.fontMetrics().horizontalAdvance(c.categories[i]));
        }
    }
    return QRectF(strip.left(), strip.top(), std::min(strip.width(), widest), y - strip.top());
}

// The legend: a strip with a gradient between the domain's ends for a scale, swatches for categories; upright
// when it stands beside the map.
void paintLegend(QPainter& p, const QRect& strip, const Json& element, const PreviewData& data, const Colouring& c, ChartMarks& marks) {
    if (c.mode == Colouring::Mode::Single || strip.isEmpty()) return;
    p.setFont(sized(p, 10));
    const QString title = data.columnNames.value(c.column);
    QRectF drawn;
    int x = strip.left();
    if (strip.height() > 40) {
        drawn = paintUprightLegend(p, strip, element, data, c, title);
        QPainterPath box;
        box.addRect(drawn);
        marks.push_back({"legend", title, box, 0});
        return;
    }
    p.setPen(QColor("#475569"));
    const int titleWidth = p.fontMetrics().horizontalAdvance(title) + 8;
    p.drawText(QRect(x, strip.top(), titleWidth, strip.height()), Qt::AlignLeft | Qt::AlignVCenter, title);
    x += titleWidth;
    if (c.mode == Colouring::Mode::Scale) {
        const Json* format = columnFormat(element, data.columnIds.value(c.column));
        const QString lo = formatPreviewValue(QVariant(c.lo), format), hi = formatPreviewValue(QVariant(c.hi), format);
        const int loWidth = p.fontMetrics().horizontalAdvance(lo) + 6;
        p.drawText(QRect(x, strip.top(), loWidth, strip.height()), Qt::AlignLeft | Qt::AlignVCenter, lo);
        x += loWidth;
        const QRectF bar(x, strip.center().y() - 5, std::min(160, std::max(40, strip.right() - x - 80)), 10);
        QLinearGradient gradient(bar.topLeft(), bar.topRight());
        const int steps = 16;
        for (int i = 0; i <= steps; ++i) {
            const double t = double(i) / steps;
            gradient.setColorAt(t, c.forValue(c.lo + (c.hi - c.lo) * t));
        }
        p.fillRect(bar, gradient);
        p.drawText(QRectF(bar.right() + 6, strip.top(), 100, strip.height()), Qt::AlignLeft | Qt::AlignVCenter, hi);
        drawn = QRectF(strip.left(), strip.top(), bar.right() + 6 + p.fontMetrics().horizontalAdvance(hi) - strip.left(), strip.height());
    } else {
        for (int i = 0; i < c.categories.size(); ++i) {
            const QString label = c.categories[i];
            const int w = 14 + p.fontMetrics().horizontalAdvance(label) + 10;
            if (x + w > strip.right()) break;
            p.fillRect(QRectF(x, strip.center().y() - 5, 10, 10), c.forCategory(label));
            p.setPen(QColor("#475569"));
            p.drawText(QRect(x + 14, strip.top(), w - 14, strip.height()), Qt::AlignLeft | Qt::AlignVCenter, label);
            x += w;
        }
        drawn = QRectF(strip.left(), strip.top(), x - strip.left(), strip.height());
    }
    QPainterPath box;
    box.addRect(drawn);
    marks.push_back({"legend", title, box, 0});
}

// A one-line note at the bottom of the card (values that matched no region, values that did not parse).
void paintNote(QPainter& p, const QRect& line, const QString& kind, const QString& text, int count, ChartMarks& marks) {
    p.setFont(sized(p, 10));
    p.setPen(QColor("#92400e"));
    const QString shown = p.fontMetrics().elidedText(text, Qt::ElideRight, line.width());
    p.drawText(line, Qt::AlignLeft | Qt::AlignVCenter, shown);
    QPainterPath box;
    box.addRect(line);
    marks.push_back({kind, text, box, double(count)});
}

// What a region-map row contributes to its region.
struct RegionFill {
    std::vector<int> rows;
    double value = 0;
    bool hasValue = false;
    QString category;
};

} // namespace

void paintRegionMap(QPainter& p, const QRect& area, const Json& element, const PreviewData& data, ChartHits& hits, ChartMarks& marks) {
    const Json region = element.contains("region") && element["region"].is_object() ? element["region"] : Json::object();
    const std::string regionType = region.value("regionType", "");
    const geo::RegionSet* shapes = geo::bundledRegions(regionType);
    if (!shapes) return paintMap(p, area, element, data, hits); // no shapes offline for this type: bubbles
    const QString regionId = channelColumn(element, "region");
    const int ri = data.columnIndex(regionId);
    if (ri < 0) return noData(p, area, QObject::tr("A region map needs a region column."));
    Colouring colour = colouringOf(element, data, {regionId});

    std::map<int, RegionFill> fills; // region index -> what the rows say
    QStringList unmatched;
    for (std::size_t r = 0; r < data.rows.size(); ++r) {
        const QVariant key = cell(data, r, ri);
        if (key.isNull() || key.toString().trimmed().isEmpty()) continue;
        const int index = shapes->indexOf(key.toString().toStdString());
        if (index < 0) {
            if (!unmatched.contains(key.toString())) unmatched << key.toString();
            continue;
        }
        RegionFill& fill = fills[index];
        fill.rows.push_back(int(r));
        const QVariant v = cell(data, r, colour.column);
        if (colour.mode == Colouring::Mode::Scale && isNumericVariant(v)) fill.value += v.toDouble(), fill.hasValue = true;
        if (colour.mode == Colouring::Mode::Category && fill.category.isEmpty()) fill.category = formatPreviewValue(v, nullptr);
    }
    if (colour.mode == Colouring::Mode::Scale) {
        double lo = 0, hi = 0;
        bool any = false;
        for (const auto& [index, fill] : fills)
            if (fill.hasValue) lo = any ? std::min(lo, fill.value) : fill.value, hi = any ? std::max(hi, fill.value) : fill.value, any = true;
        colour.lo = colour.min.value_or(lo), colour.hi = colour.max.value_or(hi);
    } else if (colour.mode == Colouring::Mode::Category) {
        std::set<QString> sorted;
        for (const auto& [index, fill] : fills)
            if (!fill.category.isEmpty()) sorted.insert(fill.category);
        for (const QString& c : sorted) colour.categories << c;
    }

    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    QRect rest = area;
    if (!unmatched.isEmpty()) {
        const QRect line(rest.left() + 4, rest.bottom() - 14, rest.width() - 8, 14);
        rest.setBottom(line.top() - 2);
        QStringList shown = unmatched.mid(0, 5);
        const QString text = (unmatched.size() == 1 ? QObject::tr("1 value matched no %1: ")
                                                     : QObject::tr("%1 values matched no %2: ").arg(unmatched.size()))
                                 .arg(regionType == "country" ? QObject::tr("country") : QObject::tr("US state")) +
                             shown.join(", ") + (unmatched.size() > shown.size() ? QStringLiteral(", …") : QString());
        paintNote(p, line, "unmatched", text, int(unmatched.size()), marks);
    }
    if (!legendHidden(element) && colour.mode != Colouring::Mode::Single && !fills.empty())
        paintLegend(p, takeLegendRoom(rest, element), element, data, colour, marks);
    const int antarctica = shapes->indexOf("Antarctica");
    const bool withAntarctica = antarctica >= 0 && fills.count(antarctica);
    const Placement m = placeMap(regionType == "us-state" ? geo::MapProjection::usStates() : geo::MapProjection::world(withAntarctica),
                              QRectF(rest).adjusted(4, 4, -4, -4));
    if (regionType == "country") p.fillRect(m.plane(), QColor("#eef4fb"));
    p.setPen(QPen(QColor("#cbd5e1"), 1));
    p.setBrush(Qt::NoBrush);
    for (const auto& inset : m.projection.insets())
        p.drawRect(QRectF(m.left + inset.x * m.scale, m.top + inset.y * m.scale, inset.width * m.scale, inset.height * m.scale));
    // Larger regions first, so an enclave (Lesotho in South Africa) is drawn over the region around it.
    std::vector<int> order;
    for (std::size_t i = 0; i < shapes->regions.size(); ++i)
        if (int(i) != antarctica || withAntarctica) order.push_back(int(i));
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return shapes->regions[std::size_t(a)].bounds.area() > shapes->regions[std::size_t(b)].bounds.area(); });
    p.setClipRect(m.plane().adjusted(-1, -1, 1, 1));
    const double borderWidth = regionType == "us-state" ? 0.8 : 0.5;
    for (int index : order) {
        const geo::RegionShape& shape = shapes->regions[std::size_t(index)];
        const QPainterPath path = ringsPath(m, shape.rings);
        const auto fill = fills.find(index);
        QColor colourOfRegion = noDataGrey();
        if (fill != fills.end()) {
            if (colour.mode == Colouring::Mode::Scale) colourOfRegion = fill->second.hasValue ? colour.forValue(fill->second.value) : noDataGrey();
            else if (colour.mode == Colouring::Mode::Category) colourOfRegion = colour.forCategory(fill->second.category);
            else colourOfRegion = colour.single;
        }
        p.setPen(QPen(Qt::white, borderWidth));
        p.setBrush(colourOfRegion);
        p.drawPath(path);
        const QString name = QString::fromStdString(shape.name);
        if (fill != fills.end()) {
            hits.push_back({path, fill->second.rows});
            marks.push_back({"region", name, path, fill->second.value});
        } else {
            marks.push_back({"region-empty", name, path, 0});
        }
    }
    p.restore();
}

void paintGeographyMap(QPainter& p, const QRect& area, const Json& element, const PreviewData& data, ChartHits& hits,
                       ChartMarks& marks) {
    const QString geographyId = channelColumn(element, "geography");
    const int gi = data.columnIndex(geographyId);
    if (gi < 0) return noData(p, area, QObject::tr("A geography map needs a geography column."));
    Colouring colour = colouringOf(element, data, {geographyId});
    // Rows are read up to a budget of vertices, so a huge result cannot stall the canvas.
    constexpr std::size_t kVertexBudget = 500'000;
    std::vector<std::pair<int, geo::Geometry>> shapes;
    geo::Bounds bounds;
    int unreadable = 0;
    QString firstProblem;
    std::size_t vertices = 0;
    for (std::size_t r = 0; r < data.rows.size() && vertices < kVertexBudget; ++r) {
        const QVariant v = cell(data, r, gi);
        if (v.isNull() || v.toString().trimmed().isEmpty()) continue;
        auto parsed = geo::parseGeometry(v.toString().toStdString());
        if (!parsed) {
            if (++unreadable == 1)
                firstProblem = QObject::tr("row %1: %2 (column %3)").arg(r + 1).arg(QString::fromStdString(parsed.error().message)).arg(parsed.error().location.column);
            continue;
        }
        vertices += parsed->vertexCount();
        bounds.add(parsed->bounds());
        shapes.emplace_back(int(r), std::move(parsed).value());
    }
    if (colour.mode == Colouring::Mode::Scale) {
        bool any = false;
        for (const auto& [r, g] : shapes)
            if (const QVariant v = cell(data, std::size_t(r), colour.column); isNumericVariant(v)) {
                colour.lo = any ? std::min(colour.lo, v.toDouble()) : v.toDouble();
                colour.hi = any ? std::max(colour.hi, v.toDouble()) : v.toDouble();
                any = true;
            }
        colour.lo = colour.min.value_or(colour.lo), colour.hi = colour.max.value_or(colour.hi);
    } else if (colour.mode == Colouring::Mode::Category) {
        std::set<QString> sorted;
        for (const auto& [r, g] : shapes) sorted.insert(formatPreviewValue(cell(data, std::size_t(r), colour.column), nullptr));
        for (const QString& c : sorted) colour.categories << c;
    }
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    QRect rest = area;
    if (unreadable > 0) {
        const QRect line(rest.left() + 4, rest.bottom() - 14, rest.width() - 8, 14);
        rest.setBottom(line.top() - 2);
        paintNote(p, line, "unreadable", (unreadable == 1 ? QObject::tr("1 value could not be read as WKT or GeoJSON; ")
                                                    : QObject::tr("%1 values could not be read as WKT or GeoJSON; ").arg(unreadable)) + firstProblem,
                  unreadable, marks);
    }
    if (shapes.empty()) {
        noData(p, rest, unreadable > 0 ? QObject::tr("No geography value could be read.") : QObject::tr("No rows"));
        p.restore();
        return;
    }
    if (!legendHidden(element) && colour.mode != Colouring::Mode::Single) paintLegend(p, takeLegendRoom(rest, element), element, data, colour, marks);
    const Placement m = placeMap(geo::MapProjection::fitted(bounds), QRectF(rest).adjusted(4, 4, -4, -4));
    const QRectF plane = m.plane();
    p.fillRect(plane, QColor("#eef4fb"));
    p.setClipRect(plane);
    // Country outlines under the data, for orientation.
    if (const geo::RegionSet* countries = geo::bundledRegions("country")) {
        geo::Bounds view;
        view.add(geo::LonLat{bounds.west - (bounds.east - bounds.west) - 1, bounds.south - (bounds.north - bounds.south) - 1});
        view.add(geo::LonLat{bounds.east + (bounds.east - bounds.west) + 1, bounds.north + (bounds.north - bounds.south) + 1});
        p.setPen(QPen(Qt::white, 0.6));
        p.setBrush(QColor("#e5e7eb"));
        for (const geo::RegionShape& shape : countries->regions)
            if (shape.bounds.east >= view.west && shape.bounds.west <= view.east && shape.bounds.north >= view.south && shape.bounds.south <= view.north)
                p.drawPath(ringsPath(m, shape.rings));
    }
    for (const auto& [r, g] : shapes) {
        QColor c = colour.single;
        const QVariant v = cell(data, std::size_t(r), colour.column);
        if (colour.mode == Colouring::Mode::Scale) c = isNumericVariant(v) ? colour.forValue(v.toDouble()) : noDataGrey();
        else if (colour.mode == Colouring::Mode::Category) c = colour.forCategory(formatPreviewValue(v, nullptr));
        QPainterPath outline;
        for (const auto& polygon : g.polygons) outline.addPath(ringsPath(m, polygon));
        QColor fill = c;
        fill.setAlpha(210);
        p.setPen(QPen(c.darker(130), 1));
        p.setBrush(fill);
        p.drawPath(outline);
        QPainterPath lines;
        for (const geo::Ring& line : g.lines) {
            lines.moveTo(m.at(line.front()));
            for (std::size_t i = 1; i < line.size(); ++i) lines.lineTo(m.at(line[i]));
        }
        p.setPen(QPen(c, 2.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(Qt::NoBrush);
        p.drawPath(lines);
        QPainterPath dots;
        for (const geo::LonLat& pt : g.points) dots.addEllipse(m.at(pt), 4.5, 4.5);
        p.setPen(QPen(Qt::white, 1));
        p.setBrush(fill);
        p.drawPath(dots);
        QPainterPathStroker stroker;
        stroker.setWidth(7);
        QPainterPath hit = outline;
        hit.addPath(dots);
        if (!lines.isEmpty()) hit.addPath(stroker.createStroke(lines));
        hits.push_back({hit, {r}});
    }
    p.setClipping(false);
    p.setPen(QColor("#94a3b8"));
    p.setBrush(Qt::NoBrush);
    p.drawRect(plane);
    p.restore();
}

} // namespace quire::ide
