#include "query_log.h"

#include <QHeaderView>
#include <QPushButton>
#include <QTime>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace quire::ide {

QueryLog::QueryLog(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    tree_ = new QTreeWidget;
    tree_->setHeaderLabels({tr("Time"), tr("Element"), tr("Status"), tr("ms"), tr("SQL")});
    tree_->setRootIsDecorated(false);
    tree_->header()->setStretchLastSection(true);
    auto* cancel = new QPushButton(tr("Cancel running queries"));
    connect(cancel, &QPushButton::clicked, this, &QueryLog::cancelRequested);
    layout->addWidget(tree_, 1);
    layout->addWidget(cancel);
}

void QueryLog::addEntry(const QString& elementId, const QString& sql, double milliseconds, const QString& status) {
    auto* item = new QTreeWidgetItem({QTime::currentTime().toString("HH:mm:ss"), elementId, status,
                                      QString::number(milliseconds, 'f', 1), QString(sql).simplified()});
    item->setToolTip(4, sql);
    tree_->insertTopLevelItem(0, item);
}

int QueryLog::entryCount() const { return tree_->topLevelItemCount(); }

} // namespace quire::ide
