// KPI comparison and value style, donut hole (spec §3.5): `comparisonColumn {columnId}` + `comparison
// {display: delta, colorGood, colorBad}`, `value {color, fontSize: n|"auto"}`, `layout {anchor,
// verticalAnchor, titleOrient, comparisonValueOrient}`; donut `holeValue {columnId}`
// (never the value's column) and `innerRadius`. One undo step per edit.
#include "document_commands.h"
#include "../color_scheme.h"
#include "editors.h"

#include <QColor>
#include <QFormLayout>
#include <QGroupBox>
#include <QLineEdit>

namespace quire::ide::props {

namespace {

// A hex colour member edited as text: other text is marked and not written; empty removes the key.
void addHexField(const Context& c, QFormLayout* form, const QString& label, const QString& name, const std::string& pointer,
                 const Json& object, const char* key) {
    auto* edit = new QLineEdit(QString::fromStdString(str(object, key)));
    edit->setObjectName(name);
    edit->setPlaceholderText("#rrggbb");
    QObject::connect(edit, &QLineEdit::textEdited, edit, [model = c.model, edit, pointer, key, label](const QString& text) {
        const bool hex = text.startsWith('#') && QColor(text).isValid();
        edit->setStyleSheet(hex || text.isEmpty() ? QString() : invalidFieldStyle());
        if (text.isEmpty()) return setValue(model, pointer + "/" + key, std::nullopt, QObject::tr("Clear %1").arg(label), MergeTyping);
        if (!hex) return;
        Json holder = current(model, pointer);
        if (!holder.is_object()) holder = Json::object();
        holder[key] = text.toLower().toStdString();
        setValue(model, pointer, holder, QObject::tr("Edit %1").arg(label), MergeTyping);
    });
    form->addRow(label, edit);
}

} // namespace

QWidget* makeKpiEditor(const Context& c, std::set<std::string>& known) {
    const Json& e = *c.element;
    if (str(e, "kind") != "kpi-chart") return nullptr;
    const Json value = e.value("value", Json::object()), comparison = e.value("comparison", Json::object());
    const Json compareWith = e.value("comparisonColumn", Json::object());
    const Json layout = e.value("layout", Json::object());
    if (!value.is_object() || !comparison.is_object() || !compareWith.is_object()) return nullptr;
    known.insert({"comparisonColumn", "comparison"});
    auto* box = new QGroupBox(QObject::tr("KPI"));
    box->setObjectName("kpi");
    auto* form = new QFormLayout(box);
    addHexField(c, form, QObject::tr("Value colour"), "kpi-color", c.pointer + "/value", value, "color");
    auto* size = new QLineEdit(value.contains("fontSize") ? QString::fromStdString(value["fontSize"].is_string() ? value["fontSize"].get<std::string>() : value["fontSize"].dump()) : QString());
    size->setObjectName("kpi-font-size");
    size->setPlaceholderText(QObject::tr("auto"));
    QObject::connect(size, &QLineEdit::textEdited, size, [model = c.model, size, p = c.pointer + "/value/fontSize"](const QString& text) {
        const auto n = parseNumber(text);
        const bool ok = text.isEmpty() || text == "auto" || (n && *n > 0);
        size->setStyleSheet(ok ? QString() : invalidFieldStyle());
        if (!ok) return;
        setValue(model, p, text.isEmpty() ? std::nullopt : std::optional<Json>(text == "auto" ? Json("auto") : numberJson(*n)),
                 QObject::tr("Edit KPI font size"), MergeTyping);
    });
    form->addRow(QObject::tr("Font size"), size);
    // Where the value sits in the card; "(default)" removes the key (centred). A malformed layout stays under Other.
    if (layout.is_object()) {
        known.insert("layout");
        addEnumField(c, form, QObject::tr("Anchor"), "kpi-anchor", c.pointer + "/layout", layout, "anchor", {"left", "center", "right"}, true);
        addEnumField(c, form, QObject::tr("Vertical anchor"), "kpi-vertical-anchor", c.pointer + "/layout", layout, "verticalAnchor",
                     {"top", "center", "bottom"}, true);
        addEnumField(c, form, QObject::tr("Title"), "kpi-title-orient", c.pointer + "/layout", layout, "titleOrient",
                     {"top", "bottom", "left", "right"}, true);
        addEnumField(c, form, QObject::tr("Comparison"), "kpi-comparison-orient", c.pointer + "/layout", layout, "comparisonValueOrient",
                     {"top", "bottom", "left", "right"}, true);
        addOtherFields(form, layout, {"anchor", "verticalAnchor", "titleOrient", "comparisonValueOrient"});
    }
    // The comparison column; "(none)" removes it and the comparison settings with it (one step).
    auto* column = columnPicker(e, str(compareWith, "columnId"), true);
    column->setObjectName("kpi-comparison-column");
    QObject::connect(column, &QComboBox::currentIndexChanged, column, [model = c.model, column, p = c.pointer] {
        Json element = current(model, p);
        const std::string id = pickedId(column);
        if (id.empty()) {
            element.erase("comparisonColumn");
            element.erase("comparison");
        } else {
            element["comparisonColumn"] = Json{{"columnId", id}};
            if (!element.contains("comparison")) element["comparison"] = Json{{"display", "delta"}};
        }
        setValue(model, p, element, QObject::tr("Set KPI comparison"));
    });
    form->addRow(QObject::tr("Compare with"), column);
    if (e.contains("comparison")) {
        addEnumField(c, form, QObject::tr("Display"), "kpi-display", c.pointer + "/comparison", comparison, "display", {"delta"}, true);
        addHexField(c, form, QObject::tr("Good colour"), "kpi-good", c.pointer + "/comparison", comparison, "colorGood");
        addHexField(c, form, QObject::tr("Bad colour"), "kpi-bad", c.pointer + "/comparison", comparison, "colorBad");
        addOtherFields(form, comparison, {"display", "colorGood", "colorBad"});
    }
    return box;
}

QWidget* makeDonutEditor(const Context& c, std::set<std::string>& known) {
    const Json& e = *c.element;
    if (str(e, "kind") != "donut-chart") return nullptr;
    const Json hole = e.value("holeValue", Json::object());
    if (!hole.is_object()) return nullptr;
    known.insert({"holeValue", "innerRadius"});
    auto* box = new QGroupBox(QObject::tr("Donut hole"));
    box->setObjectName("donut");
    auto* form = new QFormLayout(box);
    auto* column = columnPicker(e, str(hole, "columnId"), true);
    column->setObjectName("donut-hole");
    QObject::connect(column, &QComboBox::currentIndexChanged, column, [model = c.model, column, p = c.pointer + "/holeValue"] {
        const std::string id = pickedId(column);
        setValue(model, p, id.empty() ? std::nullopt : std::optional<Json>(Json{{"columnId", id}}), QObject::tr("Set hole value"));
    });
    form->addRow(QObject::tr("Hole value"), column);
    addNumberField(c, form, QObject::tr("Inner radius"), "donut-radius", c.pointer, e, "innerRadius", true);
    return box;
}

} // namespace quire::ide::props
