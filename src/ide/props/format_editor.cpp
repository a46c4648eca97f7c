// Column formats (spec §6.4): `format: {kind: number|datetime|text|auto, formatString}` with Sigma's common
// d3 number and strftime date presets; the format string stays free text for anything else.
#include "document_commands.h"
#include "editors.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLineEdit>

namespace quire::ide::props {

namespace {

const std::vector<std::pair<QString, QString>> kNumberPresets{
    {"$,.2f", "$1,234.57"}, {"$,.0f", "$1,235"},  {",.0f", "1,235"}, {",.2f", "1,234.57"},
    {".1%", "12.3%"},       {",.2%", "12.35%"},   {"$,.2s", "$1.2k"}, {".3~e", "1.23e+3"}};
const std::vector<std::pair<QString, QString>> kDatePresets{
    {"%Y-%m-%d", "2024-03-05"}, {"%b %Y", "Mar 2024"}, {"%B %Y", "March 2024"},
    {"%Y-%m-%d %H:%M", "2024-03-05 14:30"}, {"%a, %b %-d", "Tue, Mar 5"}};

} // namespace

QWidget* makeFormatEditor(const Context& c, std::set<std::string>& known) {
    (void)known; // formats live inside `columns`, which the panel's column table owns
    const Json& e = *c.element;
    const auto columns = columnChoices(e);
    if (columns.empty()) return nullptr;
    const QString rowKey = QString::fromStdString(c.pointer + "/columns#format");
    int index = std::clamp(c.rows->value(rowKey, 0), 0, int(e["columns"].size()) - 1);
    // The picker lists columns that have ids; map back to the array index by id.
    auto* box = new QGroupBox(QObject::tr("Column format"));
    box->setObjectName("format");
    auto* form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const Json& column = e["columns"][std::size_t(index)];
    auto* picker = columnPicker(e, str(column, "id"));
    picker->setObjectName("format-column");
    form->addRow(QObject::tr("Column"), picker);
    const std::string p = c.pointer + "/columns/" + std::to_string(index) + "/format";
    const Json format = column.is_object() ? column.value("format", Json()) : Json();
    const std::string kind = format.is_object() ? str(format, "kind") : "";

    auto* kindBox = choicePicker({{"", QObject::tr("(automatic)")}, {"number", "number"}, {"datetime", "datetime"},
                                  {"text", "text"}, {"auto", "auto"}}, kind);
    kindBox->setObjectName("format-kind");
    form->addRow(QObject::tr("Kind"), kindBox);
    QComboBox* preset = nullptr;
    if (kind == "number" || kind == "datetime") {
        preset = new QComboBox;
        preset->setObjectName("format-string");
        preset->setEditable(true);
        for (const auto& [fmt, sample] : kind == "number" ? kNumberPresets : kDatePresets) preset->addItem(fmt + "   " + sample, fmt);
        preset->setEditText(QString::fromStdString(str(format, "formatString")));
        preset->lineEdit()->setPlaceholderText(QObject::tr("(default)"));
        form->addRow(QObject::tr("Format"), preset);
        // A preset from the list writes its format string; typed text is written as it is (one undo step).
        QObject::connect(preset, &QComboBox::activated, preset, [model = c.model, preset, p](int i) {
            const QString fmt = preset->itemData(i).toString();
            preset->setEditText(fmt);
            setValue(model, p + "/formatString", Json(fmt.toStdString()), QObject::tr("Set format"));
        });
        QObject::connect(preset->lineEdit(), &QLineEdit::textEdited, preset, [model = c.model, p](const QString& text) {
            setValue(model, p + "/formatString", text.isEmpty() ? std::nullopt : std::optional<Json>(text.toStdString()),
                     QObject::tr("Edit format"), MergeTyping);
        });
    }
    if (format.is_object()) addOtherFields(form, format, {"kind", "formatString"});

    QObject::connect(picker, &QComboBox::currentIndexChanged, picker, [c, picker, rowKey, element = e] {
        const std::string id = pickedId(picker);
        const Json& list = element["columns"];
        for (std::size_t i = 0; i < list.size(); ++i)
            if (str(list[i], "id") == id) (*c.rows)[rowKey] = int(i);
        c.refresh(); // shows the other column's format (nothing in the document changed)
    });
    QObject::connect(kindBox, &QComboBox::currentIndexChanged, kindBox, [model = c.model, kindBox, p] {
        const std::string k = pickedId(kindBox);
        if (k.empty()) return setValue(model, p, std::nullopt, QObject::tr("Clear format"));
        Json f = current(model, p);
        if (!f.is_object()) f = Json::object();
        f["kind"] = k;
        if (k == "number") f["formatString"] = kNumberPresets.front().first.toStdString();
        else if (k == "datetime") f["formatString"] = kDatePresets.front().first.toStdString();
        else f.erase("formatString");
        setValue(model, p, f, QObject::tr("Set format kind"));
    });
    return box;
}

} // namespace quire::ide::props
