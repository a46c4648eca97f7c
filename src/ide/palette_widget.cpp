#include "palette_widget.h"

#include "canvas_widget.h"
#include "element_templates.h"
#include "kind_style.h"

#include <QMimeData>

namespace quire::ide {

PaletteWidget::PaletteWidget(QWidget* parent) : QTreeWidget(parent) {
    setHeaderHidden(true);
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setIconSize(QSize(16, 16));
    setRootIsDecorated(true);
    QMap<QString, QTreeWidgetItem*> groups;
    for (const auto& entry : paletteEntries()) {
        QTreeWidgetItem*& group = groups[entry.category];
        if (!group) {
            group = new QTreeWidgetItem(this, {entry.category});
            group->setFlags(Qt::ItemIsEnabled);
            QFont f = group->font(0);
            f.setBold(true);
            group->setFont(0, f);
        }
        auto* item = new QTreeWidgetItem(group, {entry.label});
        item->setData(0, Qt::UserRole, entry.key);
        item->setIcon(0, kindIcon(entry.key.toStdString()));
        item->setToolTip(0, tr("Drag onto the page, or double-click to add at the bottom"));
    }
    expandAll();
    connect(this, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
        const QString key = item->data(0, Qt::UserRole).toString();
        if (!key.isEmpty()) emit entryActivated(key);
    });
}

QStringList PaletteWidget::mimeTypes() const { return {kPaletteMime}; }

QMimeData* PaletteWidget::mimeData(const QList<QTreeWidgetItem*>& items) const {
    if (items.isEmpty()) return nullptr;
    const QString key = items.front()->data(0, Qt::UserRole).toString();
    if (key.isEmpty()) return nullptr;
    auto* mime = new QMimeData;
    mime->setData(kPaletteMime, key.toUtf8());
    return mime;
}

} // namespace quire::ide
