#pragma once
// The Catalog dock's tables and columns as an item model: tables are top-level rows, their columns children.
// Rows arrive in batches while a connection is read (appendTables, then setColumns per table), so a warehouse
// with thousands of tables shows its first tables at once and never rebuilds the whole tree. A table can be
// dragged onto the page (mime kCatalogTableMime) once its columns have arrived.
#include <QAbstractItemModel>
#include <QString>

#include <string>
#include <utility>
#include <vector>

namespace quire::ide {

struct CatalogEntry {
    std::string schema, name, kind;                            // kind: "TABLE", "VIEW"
    std::vector<std::string> path;                             // the source's path (sigmaPathFor); {schema, name} if empty
    std::vector<std::pair<std::string, std::string>> columns;  // name, driver type name
    bool columnsLoaded = false;
};

class CatalogModel : public QAbstractItemModel {
    Q_OBJECT
public:
    using QAbstractItemModel::QAbstractItemModel;

    // Empties the model for a new connection (one reset; the only one).
    void clear(const std::string& connectionId);
    // Adds tables after the existing ones (one rowsInserted for the batch).
    void appendTables(std::vector<CatalogEntry> tables);
    // The columns of the table at `tableRow` (rowsInserted under that table only).
    void setColumns(int tableRow, std::vector<std::pair<std::string, std::string>> columns);

    const std::string& connectionId() const { return connectionId_; }
    void setConnectionId(const std::string& id) { connectionId_ = id; } // the drag payload's connectionId
    int tableCount() const { return static_cast<int>(tables_.size()); }
    const CatalogEntry& table(int row) const { return tables_.at(static_cast<std::size_t>(row)); }
    // The drag payload of a table: {"connectionId", "path", "columns"} as JSON.
    QByteArray payload(int tableRow) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;

private:
    // internalId: 0 for a table row, tableRow + 1 for one of that table's columns.
    std::string connectionId_;
    std::vector<CatalogEntry> tables_;
};

} // namespace quire::ide
