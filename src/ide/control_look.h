#pragma once
// How a control card shows its current value: text and text-area controls as an input box, checkboxes and
// switches as a toggle, the others as a drop-down; a drill control names its column, not the column's id.
#include <quire/core/json.h>

#include <QRect>
#include <QString>

#include <functional>

class QPainter;

namespace quire::ide {

struct ControlLook {
    enum class Shape { Dropdown, Input, Toggle };
    Shape shape = Shape::Dropdown;
    QString text;             // what the box shows
    bool placeholder = false; // no value yet: drawn grey
};

// elementById finds an element of the workbook (nullptr when absent). summary: the control's current value as
// the preview state describes it ("(all)" when cleared).
using ElementLookup = std::function<const Json*(const std::string& elementId)>;
ControlLook controlLook(const Json& control, const QString& summary, const ElementLookup& elementById);

void paintControlLook(QPainter& p, const QRect& area, const ControlLook& look);

// Where a control card draws its value box: below the title when the card has room, beside it on one row.
QRect controlValueArea(const QRect& card);

} // namespace quire::ide
