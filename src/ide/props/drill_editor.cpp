// Drill controls (spec §3.6 `drill`): the element whose columns are the levels, the `categories` (outer ->
// inner) and the `targets`, each with one column per category (`columnIds`, null where it does not drill).
// Adding, removing or moving a category changes `categories` and every target's `columnIds` in one undo step,
// so targets stay aligned; a removed category that was the control's value clears the value in that step.
#include "document_commands.h"
#include "editors.h"
#include "list_editor.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace quire::ide::props {

namespace {

std::string sourceElementId(const Json& control) {
    const Json src = control.value("source", Json());
    return src.is_object() && src.contains("source") ? str(src["source"], "elementId") : std::string();
}

std::string targetElementId(const Json& target) {
    return target.is_object() && target.contains("source") ? str(target["source"], "elementId") : std::string();
}

// The column of `element` named like the category column `categoryId` of `source` (targets usually repeat
// the level's name); null when there is none.
Json matchingColumn(const Json* source, const Json& element, const std::string& categoryId) {
    if (!source) return nullptr;
    const QString name = columnName(*source, categoryId);
    for (const auto& [id, columnLabel] : columnChoices(element))
        if (columnLabel == name) return id;
    return nullptr;
}

// One undo step over categories, targets and (when given) the value.
void commitLevels(DocumentModel* model, const std::string& p, const Json& categories, const Json& targets, const QString& text,
            bool clearValue = false) {
    std::vector<EditCommand::Change> changes{{p + "/categories", categories, {}}};
    if (targets.is_array() && current(model, p + "/targets") != targets) changes.push_back({p + "/targets", targets, {}});
    if (clearValue) changes.push_back({p + "/value", Json(), {}}); // null: the outermost level
    model->undoStack()->push(new EditCommand(model, text, std::move(changes)));
}

// The categories list: Add / Remove / Up / Down and the selected level's column.
QWidget* categoriesBox(const Context& c) {
    const Json& e = *c.element;
    const std::string p = c.pointer;
    auto* box = new QGroupBox(QObject::tr("Drill levels (outer → inner)"));
    box->setObjectName("drill-levels");
    auto* v = new QVBoxLayout(box);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto* sourcePicker = choicePicker(dataElementChoices(c.model), sourceElementId(e));
    sourcePicker->setObjectName("drill-source");
    form->addRow(QObject::tr("Levels from"), sourcePicker);
    v->addLayout(form);
    QObject::connect(sourcePicker, &QComboBox::currentIndexChanged, sourcePicker, [model = c.model, sourcePicker, p] {
        Json s = current(model, p + "/source");
        if (!s.is_object()) s = Json::object();
        const std::string id = pickedId(sourcePicker);
        const Json* t = model->findElement(id);
        const auto columns = t ? columnChoices(*t) : std::vector<std::pair<std::string, QString>>{};
        s["kind"] = "source";
        s["source"] = {{"kind", "table"}, {"elementId", id}};
        s["columnId"] = columns.empty() ? std::string() : columns.front().first;
        setValue(model, p + "/source", s, QObject::tr("Set drill source"));
    });

    const Json* source = c.model->findElement(sourceElementId(e));
    const Json categories = e.contains("categories") && e["categories"].is_array() ? e["categories"] : Json::array();
    auto* list = new QListWidget;
    list->setObjectName("drill-levels-list");
    for (const auto& cat : categories) {
        const std::string id = cat.is_object() ? str(cat, "columnId") : std::string();
        list->addItem(source ? columnName(*source, id) : QString::fromStdString(id));
    }
    list->setMaximumHeight(std::max(28, std::min(int(categories.size()), 5) * 20 + 8));
    v->addWidget(list);
    auto* buttons = new QHBoxLayout;
    auto button = [&](const QString& text, const char* name) {
        auto* b = new QPushButton(text);
        b->setObjectName(QString("drill-levels-") + name);
        b->setAutoDefault(false);
        buttons->addWidget(b);
        return b;
    };
    auto* add = button(QObject::tr("Add"), "add");
    auto* remove = button(QObject::tr("Remove"), "remove");
    auto* up = button(QStringLiteral("↑"), "up");
    auto* down = button(QStringLiteral("↓"), "down");
    buttons->addStretch();
    v->addLayout(buttons);
    auto* columnForm = new QFormLayout;
    v->addLayout(columnForm);

    const QString rowKey = QString::fromStdString(p + "/categories");
    const int remembered = c.rows->value(rowKey, categories.empty() ? -1 : 0);
    const int row = std::min(remembered, int(categories.size()) - 1);
    list->setCurrentRow(row);
    remove->setEnabled(row >= 0);
    up->setEnabled(row > 0);
    down->setEnabled(row >= 0 && row + 1 < int(categories.size()));
    // The first source column not yet a level.
    std::string nextColumn;
    if (source)
        for (const auto& [id, name] : columnChoices(*source)) {
            bool used = false;
            for (const auto& cat : categories) used = used || (cat.is_object() && str(cat, "columnId") == id);
            if (!used) {
                nextColumn = id;
                break;
            }
        }
    add->setEnabled(!nextColumn.empty());

    if (row >= 0) {
        auto* column = columnPicker(source ? *source : Json::object(), str(categories[std::size_t(row)], "columnId"));
        column->setObjectName("drill-level-column");
        columnForm->addRow(QObject::tr("Column"), column);
        QObject::connect(column, &QComboBox::currentIndexChanged, column, [model = c.model, column, p, row] {
            setValue(model, p + "/categories/" + std::to_string(row) + "/columnId", Json(pickedId(column)),
                     QObject::tr("Set drill level column"));
        });
    }
    QObject::connect(list, &QListWidget::currentRowChanged, list, [rows = c.rows, rowKey, refresh = c.refresh](int r) {
        (*rows)[rowKey] = r;
        if (refresh) refresh();
    });

    // Every edit below rewrites categories and the targets' columnIds together.
    const Json targets = e.contains("targets") && e["targets"].is_array() ? e["targets"] : Json();
    auto eachTarget = [targets](const std::function<void(Json& columnIds, const Json* element)>& edit, DocumentModel* model) {
        Json out = targets;
        if (!out.is_array()) return out;
        for (auto& t : out) {
            if (!t.is_object()) continue;
            if (!t.contains("columnIds") || !t["columnIds"].is_array()) t["columnIds"] = Json::array();
            edit(t["columnIds"], model->findElement(targetElementId(t)));
        }
        return out;
    };
    QObject::connect(add, &QPushButton::clicked, add, [model = c.model, p, categories, nextColumn, eachTarget, rows = c.rows, rowKey] {
        const Json* src = model->findElement(sourceElementId(current(model, p)));
        Json cats = categories;
        cats.push_back({{"columnId", nextColumn}});
        const Json t = eachTarget([&](Json& ids, const Json* element) {
            while (ids.size() + 1 < cats.size()) ids.push_back(nullptr);
            ids.push_back(element ? matchingColumn(src, *element, nextColumn) : Json());
        }, model);
        (*rows)[rowKey] = int(cats.size()) - 1;
        commitLevels(model, p, cats, t, QObject::tr("Add drill level"));
    });
    QObject::connect(remove, &QPushButton::clicked, remove, [model = c.model, p, categories, row, eachTarget, e] {
        if (row < 0) return;
        Json cats = categories;
        const std::string removedId = str(cats[std::size_t(row)], "columnId");
        cats.erase(std::size_t(row));
        const Json t = eachTarget([&](Json& ids, const Json*) {
            if (std::size_t(row) < ids.size()) ids.erase(std::size_t(row));
        }, model);
        const bool wasValue = e.contains("value") && e["value"].is_string() && e["value"].get<std::string>() == removedId;
        commitLevels(model, p, cats, t, QObject::tr("Remove drill level"), wasValue);
    });
    auto move = [model = c.model, p, categories, eachTarget, rows = c.rows, rowKey](int from, int to) {
        if (from < 0 || to < 0 || std::size_t(from) >= categories.size() || std::size_t(to) >= categories.size()) return;
        Json cats = categories;
        std::swap(cats[std::size_t(from)], cats[std::size_t(to)]);
        const Json t = eachTarget([&](Json& ids, const Json*) {
            while (ids.size() < categories.size()) ids.push_back(nullptr);
            std::swap(ids[std::size_t(from)], ids[std::size_t(to)]);
        }, model);
        (*rows)[rowKey] = to;
        commitLevels(model, p, cats, t, QObject::tr("Move drill level"));
    };
    QObject::connect(up, &QPushButton::clicked, up, [move, row] { move(row, row - 1); });
    QObject::connect(down, &QPushButton::clicked, down, [move, row] { move(row, row + 1); });
    return box;
}

// The targets: an element and, per level, the column it groups by there (or none).
QWidget* targetsBox(const Context& c) {
    const Json& e = *c.element;
    const Json categories = e.contains("categories") && e["categories"].is_array() ? e["categories"] : Json::array();
    const Json* source = c.model->findElement(sourceElementId(e));
    const std::string controlElement = str(e, "id");
    ListEditor::Spec spec;
    spec.title = QObject::tr("Drilled elements");
    spec.name = "drill-targets";
    spec.pointer = c.pointer + "/targets";
    spec.itemNoun = QObject::tr("drilled element");
    spec.label = [model = c.model](const Json& t) {
        const std::string id = targetElementId(t);
        for (const auto& [eid, name] : dataElementChoices(model))
            if (eid == id) return name;
        return QString::fromStdString(id);
    };
    auto columnsFor = [categories, source](const Json* element) {
        Json ids = Json::array();
        for (const auto& cat : categories)
            ids.push_back(element ? matchingColumn(source, *element, cat.is_object() ? str(cat, "columnId") : std::string()) : Json());
        return ids;
    };
    spec.newItem = [model = c.model, e, columnsFor, controlElement]() -> std::optional<Json> {
        std::set<std::string> targeted;
        for (const auto& t : e.value("targets", Json::array())) targeted.insert(targetElementId(t));
        for (const auto& [id, name] : dataElementChoices(model))
            if (!targeted.count(id) && id != controlElement)
                return Json{{"source", {{"kind", "table"}, {"elementId", id}}}, {"columnIds", columnsFor(model->findElement(id))}};
        return std::nullopt;
    };
    spec.details = [model = c.model, categories, source, columnsFor](QFormLayout* form, int, const std::string& p, const Json& t) {
        auto* element = choicePicker(dataElementChoices(model), targetElementId(t));
        element->setObjectName("drill-target-element");
        form->addRow(QObject::tr("Element"), element);
        // A new element takes the columns named like the levels, in the same command.
        QObject::connect(element, &QComboBox::currentIndexChanged, element, [model, element, p, columnsFor] {
            Json item = current(model, p);
            const std::string id = pickedId(element);
            item["source"] = {{"kind", "table"}, {"elementId", id}};
            item["columnIds"] = columnsFor(model->findElement(id));
            setValue(model, p, item, QObject::tr("Set drilled element"));
        });
        const Json* target = model->findElement(targetElementId(t));
        const Json ids = t.contains("columnIds") && t["columnIds"].is_array() ? t["columnIds"] : Json::array();
        for (std::size_t k = 0; k < categories.size(); ++k) {
            const std::string id = k < ids.size() && ids[k].is_string() ? ids[k].get<std::string>() : std::string();
            auto* column = columnPicker(target ? *target : Json::object(), id, true);
            column->setObjectName(QString("drill-target-column-%1").arg(k));
            const std::string levelId = categories[k].is_object() ? str(categories[k], "columnId") : std::string();
            form->addRow(source ? columnName(*source, levelId) : QString::fromStdString(levelId), column);
            QObject::connect(column, &QComboBox::currentIndexChanged, column, [model, column, p, k, n = categories.size()] {
                Json list = current(model, p + "/columnIds");
                if (!list.is_array()) list = Json::array();
                while (list.size() < n) list.push_back(nullptr);
                const std::string picked = pickedId(column);
                list[k] = picked.empty() ? Json() : Json(picked);
                setValue(model, p + "/columnIds", list, QObject::tr("Set drilled column"));
            });
        }
        addOtherFields(form, t, {"source", "columnIds"});
    };
    return new ListEditor(c, std::move(spec));
}

} // namespace

QWidget* makeDrillEditor(const Context& c, std::set<std::string>& known) {
    if (c.element->value("kind", "") != "control" || str(*c.element, "controlType") != "drill") return nullptr;
    auto* host = new QWidget;
    host->setObjectName("drill-editor");
    auto* v = new QVBoxLayout(host);
    v->setContentsMargins(0, 0, 0, 0);
    v->addWidget(categoriesBox(c));
    v->addWidget(targetsBox(c));
    known.insert("source");
    known.insert("categories");
    known.insert("targets");
    return host;
}

} // namespace quire::ide::props
