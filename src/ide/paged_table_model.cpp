#include "paged_table_model.h"

#include "preview_painter.h"

#include <QPointer>

#include <climits>

namespace quire::ide {

PagedTableModel::PagedTableModel(std::shared_ptr<RowSource> source, int pageSize, int maxPages, QObject* parent)
    : QAbstractTableModel(parent), source_(std::move(source)), pageSize_(pageSize), maxPages_(maxPages) {}

int PagedTableModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid()) return 0;
    return int(std::min<qint64>(source_->rowCount(), INT_MAX));
}

int PagedTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(source_->columnNames().size());
}

QVariant PagedTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole) return {};
    if (orientation == Qt::Horizontal) return source_->columnNames().value(section);
    return section + 1;
}

QVariant PagedTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || (role != Qt::DisplayRole && role != Qt::TextAlignmentRole)) return {};
    const qint64 page = index.row() / pageSize_;
    auto it = pages_.find(page);
    if (it == pages_.end()) {
        requestPage(page);
        it = pages_.find(page); // a synchronous source fills it at once
        if (it == pages_.end()) return role == Qt::DisplayRole ? QVariant(QStringLiteral("…")) : QVariant();
    }
    lru_.remove(page);
    lru_.push_front(page);
    const auto& rows = it->second;
    const std::size_t r = std::size_t(index.row() - page * pageSize_);
    if (r >= rows.size() || std::size_t(index.column()) >= rows[r].size()) return {};
    const QVariant& v = rows[r][std::size_t(index.column())];
    if (role == Qt::TextAlignmentRole) {
        const bool numeric = v.metaType().id() == QMetaType::Double || v.metaType().id() == QMetaType::LongLong ||
                             v.metaType().id() == QMetaType::Int;
        return int((numeric ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    return formatPreviewValue(v, nullptr);
}

void PagedTableModel::requestPage(qint64 page) const {
    if (pending_.count(page)) return;
    pending_[page] = true;
    ++requests_;
    QPointer<const PagedTableModel> self(this);
    auto* mutableSelf = const_cast<PagedTableModel*>(this);
    source_->fetch(page * pageSize_, pageSize_, [self, mutableSelf, page](std::vector<std::vector<QVariant>> rows) {
        if (!self) return;
        mutableSelf->pending_.erase(page);
        mutableSelf->pages_[page] = std::move(rows);
        mutableSelf->lru_.push_front(page);
        while (int(mutableSelf->pages_.size()) > mutableSelf->maxPages_ && !mutableSelf->lru_.empty()) {
            const qint64 victim = mutableSelf->lru_.back();
            mutableSelf->lru_.pop_back();
            if (victim != page) mutableSelf->pages_.erase(victim);
        }
        const int first = int(page * mutableSelf->pageSize_);
        const int last = std::min(mutableSelf->rowCount() - 1, first + mutableSelf->pageSize_ - 1);
        if (last >= first) emit mutableSelf->dataChanged(mutableSelf->index(first, 0), mutableSelf->index(last, mutableSelf->columnCount() - 1));
    });
}

} // namespace quire::ide
