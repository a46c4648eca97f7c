#include "outline_widget.h"

#include "element_templates.h"
#include "kind_style.h"

#include <QHeaderView>
#include <functional>
#include <set>

namespace quire::ide {

namespace {
enum Role { IdRole = Qt::UserRole, TypeRole };
}

OutlineWidget::OutlineWidget(DocumentModel* model, QWidget* parent) : QTreeWidget(parent), model_(model) {
    setHeaderHidden(true);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    connect(model_, &DocumentModel::changed, this, &OutlineWidget::rebuild);
    connect(model_, &DocumentModel::selectionChanged, this, &OutlineWidget::syncSelection);
    connect(this, &QTreeWidget::itemSelectionChanged, this, [this] {
        if (syncing_) return;
        QStringList ids;
        for (auto* item : selectedItems())
            if (item->data(0, TypeRole).toString() == "element") ids << item->data(0, IdRole).toString();
        model_->setSelection(ids);
    });
    connect(this, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) {
        QString type = item->data(0, TypeRole).toString();
        if (type == "region") emit regionActivated(item->data(0, IdRole).toString());
        else if (type == "element")
            for (auto* p = item->parent(); p; p = p->parent())
                if (p->data(0, TypeRole).toString() == "region") { emit regionActivated(p->data(0, IdRole).toString()); break; }
    });
}

void OutlineWidget::rebuild() {
    syncing_ = true;
    clear();
    const doc::LayoutTree tree = model_->layout();
    std::set<std::string> placed;
    auto elementItem = [&](QTreeWidgetItem* parent, const std::string& id) {
        const Json* e = model_->findElement(id);
        std::string kind = e ? e->value("kind", "") : "";
        QString name = e && e->contains("name") && (*e)["name"].is_string() ? QString::fromStdString((*e)["name"].get<std::string>())
                                                                            : kindLabel(kind, e ? e->value("controlType", "") : "");
        auto* item = new QTreeWidgetItem(parent, {name + "  (" + QString::fromStdString(id) + ")"});
        item->setIcon(0, kindIcon(kind, e ? e->value("controlType", "") : ""));
        item->setData(0, IdRole, QString::fromStdString(id));
        item->setData(0, TypeRole, "element");
        if (!e) item->setForeground(0, QColor("#dc2626"));
        placed.insert(id);
        return item;
    };
    std::function<void(QTreeWidgetItem*, const doc::LayoutNode&)> addChildren = [&](QTreeWidgetItem* parent, const doc::LayoutNode& node) {
        for (const auto& child : node.children) {
            if (child.kind == doc::LayoutNode::Kind::Tab) {
                auto* tab = new QTreeWidgetItem(parent, {tr("Tab")});
                addChildren(tab, child);
                continue;
            }
            auto* item = elementItem(parent, child.handle());
            addChildren(item, child);
        }
    };
    auto addRegions = [&](const char* key, const QString& title) {
        const Json* body = model_->body();
        if (!body || !body->contains(key) || !(*body)[key].is_array() || (*body)[key].empty()) return;
        auto* group = new QTreeWidgetItem(this, {title});
        group->setFlags(Qt::ItemIsEnabled);
        for (const auto& r : (*body)[key]) {
            if (!r.is_object()) continue;
            std::string id = r.value("id", "");
            auto* item = new QTreeWidgetItem(group, {QString::fromStdString(r.value("name", id))});
            item->setIcon(0, kindIcon(std::string(key) == "pages" ? "page" : "overlay"));
            item->setData(0, IdRole, QString::fromStdString(id));
            item->setData(0, TypeRole, "region");
            if (const auto* region = tree.findRegion(id)) addChildren(item, *region);
        }
    };
    addRegions("pages", tr("Pages"));
    addRegions("overlays", tr("Overlays"));
    addRegions("panels", tr("Panels"));
    if (const Json* list = model_->elements()) {
        QTreeWidgetItem* unplaced = nullptr;
        QTreeWidgetItem* controls = nullptr;
        std::set<std::string> connections;
        std::function<void(const Json&)> collect = [&](const Json& v) {
            if (v.is_object()) {
                if (v.contains("connectionId") && v["connectionId"].is_string()) connections.insert(v["connectionId"].get<std::string>());
                for (const auto& [k, c] : v.items()) collect(c);
            } else if (v.is_array()) for (const auto& c : v) collect(c);
        };
        for (const auto& e : *list) {
            if (!e.is_object()) continue;
            std::string id = e.value("id", "");
            if (e.value("kind", "") == "control") {
                if (!controls) controls = new QTreeWidgetItem(this, {tr("Controls")});
                auto* c = new QTreeWidgetItem(controls, {QString::fromStdString(e.value("controlId", id)) + "  (" +
                                                         QString::fromStdString(e.value("controlType", "")) + ")"});
                c->setIcon(0, kindIcon("control", e.value("controlType", "")));
                c->setData(0, IdRole, QString::fromStdString(id));
                c->setData(0, TypeRole, "element");
            }
            if (!placed.count(id)) {
                if (!unplaced) unplaced = new QTreeWidgetItem(this, {tr("Not placed")});
                elementItem(unplaced, id);
            }
            collect(e.value("source", Json()));
        }
        if (!connections.empty()) {
            auto* group = new QTreeWidgetItem(this, {tr("Connections")});
            for (const auto& c : connections) new QTreeWidgetItem(group, {QString::fromStdString(c)});
        }
    }
    expandAll();
    syncing_ = false;
    syncSelection();
}

void OutlineWidget::syncSelection() {
    syncing_ = true;
    const QStringList selection = model_->selection();
    for (QTreeWidgetItemIterator it(this); *it; ++it)
        (*it)->setSelected((*it)->data(0, TypeRole).toString() == "element" && selection.contains((*it)->data(0, IdRole).toString()));
    syncing_ = false;
}

} // namespace quire::ide
