#include "kind_style.h"

#include <algorithm>

#include <QFile>
#include <QFont>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QSvgRenderer>

// The icons live in resources/quire.qrc, compiled into this static library: register them once.
static void initQuireResources() { Q_INIT_RESOURCE(quire); }

namespace quire::ide {

namespace {

void ensureResources() {
    static const bool done = [] {
        initQuireResources();
        return true;
    }();
    (void)done;
}

std::string splitKey(const std::string& kind, std::string* controlType) {
    const auto colon = kind.find(':');
    if (colon == std::string::npos) return kind;
    if (controlType && controlType->empty()) *controlType = kind.substr(colon + 1);
    return kind.substr(0, colon);
}

// Pictogram rendered white at size x size device pixels, cached (the canvas paints many badges per frame).
QPixmap pictogram(const QString& path, int size) {
    static QHash<QString, QPixmap> cache;
    const QString key = path + '@' + QString::number(size);
    auto it = cache.constFind(key);
    if (it != cache.constEnd()) return *it;
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QSvgRenderer renderer(path);
    if (renderer.isValid()) {
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        renderer.render(&p, QRectF(0, 0, size, size));
    }
    cache.insert(key, pixmap);
    return pixmap;
}

QPixmap badgePixmap(const std::string& kind, const std::string& controlType, int size) {
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    paintKindBadge(p, QRect(0, 0, size, size), kind, controlType);
    return pixmap;
}

} // namespace

KindStyle kindStyle(const std::string& rawKind) {
    const std::string kind = splitKey(rawKind, nullptr);
    if (kind == "table" || kind == "input-table") return {QColor("#0f766e"), "T"};
    if (kind == "pivot-table") return {QColor("#0e7490"), "P"};
    if (kind == "kpi-chart") return {QColor("#b45309"), "K"};
    if (kind.find("chart") != std::string::npos) return {QColor("#4f46e5"), "C"};
    if (kind.find("map") != std::string::npos) return {QColor("#15803d"), "M"};
    if (kind == "control") return {QColor("#be185d"), "F"};
    if (kind == "text") return {QColor("#475569"), "A"};
    if (kind == "button" || kind == "navigation") return {QColor("#7c3aed"), "B"};
    if (kind == "image" || kind == "embed") return {QColor("#0369a1"), "I"};
    if (kind == "divider") return {QColor("#94a3b8"), "-"};
    if (kind == "container" || kind == "tabbed-container" || kind == "repeated-container") return {QColor("#64748b"), "[]"};
    if (kind == "page" || kind == "overlay") return {QColor("#334155"), "#"};
    return {QColor("#6b7280"), "·"};
}

QString kindIconPath(const std::string& rawKind, const std::string& rawControlType) {
    ensureResources();
    std::string controlType = rawControlType;
    const std::string kind = splitKey(rawKind, &controlType);
    QString name = QString::fromStdString(kind);
    if (kind == "control" && !controlType.empty()) name = QString::fromStdString("control-" + controlType);
    else if (kind == "overlay") name = controlType == "drawer" ? "overlay-drawer" : "overlay-modal";
    else if (kind == "input-table") name = "table";
    QString path = ":/icons/kinds/" + name + ".svg";
    if (QFile::exists(path)) return path;
    // Related kinds share a pictogram: number-range -> number, any other control -> sliders.
    if (kind == "control") {
        if (controlType.find("range") != std::string::npos) path = ":/icons/kinds/control-range-slider.svg";
        else path = ":/icons/kinds/control.svg";
        return QFile::exists(path) ? path : QString();
    }
    path = ":/icons/kinds/element.svg";
    return QFile::exists(path) ? path : QString();
}

void paintKindBadge(QPainter& p, const QRect& rect, const std::string& kind, const std::string& controlType) {
    const KindStyle style = kindStyle(kind);
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(style.color);
    const qreal radius = rect.width() / 4.5;
    p.drawRoundedRect(QRectF(rect), radius, radius);
    const QString path = kindIconPath(kind, controlType);
    if (!path.isEmpty()) {
        const qreal dpr = p.device() ? p.device()->devicePixelRatioF() : 1.0;
        const int inset = std::max(1, rect.width() / 7);
        const QRect inner = rect.adjusted(inset, inset, -inset, -inset);
        QPixmap pm = pictogram(path, static_cast<int>(inner.width() * dpr));
        pm.setDevicePixelRatio(dpr);
        p.drawPixmap(inner.topLeft(), pm);
    } else {
        p.setPen(Qt::white);
        QFont f = p.font();
        f.setPixelSize(std::max(6, rect.height() * 9 / 16));
        f.setBold(true);
        p.setFont(f);
        p.drawText(rect, Qt::AlignCenter, style.glyph);
    }
    p.restore();
}

QIcon kindIcon(const std::string& kind, const std::string& controlType) {
    QIcon icon;
    for (int size : {16, 24, 32, 64}) icon.addPixmap(badgePixmap(kind, controlType, size));
    return icon;
}

QIcon actionIcon(const QString& name) {
    ensureResources();
    return QIcon(":/icons/actions/" + name + ".svg");
}

QIcon applicationIcon() {
    ensureResources();
    return QIcon(":/icons/quire.svg");
}

} // namespace quire::ide
