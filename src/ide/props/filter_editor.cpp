// Element filters (spec §3.3): one per column; list, number-range, date-range, text-match and top-n fields,
// enable/disable, include-nulls; add/remove. Changing a filter's kind or column is one command on the filter.
#include "document_commands.h"
#include "editors.h"
#include "list_editor.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>

namespace quire::ide::props {

namespace {

const QStringList kFilterKinds{"list", "number-range", "date-range", "text-match", "top-n", "hierarchy"};

// The fields a new filter of each kind starts with (valid as they are).
void defaultsFor(Json& f, const std::string& kind) {
    if (kind == "list") {
        f["mode"] = "include";
        f["values"] = Json::array();
    } else if (kind == "date-range") {
        f["mode"] = "between";
    } else if (kind == "text-match") {
        f["mode"] = "contains";
        f["value"] = "";
        f["case"] = "insensitive";
    } else if (kind == "top-n") {
        f["rankingFunction"] = "rank";
        f["mode"] = "top-n";
        f["rowCount"] = 10;
    } else if (kind == "hierarchy") {
        f["mode"] = "include";
        f["values"] = Json::array();
    }
}

// Keys every filter kind shares.
const std::set<std::string> kCommon{"id", "columnId", "kind", "state", "includeNulls"};
// Keys that belong to one kind: switching kinds drops these (and keeps everything else, unknown keys too).
const std::set<std::string> kKindSpecific{"mode", "values", "min", "max", "rankingFunction", "rowCount", "percentile",
                                          "value", "case", "startDate", "endDate", "date", "unit", "includeToday"};

QString label(const Json& element, const Json& f) {
    const QString column = columnName(element, str(f, "columnId"));
    QString text = column + QStringLiteral(" · ") + QString::fromStdString(str(f, "kind"));
    if (str(f, "state") == "disabled") text += QObject::tr(" (disabled)");
    return text;
}

void kindFields(const Context& c, QFormLayout* form, const std::string& p, const Json& f, std::set<std::string>& known) {
    const std::string kind = str(f, "kind");
    if (kind == "list") {
        addEnumField(c, form, QObject::tr("Mode"), "filter-mode", p, f, "mode", {"include", "exclude"});
        auto* values = new QLineEdit(formatValueList(f.value("values", Json::array())));
        values->setObjectName("filter-values");
        values->setPlaceholderText(QObject::tr("a, b, 3, null  (empty: all values)"));
        values->setToolTip(QObject::tr("Comma-separated; numbers, true/false and null are typed values, \"quoted\" is text"));
        QObject::connect(values, &QLineEdit::textEdited, values, [model = c.model, p](const QString& text) {
            setValue(model, p + "/values", parseValueList(text), QObject::tr("Edit filter values"), MergeTyping);
        });
        form->addRow(QObject::tr("Values"), values);
        known.insert({"mode", "values"});
    } else if (kind == "number-range") {
        addNumberField(c, form, QObject::tr("Min"), "filter-min", p, f, "min", true);
        addNumberField(c, form, QObject::tr("Max"), "filter-max", p, f, "max", true);
        known.insert({"min", "max"});
    } else if (kind == "date-range") {
        addDateModeFields(c, form, p, f, "filter-date", known);
    } else if (kind == "text-match") {
        addEnumField(c, form, QObject::tr("Match"), "filter-mode", p, f, "mode", textMatchModes());
        addStringField(c, form, QObject::tr("Text"), "filter-text", p, f, "value");
        addEnumField(c, form, QObject::tr("Case"), "filter-case", p, f, "case", {"insensitive", "sensitive"});
        known.insert({"mode", "value", "case"});
    } else if (kind == "top-n") {
        const bool percentile = str(f, "rankingFunction") == "rank-percentile" || str(f, "rankingFunction") == "cume-dist";
        addEnumField(c, form, QObject::tr("Ranking"), "filter-ranking", p, f, "rankingFunction",
                     {"rank", "rank-dense", "row-number", "rank-percentile", "cume-dist"});
        addEnumField(c, form, QObject::tr("Mode"), "filter-mode", p, f, "mode",
                     percentile ? QStringList{"top-percentile", "bottom-percentile"} : QStringList{"top-n", "bottom-n"});
        if (percentile) addNumberField(c, form, QObject::tr("Percentile"), "filter-percentile", p, f, "percentile", false);
        else addNumberField(c, form, QObject::tr("Rows"), "filter-rows", p, f, "rowCount", false);
        known.insert({"rankingFunction", "mode", percentile ? "percentile" : "rowCount"});
    }
}

} // namespace

QWidget* makeFilterEditor(const Context& c, std::set<std::string>& known) {
    const Json& e = *c.element;
    const std::string kind = str(e, "kind");
    if (kind == "control" || !e.contains("columns") || !e["columns"].is_array()) return nullptr;
    if (e.contains("filters") && !e["filters"].is_array()) return nullptr; // not ours to reshape: shown read-only
    known.insert("filters");
    ListEditor::Spec spec;
    spec.title = QObject::tr("Filters");
    spec.name = "filters";
    spec.pointer = c.pointer + "/filters";
    spec.itemNoun = QObject::tr("filter");
    spec.label = [element = e](const Json& f) { return label(element, f); };
    spec.newItem = [c, element = e]() -> std::optional<Json> {
        // Sigma allows one filter per column: the new filter takes the first column without one.
        std::set<std::string> filtered;
        for (const auto& f : element.value("filters", Json::array())) filtered.insert(str(f, "columnId"));
        for (const auto& [id, name] : columnChoices(element))
            if (!filtered.count(id)) {
                Json f = {{"id", uniqueId(c.model, "filter")}, {"columnId", id}, {"kind", "list"}};
                defaultsFor(f, "list");
                return f;
            }
        return std::nullopt;
    };
    spec.details = [c, element = e](QFormLayout* form, int, const std::string& p, const Json& f) {
        std::set<std::string> itemKnown = kCommon;
        auto* column = columnPicker(element, str(f, "columnId"));
        column->setObjectName("filter-column");
        QObject::connect(column, &QComboBox::currentIndexChanged, column, [model = c.model, column, p] {
            setValue(model, p + "/columnId", Json(pickedId(column)), QObject::tr("Set filter column"));
        });
        form->addRow(QObject::tr("Column"), column);
        auto* kindBox = enumPicker(kFilterKinds, str(f, "kind"));
        kindBox->setObjectName("filter-kind");
        QObject::connect(kindBox, &QComboBox::currentIndexChanged, kindBox, [model = c.model, kindBox, p] {
            Json f = current(model, p);
            if (!f.is_object()) return;
            for (const auto& k : kKindSpecific) f.erase(k);
            f["kind"] = pickedId(kindBox);
            defaultsFor(f, pickedId(kindBox));
            setValue(model, p, f, QObject::tr("Set filter kind"));
        });
        form->addRow(QObject::tr("Kind"), kindBox);
        auto* enabled = new QCheckBox(QObject::tr("Enabled"));
        enabled->setObjectName("filter-enabled");
        enabled->setChecked(str(f, "state") != "disabled");
        // Sigma's default is enabled: enabling removes `state` when it was absent, and writes it back otherwise.
        QObject::connect(enabled, &QCheckBox::toggled, enabled, [model = c.model, p, hadState = f.contains("state")](bool on) {
            std::optional<Json> state = on ? (hadState ? std::optional<Json>("enabled") : std::nullopt) : std::optional<Json>("disabled");
            setValue(model, p + "/state", state, on ? QObject::tr("Enable filter") : QObject::tr("Disable filter"));
        });
        form->addRow(QString(), enabled);
        kindFields(c, form, p, f, itemKnown);
        addEnumField(c, form, QObject::tr("Nulls"), "filter-nulls", p, f, "includeNulls",
                     {"always", "never", "when-no-value-is-selected"}, true);
        addOtherFields(form, f, itemKnown);
    };
    return new ListEditor(c, std::move(spec));
}

} // namespace quire::ide::props
