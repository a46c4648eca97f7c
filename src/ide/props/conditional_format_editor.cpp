// Conditional formats and table style of tables, pivots and input tables (spec §3.3): `conditionalFormats`
// as a list (type, column, and for `single` rules the condition, value, background and text colour; for
// scales and data bars the colour scheme) and `tableStyle` preset, banding, banding colour, grid lines and
// cell spacing. One undo step per edit; keys the editor does not offer are kept.
#include "document_commands.h"
#include "../color_scheme.h"
#include "editors.h"
#include "list_editor.h"

#include <QColor>
#include <QFormLayout>
#include <QGroupBox>
#include <QLineEdit>
#include <QVBoxLayout>

namespace quire::ide::props {

namespace {

bool isTableKind(const std::string& kind) { return kind == "table" || kind == "pivot-table" || kind == "input-table"; }

// A hex colour at pointer (a member that may not exist yet); other text is marked and not written.
void addColour(const Context& c, QFormLayout* form, const QString& label, const QString& name, const std::string& pointer, const Json& current) {
    auto* edit = new QLineEdit(current.is_string() ? QString::fromStdString(current.get<std::string>()) : QString());
    edit->setObjectName(name);
    edit->setPlaceholderText("#rrggbb");
    QObject::connect(edit, &QLineEdit::textEdited, edit, [model = c.model, edit, pointer, label](const QString& text) {
        const bool hex = text.startsWith('#') && QColor(text).isValid();
        edit->setStyleSheet(hex || text.isEmpty() ? QString() : invalidFieldStyle());
        if (text.isEmpty()) return setValue(model, pointer, std::nullopt, QObject::tr("Clear %1").arg(label), MergeTyping);
        if (hex) setValue(model, pointer, Json(text.toLower().toStdString()), QObject::tr("Edit %1").arg(label), MergeTyping);
    });
    form->addRow(label, edit);
}

} // namespace

QWidget* makeConditionalFormatEditor(const Context& c, std::set<std::string>& known) {
    const Json& e = *c.element;
    if (!isTableKind(str(e, "kind"))) return nullptr;
    if (e.contains("conditionalFormats") && !e["conditionalFormats"].is_array()) return nullptr;
    const Json style = e.value("tableStyle", Json::object());
    if (!style.is_object()) return nullptr;
    known.insert({"conditionalFormats", "tableStyle"});
    auto* box = new QWidget;
    box->setObjectName("conditional-formats");
    auto* v = new QVBoxLayout(box);
    v->setContentsMargins(0, 0, 0, 0);
    ListEditor::Spec spec;
    spec.title = QObject::tr("Conditional formats");
    spec.name = "formats";
    spec.pointer = c.pointer + "/conditionalFormats";
    spec.itemNoun = QObject::tr("conditional format");
    spec.label = [element = e](const Json& f) {
        QStringList columns;
        for (const auto& id : f.value("columnIds", Json::array()))
            if (id.is_string()) columns << columnName(element, id.get<std::string>());
        QString text = QString::fromStdString(str(f, "type")) + QStringLiteral(" · ") + columns.join(", ");
        if (str(f, "type") == "single") text += QStringLiteral(" ") + QString::fromStdString(str(f, "condition")) + QStringLiteral(" ") +
                                                QString::fromStdString(f.contains("value") ? (f["value"].is_string() ? f["value"].get<std::string>() : f["value"].dump()) : "");
        return text;
    };
    spec.newItem = [element = e]() -> std::optional<Json> {
        const auto columns = columnChoices(element);
        if (columns.empty()) return std::nullopt;
        return Json{{"type", "single"}, {"columnIds", {columns.front().first}}, {"condition", "="}, {"value", ""},
                    {"style", {{"backgroundColor", "#fde68a"}}}};
    };
    spec.details = [c, element = e](QFormLayout* form, int, const std::string& p, const Json& f) {
        addEnumField(c, form, QObject::tr("Type"), "format-type", p, f, "type", {"single", "backgroundScale", "fontScale", "dataBars"});
        const Json ids = f.value("columnIds", Json::array());
        auto* column = columnPicker(element, ids.is_array() && !ids.empty() && ids[0].is_string() ? ids[0].get<std::string>() : "");
        column->setObjectName("format-rule-column");
        QObject::connect(column, &QComboBox::currentIndexChanged, column, [model = c.model, column, p] {
            setValue(model, p + "/columnIds", Json::array({pickedId(column)}), QObject::tr("Set format column"));
        });
        form->addRow(QObject::tr("Column"), column);
        std::set<std::string> shown{"type", "columnIds"};
        if (str(f, "type") == "single") {
            addEnumField(c, form, QObject::tr("Condition"), "format-condition", p, f, "condition",
                         {"=", "!=", ">", ">=", "<", "<=", "IsNull", "IsNotNull", "Contains", "NotContains", "StartsWith", "EndsWith"});
            // The value: a number when it reads as one, else text.
            auto* value = new QLineEdit(f.contains("value") ? QString::fromStdString(f["value"].is_string() ? f["value"].get<std::string>() : f["value"].dump()) : QString());
            value->setObjectName("format-value");
            QObject::connect(value, &QLineEdit::textEdited, value, [model = c.model, p](const QString& text) {
                const auto n = parseNumber(text);
                setValue(model, p + "/value", n ? numberJson(*n) : Json(text.toStdString()), QObject::tr("Edit format value"), MergeTyping);
            });
            form->addRow(QObject::tr("Value"), value);
            const Json st = f.value("style", Json::object());
            addColour(c, form, QObject::tr("Background"), "format-background", p + "/style/backgroundColor", st.is_object() ? st.value("backgroundColor", Json()) : Json());
            addColour(c, form, QObject::tr("Text colour"), "format-color", p + "/style/color", st.is_object() ? st.value("color", Json()) : Json());
            shown.insert({"condition", "value", "style"});
        } else {
            // The scheme as comma-separated hex colours.
            QStringList scheme;
            for (const auto& s : f.value("scheme", Json::array()))
                if (s.is_string()) scheme << QString::fromStdString(s.get<std::string>());
            auto* edit = new QLineEdit(scheme.join(", "));
            edit->setObjectName("format-scheme");
            edit->setPlaceholderText(QObject::tr("(default)  #eff6ff, #1d4ed8"));
            QObject::connect(edit, &QLineEdit::textEdited, edit, [model = c.model, edit, p](const QString& text) {
                Json colours = Json::array();
                bool ok = true;
                for (QString part : text.split(',', Qt::SkipEmptyParts)) {
                    part = part.trimmed();
                    ok = ok && part.startsWith('#') && QColor(part).isValid();
                    colours.push_back(part.toLower().toStdString());
                }
                edit->setStyleSheet(ok ? QString() : invalidFieldStyle());
                if (ok) setValue(model, p + "/scheme", colours.empty() ? std::nullopt : std::optional<Json>(colours), QObject::tr("Edit scheme"), MergeTyping);
            });
            form->addRow(QObject::tr("Scheme"), edit);
            shown.insert("scheme");
        }
        addOtherFields(form, f, shown);
    };
    v->addWidget(new ListEditor(c, std::move(spec)));

    auto* look = new QGroupBox(QObject::tr("Table style"));
    look->setObjectName("table-style");
    auto* form = new QFormLayout(look);
    const std::string sp = c.pointer + "/tableStyle";
    addEnumField(c, form, QObject::tr("Preset"), "style-preset", sp, style, "preset", {"spreadsheet", "presentation"}, true);
    addEnumField(c, form, QObject::tr("Banding"), "style-banding", sp, style, "banding", {"shown", "hidden"}, true);
    addColour(c, form, QObject::tr("Banding colour"), "style-banding-color", sp + "/bandingColor", style.value("bandingColor", Json()));
    addEnumField(c, form, QObject::tr("Grid lines"), "style-grid", sp, style, "gridLines", {"none", "vertical", "horizontal", "all"}, true);
    addEnumField(c, form, QObject::tr("Cell spacing"), "style-spacing", sp, style, "cellSpacing", {"extra-small", "small", "medium", "large"}, true);
    addOtherFields(form, style, {"preset", "banding", "bandingColor", "gridLines", "cellSpacing"});
    v->addWidget(look);
    return box;
}

} // namespace quire::ide::props
