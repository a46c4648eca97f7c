// Actions (spec §5): the element's `actions [{id, trigger, effects}]`; add/remove/reorder actions and their
// effects. set-control-value, clear-control, navigate, open-overlay/close-overlay and open-url have their own
// fields; every other effect is edited as JSON. Keys follow Sigma's quirks (bare `control`, `page`,
// `element`; `overlayId`, scope `controlId`/`pageId`/`containerElementId`).
#include "document_commands.h"
#include "../color_scheme.h"
#include "editors.h"
#include "list_editor.h"

#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>

namespace quire::ide::props {

namespace {

const std::set<std::string> kSelectHosts{
    "table", "pivot-table", "kpi-chart", "bar-chart", "line-chart", "area-chart", "combo-chart", "scatter-chart",
    "donut-chart", "pie-chart", "treemap-chart", "gauge-chart", "sankey-chart", "funnel-chart", "box-chart",
    "point-map", "region-map", "geography-map"};

const QStringList kEffects{"set-control-value", "clear-control", "navigate", "open-overlay", "close-overlay",
                           "open-url", "select-tab", "refresh-element", "open-document", "insert-rows",
                           "update-rows", "delete-rows", "set-single-row-container"};

// The key naming the effect kind: Quire writes `kind`; documents may use `effect` or `type`.
std::string kindKey(const Json& fx) {
    for (const char* k : {"kind", "effect", "type"})
        if (fx.contains(k) && fx[k].is_string()) return k;
    return "kind";
}

QString kindText(const Json& fx) {
    const std::string kind = str(fx, kindKey(fx).c_str());
    return kind.empty() ? QStringLiteral("?") : QString::fromStdString(kind);
}

std::string firstId(const std::vector<std::pair<std::string, QString>>& choices) {
    return choices.empty() ? std::string() : choices.front().first;
}

// A new effect of a kind, with the fields Sigma requires (validator: action/missing-field).
Json defaultEffect(DocumentModel* model, const std::string& kind, const std::string& key) {
    Json fx = {{key, kind}};
    if (kind == "set-control-value") {
        fx["control"] = firstId(controlChoices(model));
        fx["value"] = {{"type", "constant"}, {"value", {{"type", "text"}, {"value", ""}}}};
    } else if (kind == "clear-control") {
        const auto controls = controlChoices(model);
        fx["scope"] = controls.empty() ? Json{{"type", "page"}, {"pageId", firstId(pageChoices(model))}}
                                       : Json{{"type", "control"}, {"controlId", controls.front().first}};
    } else if (kind == "navigate") {
        fx["target"] = {{"type", "page"}, {"page", firstId(pageChoices(model))}};
    } else if (kind == "open-overlay") {
        fx["overlayId"] = firstId(overlayChoices(model));
    } else if (kind == "open-url") {
        fx["url"] = "https://";
        fx["openTarget"] = "_blank";
    } else if (kind == "select-tab") {
        fx["tabbedContainerElementId"] = "";
        fx["selectedTab"] = {{"type", "tab"}, {"index", 0}};
    } else if (kind == "refresh-element") {
        fx["target"] = {{"type", "element"}, {"element", ""}};
    } else if (kind == "open-document") {
        fx["documentId"] = "";
        fx["documentType"] = "workbook";
        fx["openTarget"] = "_blank";
    } else if (kind == "insert-rows") {
        fx["tableElementId"] = "";
        fx["values"] = Json::object();
    } else if (kind == "update-rows" || kind == "delete-rows") {
        fx["tableElementId"] = "";
        fx["whichRows"] = {{"type", "current-row"}};
        if (kind == "update-rows") fx["values"] = Json::object();
    } else if (kind == "set-single-row-container") {
        fx["target"] = "";
        fx["value"] = Json::object();
    }
    return fx;
}

QComboBox* bindPicker(const Context& c, QFormLayout* form, const QString& label, const QString& name,
                      const std::vector<std::pair<std::string, QString>>& choices, const std::string& pointer,
                      const std::string& currentId) {
    auto* box = choicePicker(choices, currentId);
    box->setObjectName(name);
    QObject::connect(box, &QComboBox::currentIndexChanged, box, [model = c.model, box, pointer, label] {
        setValue(model, pointer, Json(pickedId(box)), QObject::tr("Set %1").arg(label));
    });
    form->addRow(label, box);
    return box;
}

// set-control-value's `value`: a constant (text, number, boolean, text-list, number-list), another
// control's value, or a formula.
void valueSource(const Context& c, QFormLayout* form, const std::string& p, const Json& value) {
    const std::string type = value.is_object() ? str(value, "type") : "";
    const Json constant = type == "constant" ? value.value("value", Json()) : Json();
    const std::string ctype = constant.is_object() ? str(constant, "type") : "";
    const std::string shown = type == "constant" ? "constant:" + ctype : type;
    auto* kind = choicePicker({{"constant:text", QObject::tr("Text")}, {"constant:number", QObject::tr("Number")},
                               {"constant:boolean", QObject::tr("True/false")}, {"constant:text-list", QObject::tr("Text list")},
                               {"constant:number-list", QObject::tr("Number list")}, {"control", QObject::tr("Another control")},
                               {"formula", QObject::tr("Formula")}},
                              shown);
    kind->setObjectName("effect-value-type");
    form->addRow(QObject::tr("Value type"), kind);
    QObject::connect(kind, &QComboBox::currentIndexChanged, kind, [model = c.model, kind, p] {
        const std::string k = pickedId(kind);
        Json v;
        if (k == "control") v = {{"type", "control"}, {"control", firstId(controlChoices(model))}};
        else if (k == "formula") v = {{"type", "formula"}, {"formula", ""}};
        else {
            const std::string ct = k.substr(std::string("constant:").size());
            Json inner = ct == "number" ? Json(0) : ct == "boolean" ? Json(true) : ct.ends_with("-list") ? Json::array() : Json("");
            v = {{"type", "constant"}, {"value", {{"type", ct}, {"value", inner}}}};
        }
        setValue(model, p, v, QObject::tr("Set value type"));
    });
    if (type == "control") {
        bindPicker(c, form, QObject::tr("Control"), "effect-value-control", controlChoices(c.model), p + "/control",
                   str(value, "control"));
    } else if (type == "formula") {
        addStringField(c, form, QObject::tr("Formula"), "effect-value-formula", p, value, "formula");
    } else if (type == "constant" && constant.is_object()) {
        const Json inner = constant.value("value", Json());
        QString text = inner.is_string() ? QString::fromStdString(inner.get<std::string>())
                       : inner.is_array() ? formatValueList(inner) : inner.is_null() ? QString() : QString::fromStdString(inner.dump());
        auto* edit = new QLineEdit(text);
        edit->setObjectName("effect-value");
        if (ctype.ends_with("-list")) edit->setPlaceholderText(QObject::tr("a, b, c"));
        QObject::connect(edit, &QLineEdit::textEdited, edit, [model = c.model, edit, p, ctype](const QString& t) {
            std::optional<Json> v;
            if (ctype == "number") {
                if (auto n = parseNumber(t)) v = numberJson(*n);
            } else if (ctype == "boolean") {
                if (t.trimmed() == "true" || t.trimmed() == "false") v = Json(t.trimmed() == "true");
            } else if (ctype.ends_with("-list")) {
                v = parseValueList(t);
            } else {
                v = Json(t.toStdString());
            }
            edit->setStyleSheet(v ? QString() : invalidFieldStyle());
            if (v) setValue(model, p + "/value/value", *v, QObject::tr("Edit value"), MergeTyping);
        });
        form->addRow(QObject::tr("Value"), edit);
    }
}

// {type: page, page} | {type: element, element} — `page`/`element` are bare keys in Sigma.
void navigateTarget(const Context& c, QFormLayout* form, const std::string& p, const Json& target) {
    const std::string type = str(target, "type").empty() ? std::string("page") : str(target, "type");
    auto* kind = enumPicker({"page", "element"}, type);
    kind->setObjectName("effect-target-type");
    form->addRow(QObject::tr("Go to"), kind);
    QObject::connect(kind, &QComboBox::currentIndexChanged, kind, [model = c.model, kind, p] {
        const std::string t = pickedId(kind);
        setValue(model, p, Json{{"type", t}, {t, firstId(t == "page" ? pageChoices(model) : elementChoices(model))}},
                 QObject::tr("Set navigation target"));
    });
    if (type == "page")
        bindPicker(c, form, QObject::tr("Page"), "effect-page", pageChoices(c.model), p + "/page", str(target, "page"));
    else
        bindPicker(c, form, QObject::tr("Element"), "effect-element", elementChoices(c.model), p + "/element",
                   str(target, "element"));
}

// clear-control scope: {type: control, controlId} | {type: page, pageId} | {type: container,
// containerElementId} | {type: workbook}.
void clearScope(const Context& c, QFormLayout* form, const std::string& p, const Json& scope) {
    const std::string type = scope.is_object() ? str(scope, "type") : "";
    auto* kind = enumPicker({"control", "page", "container", "workbook"}, type);
    kind->setObjectName("effect-scope-type");
    form->addRow(QObject::tr("Clear"), kind);
    QObject::connect(kind, &QComboBox::currentIndexChanged, kind, [model = c.model, kind, p] {
        const std::string t = pickedId(kind);
        Json s = {{"type", t}};
        if (t == "control") s["controlId"] = firstId(controlChoices(model));
        if (t == "page") s["pageId"] = firstId(pageChoices(model));
        if (t == "container") s["containerElementId"] = "";
        setValue(model, p, s, QObject::tr("Set clear scope"));
    });
    if (type == "control")
        bindPicker(c, form, QObject::tr("Control"), "effect-scope-control", controlChoices(c.model), p + "/controlId",
                   str(scope, "controlId"));
    else if (type == "page")
        bindPicker(c, form, QObject::tr("Page"), "effect-scope-page", pageChoices(c.model), p + "/pageId", str(scope, "pageId"));
    else if (type == "container") {
        std::vector<std::pair<std::string, QString>> containers;
        if (const Json* list = c.model->elements())
            for (const auto& e : *list)
                if (e.is_object() && str(e, "kind").find("container") != std::string::npos)
                    containers.emplace_back(str(e, "id"), QString::fromStdString(str(e, "name").empty() ? str(e, "id") : str(e, "name")));
        bindPicker(c, form, QObject::tr("Container"), "effect-scope-container", containers, p + "/containerElementId",
                   str(scope, "containerElementId"));
    }
}

// Effects without their own fields: the whole effect as JSON, written when it parses to an object.
void jsonEffect(const Context& c, QFormLayout* form, const std::string& p, const Json& fx) {
    auto* edit = new QPlainTextEdit(QString::fromStdString(fx.dump(2)));
    edit->setObjectName("effect-json");
    edit->setFont(QFont("DejaVu Sans Mono", 9));
    edit->setMaximumHeight(120);
    QObject::connect(edit, &QPlainTextEdit::textChanged, edit, [model = c.model, edit, p] {
        Json parsed = Json::parse(edit->toPlainText().toStdString(), nullptr, false);
        const bool ok = parsed.is_object();
        edit->setStyleSheet(ok ? QString() : invalidFieldStyle());
        edit->setToolTip(ok ? QString() : QObject::tr("Not a JSON object yet; the document keeps the last good effect"));
        if (ok) setValue(model, p, parsed, QObject::tr("Edit effect"), MergeTyping);
    });
    form->addRow(QObject::tr("JSON"), edit);
}

void effectDetails(const Context& c, QFormLayout* form, const std::string& p, const Json& fx) {
    const std::string key = kindKey(fx);
    const std::string kind = str(fx, key.c_str());
    auto* kindBox = enumPicker(kEffects, kind);
    kindBox->setObjectName("effect-kind");
    form->addRow(QObject::tr("Effect"), kindBox);
    QObject::connect(kindBox, &QComboBox::currentIndexChanged, kindBox, [model = c.model, kindBox, p, key] {
        setValue(model, p, defaultEffect(model, pickedId(kindBox), key), QObject::tr("Set effect"));
    });
    std::set<std::string> known{key};
    if (kind == "set-control-value") {
        bindPicker(c, form, QObject::tr("Control"), "effect-control", controlChoices(c.model), p + "/control", str(fx, "control"));
        valueSource(c, form, p + "/value", fx.value("value", Json()));
        addEnumField(c, form, QObject::tr("Selection"), "effect-selection", p, fx, "selectionMode", {"replace", "add"}, true);
        known.insert({"control", "value", "selectionMode"});
    } else if (kind == "clear-control") {
        clearScope(c, form, p + "/scope", fx.value("scope", Json()));
        known.insert("scope");
    } else if (kind == "navigate") {
        navigateTarget(c, form, p + "/target", fx.value("target", Json()));
        known.insert("target");
    } else if (kind == "open-overlay") {
        bindPicker(c, form, QObject::tr("Overlay"), "effect-overlay", overlayChoices(c.model), p + "/overlayId",
                   str(fx, "overlayId"));
        known.insert("overlayId");
    } else if (kind == "close-overlay") {
    } else if (kind == "open-url") {
        addStringField(c, form, QObject::tr("URL"), "effect-url", p, fx, "url");
        addEnumField(c, form, QObject::tr("Open in"), "effect-open-target", p, fx, "openTarget", {"_blank", "_self", "_parent"});
        known.insert({"url", "openTarget"});
    } else {
        jsonEffect(c, form, p, fx);
        return;
    }
    addOtherFields(form, fx, known);
}

QStringList legalTriggers(const std::string& kind) {
    if (kind == "button" || kind == "image") return {"on-click"};
    if (kSelectHosts.count(kind)) return {"on-select"};
    return {};
}

} // namespace

QWidget* makeActionEditor(const Context& c, std::set<std::string>& known) {
    const Json& e = *c.element;
    const QStringList triggers = legalTriggers(str(e, "kind"));
    if (triggers.isEmpty() && !e.contains("actions")) return nullptr;
    if (e.contains("actions") && !e["actions"].is_array()) return nullptr;
    known.insert("actions");
    ListEditor::Spec spec;
    spec.title = QObject::tr("Actions");
    spec.name = "actions";
    spec.pointer = c.pointer + "/actions";
    spec.itemNoun = QObject::tr("action");
    spec.label = [](const Json& a) {
        QStringList effects;
        for (const auto& fx : a.value("effects", Json::array()))
            effects << kindText(fx);
        return QString::fromStdString(str(a, "trigger")) + ": " + (effects.isEmpty() ? QObject::tr("(no effects)") : effects.join(", "));
    };
    spec.newItem = [c, triggers]() -> std::optional<Json> {
        if (triggers.isEmpty()) return std::nullopt;
        return Json{{"id", uniqueId(c.model, "action")}, {"trigger", triggers.front().toStdString()}, {"effects", Json::array()}};
    };
    spec.details = [c, triggers](QFormLayout* form, int, const std::string& p, const Json& a) {
        addEnumField(c, form, QObject::tr("Trigger"), "action-trigger", p, a, "trigger", triggers);
        ListEditor::Spec fx;
        fx.title = QObject::tr("Effects (run in order)");
        fx.name = "effects";
        fx.pointer = p + "/effects";
        fx.itemNoun = QObject::tr("effect");
        fx.removeWhenEmpty = false; // an action needs `effects`, even empty
        fx.label = [](const Json& f) {
            QString text = kindText(f);
            if (f.contains("control")) text += " → " + QString::fromStdString(f["control"].is_string() ? f["control"].get<std::string>() : "");
            if (f.contains("target") && f["target"].is_object())
                text += " → " + QString::fromStdString(str(f["target"], "page") + str(f["target"], "element"));
            if (f.contains("overlayId")) text += " → " + QString::fromStdString(str(f, "overlayId"));
            return text;
        };
        fx.newItem = [model = c.model]() -> std::optional<Json> {
            return defaultEffect(model, controlChoices(model).empty() ? "navigate" : "set-control-value", "kind");
        };
        fx.details = [c](QFormLayout* f, int, const std::string& ep, const Json& effect) { effectDetails(c, f, ep, effect); };
        form->addRow(new ListEditor(c, std::move(fx)));
        addOtherFields(form, a, {"id", "trigger", "effects"});
    };
    return new ListEditor(c, std::move(spec));
}

} // namespace quire::ide::props
