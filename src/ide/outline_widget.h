#pragma once
// The workbook outline: pages and overlays with the elements placed on them, controls, and connections.
// OutlineModel is a tree model rebuilt from the document on every change and merged into the tree the view
// shows: nodes that did not change stay (with their expansion and selection), a changed name is one
// dataChanged, and only the children that differ are removed and inserted. So renaming one element of a
// 20,000-element workbook does not rebuild 20,000 items; a rename, or an edit of a member the outline does not
// show, does not even build the tree again (DocumentModel::lastChange). The view mirrors the document's selection.
#include "document_model.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QIcon>
#include <QTreeView>

#include <memory>
#include <vector>

namespace quire::ide {

class OutlineModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Role { IdRole = Qt::UserRole, TypeRole }; // TypeRole: "element", "region" or ""
    explicit OutlineModel(DocumentModel* model, QObject* parent = nullptr);
    ~OutlineModel() override;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

    // Every row that shows the element `id` (an element can be placed and also listed as a control).
    QModelIndexList indexesOf(const QString& id) const;
    void refresh();

    struct Node;

private:
    QModelIndex indexFor(const Node* node) const;
    bool refreshInPlace(); // a rename or an edit the outline does not show: no rebuild
    void merge(Node* current, Node& fresh);
    void reindex();
    DocumentModel* model_;
    std::unique_ptr<Node> root_;
    QMultiHash<QString, const Node*> byId_;
    mutable QHash<QString, QIcon> icons_;
};

class OutlineWidget : public QTreeView {
    Q_OBJECT
public:
    explicit OutlineWidget(DocumentModel* model, QWidget* parent = nullptr);
    OutlineModel* outline() const { return outline_; }

signals:
    void regionActivated(const QString& regionId);

private:
    void syncSelection();
    DocumentModel* model_;
    OutlineModel* outline_;
    bool syncing_ = false;
};

} // namespace quire::ide
