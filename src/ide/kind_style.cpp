#include "kind_style.h"

#include <QPainter>
#include <QPixmap>

namespace quire::ide {

KindStyle kindStyle(const std::string& kind) {
    if (kind == "table" || kind == "input-table") return {QColor("#0f766e"), "T"};
    if (kind == "pivot-table") return {QColor("#0e7490"), "P"};
    if (kind == "kpi-chart") return {QColor("#b45309"), "K"};
    if (kind.find("chart") != std::string::npos) return {QColor("#4f46e5"), "C"};
    if (kind.find("map") != std::string::npos) return {QColor("#15803d"), "M"};
    if (kind == "control") return {QColor("#be185d"), "F"};
    if (kind == "text") return {QColor("#475569"), "A"};
    if (kind == "button") return {QColor("#7c3aed"), "B"};
    if (kind == "image") return {QColor("#0369a1"), "I"};
    if (kind == "container" || kind == "tabbed-container" || kind == "repeated-container") return {QColor("#64748b"), "[]"};
    if (kind == "page" || kind == "overlay") return {QColor("#334155"), "#"};
    return {QColor("#6b7280"), "·"};
}

QIcon kindIcon(const std::string& kind) {
    const KindStyle style = kindStyle(kind);
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(style.color);
    p.drawRoundedRect(QRect(2, 2, 28, 28), 6, 6);
    p.setPen(Qt::white);
    QFont f = p.font();
    f.setPixelSize(16);
    f.setBold(true);
    p.setFont(f);
    p.drawText(QRect(2, 2, 28, 28), Qt::AlignCenter, style.glyph);
    return QIcon(pixmap);
}

} // namespace quire::ide
