// Control settings (spec §3.6): the flat value fields of each controlType, the list source (element +
// column), and the filter targets `filters[] = {source: {kind: table, elementId}, columnId}` picked by name.
#include "document_commands.h"
#include "editors.h"
#include "list_editor.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLineEdit>
#include <QVBoxLayout>

namespace quire::ide::props {

namespace {


const Json* findElement(DocumentModel* model, const std::string& id) { return id.empty() ? nullptr : model->findElement(id); }

// `values` as a comma-separated list (one command per typing burst).
void addValueList(const Context& c, QFormLayout* form, const Json& e) {
    auto* values = new QLineEdit(formatValueList(e.value("values", Json::array())));
    values->setObjectName("control-values");
    values->setPlaceholderText(QObject::tr("(all values)"));
    QObject::connect(values, &QLineEdit::textEdited, values, [model = c.model, p = c.pointer](const QString& text) {
        setValue(model, p + "/values", parseValueList(text), QObject::tr("Edit control values"), MergeTyping);
    });
    form->addRow(QObject::tr("Values"), values);
}

// The list source: {kind: source, source: {kind: table, elementId}, columnId}.
void addListSource(const Context& c, QFormLayout* form, const Json& e) {
    const Json src = e.value("source", Json());
    if (src.is_object() && str(src, "kind") != "source") return; // manual sources: shown read-only
    const std::string elementId = src.is_object() && src.contains("source") ? str(src["source"], "elementId") : "";
    auto* element = choicePicker(dataElementChoices(c.model), elementId);
    element->setObjectName("control-source-element");
    form->addRow(QObject::tr("Values from"), element);
    const Json* target = findElement(c.model, pickedId(element));
    auto* column = columnPicker(target ? *target : Json::object(), src.is_object() ? str(src, "columnId") : "");
    column->setObjectName("control-source-column");
    form->addRow(QObject::tr("Column"), column);
    const std::string p = c.pointer + "/source";
    // Picking an element takes its first column; both write the whole source object in one command.
    QObject::connect(element, &QComboBox::currentIndexChanged, element, [model = c.model, element, p] {
        const std::string id = pickedId(element);
        const Json* t = model->findElement(id);
        const auto columns = t ? columnChoices(*t) : std::vector<std::pair<std::string, QString>>{};
        Json s = current(model, p);
        if (!s.is_object()) s = Json::object();
        s["kind"] = "source";
        s["source"] = {{"kind", "table"}, {"elementId", id}};
        s["columnId"] = columns.empty() ? std::string() : columns.front().first;
        setValue(model, p, s, QObject::tr("Set control source"));
    });
    QObject::connect(column, &QComboBox::currentIndexChanged, column, [model = c.model, column, p] {
        setValue(model, p + "/columnId", Json(pickedId(column)), QObject::tr("Set control source column"));
    });
}

void addBoolValue(const Context& c, QFormLayout* form, const Json& e) {
    auto* check = new QCheckBox(QObject::tr("Checked"));
    check->setObjectName("control-bool");
    check->setChecked(e.value("value", Json()).is_boolean() && e["value"].get<bool>());
    QObject::connect(check, &QCheckBox::toggled, check, [model = c.model, p = c.pointer](bool on) {
        setValue(model, p + "/value", Json(on), QObject::tr("Set control value"));
    });
    form->addRow(QObject::tr("Value"), check);
}

QWidget* valueFields(const Context& c, std::set<std::string>& known) {
    const Json& e = *c.element;
    const std::string type = str(e, "controlType");
    const std::string& p = c.pointer;
    auto* box = new QGroupBox(QObject::tr("Value"));
    box->setObjectName("control-settings");
    auto* form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto enumField = [&](const QString& label, const char* key, const QStringList& values, bool def = false) {
        addEnumField(c, form, label, QStringLiteral("control-%1").arg(key), p, e, key, values, def);
        known.insert(key);
    };
    auto numberField = [&](const QString& label, const char* key, bool optional) {
        addNumberField(c, form, label, QStringLiteral("control-%1").arg(key), p, e, key, optional);
        known.insert(key);
    };
    if (type == "list" || type == "segmented") {
        enumField(QObject::tr("Mode"), "mode", {"include", "exclude"});
        enumField(QObject::tr("Selection"), "selectionMode", {"single", "multiple"});
        addValueList(c, form, e);
        addListSource(c, form, e);
        known.insert("values");
        if (!e.contains("source") || (e["source"].is_object() && str(e["source"], "kind") == "source")) known.insert("source");
    } else if (type == "date-range") {
        addDateModeFields(c, form, p, e, "control-date", known);
        enumField(QObject::tr("Nulls"), "includeNulls", {"always", "never", "when-no-value-is-selected"}, true);
    } else if (type == "date") {
        enumField(QObject::tr("Mode"), "mode", {"=", "<", "<=", ">", ">="});
        addStringField(c, form, QObject::tr("Date"), "control-value", p, e, "value", true);
        known.insert("value");
    } else if (type == "text" || type == "text-area") {
        enumField(QObject::tr("Match"), "mode", textMatchModes());
        addStringField(c, form, QObject::tr("Text"), "control-value", p, e, "value");
        enumField(QObject::tr("Case"), "case", {"insensitive", "sensitive"});
        enumField(QObject::tr("Nulls"), "includeNulls", {"always", "never", "when-no-value-is-selected"}, true);
        known.insert("value");
    } else if (type == "number") {
        enumField(QObject::tr("Mode"), "mode", {"=", "!=", "<", "<=", ">", ">="});
        numberField(QObject::tr("Value"), "value", true);
    } else if (type == "slider") {
        numberField(QObject::tr("Low"), "low", false);
        numberField(QObject::tr("High"), "high", false);
        enumField(QObject::tr("Mode"), "mode", {"<=", ">=", "=", "<", ">"});
        numberField(QObject::tr("Value"), "value", true);
    } else if (type == "number-range" || type == "range-slider") {
        numberField(QObject::tr("Low"), "low", true);
        numberField(QObject::tr("High"), "high", true);
        if (e.contains("step") || type == "number-range") numberField(QObject::tr("Step"), "step", true);
    } else if (type == "checkbox" || type == "switch") {
        addBoolValue(c, form, e);
        enumField(QObject::tr("Mode"), "mode", {"True/False", "True/All"});
        known.insert("value");
    } else if (type == "top-n") {
        enumField(QObject::tr("Ranking"), "rankingFunction", {"rank", "rank-dense", "row-number"});
        enumField(QObject::tr("Mode"), "mode", {"top-n", "bottom-n"});
        numberField(QObject::tr("Rows"), "rowCount", false);
    } else {
        delete box; // legend, hierarchy, drill, synced…: their fields stay read-only
        return nullptr;
    }
    return box;
}

QWidget* targets(const Context& c, std::set<std::string>& known) {
    const Json& e = *c.element;
    if (str(e, "controlType") == "synced") return nullptr;
    if (e.contains("filters") && !e["filters"].is_array()) return nullptr;
    known.insert("filters");
    ListEditor::Spec spec;
    spec.title = QObject::tr("Filters (targets)");
    spec.name = "targets";
    spec.pointer = c.pointer + "/filters";
    spec.itemNoun = QObject::tr("target");
    spec.label = [model = c.model](const Json& f) {
        const std::string id = f.contains("source") && f["source"].is_object() ? str(f["source"], "elementId") : "";
        const Json* t = model->findElement(id);
        QString name = QString::fromStdString(id);
        for (const auto& [eid, ename] : dataElementChoices(model))
            if (eid == id) name = ename;
        return name + " / " + (t ? columnName(*t, str(f, "columnId")) : QString::fromStdString(str(f, "columnId")));
    };
    spec.newItem = [model = c.model]() -> std::optional<Json> {
        for (const auto& [id, name] : dataElementChoices(model))
            if (const Json* t = model->findElement(id); t && !columnChoices(*t).empty())
                return Json{{"source", {{"kind", "table"}, {"elementId", id}}}, {"columnId", columnChoices(*t).front().first}};
        return std::nullopt;
    };
    spec.details = [model = c.model](QFormLayout* form, int, const std::string& p, const Json& f) {
        const std::string id = f.contains("source") && f["source"].is_object() ? str(f["source"], "elementId") : "";
        auto* element = choicePicker(dataElementChoices(model), id);
        element->setObjectName("target-element");
        form->addRow(QObject::tr("Element"), element);
        const Json* t = model->findElement(pickedId(element));
        auto* column = columnPicker(t ? *t : Json::object(), str(f, "columnId"));
        column->setObjectName("target-column");
        form->addRow(QObject::tr("Column"), column);
        // The column lives on the target: a new target element takes its first column, in the same command.
        QObject::connect(element, &QComboBox::currentIndexChanged, element, [model, element, p] {
            Json item = current(model, p);
            const std::string target = pickedId(element);
            const Json* te = model->findElement(target);
            const auto columns = te ? columnChoices(*te) : std::vector<std::pair<std::string, QString>>{};
            item["source"] = {{"kind", "table"}, {"elementId", target}};
            item["columnId"] = columns.empty() ? std::string() : columns.front().first;
            setValue(model, p, item, QObject::tr("Set control target"));
        });
        QObject::connect(column, &QComboBox::currentIndexChanged, column, [model, column, p] {
            setValue(model, p + "/columnId", Json(pickedId(column)), QObject::tr("Set control target column"));
        });
        addOtherFields(form, f, {"source", "columnId"});
    };
    return new ListEditor(c, std::move(spec));
}

} // namespace

QWidget* makeControlSettingsEditor(const Context& c, std::set<std::string>& known) {
    if (c.element->value("kind", "") != "control") return nullptr;
    auto* host = new QWidget;
    host->setObjectName("control-editor");
    auto* v = new QVBoxLayout(host);
    v->setContentsMargins(0, 0, 0, 0);
    if (QWidget* w = valueFields(c, known)) v->addWidget(w);
    if (QWidget* w = makeDrillEditor(c, known)) { // drill targets are `targets`, not `filters`
        v->addWidget(w);
        return host;
    }
    if (QWidget* w = targets(c, known)) v->addWidget(w);
    return host;
}

} // namespace quire::ide::props
