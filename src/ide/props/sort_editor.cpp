// Sorting: a table's `sort: [{columnId, direction, nulls?}]` (add/remove/reorder) and a chart's x-axis
// `xAxis.sort {by, direction}`, and a pie's or donut's slice order `color.sort {by, direction}`.
#include "editors.h"
#include "list_editor.h"

#include <QFormLayout>
#include <QGroupBox>

namespace quire::ide::props {

namespace {

QWidget* tableSort(const Context& c, std::set<std::string>& known) {
    const Json& e = *c.element;
    known.insert("sort");
    ListEditor::Spec spec;
    spec.title = QObject::tr("Sort");
    spec.name = "sort";
    spec.pointer = c.pointer + "/sort";
    spec.itemNoun = QObject::tr("sort key");
    spec.label = [element = e](const Json& s) {
        return columnName(element, str(s, "columnId")) +
               (str(s, "direction") == "descending" ? QStringLiteral(" ↓") : QStringLiteral(" ↑"));
    };
    spec.newItem = [element = e]() -> std::optional<Json> {
        std::set<std::string> used;
        for (const auto& s : element.value("sort", Json::array())) used.insert(str(s, "columnId"));
        for (const auto& [id, name] : columnChoices(element))
            if (!used.count(id)) return Json{{"columnId", id}, {"direction", "ascending"}};
        return std::nullopt;
    };
    spec.details = [c, element = e](QFormLayout* form, int, const std::string& p, const Json& s) {
        auto* column = columnPicker(element, str(s, "columnId"));
        column->setObjectName("sort-column");
        QObject::connect(column, &QComboBox::currentIndexChanged, column, [model = c.model, column, p] {
            setValue(model, p + "/columnId", Json(pickedId(column)), QObject::tr("Set sort column"));
        });
        form->addRow(QObject::tr("Column"), column);
        addEnumField(c, form, QObject::tr("Direction"), "sort-direction", p, s, "direction", {"ascending", "descending"});
        addEnumField(c, form, QObject::tr("Nulls"), "sort-nulls", p, s, "nulls", {"first", "last", "connection-default"}, true);
        addOtherFields(form, s, {"columnId", "direction", "nulls"});
    };
    return new ListEditor(c, std::move(spec));
}

// The sort of one channel (`xAxis` or a circular chart's `color`); widget names start with `name`.
QWidget* axisSort(const Context& c, const char* channel, const QString& title, const QString& name) {
    const Json& e = *c.element;
    const Json sort = e[channel].value("sort", Json::object());
    auto* box = new QGroupBox(title);
    box->setObjectName(name);
    auto* form = new QFormLayout(box);
    const std::string p = c.pointer + "/" + channel + "/sort";
    auto* by = columnPicker(e, sort.is_object() ? str(sort, "by") : "", true);
    by->setItemText(0, QObject::tr("(data order)"));
    by->setObjectName(name + "-by");
    // Choosing a column writes {by, direction}; "(data order)" removes the sort.
    QObject::connect(by, &QComboBox::currentIndexChanged, by, [model = c.model, by, p] {
        const std::string id = pickedId(by);
        if (id.empty()) return setValue(model, p, std::nullopt, QObject::tr("Clear axis sort"));
        Json s = current(model, p);
        if (!s.is_object()) s = Json{{"by", id}, {"direction", "ascending"}};
        s["by"] = id;
        setValue(model, p, s, QObject::tr("Set axis sort"));
    });
    form->addRow(QObject::tr("Sort by"), by);
    if (sort.is_object() && sort.contains("by")) {
        addEnumField(c, form, QObject::tr("Direction"), name + "-direction", p, sort, "direction", {"ascending", "descending"});
        addOtherFields(form, sort, {"by", "direction"});
    }
    return box;
}

} // namespace

QWidget* makeSortEditor(const Context& c, std::set<std::string>& known) {
    const Json& e = *c.element;
    const std::string kind = str(e, "kind");
    const bool hasColumns = e.contains("columns") && e["columns"].is_array();
    if (e.contains("sort") && !e["sort"].is_array()) return nullptr; // malformed: stays read-only, as it is
    if (hasColumns && (kind == "table" || kind == "input-table" || (e.contains("sort") && e["sort"].is_array())))
        return tableSort(c, known);
    if (hasColumns && e.contains("xAxis") && e["xAxis"].is_object())
        return axisSort(c, "xAxis", QObject::tr("Axis sort"), "axis-sort"); // xAxis itself: channels
    if (hasColumns && (kind == "pie-chart" || kind == "donut-chart") && e.contains("color") && e["color"].is_object())
        return axisSort(c, "color", QObject::tr("Slice order"), "slice-sort");
    return nullptr;
}

} // namespace quire::ide::props
