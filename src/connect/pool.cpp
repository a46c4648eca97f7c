#include <quire/connect/pool.h>

namespace quire::connect {

PooledConnection::PooledConnection(ConnectionPool* pool, std::string key, std::shared_ptr<Connection> connection)
    : pool_(pool), key_(std::move(key)), connection_(std::move(connection)) {}

PooledConnection::PooledConnection(PooledConnection&& other) noexcept
    : pool_(other.pool_), key_(std::move(other.key_)), connection_(std::move(other.connection_)) {
    other.pool_ = nullptr;
}

PooledConnection::~PooledConnection() {
    if (pool_ && connection_) pool_->release(key_, std::move(connection_));
}

ConnectionPool::ConnectionPool(std::size_t defaultLimit, ConnectOptions options)
    : defaultLimit_(defaultLimit == 0 ? 1 : defaultLimit), options_(options) {}

void ConnectionPool::setLimit(const std::string& cs, std::size_t limit) {
    std::lock_guard lock(mutex_);
    slots_[cs].limit = limit == 0 ? 1 : limit;
    freed_.notify_all();
}

PooledConnection ConnectionPool::acquire(const std::string& cs, std::chrono::milliseconds wait) {
    std::unique_lock lock(mutex_);
    Slot& slot = slots_[cs];
    if (slot.limit == 0) slot.limit = defaultLimit_;
    const auto deadline = std::chrono::steady_clock::now() + wait;
    for (;;) {
        while (!slot.idle.empty()) {
            auto c = std::move(slot.idle.back());
            slot.idle.pop_back();
            if (c->isAlive()) {
                ++acquired_;
                return PooledConnection(this, cs, std::move(c));
            }
            --slot.open; // dead: drop it
        }
        if (slot.open < slot.limit) {
            ++slot.open;
            lock.unlock();
            std::shared_ptr<Connection> opened;
            try {
                opened = Connection::open(cs, options_);
            } catch (...) {
                lock.lock();
                --slot.open;
                freed_.notify_one();
                throw;
            }
            lock.lock();
            ++opened_;
            ++acquired_;
            lock.unlock();
            return PooledConnection(this, cs, std::move(opened));
        }
        if (freed_.wait_until(lock, deadline) == std::cv_status::timeout && slot.idle.empty() && slot.open >= slot.limit)
            throw PoolTimeout("no free connection to " + redactConnectionString(cs) + " within " +
                              std::to_string(wait.count()) + " ms (limit " + std::to_string(slot.limit) + ")");
    }
}

void ConnectionPool::release(const std::string& key, std::shared_ptr<Connection> connection) {
    std::lock_guard lock(mutex_);
    Slot& slot = slots_[key];
    if (connection->isAlive() && slot.open <= slot.limit)
        slot.idle.push_back(std::move(connection));
    else
        --slot.open;
    freed_.notify_one();
}

std::size_t ConnectionPool::openCount(const std::string& cs) const {
    std::lock_guard lock(mutex_);
    auto it = slots_.find(cs);
    return it == slots_.end() ? 0 : it->second.open;
}

PoolStats ConnectionPool::stats() const {
    std::lock_guard lock(mutex_);
    PoolStats s;
    for (const auto& [key, slot] : slots_) {
        s.open += slot.open;
        s.idle += slot.idle.size();
    }
    s.opened = opened_;
    s.acquired = acquired_;
    return s;
}

std::size_t ConnectionPool::idleCount(const std::string& cs) const {
    std::lock_guard lock(mutex_);
    auto it = slots_.find(cs);
    return it == slots_.end() ? 0 : it->second.idle.size();
}

} // namespace quire::connect
