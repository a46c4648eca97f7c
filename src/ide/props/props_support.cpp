#include "props_support.h"
#include "../color_scheme.h"

#include "document_commands.h"

#include <QFormLayout>
#include <QLabel>

#include <cmath>
#include <functional>

namespace quire::ide::props {

void setValue(DocumentModel* model, const std::string& pointer, const std::optional<Json>& value, const QString& text,
              int mergeId) {
    JsonPointer ptr(pointer);
    const bool present = model->root().contains(ptr);
    if (value ? (present && model->root().at(ptr) == *value) : !present) return;
    if (!value) {
        // Removing a member: replace the parent without it, so undo puts the key back where it was (restoring
        // a removed key by itself would append it at the end of the object).
        const JsonPointer parentPtr = ptr.parent_pointer();
        Json parent = model->root().at(parentPtr);
        if (parent.is_object()) parent.erase(ptr.back());
        else if (parent.is_array()) parent.erase(static_cast<std::size_t>(std::stoul(ptr.back())));
        model->undoStack()->push(new EditCommand(model, text, {{parentPtr.to_string(), parent, std::nullopt}}, mergeId));
        return;
    }
    // Setting below members that do not exist yet: set the outermost missing one, so undo removes it all.
    const Json& root = model->root();
    JsonPointer target = ptr;
    Json wrapped = *value;
    while (!target.empty() && !root.contains(target.parent_pointer())) {
        wrapped = Json{{target.back(), wrapped}};
        target = target.parent_pointer();
    }
    model->undoStack()->push(new EditCommand(model, text, {{target.to_string(), wrapped, std::nullopt}}, mergeId));
}

Json current(DocumentModel* model, const std::string& pointer) {
    JsonPointer ptr(pointer);
    return model->root().contains(ptr) ? model->root().at(ptr) : Json();
}

std::string uniqueId(DocumentModel* model, const std::string& stem) {
    std::set<std::string> used;
    std::function<void(const Json&)> collect = [&](const Json& v) {
        if (v.is_object()) {
            if (auto it = v.find("id"); it != v.end() && it->is_string()) used.insert(it->get<std::string>());
            for (const auto& [k, child] : v.items()) collect(child);
        } else if (v.is_array()) {
            for (const auto& child : v) collect(child);
        }
    };
    collect(model->root());
    for (int n = 1;; ++n)
        if (std::string id = stem + "-" + std::to_string(n); !used.count(id)) return id;
}

QComboBox* choicePicker(const std::vector<std::pair<std::string, QString>>& choices, const std::string& current) {
    auto* box = new QComboBox;
    // Long names must not widen the panel past its dock (the combo elides instead).
    box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    box->setMinimumContentsLength(10);
    for (const auto& [id, name] : choices) box->addItem(name, QString::fromStdString(id));
    int index = box->findData(QString::fromStdString(current));
    if (index < 0 && !current.empty()) {
        box->addItem(QObject::tr("%1 (missing)").arg(QString::fromStdString(current)), QString::fromStdString(current));
        index = box->count() - 1;
    }
    box->setCurrentIndex(std::max(0, index));
    return box;
}

const QStringList& textMatchModes() {
    static const QStringList modes{"equals", "does-not-equal", "contains", "does-not-contain", "starts-with",
                                   "does-not-start-with", "ends-with", "does-not-end-with", "like", "not-like",
                                   "matches-regexp", "does-not-match-regexp"};
    return modes;
}

QComboBox* enumPicker(const QStringList& values, const std::string& current, bool allowDefault) {
    std::vector<std::pair<std::string, QString>> choices;
    if (allowDefault) choices.emplace_back("", QObject::tr("(default)"));
    for (const auto& v : values) choices.emplace_back(v.toStdString(), v);
    return choicePicker(choices, current);
}

std::vector<std::pair<std::string, QString>> columnChoices(const Json& element) {
    std::vector<std::pair<std::string, QString>> out;
    if (!element.contains("columns") || !element["columns"].is_array()) return out;
    for (const auto& c : element["columns"])
        if (c.is_object() && c.contains("id") && c["id"].is_string()) {
            const std::string id = c["id"].get<std::string>();
            const std::string name = c.contains("name") && c["name"].is_string() ? c["name"].get<std::string>() : id;
            out.emplace_back(id, QString::fromStdString(name));
        }
    return out;
}

QString columnName(const Json& element, const std::string& columnId) {
    for (const auto& [id, name] : columnChoices(element))
        if (id == columnId) return name;
    return QString::fromStdString(columnId);
}

QComboBox* columnPicker(const Json& element, const std::string& currentId, bool allowNone) {
    auto choices = columnChoices(element);
    if (allowNone) choices.insert(choices.begin(), {"", QObject::tr("(none)")});
    return choicePicker(choices, currentId);
}

namespace {

std::string nameOf(const Json& v) {
    if (v.contains("name") && v["name"].is_string() && !v["name"].get<std::string>().empty()) return v["name"].get<std::string>();
    if (v.contains("name") && v["name"].is_object() && v["name"].contains("text") && v["name"]["text"].is_string())
        return v["name"]["text"].get<std::string>();
    return str(v, "id");
}

std::vector<std::pair<std::string, QString>> bodyList(DocumentModel* model, const char* key) {
    std::vector<std::pair<std::string, QString>> out;
    const Json* body = model->body();
    if (!body || !body->contains(key) || !(*body)[key].is_array()) return out;
    for (const auto& v : (*body)[key])
        if (v.is_object() && v.contains("id") && v["id"].is_string())
            out.emplace_back(v["id"].get<std::string>(), QString::fromStdString(nameOf(v)));
    return out;
}

} // namespace

std::vector<std::pair<std::string, QString>> pageChoices(DocumentModel* model) { return bodyList(model, "pages"); }
std::vector<std::pair<std::string, QString>> overlayChoices(DocumentModel* model) { return bodyList(model, "overlays"); }

std::vector<std::pair<std::string, QString>> controlChoices(DocumentModel* model) {
    std::vector<std::pair<std::string, QString>> out;
    if (const Json* list = model->elements())
        for (const auto& e : *list)
            if (e.is_object() && str(e, "kind") == "control" && e.contains("controlId") && e["controlId"].is_string())
                out.emplace_back(e["controlId"].get<std::string>(), QString::fromStdString(nameOf(e)));
    return out;
}

std::vector<std::pair<std::string, QString>> dataElementChoices(DocumentModel* model) {
    std::vector<std::pair<std::string, QString>> out;
    if (const Json* list = model->elements())
        for (const auto& e : *list)
            if (e.is_object() && str(e, "kind") != "control" && e.contains("columns") && e["columns"].is_array())
                out.emplace_back(str(e, "id"), QString::fromStdString(nameOf(e)));
    return out;
}

std::vector<std::pair<std::string, QString>> elementChoices(DocumentModel* model) {
    std::vector<std::pair<std::string, QString>> out;
    if (const Json* list = model->elements())
        for (const auto& e : *list)
            if (e.is_object() && e.contains("id") && e["id"].is_string())
                out.emplace_back(e["id"].get<std::string>(), QString::fromStdString(nameOf(e)));
    return out;
}

std::string str(const Json& j, const char* key) {
    if (!j.is_object()) return {};
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string pickedId(const QComboBox* box) { return box->currentData().toString().toStdString(); }

std::optional<double> parseNumber(const QString& text) {
    bool ok = false;
    const double v = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(v)) return std::nullopt;
    return v;
}

Json numberJson(double value) {
    if (std::floor(value) == value && std::fabs(value) < 9e15) return Json(static_cast<long long>(value));
    return Json(value);
}

Json parseValueList(const QString& text) {
    Json out = Json::array();
    QString token;
    bool quoted = false, wasQuoted = false;
    auto flush = [&] {
        const QString t = wasQuoted ? token : token.trimmed();
        if (wasQuoted) out.push_back(t.toStdString());
        else if (t.isEmpty()) {}
        else if (t == "null") out.push_back(nullptr);
        else if (t == "true" || t == "false") out.push_back(t == "true");
        else if (auto n = parseNumber(t)) out.push_back(numberJson(*n));
        else out.push_back(t.toStdString());
        token.clear();
        wasQuoted = false;
    };
    for (QChar c : text) {
        if (c == '"') {
            if (!quoted) token.clear();
            quoted = !quoted;
            wasQuoted = true;
        } else if (c == ',' && !quoted) {
            flush();
        } else if (quoted || !wasQuoted) {
            token += c;
        }
    }
    flush();
    return out;
}

QString formatValueList(const Json& values) {
    QStringList parts;
    if (values.is_array())
        for (const auto& v : values) {
            if (v.is_string()) {
                const QString s = QString::fromStdString(v.get<std::string>());
                const Json back = parseValueList(s);
                // Quote text that would read back as something else (a number, null, or with a comma).
                parts << ((back.size() == 1 && back[0] == v) ? s : "\"" + s + "\"");
            } else {
                parts << QString::fromStdString(v.dump());
            }
        }
    return parts.join(", ");
}

void addOtherFields(QFormLayout* form, const Json& item, const std::set<std::string>& known) {
    if (!item.is_object()) return;
    Json rest = Json::object();
    for (const auto& [k, v] : item.items())
        if (!known.count(k)) rest[k] = v;
    if (rest.empty()) return;
    auto* label = new QLabel(QString::fromStdString(rest.dump()));
    label->setObjectName("other-fields");
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setStyleSheet(toneStyle(Tone::Hint) + " font-family: 'DejaVu Sans Mono'; font-size: 8pt;");
    label->setToolTip(QObject::tr("Fields Quire does not edit here; kept as they are"));
    form->addRow(QObject::tr("Other"), label);
}

} // namespace quire::ide::props
