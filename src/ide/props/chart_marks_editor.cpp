// Reference marks and trend lines of cartesian charts (spec §3.5): `refMarks [{type: line|band, axis,
// value: {type: formula, formula}, endValue (band), line {color, width}, label {visibility: shown, text}}]` and
// `trendlines [{columnId, model, line}]`, each a list with add/remove/reorder; every edit is one undo step.
#include "document_commands.h"
#include "../color_scheme.h"
#include "editors.h"
#include "list_editor.h"

#include <QColor>
#include <QFormLayout>
#include <QLineEdit>

namespace quire::ide::props {

namespace {
const std::set<std::string> kMarkedCharts{"bar-chart", "line-chart", "area-chart", "combo-chart", "scatter-chart"};

std::vector<std::pair<std::string, QString>> yColumns(const Json& e) {
    std::vector<std::pair<std::string, QString>> out;
    const Json ids = e.contains("yAxis") && e["yAxis"].is_object() ? e["yAxis"].value("columnIds", Json::array()) : Json::array();
    for (const auto& item : ids.is_array() ? ids : Json::array()) {
        const std::string id = item.is_string() ? item.get<std::string>() : str(item, "columnId");
        if (!id.empty()) out.emplace_back(id, columnName(e, id));
    }
    return out;
}
} // namespace

QWidget* makeRefMarkEditor(const Context& c, std::set<std::string>& known) {
    const Json& e = *c.element;
    if (!kMarkedCharts.count(str(e, "kind")) || (e.contains("refMarks") && !e["refMarks"].is_array())) return nullptr;
    known.insert("refMarks");
    ListEditor::Spec spec;
    spec.title = QObject::tr("Reference marks");
    spec.name = "refmarks";
    spec.pointer = c.pointer + "/refMarks";
    spec.itemNoun = QObject::tr("reference mark");
    spec.label = [](const Json& m) {
        const Json v = m.value("value", Json());
        return QString::fromStdString(str(m, "type")) + QStringLiteral(" · ") + QString::fromStdString(v.is_object() ? str(v, "formula") : "");
    };
    spec.newItem = [element = e]() -> std::optional<Json> {
        const auto ys = yColumns(element);
        const std::string formula = ys.empty() ? "0" : "Avg([" + ys.front().second.toStdString() + "])";
        return Json{{"type", "line"}, {"axis", "series"}, {"value", {{"type", "formula"}, {"formula", formula}}},
                    {"label", {{"visibility", "shown"}, {"text", "Average"}}}};
    };
    spec.details = [c](QFormLayout* form, int, const std::string& p, const Json& m) {
        // A band needs an endValue: switching the type adds one (a copy of the value) or drops it, in one step.
        auto* type = enumPicker({"line", "band"}, str(m, "type"));
        type->setObjectName("refmark-type");
        QObject::connect(type, &QComboBox::currentIndexChanged, type, [model = c.model, type, p] {
            Json next = current(model, p);
            next["type"] = pickedId(type);
            if (pickedId(type) == "band" && !next.contains("endValue")) next["endValue"] = next.value("value", Json{{"type", "formula"}, {"formula", "0"}});
            if (pickedId(type) == "line") next.erase("endValue");
            setValue(model, p, next, QObject::tr("Set reference mark type"));
        });
        form->addRow(QObject::tr("Type"), type);
        addEnumField(c, form, QObject::tr("Axis"), "refmark-axis", p, m, "axis", {"series", "series2", "x-axis"});
        if (m.contains("value") && m["value"].is_object()) addStringField(c, form, QObject::tr("Value formula"), "refmark-value", p + "/value", m["value"], "formula");
        if (m.contains("endValue") && m["endValue"].is_object())
            addStringField(c, form, QObject::tr("End formula"), "refmark-end", p + "/endValue", m["endValue"], "formula");
        const Json line = m.value("line", Json::object());
        if (line.is_object()) {
            auto* colour = new QLineEdit(QString::fromStdString(str(line, "color")));
            colour->setObjectName("refmark-color");
            colour->setPlaceholderText("#rrggbb");
            QObject::connect(colour, &QLineEdit::textEdited, colour, [model = c.model, colour, p](const QString& text) {
                const bool hex = QColor(text).isValid() && text.startsWith('#');
                colour->setStyleSheet(hex || text.isEmpty() ? QString() : invalidFieldStyle());
                if (text.isEmpty()) return setValue(model, p + "/line/color", std::nullopt, QObject::tr("Clear line colour"), MergeTyping);
                if (!hex) return;
                Json l = current(model, p + "/line");
                if (!l.is_object()) l = Json::object();
                l["color"] = text.toLower().toStdString();
                setValue(model, p + "/line", l, QObject::tr("Edit line colour"), MergeTyping);
            });
            form->addRow(QObject::tr("Line colour"), colour);
        }
        // The label's text; Sigma needs `visibility: shown` with it, so emptying the text removes the label.
        auto* text = new QLineEdit(m.contains("label") && m["label"].is_object() ? QString::fromStdString(str(m["label"], "text")) : QString());
        text->setObjectName("refmark-label");
        text->setPlaceholderText(QObject::tr("(no label)"));
        QObject::connect(text, &QLineEdit::textEdited, text, [model = c.model, p](const QString& t) {
            if (t.isEmpty()) return setValue(model, p + "/label", std::nullopt, QObject::tr("Remove reference label"), MergeTyping);
            Json label = current(model, p + "/label");
            if (!label.is_object()) label = Json::object();
            label["visibility"] = "shown";
            label["text"] = t.toStdString();
            setValue(model, p + "/label", label, QObject::tr("Edit reference label"), MergeTyping);
        });
        form->addRow(QObject::tr("Label"), text);
        addOtherFields(form, m, {"type", "axis", "value", "endValue", "line", "label"});
    };
    return new ListEditor(c, std::move(spec));
}

QWidget* makeTrendlineEditor(const Context& c, std::set<std::string>& known) {
    const Json& e = *c.element;
    if (!kMarkedCharts.count(str(e, "kind")) || (e.contains("trendlines") && !e["trendlines"].is_array())) return nullptr;
    known.insert("trendlines");
    ListEditor::Spec spec;
    spec.title = QObject::tr("Trend lines");
    spec.name = "trendlines";
    spec.pointer = c.pointer + "/trendlines";
    spec.itemNoun = QObject::tr("trend line");
    spec.label = [element = e](const Json& t) { return QString::fromStdString(str(t, "model")) + QStringLiteral(" · ") + columnName(element, str(t, "columnId")); };
    spec.newItem = [element = e]() -> std::optional<Json> {
        const auto ys = yColumns(element);
        if (ys.empty()) return std::nullopt;
        return Json{{"columnId", ys.front().first}, {"model", "linear"}};
    };
    spec.details = [c, element = e](QFormLayout* form, int, const std::string& p, const Json& t) {
        auto* column = choicePicker(yColumns(element), str(t, "columnId"));
        column->setObjectName("trendline-column");
        QObject::connect(column, &QComboBox::currentIndexChanged, column, [model = c.model, column, p] {
            setValue(model, p + "/columnId", Json(pickedId(column)), QObject::tr("Set trend line column"));
        });
        form->addRow(QObject::tr("Series"), column);
        addEnumField(c, form, QObject::tr("Model"), "trendline-model", p, t, "model",
                     {"linear", "quadratic", "polynomial", "exponential", "logarithmic", "power"});
        addOtherFields(form, t, {"columnId", "model"});
    };
    return new ListEditor(c, std::move(spec));
}

} // namespace quire::ide::props
