// Form fields bound to one member of a JSON object: string, enum, number, and the date mode family.
#include "document_commands.h"
#include "../color_scheme.h"
#include "editors.h"

#include <quire/doc/io.h>

#include <QCheckBox>
#include <QFormLayout>
#include <QLineEdit>

namespace quire::ide::props {

namespace {
std::string member(const std::string& pointer, const std::string& key) { return pointer + "/" + doc::escapePointerToken(key); }
} // namespace

QLineEdit* addStringField(const Context& c, QFormLayout* form, const QString& label, const QString& name,
                          const std::string& pointer, const Json& object, const std::string& key, bool removeWhenEmpty) {
    const Json* v = object.is_object() && object.contains(key) ? &object[key] : nullptr;
    auto* edit = new QLineEdit(v && v->is_string() ? QString::fromStdString(v->get<std::string>()) : QString());
    edit->setObjectName(name);
    if (v && !v->is_string()) edit->setPlaceholderText(QString::fromStdString(v->dump())); // kept until typed over
    const std::string target = member(pointer, key);
    QObject::connect(edit, &QLineEdit::textEdited, edit, [model = c.model, target, label, removeWhenEmpty](const QString& text) {
        std::optional<Json> value = Json(text.toStdString());
        if (text.isEmpty() && removeWhenEmpty) value.reset();
        setValue(model, target, value, QObject::tr("Edit %1").arg(label), MergeTyping);
    });
    form->addRow(label, edit);
    return edit;
}

QComboBox* addEnumField(const Context& c, QFormLayout* form, const QString& label, const QString& name,
                        const std::string& pointer, const Json& object, const std::string& key, const QStringList& values,
                        bool allowDefault) {
    const std::string cur = str(object, key.c_str());
    auto* box = enumPicker(values, cur, allowDefault);
    box->setObjectName(name);
    const std::string target = member(pointer, key);
    QObject::connect(box, &QComboBox::currentIndexChanged, box, [model = c.model, box, target, label] {
        const std::string v = pickedId(box);
        setValue(model, target, v.empty() ? std::nullopt : std::optional<Json>(Json(v)), QObject::tr("Set %1").arg(label));
    });
    form->addRow(label, box);
    return box;
}

QLineEdit* addNumberField(const Context& c, QFormLayout* form, const QString& label, const QString& name,
                          const std::string& pointer, const Json& object, const std::string& key, bool optional) {
    const Json* v = object.is_object() && object.contains(key) ? &object[key] : nullptr;
    auto* edit = new QLineEdit(v && v->is_number() ? QString::fromStdString(v->dump()) : QString());
    edit->setObjectName(name);
    if (v && !v->is_number() && !v->is_null()) edit->setPlaceholderText(QString::fromStdString(v->dump()));
    if (optional) edit->setPlaceholderText(edit->placeholderText().isEmpty() ? QObject::tr("(none)") : edit->placeholderText());
    const std::string target = member(pointer, key);
    QObject::connect(edit, &QLineEdit::textEdited, edit, [model = c.model, edit, target, label, optional](const QString& text) {
        if (text.trimmed().isEmpty()) {
            edit->setStyleSheet({});
            if (optional) setValue(model, target, std::nullopt, QObject::tr("Clear %1").arg(label), MergeTyping);
            return;
        }
        auto n = parseNumber(text);
        edit->setStyleSheet(n ? QString() : invalidFieldStyle());
        edit->setToolTip(n ? QString() : QObject::tr("Not a number; the document keeps its last value"));
        if (n) setValue(model, target, numberJson(*n), QObject::tr("Edit %1").arg(label), MergeTyping);
    });
    form->addRow(label, edit);
    return edit;
}

void addDateModeFields(const Context& c, QFormLayout* form, const std::string& pointer, const Json& object,
                       const QString& name, std::set<std::string>& known) {
    static const QStringList modes{"between", "on", "before", "after", "last", "next", "current"};
    static const QStringList units{"year", "quarter", "month", "week-starting-sunday", "week-starting-monday", "day",
                                   "hour", "minute"};
    const std::string mode = str(object, "mode");
    auto* box = enumPicker(modes, mode);
    box->setObjectName(name + "-mode");
    // Changing the mode writes the object with the new mode's fields (and drops the old mode's), in one command.
    QObject::connect(box, &QComboBox::currentIndexChanged, box, [model = c.model, box, pointer] {
        Json o = current(model, pointer);
        if (!o.is_object()) return;
        const std::string m = pickedId(box);
        for (const char* k : {"startDate", "endDate", "date", "value", "unit", "includeToday"}) o.erase(k);
        o["mode"] = m;
        if (m == "on" || m == "before" || m == "after") o["date"] = "";
        if (m == "last" || m == "next") {
            o["value"] = 1;
            o["unit"] = "month";
        }
        if (m == "current") o["unit"] = "month";
        setValue(model, pointer, o, QObject::tr("Set date mode"));
    });
    form->addRow(QObject::tr("Date mode"), box);
    known.insert("mode");
    if (mode == "between" || mode == "custom") {
        addStringField(c, form, QObject::tr("Start date"), name + "-start", pointer, object, "startDate", true);
        addStringField(c, form, QObject::tr("End date"), name + "-end", pointer, object, "endDate", true);
        known.insert({"startDate", "endDate"});
    } else if (mode == "on" || mode == "before" || mode == "after") {
        addStringField(c, form, QObject::tr("Date"), name + "-date", pointer, object, "date");
        known.insert("date");
    } else if (mode == "last" || mode == "next" || mode == "current") {
        if (mode != "current") {
            addNumberField(c, form, QObject::tr("Count"), name + "-count", pointer, object, "value", false);
            known.insert("value");
        }
        addEnumField(c, form, QObject::tr("Unit"), name + "-unit", pointer, object, "unit", units);
        known.insert("unit");
        if (mode != "current") {
            auto* today = new QCheckBox(QObject::tr("Include today"));
            today->setObjectName(name + "-today");
            today->setChecked(object.contains("includeToday") && object["includeToday"] == true);
            QObject::connect(today, &QCheckBox::toggled, today, [model = c.model, pointer](bool on) {
                setValue(model, pointer + "/includeToday", on ? std::optional<Json>(true) : std::nullopt,
                         QObject::tr("Include today"));
            });
            form->addRow(QString(), today);
            known.insert("includeToday");
        }
    }
}

} // namespace quire::ide::props
