#pragma once
// A table model that holds only the pages of rows the view has asked for, so a 10-million-row result
// scrolls smoothly: rowCount() is the total, data() of an unloaded row shows "…" and requests its page from
// the RowSource; pages beyond a budget are evicted least-recently-used.
#include <QAbstractTableModel>
#include <QVariant>

#include <functional>
#include <list>
#include <map>
#include <memory>
#include <vector>

namespace quire::ide {

class RowSource {
public:
    virtual ~RowSource() = default;
    virtual QStringList columnNames() const = 0;
    virtual qint64 rowCount() const = 0;
    // Fetch rows [offset, offset+count) and call done on the caller's thread (may be called synchronously).
    virtual void fetch(qint64 offset, int count, std::function<void(std::vector<std::vector<QVariant>>)> done) = 0;
};

class PagedTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit PagedTableModel(std::shared_ptr<RowSource> source, int pageSize = 500, int maxPages = 40, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    int loadedPages() const { return int(pages_.size()); }
    int fetchRequests() const { return requests_; }

private:
    void requestPage(qint64 page) const;
    std::shared_ptr<RowSource> source_;
    int pageSize_;
    int maxPages_;
    mutable std::map<qint64, std::vector<std::vector<QVariant>>> pages_;
    mutable std::list<qint64> lru_;
    mutable std::map<qint64, bool> pending_;
    mutable int requests_ = 0;
};

} // namespace quire::ide
