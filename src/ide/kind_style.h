#pragma once
// Colour and short glyph per element kind, shared by the canvas, palette and outline.
#include <QColor>
#include <QIcon>
#include <QString>

#include <string>

namespace quire::ide {

struct KindStyle {
    QColor color;
    QString glyph;
};

KindStyle kindStyle(const std::string& kind);
// A small square icon with the kind's colour and glyph (drawn, no image files needed).
QIcon kindIcon(const std::string& kind);

} // namespace quire::ide
