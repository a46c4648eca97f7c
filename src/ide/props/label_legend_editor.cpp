// Data labels and the legend of charts (spec §3.5): `dataLabel {labels, labelDisplay: auto|minimum|maximum|
// min-max|all, valueFormat, totals}` (stack totals on stacked charts) and `legend` = exactly `{visibility: hidden}` or `{position, fontSize, ...}`.
// Each change is one undo step; keys the editor does not offer are kept.
#include "document_commands.h"
#include "editors.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLineEdit>

namespace quire::ide::props {

QWidget* makeLabelLegendEditor(const Context& c, std::set<std::string>& known) {
    const Json& e = *c.element;
    const std::string kind = str(e, "kind");
    const bool chart = kind.find("chart") != std::string::npos && kind != "kpi-chart";
    const Json label = e.value("dataLabel", Json()), legend = e.value("legend", Json());
    if (!chart || (!label.is_null() && !label.is_object()) || (!legend.is_null() && !legend.is_object())) return nullptr;
    known.insert({"dataLabel", "legend"});
    auto* box = new QGroupBox(QObject::tr("Labels and legend"));
    box->setObjectName("labels-legend");
    auto* form = new QFormLayout(box);
    const std::string p = c.pointer + "/dataLabel";
    auto* show = new QCheckBox(QObject::tr("Show data labels"));
    show->setObjectName("datalabel-show");
    show->setChecked(label.is_object() && str(label, "labels") != "hidden");
    QObject::connect(show, &QCheckBox::toggled, show, [model = c.model, p](bool on) {
        Json next = current(model, p);
        if (!next.is_object()) next = Json{{"labelDisplay", "auto"}};
        next["labels"] = on ? "shown" : "hidden";
        setValue(model, p, next, on ? QObject::tr("Show data labels") : QObject::tr("Hide data labels"));
    });
    form->addRow(QString(), show);
    const std::string stacking = str(e, "stacking");
    if (stacking == "stacked" || stacking == "normalized" || (label.is_object() && label.contains("totals"))) {
        auto* totals = new QCheckBox(QObject::tr("Show stack totals"));
        totals->setObjectName("datalabel-totals");
        totals->setChecked(label.is_object() && label.contains("totals") && (label["totals"] == "shown" || label["totals"] == true));
        // On: `totals: shown` (a chart without dataLabel gets the totals only, its segments stay unlabelled); off: removed.
        QObject::connect(totals, &QCheckBox::toggled, totals, [model = c.model, p](bool on) {
            if (!on) return setValue(model, p + "/totals", std::nullopt, QObject::tr("Hide stack totals"));
            Json next = current(model, p);
            if (!next.is_object()) next = Json{{"labels", "hidden"}};
            next["totals"] = "shown";
            setValue(model, p, next, QObject::tr("Show stack totals"));
        });
        form->addRow(QString(), totals);
    }
    if (label.is_object()) {
        addEnumField(c, form, QObject::tr("Label display"), "datalabel-display", p, label, "labelDisplay",
                     {"auto", "minimum", "maximum", "min-max", "all"}, true);
        const Json format = label.value("valueFormat", Json());
        auto* fmt = new QLineEdit(format.is_object() ? QString::fromStdString(str(format, "formatString")) : QString());
        fmt->setObjectName("datalabel-format");
        fmt->setPlaceholderText(QObject::tr("(column format)  e.g. $,.0f"));
        QObject::connect(fmt, &QLineEdit::textEdited, fmt, [model = c.model, p](const QString& text) {
            if (text.isEmpty()) return setValue(model, p + "/valueFormat", std::nullopt, QObject::tr("Clear label format"), MergeTyping);
            setValue(model, p + "/valueFormat", Json{{"kind", "number"}, {"formatString", text.toStdString()}}, QObject::tr("Edit label format"), MergeTyping);
        });
        form->addRow(QObject::tr("Label format"), fmt);
        addOtherFields(form, label, {"labels", "labelDisplay", "valueFormat", "totals"});
    }
    const std::string lp = c.pointer + "/legend";
    const std::string state = legend.is_object() ? (str(legend, "visibility") == "hidden" ? "hidden" : str(legend, "position")) : "";
    auto* where = choicePicker({{"", QObject::tr("(default)")}, {"hidden", QObject::tr("Hidden")}, {"top", "top"}, {"bottom", "bottom"},
                                {"left", "left"}, {"right", "right"}}, state);
    where->setObjectName("legend-position");
    QObject::connect(where, &QComboBox::currentIndexChanged, where, [model = c.model, where, lp] {
        const std::string picked = pickedId(where);
        if (picked.empty()) return setValue(model, lp, std::nullopt, QObject::tr("Default legend"));
        if (picked == "hidden") return setValue(model, lp, Json{{"visibility", "hidden"}}, QObject::tr("Hide legend"));
        Json next = current(model, lp);
        if (!next.is_object() || next.contains("visibility")) next = Json::object(); // a hidden legend is exactly {visibility}
        next["position"] = picked;
        setValue(model, lp, next, QObject::tr("Set legend position"));
    });
    form->addRow(QObject::tr("Legend"), where);
    if (legend.is_object() && !legend.contains("visibility")) {
        addNumberField(c, form, QObject::tr("Legend font size"), "legend-font", lp, legend, "fontSize", true);
        addOtherFields(form, legend, {"position", "fontSize"});
    }
    return box;
}

} // namespace quire::ide::props
