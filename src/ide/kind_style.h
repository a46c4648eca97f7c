#pragma once
// Colour and pictogram per element kind, shared by the canvas, palette and outline. The pictograms are the
// SVGs in resources/icons/kinds (drawn for Quire), painted white on the kind's colour.
#include <QColor>
#include <QIcon>
#include <QString>

#include <string>

class QPainter;
class QRect;

namespace quire::ide {

struct KindStyle {
    QColor color;
    QString glyph; // fallback letter when a pictogram is missing
};

// kind: the element's `kind` ("bar-chart", "control"...), or a palette key ("control:list", "overlay:drawer").
// controlType refines controls ("list", "date-range"...).
KindStyle kindStyle(const std::string& kind);
// Resource path of the kind's pictogram (":/icons/kinds/....svg"), or "" when there is none.
QString kindIconPath(const std::string& kind, const std::string& controlType = {});
// A rounded square in the kind's colour with its white pictogram (16, 24, 32 and 64 px).
QIcon kindIcon(const std::string& kind, const std::string& controlType = {});
// The same badge painted into rect (the canvas card headers).
void paintKindBadge(QPainter& painter, const QRect& rect, const std::string& kind, const std::string& controlType = {});
// Toolbar/menu icons from resources/icons/actions ("new", "open", "save", "undo", ...).
QIcon actionIcon(const QString& name);
QIcon applicationIcon();

} // namespace quire::ide
