#include <quire/preview/result_cache.h>

namespace quire::preview {

std::string QueryKey::text() const {
    // Length-prefixed parts: no separator inside a part can make two keys collide.
    const std::string params = parameters.dump();
    return std::to_string(connectionId.size()) + ":" + connectionId + std::to_string(sql.size()) + ":" + sql +
           std::to_string(params.size()) + ":" + params;
}

std::size_t CachedResult::approximateBytes() const {
    std::size_t n = 64;
    for (const auto& c : columns) n += c.size() + 32;
    for (const auto& t : columnTypes) n += t.size() + 32;
    for (const auto& row : rows) {
        n += 32;
        if (row.is_array())
            for (const auto& cell : row) n += 16 + (cell.is_string() ? cell.get_ref<const std::string&>().size() : 8);
    }
    for (const auto& [index, text] : decimalText) n += 48 + text.size();
    return n;
}

std::shared_ptr<const CachedResult> ResultCache::find(const QueryKey& key) {
    const std::string k = key.text();
    std::lock_guard lock(mutex_);
    const auto it = entries_.find(k);
    if (it == entries_.end()) {
        ++misses_;
        return nullptr;
    }
    ++hits_;
    lru_.splice(lru_.begin(), lru_, it->second.lru);
    return it->second.result;
}

void ResultCache::put(const QueryKey& key, std::shared_ptr<const CachedResult> result) {
    if (!result) return;
    const std::string k = key.text();
    const std::size_t size = result->approximateBytes();
    std::lock_guard lock(mutex_);
    eraseLocked(k);
    if (size > maxBytes_) return; // never cache what cannot fit
    lru_.push_front(k);
    entries_[k] = Entry{key.connectionId, std::move(result), size, lru_.begin()};
    bytes_ += size;
    evictLocked();
}

void ResultCache::evictLocked() {
    while (bytes_ > maxBytes_ && !lru_.empty()) {
        const auto it = entries_.find(lru_.back());
        bytes_ -= it->second.bytes;
        entries_.erase(it);
        lru_.pop_back();
    }
}

void ResultCache::erase(const QueryKey& key) {
    const std::string k = key.text();
    std::lock_guard lock(mutex_);
    eraseLocked(k);
}

void ResultCache::eraseLocked(const std::string& k) {
    if (const auto it = entries_.find(k); it != entries_.end()) {
        bytes_ -= it->second.bytes;
        lru_.erase(it->second.lru);
        entries_.erase(it);
    }
}

void ResultCache::invalidateConnection(const std::string& connectionId) {
    std::lock_guard lock(mutex_);
    for (auto it = entries_.begin(); it != entries_.end();) {
        if (it->second.connectionId == connectionId) {
            bytes_ -= it->second.bytes;
            lru_.erase(it->second.lru);
            it = entries_.erase(it);
        } else {
            ++it;
        }
    }
}

void ResultCache::clear() {
    std::lock_guard lock(mutex_);
    entries_.clear();
    lru_.clear();
    bytes_ = 0;
}

std::size_t ResultCache::entries() const { std::lock_guard lock(mutex_); return entries_.size(); }
std::size_t ResultCache::bytes() const { std::lock_guard lock(mutex_); return bytes_; }
std::size_t ResultCache::hits() const { std::lock_guard lock(mutex_); return hits_; }
std::size_t ResultCache::misses() const { std::lock_guard lock(mutex_); return misses_; }

} // namespace quire::preview
