#include "catalog_model.h"

#include "canvas_widget.h" // kCatalogTableMime

#include <quire/core/json.h>

#include <QMimeData>

namespace quire::ide {

void CatalogModel::clear(const std::string& connectionId) {
    beginResetModel();
    connectionId_ = connectionId;
    tables_.clear();
    endResetModel();
}

void CatalogModel::appendTables(std::vector<CatalogEntry> tables) {
    if (tables.empty()) return;
    const int first = tableCount();
    beginInsertRows({}, first, first + static_cast<int>(tables.size()) - 1);
    for (auto& t : tables) tables_.push_back(std::move(t));
    endInsertRows();
}

void CatalogModel::setColumns(int tableRow, std::vector<std::pair<std::string, std::string>> columns) {
    if (tableRow < 0 || tableRow >= tableCount()) return;
    CatalogEntry& table = tables_[static_cast<std::size_t>(tableRow)];
    const QModelIndex parent = index(tableRow, 0);
    if (!table.columns.empty()) {
        beginRemoveRows(parent, 0, static_cast<int>(table.columns.size()) - 1);
        table.columns.clear();
        endRemoveRows();
    }
    if (!columns.empty()) {
        beginInsertRows(parent, 0, static_cast<int>(columns.size()) - 1);
        table.columns = std::move(columns);
        endInsertRows();
    }
    table.columnsLoaded = true;
    emit dataChanged(parent, index(tableRow, columnCount() - 1)); // now draggable
}

QByteArray CatalogModel::payload(int tableRow) const {
    const CatalogEntry& t = table(tableRow);
    Json out = {{"connectionId", connectionId_},
                {"path", !t.path.empty() ? Json(t.path) : t.schema.empty() ? Json::array({t.name}) : Json::array({t.schema, t.name})},
                {"columns", Json::array()}};
    for (const auto& column : t.columns) out["columns"].push_back(column.first);
    return QByteArray::fromStdString(out.dump());
}

QModelIndex CatalogModel::index(int row, int column, const QModelIndex& parent) const {
    if (row < 0 || column < 0 || column >= columnCount()) return {};
    if (!parent.isValid()) return row < tableCount() ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0 || parent.row() >= tableCount()) return {};
    const auto& columns = tables_[static_cast<std::size_t>(parent.row())].columns;
    return row < static_cast<int>(columns.size()) ? createIndex(row, column, quintptr(parent.row() + 1)) : QModelIndex();
}

QModelIndex CatalogModel::parent(const QModelIndex& child) const {
    if (!child.isValid() || child.internalId() == 0) return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, quintptr(0));
}

int CatalogModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid()) return tableCount();
    if (parent.internalId() != 0 || parent.column() != 0) return 0;
    return static_cast<int>(tables_[static_cast<std::size_t>(parent.row())].columns.size());
}

int CatalogModel::columnCount(const QModelIndex&) const { return 2; }

bool CatalogModel::hasChildren(const QModelIndex& parent) const {
    if (!parent.isValid()) return !tables_.empty();
    return parent.internalId() == 0 && parent.column() == 0 && rowCount(parent) > 0;
}

QVariant CatalogModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || (role != Qt::DisplayRole && role != Qt::ToolTipRole)) return {};
    if (index.internalId() == 0) {
        const CatalogEntry& t = table(index.row());
        if (index.column() == 1) return QString::fromStdString(t.kind == "VIEW" ? "view" : "");
        const QString name = QString::fromStdString(t.schema.empty() ? t.name : t.schema + "." + t.name);
        if (role == Qt::ToolTipRole && !t.columnsLoaded) return tr("%1 (reading its columns…)").arg(name);
        return name;
    }
    const auto& column = table(static_cast<int>(index.internalId() - 1)).columns.at(static_cast<std::size_t>(index.row()));
    return QString::fromStdString(index.column() == 0 ? column.first : column.second);
}

QVariant CatalogModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    return section == 0 ? tr("Table / column") : tr("Type");
}

Qt::ItemFlags CatalogModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.internalId() == 0 && table(index.row()).columnsLoaded) f |= Qt::ItemIsDragEnabled;
    return f;
}

QStringList CatalogModel::mimeTypes() const { return {kCatalogTableMime}; }

QMimeData* CatalogModel::mimeData(const QModelIndexList& indexes) const {
    for (const QModelIndex& i : indexes)
        if (i.isValid() && i.internalId() == 0 && table(i.row()).columnsLoaded) {
            auto* mime = new QMimeData;
            mime->setData(kCatalogTableMime, payload(i.row()));
            return mime;
        }
    return nullptr;
}

} // namespace quire::ide
