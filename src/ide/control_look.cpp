#include "control_look.h"

#include <QObject>
#include <QPainter>

namespace quire::ide {

namespace {
// The name of a column id among the columns of an element (or "" when it has none by that id).
QString columnName(const Json* element, const std::string& columnId) {
    if (!element || !element->contains("columns") || !(*element)["columns"].is_array()) return {};
    for (const auto& c : (*element)["columns"])
        if (c.is_object() && c.value("id", "") == columnId) return QString::fromStdString(c.value("name", columnId));
    return {};
}

// A drill control's value is a column id of its source element (spec §3.6): show that column's name.
QString drillText(const Json& control, const QString& summary, const ElementLookup& elementById) {
    std::string columnId = summary.toStdString();
    if (control.contains("value") && control["value"].is_string()) columnId = control["value"].get<std::string>();
    const Json* source = nullptr;
    if (control.contains("source") && control["source"].is_object()) {
        const Json& s = control["source"];
        if (s.contains("source") && s["source"].is_object()) source = elementById(s["source"].value("elementId", ""));
    }
    if (QString name = columnName(source, columnId); !name.isEmpty()) return name;
    if (control.contains("targets") && control["targets"].is_array())
        for (const auto& t : control["targets"])
            if (t.is_object() && t.contains("source") && t["source"].is_object())
                if (QString name = columnName(elementById(t["source"].value("elementId", "")), columnId); !name.isEmpty()) return name;
    return summary;
}
} // namespace

ControlLook controlLook(const Json& control, const QString& summary, const ElementLookup& elementById) {
    const std::string type = control.value("controlType", "");
    const bool cleared = summary.isEmpty() || summary == QObject::tr("(all)");
    ControlLook look;
    if (type == "text" || type == "text-area" || type == "number") {
        look.shape = ControlLook::Shape::Input;
        look.placeholder = cleared;
        look.text = cleared ? (type == "number" ? QObject::tr("Enter a number") : QObject::tr("Enter text")) : summary;
        return look;
    }
    if (type == "checkbox" || type == "switch") {
        look.shape = ControlLook::Shape::Toggle;
        look.text = QString::fromStdString(control.value("name", ""));
        look.placeholder = summary != "true";
        return look;
    }
    look.text = type == "drill" && !cleared ? drillText(control, summary, elementById) : summary;
    if (type == "drill" && cleared) look.text = QObject::tr("(top level)");
    return look;
}

void paintControlLook(QPainter& p, const QRect& area, const ControlLook& look) {
    QFont f = p.font();
    f.setPixelSize(11);
    f.setBold(false);
    p.setFont(f);
    if (look.shape == ControlLook::Shape::Toggle) {
        const QRect box(area.left(), area.center().y() - 7, 14, 14);
        p.setPen(QColor("#64748b"));
        p.setBrush(look.placeholder ? QColor(Qt::white) : QColor("#2563eb"));
        p.drawRoundedRect(box, 3, 3);
        return;
    }
    const QRect box(area.left(), area.top(), std::min(area.width(), 260), std::min(area.height(), 26));
    const bool input = look.shape == ControlLook::Shape::Input;
    p.setPen(input ? QColor("#cbd5e1") : QColor("#93c5fd"));
    p.setBrush(input ? QColor(Qt::white) : QColor("#eff6ff"));
    p.drawRoundedRect(box, 4, 4);
    p.setPen(look.placeholder ? QColor("#94a3b8") : QColor("#1e3a8a"));
    const QString text = input ? look.text : look.text + QStringLiteral("  ▾");
    p.drawText(box.adjusted(8, 0, -8, 0), Qt::AlignVCenter | Qt::AlignLeft,
               p.fontMetrics().elidedText(text, Qt::ElideMiddle, box.width() - 16));
}

QRect controlValueArea(const QRect& card) {
    // Room for the title (22 px) above a value box at least 16 px tall: below it; else beside the title.
    if (card.height() >= 22 + 16 + 2) return card.adjusted(10, 22, -10, -2);
    return QRect(card.left() + card.width() / 2, card.top() + 2, card.width() / 2 - 6, card.height() - 4);
}

} // namespace quire::ide
