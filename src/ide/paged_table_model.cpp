#include "paged_table_model.h"

#include "preview_painter.h"

#include <QPointer>

#include <algorithm>
#include <climits>

namespace quire::ide {

PagedTableModel::PagedTableModel(std::shared_ptr<RowSource> source, int pageSize, int maxPages, QObject* parent)
    : QAbstractTableModel(parent), source_(std::move(source)), pageSize_(pageSize), maxPages_(maxPages) {
    if (source_->rowCount() >= 0) return;
    QPointer<PagedTableModel> self(this);
    source_->whenCounted([self] {
        if (!self) return;
        self->beginResetModel();
        self->endResetModel();
        if (const QString error = self->source_->error(); !error.isEmpty()) emit self->fetchFailed(error);
    });
}

int PagedTableModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid()) return 0;
    return int(std::clamp<qint64>(source_->rowCount(), 0, INT_MAX));
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
    } else if (page != lastVisited_) {
        // Scrolled onto a held page: fetch its neighbours before the view reaches them.
        lastVisited_ = page;
        if (wanted(page - 1)) requestPage(page - 1);
        if (wanted(page + 1)) requestPage(page + 1);
        it = pages_.find(page);
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
    if (!wanted(page)) return;
    Block block{page, page};
    if (wanted(page - 1)) block.first = page - 1;
    if (wanted(page + 1)) block.last = page + 1;
    for (qint64 p = block.first; p <= block.last; ++p) pending_[p] = true;
    waiting_.push_front(block);
    while (int(waiting_.size()) > kMaxWaiting) { // the view has moved on from the oldest request
        for (qint64 p = waiting_.back().first; p <= waiting_.back().last; ++p) pending_.erase(p);
        waiting_.pop_back();
    }
    startFetches();
}

void PagedTableModel::startFetches() const {
    while (inFlight_ < kMaxInFlight && !waiting_.empty()) {
        const Block block = waiting_.front();
        waiting_.pop_front();
        ++inFlight_;
        ++requests_;
        const qint64 offset = block.first * pageSize_;
        const int count = int(std::min<qint64>((block.last - block.first + 1) * pageSize_, source_->rowCount() - offset));
        QPointer<const PagedTableModel> self(this);
        auto* mutableSelf = const_cast<PagedTableModel*>(this);
        source_->fetch(offset, count, [self, mutableSelf, block](std::vector<std::vector<QVariant>> rows) {
            if (self) mutableSelf->received(block, std::move(rows));
        });
    }
}

void PagedTableModel::received(const Block& block, std::vector<std::vector<QVariant>> rows) {
    --inFlight_;
    if (rows.empty())
        if (const QString error = source_->error(); !error.isEmpty()) emit fetchFailed(error);
    for (qint64 p = block.first; p <= block.last; ++p) {
        pending_.erase(p);
        const std::size_t from = std::size_t((p - block.first) * pageSize_);
        std::vector<std::vector<QVariant>> page;
        for (std::size_t r = from; r < std::min(rows.size(), from + std::size_t(pageSize_)); ++r) page.push_back(std::move(rows[r]));
        pages_[p] = std::move(page);
        lru_.remove(p);
        lru_.push_front(p);
    }
    while (int(pages_.size()) > maxPages_ && !lru_.empty()) {
        const qint64 victim = lru_.back();
        lru_.pop_back();
        if (victim < block.first || victim > block.last) pages_.erase(victim);
    }
    const int first = int(block.first * pageSize_);
    const int last = int(std::min<qint64>(rowCount() - 1, (block.last + 1) * pageSize_ - 1));
    if (last >= first) emit dataChanged(index(first, 0), index(last, columnCount() - 1));
    startFetches();
}

} // namespace quire::ide
