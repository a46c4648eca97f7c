#include "chart_overlays.h"

#include "preview_painter.h"

#include <QPainter>

#include <algorithm>
#include <cmath>
#include <limits>

namespace quire::ide {

namespace {

QColor hexOr(const Json& holder, const char* key, const QColor& fallback) {
    if (!holder.is_object() || !holder.contains(key) || !holder[key].is_string()) return fallback;
    const QColor c(QString::fromStdString(holder[key].get<std::string>()));
    return c.isValid() ? c : fallback;
}

double numberOr(const Json& holder, const char* key, double fallback) {
    return holder.is_object() && holder.contains(key) && holder[key].is_number() ? holder[key].get<double>() : fallback;
}

// Solves the normal equations of a polynomial least-squares fit (Gaussian elimination with pivoting).
std::optional<std::vector<double>> polyfit(const std::vector<double>& xs, const std::vector<double>& ys, int degree) {
    const int n = degree + 1;
    std::vector<std::vector<double>> a(std::size_t(n), std::vector<double>(std::size_t(n + 1), 0.0));
    for (std::size_t i = 0; i < xs.size(); ++i)
        for (int r = 0; r < n; ++r) {
            for (int c = 0; c < n; ++c) a[std::size_t(r)][std::size_t(c)] += std::pow(xs[i], r + c);
            a[std::size_t(r)][std::size_t(n)] += ys[i] * std::pow(xs[i], r);
        }
    for (int col = 0; col < n; ++col) {
        int pivot = col;
        for (int r = col + 1; r < n; ++r)
            if (std::fabs(a[std::size_t(r)][std::size_t(col)]) > std::fabs(a[std::size_t(pivot)][std::size_t(col)])) pivot = r;
        if (std::fabs(a[std::size_t(pivot)][std::size_t(col)]) < 1e-12) return std::nullopt;
        std::swap(a[std::size_t(col)], a[std::size_t(pivot)]);
        for (int r = 0; r < n; ++r) {
            if (r == col) continue;
            const double f = a[std::size_t(r)][std::size_t(col)] / a[std::size_t(col)][std::size_t(col)];
            for (int c = col; c <= n; ++c) a[std::size_t(r)][std::size_t(c)] -= f * a[std::size_t(col)][std::size_t(c)];
        }
    }
    std::vector<double> out(static_cast<std::size_t>(n), 0.0);
    for (int r = 0; r < n; ++r) out[std::size_t(r)] = a[std::size_t(r)][std::size_t(n)] / a[std::size_t(r)][std::size_t(r)];
    return out;
}

const Json* labelFormat(const Json& element, const Json* fallback) {
    const Json& label = element["dataLabel"];
    if (label.contains("valueFormat") && label["valueFormat"].is_object()) return &label["valueFormat"];
    return fallback;
}

} // namespace

double TrendFit::at(double x) const {
    const auto& c = coefficients;
    if (model == "exponential") return c[0] * std::exp(c[1] * x);
    if (model == "logarithmic") return c[0] + c[1] * std::log(x);
    if (model == "power") return c[0] * std::pow(x, c[1]);
    double y = 0;
    for (std::size_t i = c.size(); i-- > 0;) y = y * x + c[i];
    return y;
}

std::optional<TrendFit> fitTrend(const std::string& model, int degree, const std::vector<double>& xs, const std::vector<double>& ys,
                                 QString& why) {
    TrendFit fit{model, {}};
    const bool logY = model == "exponential" || model == "power";
    const bool logX = model == "logarithmic" || model == "power";
    std::vector<double> fx = xs, fy = ys;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        if (logY && !(ys[i] > 0)) {
            why = QObject::tr("the %1 trend line needs positive values").arg(QString::fromStdString(model));
            return std::nullopt;
        }
        if (logX && !(xs[i] > 0)) {
            why = QObject::tr("the %1 trend line needs positive x values").arg(QString::fromStdString(model));
            return std::nullopt;
        }
        if (logY) fy[i] = std::log(ys[i]);
        if (logX) fx[i] = std::log(xs[i]);
    }
    const int d = model == "linear" || logY || logX ? 1 : model == "quadratic" ? 2 : std::clamp(degree, 2, 6);
    if (int(xs.size()) < d + 1) {
        why = QObject::tr("the %1 trend line needs at least %2 points").arg(QString::fromStdString(model)).arg(d + 1);
        return std::nullopt;
    }
    auto c = polyfit(fx, fy, d);
    if (!c) {
        why = QObject::tr("the %1 trend line has no unique fit").arg(QString::fromStdString(model));
        return std::nullopt;
    }
    fit.coefficients = *c;
    if (logY) fit.coefficients[0] = std::exp(fit.coefficients[0]);
    return fit;
}

