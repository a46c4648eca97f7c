// Chart and map colour (spec §3.5): `color {by: single, value}` (hex, with a colour dialog),
// `{by: category, column, scheme?}`, `{by: scale, column, scheme?, domain?}`. Donut and pie colour is a plain
// `{columnId}` channel, edited with the other channels.
#include "document_commands.h"
#include "../color_scheme.h"
#include "editors.h"

#include <QColorDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>

namespace quire::ide::props {

namespace {

const std::set<std::string> kByKinds{"bar-chart",   "line-chart", "area-chart", "combo-chart", "scatter-chart",
                                     "waterfall-chart", "point-map", "region-map", "geography-map"};

bool isHex(const QString& text) {
    static const QRegularExpression hex("^#([0-9a-fA-F]{6}|[0-9a-fA-F]{8})$");
    return hex.match(text).hasMatch();
}

// Column ids the chart already binds to another channel (Sigma allows one column per channel).
std::set<std::string> boundColumns(const Json& e) {
    std::set<std::string> out;
    if (e.contains("xAxis") && e["xAxis"].is_object()) out.insert(str(e["xAxis"], "columnId"));
    if (e.contains("yAxis") && e["yAxis"].is_object())
        for (const auto& y : e["yAxis"].value("columnIds", Json::array()))
            out.insert(y.is_string() ? y.get<std::string>() : y.is_object() ? str(y, "columnId") : "");
    for (const char* k : {"size", "latitude", "longitude", "region", "geography"})
        if (e.contains(k) && e[k].is_object()) out.insert(str(e[k], "columnId"));
    return out;
}

} // namespace

QWidget* makeColorEditor(const Context& c, std::set<std::string>& known) {
    const Json& e = *c.element;
    const Json color = e.value("color", Json());
    if (!kByKinds.count(str(e, "kind")) && !(color.is_object() && color.contains("by"))) return nullptr;
    if (!color.is_null() && !color.is_object()) return nullptr; // a malformed colour stays read-only (the validator says why)
    known.insert("color");
    const std::string p = c.pointer + "/color";
    const std::string by = color.is_object() ? str(color, "by") : "";
    // Readbacks of some kinds spell the column key `columnId`; edit the key the document uses.
    const std::string columnKey = color.is_object() && color.contains("columnId") && !color.contains("column") ? "columnId" : "column";

    auto* box = new QGroupBox(QObject::tr("Colour"));
    box->setObjectName("color");
    auto* form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto* mode = choicePicker({{"", QObject::tr("(theme default)")}, {"single", QObject::tr("Single colour")},
                               {"category", QObject::tr("By category")}, {"scale", QObject::tr("By scale")}}, by);
    mode->setObjectName("color-by");
    form->addRow(QObject::tr("Colour by"), mode);
    QObject::connect(mode, &QComboBox::currentIndexChanged, mode, [model = c.model, mode, p, element = e, columnKey] {
        const std::string m = pickedId(mode);
        if (m.empty()) return setValue(model, p, std::nullopt, QObject::tr("Clear colour"));
        Json old = current(model, p);
        Json next = {{"by", m}};
        if (m == "single") {
            next["value"] = "#4c78a8";
        } else {
            // Keep the column when switching between category and scale, else take one no other channel uses.
            std::string column = str(old, columnKey.c_str());
            if (column.empty()) {
                const auto bound = boundColumns(element);
                for (const auto& [id, name] : columnChoices(element))
                    if (!bound.count(id)) { column = id; break; }
            }
            if (!column.empty()) next[columnKey] = column;
        }
        setValue(model, p, next, QObject::tr("Set colour"));
    });

    std::set<std::string> shown{"by"};
    if (by == "single") {
        const QString value = QString::fromStdString(str(color, "value"));
        auto* row = new QWidget;
        auto* h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        auto* swatch = new QLabel;
        swatch->setFixedSize(18, 18);
        swatch->setStyleSheet(QStringLiteral("background: %1; border: 1px solid #9ca3af;").arg(isHex(value) ? value : "transparent"));
        auto* edit = new QLineEdit(value);
        edit->setObjectName("color-value");
        edit->setPlaceholderText("#rrggbb");
        auto* choose = new QPushButton(QObject::tr("Choose…"));
        choose->setObjectName("color-choose");
        choose->setAutoDefault(false);
        h->addWidget(swatch);
        h->addWidget(edit, 1);
        h->addWidget(choose);
        form->addRow(QObject::tr("Colour"), row);
        // Sigma accepts hex only; other text is marked and not written.
        QObject::connect(edit, &QLineEdit::textEdited, edit, [model = c.model, edit, swatch, p](const QString& text) {
            const bool ok = isHex(text);
            edit->setStyleSheet(ok ? QString() : invalidFieldStyle());
            edit->setToolTip(ok ? QString() : QObject::tr("Sigma needs a hex colour: #rrggbb or #rrggbbaa"));
            if (!ok) return;
            swatch->setStyleSheet(QStringLiteral("background: %1; border: 1px solid #9ca3af;").arg(text));
            setValue(model, p + "/value", Json(text.toLower().toStdString()), QObject::tr("Edit colour"), MergeTyping);
        });
        QObject::connect(choose, &QPushButton::clicked, choose, [model = c.model, choose, value, p] {
            const QColor picked = QColorDialog::getColor(QColor(value), choose->window(), QObject::tr("Colour"));
            if (picked.isValid()) setValue(model, p + "/value", Json(picked.name().toStdString()), QObject::tr("Set colour"));
        });
        shown.insert("value");
    } else if (by == "category" || by == "scale") {
        auto* column = columnPicker(e, str(color, columnKey.c_str()));
        column->setObjectName("color-column");
        QObject::connect(column, &QComboBox::currentIndexChanged, column, [model = c.model, column, p, columnKey] {
            setValue(model, p + "/" + columnKey, Json(pickedId(column)), QObject::tr("Set colour column"));
        });
        form->addRow(QObject::tr("Column"), column);
        shown.insert(columnKey);
        if (by == "scale") {
            const Json domain = color.value("domain", Json::object());
            for (const char* k : {"min", "mid", "max"})
                addNumberField(c, form, QObject::tr("Domain %1").arg(k), QStringLiteral("color-domain-%1").arg(k), p + "/domain",
                               domain, k, true);
            if (domain.is_object()) addOtherFields(form, domain, {"min", "mid", "max"});
            shown.insert("domain");
        }
    }
    if (color.is_object()) addOtherFields(form, color, shown);
    return box;
}

} // namespace quire::ide::props
