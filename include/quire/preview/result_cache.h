#pragma once
// Query results of preview elements, cached by (connection, SQL text, bound parameters). Thread-safe; least
// recently used entries are evicted past a byte budget. An unchanged element re-renders from here without
// touching the warehouse.
#include <quire/core/json.h>

#include <cstddef>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace quire::preview {

struct QueryKey {
    std::string connectionId;
    std::string sql;
    Json parameters = Json::array(); // bound values in placeholder order (typed: 1 and "1" differ)
    std::string text() const;        // canonical, unambiguous key text
};

struct CachedResult {
    std::vector<std::string> columns;
    // The warehouse type of each column when known ("int64", "double", "decimal", "text", "date", "timestamp",
    // "bool": connect::columnTypeName), so readers can tell a date cell from text that looks like one.
    std::vector<std::string> columnTypes;
    std::vector<Json> rows;          // each row a JSON array aligned with columns
    // Decimal cells hold their double value; the warehouse's exact text of each non-null decimal cell is kept
    // here (key: row * columns.size() + column) for readers that print it (the CLI).
    std::unordered_map<std::size_t, std::string> decimalText;
    bool complete = true;            // false when only a window of rows was fetched
    std::size_t approximateBytes() const;
};

class ResultCache {
public:
    explicit ResultCache(std::size_t maxBytes = std::size_t(256) << 20) : maxBytes_(maxBytes) {}

    std::shared_ptr<const CachedResult> find(const QueryKey& key);
    void put(const QueryKey& key, std::shared_ptr<const CachedResult> result);
    void erase(const QueryKey& key); // the next find() of this query misses (an explicit re-run)
    void invalidateConnection(const std::string& connectionId);
    void clear();

    std::size_t entries() const;
    std::size_t bytes() const;
    std::size_t hits() const;
    std::size_t misses() const;

private:
    struct Entry {
        std::string connectionId;
        std::shared_ptr<const CachedResult> result;
        std::size_t bytes = 0;
        std::list<std::string>::iterator lru;
    };
    void evictLocked();
    void eraseLocked(const std::string& keyText);
    mutable std::mutex mutex_;
    std::size_t maxBytes_;
    std::size_t bytes_ = 0, hits_ = 0, misses_ = 0;
    std::list<std::string> lru_; // front = most recent
    std::map<std::string, Entry> entries_;
};

} // namespace quire::preview
