// Table groupings (spec §3.3): levels `[{id, groupBy, calculations}]` that nest in array order; add/remove/
// reorder a level, tick its group-by columns and its calculations (aggregate columns).
#include "editors.h"
#include "list_editor.h"

#include <QFormLayout>
#include <QListWidget>

namespace quire::ide::props {

namespace {

// A list of the element's columns with a check box each; toggling writes the ticked ids (in column order,
// followed by ids the element does not have, which are kept) to pointer as one command.
QListWidget* columnChecks(const Context& c, const Json& element, const std::string& pointer, const Json& ids,
                          const QString& name, const QString& what) {
    auto* list = new QListWidget;
    list->setObjectName(name);
    std::set<std::string> ticked;
    if (ids.is_array())
        for (const auto& id : ids)
            if (id.is_string()) ticked.insert(id.get<std::string>());
    const auto columns = columnChoices(element);
    for (const auto& [id, label] : columns) {
        auto* item = new QListWidgetItem(label, list);
        item->setData(Qt::UserRole, QString::fromStdString(id));
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(ticked.count(id) ? Qt::Checked : Qt::Unchecked);
    }
    list->setMaximumHeight(std::min(int(columns.size()), 6) * 20 + 8);
    list->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Maximum);
    QObject::connect(list, &QListWidget::itemChanged, list, [model = c.model, list, pointer, what, ids] {
        Json out = Json::array();
        std::set<std::string> offered;
        for (int i = 0; i < list->count(); ++i) {
            const std::string id = list->item(i)->data(Qt::UserRole).toString().toStdString();
            offered.insert(id);
            if (list->item(i)->checkState() == Qt::Checked) out.push_back(id);
        }
        if (ids.is_array())
            for (const auto& id : ids)
                if (!id.is_string() || !offered.count(id.get<std::string>())) out.push_back(id);
        setValue(model, pointer, out, QObject::tr("Set %1").arg(what));
    });
    return list;
}

} // namespace

QWidget* makeGroupingEditor(const Context& c, std::set<std::string>& known) {
    const Json& e = *c.element;
    const std::string kind = str(e, "kind");
    if (!e.contains("columns") || !e["columns"].is_array()) return nullptr;
    if (!(kind == "table" || (e.contains("groupings") && e["groupings"].is_array()))) return nullptr;
    if (e.contains("groupings") && !e["groupings"].is_array()) return nullptr; // malformed: stays read-only
    known.insert("groupings");
    ListEditor::Spec spec;
    spec.title = QObject::tr("Groupings");
    spec.name = "groupings";
    spec.pointer = c.pointer + "/groupings";
    spec.itemNoun = QObject::tr("grouping level");
    spec.label = [element = e](const Json& g) {
        QStringList names;
        for (const auto& id : g.value("groupBy", Json::array()))
            if (id.is_string()) names << columnName(element, id.get<std::string>());
        return QObject::tr("By %1").arg(names.isEmpty() ? QObject::tr("(nothing)") : names.join(", "));
    };
    spec.newItem = [c, element = e]() -> std::optional<Json> {
        // A new level groups by the first column no level groups by yet.
        std::set<std::string> used;
        for (const auto& g : element.value("groupings", Json::array()))
            for (const auto& id : g.value("groupBy", Json::array()))
                if (id.is_string()) used.insert(id.get<std::string>());
        for (const auto& [id, name] : columnChoices(element))
            if (!used.count(id))
                return Json{{"id", uniqueId(c.model, "grouping")}, {"groupBy", Json::array({id})}, {"calculations", Json::array()}};
        return std::nullopt;
    };
    spec.details = [c, element = e](QFormLayout* form, int, const std::string& p, const Json& g) {
        form->addRow(QObject::tr("Group by"), columnChecks(c, element, p + "/groupBy", g.value("groupBy", Json::array()),
                                                            "grouping-by", QObject::tr("group-by columns")));
        form->addRow(QObject::tr("Calculations"),
                     columnChecks(c, element, p + "/calculations", g.value("calculations", Json::array()),
                                  "grouping-calculations", QObject::tr("calculations")));
        addOtherFields(form, g, {"groupBy", "calculations"});
    };
    return new ListEditor(c, std::move(spec));
}

} // namespace quire::ide::props