void paintChartOverlays(QPainter& p, const ChartFrame& frame, const OverlayInput& in, ChartMarks& marks) {
    if (!frame.legend.isEmpty()) {
        QPainterPath box;
        box.addRect(frame.legend);
        marks.push_back({"legend", QString(), box, 0});
    }
    if (!frame.valid()) return;
    const Json& e = in.element;
    const SeriesTable& t = in.table;
    const std::size_t nx = std::size_t(t.xs.size()), ns = std::size_t(t.names.size());
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    QFont small = p.font();
    small.setPixelSize(9);
    int noteLine = 0;
    auto note = [&](const QString& text) { // a grey line of text at the plot's top left
        p.setFont(small);
        p.setPen(QColor("#b45309"));
        const QRectF box(frame.plot.left() + 4, frame.plot.top() + 2 + 12 * noteLine++, frame.plot.width() - 8, 12);
        p.drawText(box, Qt::AlignLeft | Qt::AlignVCenter, text);
        QPainterPath path;
        path.addRect(box);
        marks.push_back({"note", text, path, 0});
    };

    // Reference marks: values come from the chart's query (reference_values.h), one column per formula.
    const Json refMarks = e.value("refMarks", Json::array());
    for (std::size_t i = 0; refMarks.is_array() && i < refMarks.size(); ++i) {
        const Json& m = refMarks[i];
        if (!m.is_object()) continue;
        const std::string axis = m.value("axis", "series");
        const bool band = m.value("type", "line") == "band";
        auto valueOf = [&](bool end) -> std::optional<QVariant> {
            const int c = in.data.columnIndex(QStringLiteral("__ref%1%2").arg(i).arg(end ? "_end" : ""));
            if (c < 0 || in.data.rows.empty()) return std::nullopt;
            return cell(in.data, 0, c);
        };
        const auto v0 = valueOf(false);
        const auto v1 = band ? valueOf(true) : std::optional<QVariant>();
        if (!v0 || v0->isNull() || (band && (!v1 || v1->isNull()))) {
            note(QObject::tr("reference mark %1: no value").arg(i + 1));
            continue;
        }
        const Json line = m.value("line", Json::object());
        const QColor colour = hexOr(line, "color", QColor("#64748b"));
        const double width = std::clamp(numberOr(line, "width", 1.5), 0.5, 8.0);
        const Json label = m.value("label", Json::object());
        QString text = label.is_object() && label.contains("text") && label["text"].is_string() ? QString::fromStdString(label["text"].get<std::string>()) : QString();
        QPainterPath shape;
        double value = 0;
        if (axis == "x-axis") { // a category: the value names one (or is its position)
            auto position = [&](const QVariant& v) -> double {
                const int found = t.xs.indexOf(formatPreviewValue(v, columnFormat(e, channelColumn(e, "xAxis"))));
                if (found >= 0) return found;
                return isNumericVariant(v) ? v.toDouble() : std::numeric_limits<double>::quiet_NaN();
            };
            const double a = position(*v0), b = band ? position(*v1) : a;
            if (std::isnan(a) || std::isnan(b)) {
                note(QObject::tr("reference mark %1: %2 is not a category").arg(i + 1).arg(v0->toString()));
                continue;
            }
            value = a;
            const QPointF pa = frame.at(std::min(a, b) - (band ? 0.5 : 0), frame.lo), pb = frame.at(std::max(a, b) + (band ? 0.5 : 0), frame.hi);
            if (band) shape.addRect(QRectF(pa, pb).normalized());
            else shape.moveTo(pa), shape.lineTo(pb);
        } else {
            auto primary = [&](double v) { return axis == "series2" ? frame.toPrimary(v) : v; };
            value = v0->toDouble();
            const double a = primary(value), b = band ? primary(v1->toDouble()) : a;
            const QPointF pa = frame.at(-0.5, std::min(a, b)), pb = frame.at(double(nx) - 0.5, std::max(a, b));
            if (band) shape.addRect(QRectF(pa, pb).normalized());
            else shape.moveTo(pa), shape.lineTo(pb);
            if (text.isEmpty() && label.is_object() && !label.empty())
                text = formatPreviewValue(*v0, in.measures.empty() ? nullptr : columnFormat(e, in.data.columnIds.value(in.measures[0])));
        }
        if (band) {
            QColor fill = hexOr(m.value("band", Json::object()), "color", colour);
            fill.setAlpha(50);
            p.fillPath(shape, fill);
        } else {
            p.setPen(QPen(colour, width, Qt::DashLine));
            p.drawPath(shape);
        }
        marks.push_back({band ? "refband" : "refline", text, shape, value});
        if (!text.isEmpty()) {
            p.setFont(small);
            p.setPen(colour.darker(130));
            const QRectF r = shape.boundingRect(); // a line's label sits above it, a band's inside its bottom edge
            p.drawText(band ? QRectF(r.right() - 160, r.bottom() - 13, 156, 12) : QRectF(r.right() - 160, r.top() - 13, 156, 12),
                       Qt::AlignRight | Qt::AlignBottom, text);
        }
    }

    // Trend lines: least squares over the series' points, x = 1..n along the categories.
    const Json trends = e.value("trendlines", Json::array());
    for (std::size_t i = 0; trends.is_array() && i < trends.size(); ++i) {
        const Json& tl = trends[i];
        if (!tl.is_object()) continue;
        const std::string model = tl.value("model", "linear");
        if (in.stacked || in.byColour) {
            note(QObject::tr("trend lines are not drawn on stacked or colour-split charts"));
            break;
        }
        const QString column = QString::fromStdString(tl.value("columnId", ""));
        std::size_t s = ns;
        for (std::size_t k = 0; k < in.measures.size() && k < ns; ++k)
            if (column.isEmpty() ? k == 0 : in.data.columnIds.value(in.measures[k]) == column) { s = k; break; }
        if (s == ns) continue;
        std::vector<double> xs, ys;
        for (std::size_t x = 0; x < nx; ++x)
            if (t.rows[s][x] >= 0) xs.push_back(double(x + 1)), ys.push_back(t.values[s][x]);
        QString why;
        const auto degree = int(numberOr(tl, "degree", numberOr(tl, "order", 3)));
        const auto fit = fitTrend(model, degree, xs, ys, why);
        if (!fit) {
            note(QObject::tr("trend line %1: %2").arg(i + 1).arg(why));
            continue;
        }
        auto primary = [&](double v) { return in.secondary[s] ? frame.toPrimary(v) : v; };
        const Json line = tl.value("line", Json::object());
        const QColor colour = hexOr(line, "color", seriesColour(int(s + i) + 2).darker(130)); // one colour per trend line
        QPainterPath curve;
        const int steps = std::max(2, int(nx) * 8);
        for (int k = 0; k <= steps; ++k) {
            const double x = 1 + double(nx - 1) * k / steps;
            const QPointF pt = frame.at(x - 1, std::clamp(primary(fit->at(x)), frame.lo - (frame.hi - frame.lo), frame.hi * 2 - frame.lo));
            if (k == 0) curve.moveTo(pt);
            else curve.lineTo(pt);
        }
        p.save();
        p.setClipRect(frame.plot.adjusted(-1, -1, 1, 1));
        p.setPen(QPen(colour, std::clamp(numberOr(line, "width", 2.0), 0.5, 8.0), Qt::DashDotLine));
        p.drawPath(curve);
        p.restore();
        marks.push_back({"trendline", QString::fromStdString(model), curve, 0});
        for (std::size_t k = 0; k < xs.size(); ++k) { // the fitted value at each category, for reading back
            QPainterPath at;
            at.addEllipse(frame.at(xs[k] - 1, primary(fit->at(xs[k]))), 1, 1);
            marks.push_back({"trend-point", t.xs[int(xs[k] - 1)], at, fit->at(xs[k])});
        }
    }

    // Data labels: which points get one follows labelDisplay (auto: all when they fit, else the extremes).
    const Json label = e.value("dataLabel", Json());
    if (label.is_object() && label.value("labels", "shown") != "hidden" && label.value("visibility", "shown") != "hidden") {
        std::string display = label.value("labelDisplay", "auto");
        if (display == "auto") display = double(nx * ns) * 34 <= (frame.horizontal ? frame.plot.height() * 3 : frame.plot.width()) ? "all" : "min-max";
        p.setFont(small);
        const QFontMetrics metrics(small);
        for (std::size_t s = 0; s < ns; ++s) {
            std::size_t lo = nx, hi = nx;
            for (std::size_t x = 0; x < nx; ++x) {
                if (t.rows[s][x] < 0) continue;
                if (lo == nx || t.values[s][x] < t.values[s][lo]) lo = x;
                if (hi == nx || t.values[s][x] > t.values[s][hi]) hi = x;
            }
            const Json* format = labelFormat(e, columnFormat(e, in.data.columnIds.value(in.measures[std::min(s, in.measures.size() - 1)])));
            for (std::size_t x = 0; x < nx; ++x) {
                if (t.rows[s][x] < 0) continue;
                const bool show = display == "all" || (display == "minimum" && x == lo) || (display == "maximum" && x == hi) ||
                                  (display == "min-max" && (x == lo || x == hi));
                const QPointF anchor = in.anchors.size() > s && in.anchors[s].size() > x ? in.anchors[s][x] : QPointF(NAN, NAN);
                if (!show || std::isnan(anchor.x())) continue;
                const QString text = formatPreviewValue(QVariant(t.values[s][x]), format);
                const double w = metrics.horizontalAdvance(text) + 4;
                const QRectF box = frame.horizontal ? QRectF(anchor.x() + 3, anchor.y() - 6, w, 12) : QRectF(anchor.x() - w / 2, anchor.y() - 14, w, 12);
                p.setPen(QColor("#1f2937"));
                p.drawText(box, Qt::AlignCenter, text);
                QPainterPath path;
                path.addRect(box);
                marks.push_back({"label", text, path, t.values[s][x]});
            }
        }
    }
    // Stack totals (`dataLabel.totals: shown`, or `true`, or an object not `visibility: hidden`): each category's
    // sum beyond the end of its stack, past the top segment's own label when labels are shown.
    const Json totals = label.is_object() ? label.value("totals", Json()) : Json();
    const bool totalsShown = (totals.is_string() && totals.get<std::string>() == "shown") || (totals.is_boolean() && totals.get<bool>()) ||
                             (totals.is_object() && !(totals.contains("visibility") && totals["visibility"] == "hidden"));
    if (in.stacked && totalsShown && ns > 0) {
        const bool segmentLabels = !(label.contains("labels") && label["labels"] == "hidden") && !(label.contains("visibility") && label["visibility"] == "hidden");
        const Json* format = labelFormat(e, columnFormat(e, in.data.columnIds.value(in.measures[0])));
        QFont bold = small;
        bold.setBold(true);
        p.setFont(bold);
        p.setPen(QColor("#111827"));
        const QFontMetrics metrics(bold), plain(small);
        for (std::size_t x = 0; x < nx; ++x) {
            double total = 0;
            std::size_t end = ns; // the segment that reaches furthest from the axis
            for (std::size_t s = 0; s < ns; ++s) {
                if (t.rows[s][x] < 0 || in.anchors.size() <= s || in.anchors[s].size() <= x || std::isnan(in.anchors[s][x].x())) continue;
                total += t.values[s][x];
                const QPointF a = in.anchors[s][x];
                if (end == ns || (frame.horizontal ? a.x() > in.anchors[end][x].x() : a.y() < in.anchors[end][x].y())) end = s;
            }
            if (end == ns) continue;
            const QPointF tip = in.anchors[end][x];
            const QString text = formatPreviewValue(QVariant(total), format);
            const double w = metrics.horizontalAdvance(text) + 4;
            const double past = segmentLabels ? (frame.horizontal ? plain.horizontalAdvance(formatPreviewValue(QVariant(t.values[end][x]), format)) + 7 : 12) : 0;
            const QRectF box = frame.horizontal ? QRectF(tip.x() + 3 + past, tip.y() - 6, w, 12) : QRectF(tip.x() - w / 2, tip.y() - 14 - past, w, 12);
            p.drawText(box, Qt::AlignCenter, text);
            QPainterPath path;
            path.addRect(box);
            marks.push_back({"total", text, path, total});
        }
    }
    p.restore();
}

} // namespace quire::ide
