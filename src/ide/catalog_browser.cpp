#include "catalog_browser.h"

#include "canvas_widget.h"

#include <quire/connect/catalog.h>
#include <quire/connect/connection_registry.h>
#include <quire/secrets/secret_store.h>

#include <QComboBox>
#include <QLabel>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QThread>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <memory>

namespace quire::ide {

namespace {

class TableTree : public QTreeWidget {
public:
    using QTreeWidget::QTreeWidget;

protected:
    QStringList mimeTypes() const override { return {kCatalogTableMime}; }
    QMimeData* mimeData(const QList<QTreeWidgetItem*>& items) const override {
        if (items.isEmpty() || items.front()->data(0, Qt::UserRole).toString().isEmpty()) return nullptr;
        auto* mime = new QMimeData;
        mime->setData(kCatalogTableMime, items.front()->data(0, Qt::UserRole).toString().toUtf8());
        return mime;
    }
};

struct LoadedTable {
    std::string schema, name;
    std::vector<std::pair<std::string, std::string>> columns; // name, type
};

} // namespace

CatalogBrowser::CatalogBrowser(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    connections_ = new QComboBox;
    try {
        for (const auto& entry : connect::ConnectionRegistry::load().entries())
            connections_->addItem(QString::fromStdString(entry.profile.name + " (" +
                                                         std::string(connect::warehouseKindName(entry.profile.kind)) + ")"),
                                  QString::fromStdString(entry.profile.name));
    } catch (const std::exception& e) {
        connections_->addItem(tr("(connections file unreadable: %1)").arg(e.what()));
    }
    auto* load = new QPushButton(tr("Load tables"));
    status_ = new QLabel(tr("Pick a connection and load its tables; drag a table onto the page."));
    status_->setWordWrap(true);
    tree_ = new TableTree;
    tree_->setHeaderLabels({tr("Table / column"), tr("Type")});
    tree_->setDragEnabled(true);
    tree_->setDragDropMode(QAbstractItemView::DragOnly);
    layout->addWidget(connections_);
    layout->addWidget(load);
    layout->addWidget(status_);
    layout->addWidget(tree_, 1);
    connect(load, &QPushButton::clicked, this, &CatalogBrowser::loadSelected);
}

void CatalogBrowser::loadSelected() {
    const std::string name = connections_->currentData().toString().toStdString();
    if (name.empty()) return;
    status_->setText(tr("Loading tables of %1…").arg(QString::fromStdString(name)));
    tree_->clear();
    auto result = std::make_shared<std::vector<LoadedTable>>();
    auto error = std::make_shared<std::string>();
    auto connectionId = std::make_shared<std::string>();
    QPointer<CatalogBrowser> self(this);
    QThread* thread = QThread::create([name, result, error, connectionId] {
        try {
            auto registry = connect::ConnectionRegistry::load();
            auto entry = registry.find(name);
            if (!entry) throw std::runtime_error("no connection named " + name);
            *connectionId = entry->connectionId;
            auto store = secrets::makeDefaultSecretStore();
            connect::Catalog catalog(connect::Connection::open(connect::resolveConnectionString(*entry, *store)));
            for (const auto& t : catalog.tables()) {
                if (t.kind != "TABLE" && t.kind != "VIEW") continue;
                LoadedTable table{t.schema, t.name, {}};
                for (const auto& c : catalog.columns(t.name, t.schema, t.catalog)) table.columns.emplace_back(c.name, c.typeName);
                result->push_back(std::move(table));
            }
        } catch (const std::exception& e) {
            *error = e.what();
        }
    });
    connect(thread, &QThread::finished, this, [self, thread, result, error, connectionId] {
        thread->deleteLater();
        if (!self) return;
        if (!error->empty()) {
            self->status_->setText(tr("Could not load tables: %1").arg(QString::fromStdString(*error)));
            return;
        }
        for (const auto& t : *result) {
            auto* item = new QTreeWidgetItem(self->tree_, {QString::fromStdString(t.schema.empty() ? t.name : t.schema + "." + t.name)});
            Json payload = {{"connectionId", *connectionId},
                            {"path", t.schema.empty() ? Json::array({t.name}) : Json::array({t.schema, t.name})},
                            {"columns", Json::array()}};
            for (const auto& [c, type] : t.columns) {
                new QTreeWidgetItem(item, {QString::fromStdString(c), QString::fromStdString(type)});
                payload["columns"].push_back(c);
            }
            item->setData(0, Qt::UserRole, QString::fromStdString(payload.dump()));
        }
        self->status_->setText(tr("%1 tables. Drag one onto the page to add a table element.").arg(result->size()));
    });
    thread->start();
}

} // namespace quire::ide
