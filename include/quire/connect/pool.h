#pragma once
// Connection pool: at most `limit` open connections per connection string (one warehouse); acquire() waits
// up to a timeout for a free one. Dead connections (SQL_ATTR_CONNECTION_DEAD) are dropped on return.
#include <quire/connect/odbc.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace quire::connect {

class ConnectionPool;

// A borrowed connection; goes back to the pool when destroyed.
class PooledConnection {
public:
    PooledConnection(ConnectionPool* pool, std::string key, std::shared_ptr<Connection> connection);
    ~PooledConnection();
    PooledConnection(PooledConnection&& other) noexcept;
    PooledConnection& operator=(PooledConnection&&) = delete;
    PooledConnection(const PooledConnection&) = delete;
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }
    const std::shared_ptr<Connection>& shared() const { return connection_; }

private:
    ConnectionPool* pool_;
    std::string key_;
    std::shared_ptr<Connection> connection_;
};

// Totals over every connection string of a pool.
struct PoolStats {
    std::size_t open = 0;     // connections open now (idle or borrowed)
    std::size_t idle = 0;     // open and waiting in the pool
    std::size_t opened = 0;   // connections ever opened
    std::size_t acquired = 0; // acquire() calls that returned a connection (opened or reused)
};

struct PoolTimeout : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class ConnectionPool {
public:
    explicit ConnectionPool(std::size_t defaultLimit = 4, ConnectOptions options = {});
    void setLimit(const std::string& connectionString, std::size_t limit);
    // Throws PoolTimeout after `wait`, OdbcError if connecting fails.
    PooledConnection acquire(const std::string& connectionString,
                             std::chrono::milliseconds wait = std::chrono::seconds(30));
    std::size_t openCount(const std::string& connectionString) const;
    std::size_t idleCount(const std::string& connectionString) const;
    PoolStats stats() const;

private:
    friend class PooledConnection;
    void release(const std::string& key, std::shared_ptr<Connection> connection);
    struct Slot {
        std::size_t limit = 0;
        std::size_t open = 0;
        std::vector<std::shared_ptr<Connection>> idle;
    };
    std::size_t defaultLimit_;
    ConnectOptions options_;
    mutable std::mutex mutex_;
    std::condition_variable freed_;
    std::map<std::string, Slot> slots_;
    std::size_t opened_ = 0, acquired_ = 0;
};

} // namespace quire::connect
