#pragma once
// A table model that holds only the pages of rows the view has asked for, so a 10-million-row result
// scrolls smoothly: rowCount() is the total (0 until a counting source knows it, then the model resets), data() of an unloaded row shows "…" and requests its page from
// the RowSource, together with the neighbouring pages in the same fetch (one query), and visiting a page asks
// for its neighbours ahead of the scroll. At most kMaxInFlight fetches run at a time; requests beyond that
// wait newest-first, and the oldest waiting ones are dropped (a jump across the table does not queue a page
// per position it passed). Pages beyond a budget are evicted least-recently-used.
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
    virtual qint64 rowCount() const = 0; // -1 while a source still counts (in the background)
    // Calls `counted` on the caller's thread once rowCount() is known (at once when it already is).
    virtual void whenCounted(std::function<void()> counted) { counted(); }
    // Fetch rows [offset, offset+count) and call done on the caller's thread (synchronously or later, from
    // the event loop).
    virtual void fetch(qint64 offset, int count, std::function<void(std::vector<std::vector<QVariant>>)> done) = 0;
    // Why the count or the last fetch failed ("" when it did not): a failed fetch delivers no rows, a failed count
    // a row count of 0, and the model then says so (fetchFailed) instead of showing an empty table as if it were.
    virtual QString error() const { return {}; }
};

class PagedTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit PagedTableModel(std::shared_ptr<RowSource> source, int pageSize = 500, int maxPages = 40, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static constexpr int kMaxInFlight = 2; // fetches handed to the source and not answered yet
    static constexpr int kMaxWaiting = 4;  // requests kept while kMaxInFlight run (newest first)

    int loadedPages() const { return int(pages_.size()); }
    int fetchRequests() const { return requests_; }
    // Whether the row's page is held (never fetches).
    bool rowLoaded(int row) const { return pages_.count(row / pageSize_) > 0; }

signals:
    // The source could not count or fetch rows; `message` is its error().
    void fetchFailed(const QString& message);

private:
    struct Block {
        qint64 first, last; // pages [first, last], fetched in one request
    };
    void requestPage(qint64 page) const;   // the page and its missing neighbours, as one block
    void startFetches() const;             // hands waiting blocks to the source while fewer than kMaxInFlight run
    void received(const Block& block, std::vector<std::vector<QVariant>> rows);
    bool wanted(qint64 page) const { return page >= 0 && page * pageSize_ < source_->rowCount() && !pages_.count(page) && !pending_.count(page); }
    std::shared_ptr<RowSource> source_;
    int pageSize_;
    int maxPages_;
    mutable std::map<qint64, std::vector<std::vector<QVariant>>> pages_;
    mutable std::list<qint64> lru_;
    mutable std::map<qint64, bool> pending_; // requested (waiting or in flight)
    mutable std::list<Block> waiting_;       // front = newest
    mutable int inFlight_ = 0;
    mutable qint64 lastVisited_ = -1;
    mutable int requests_ = 0;
};

} // namespace quire::ide
