#pragma once
// RAII over the unixODBC C API: Environment -> Connection -> Statement. Every ODBC failure throws OdbcError
// with SQLSTATE, native code and driver message; connection strings in messages are always redacted.
// UTF-8 throughout (the W entry points, UTF-16 on the wire to the driver manager).
// Threading: a Connection and its Statements are used by one thread at a time; Statement::cancel() and
// Connection::cancel() are the exceptions and may be called from any thread.
#include <quire/connect/result_batch.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace quire::connect {

struct OdbcDiagnostic {
    std::string sqlstate; // five characters, e.g. "08001"
    int nativeCode = 0;
    std::string message;  // driver message (redacted)
};

class OdbcError : public std::runtime_error {
public:
    OdbcError(std::string context, std::vector<OdbcDiagnostic> records);
    // Of the primary record: the first that is not a warning (SQLSTATE class 01), else the first.
    const std::string& sqlstate() const; // "" if there are no records
    int nativeCode() const;
    const std::string& driverMessage() const;
    const std::string& context() const { return context_; } // what Quire was doing ("connect", "execute"...)
    const std::vector<OdbcDiagnostic>& records() const { return records_; }
    bool isTimeout() const;   // HYT00 / HYT01
    bool isCancelled() const; // HY008 or a cancel request was issued
    bool isConnectionFailure() const; // class 08 or a dead server

private:
    std::string context_;
    std::vector<OdbcDiagnostic> records_;
};

// Replaces the values of secret-bearing keys (Pwd, Password, Token, Secret, PrivateKey..., Auth_AccessToken,
// any key containing "pwd", "password", "secret", "token", "passphrase", "key" except file paths ending in
// "file"/"path") with *** in a "k=v;k={v};" connection string, and in free text containing such pairs.
std::string redactConnectionString(std::string_view text);

struct DriverInfo {
    std::string name;
    std::vector<std::pair<std::string, std::string>> attributes;
};
struct DataSourceInfo {
    std::string name;
    std::string driver; // description as reported by SQLDataSources
    bool system = false;
};

class Environment {
public:
    Environment();  // ODBC 3.8 behaviour
    ~Environment();
    Environment(const Environment&) = delete;
    Environment& operator=(const Environment&) = delete;
    static std::shared_ptr<Environment> shared(); // one per process
    void* handle() const { return env_; }
    std::vector<DriverInfo> drivers() const;          // SQLDrivers
    std::vector<DataSourceInfo> dataSources() const;  // SQLDataSources (user + system)

private:
    void* env_ = nullptr;
};

// Typed statement parameter for '?' markers.
using Param = std::variant<std::monostate, bool, std::int64_t, double, std::string, Date>;

struct ConnectOptions {
    std::chrono::seconds loginTimeout{10};       // SQL_ATTR_LOGIN_TIMEOUT (and driver-specific where known)
    std::chrono::seconds connectionTimeout{0};   // SQL_ATTR_CONNECTION_TIMEOUT, 0 = none
    bool readOnly = false;
};

struct ExecuteOptions {
    std::chrono::seconds timeout{0};  // SQL_ATTR_QUERY_TIMEOUT, 0 = none
    std::size_t batchRows = 1024;     // SQL_ATTR_ROW_ARRAY_SIZE of the block cursor
    std::size_t maxRows = 0;          // stop after this many rows, 0 = all
    std::size_t maxBoundTextBytes = 8192; // text columns wider than this (or unbounded) go through SQLGetData
};

class Connection;

class Statement {
public:
    explicit Statement(std::shared_ptr<Connection> connection);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Prepares, binds the parameters and executes. Returns true if a result set is open.
    bool execute(std::string_view sql, const std::vector<Param>& params = {}, const ExecuteOptions& options = {});
    // Catalog functions (SQLTables / SQLColumns): open a result set like execute(). Empty arguments = NULL (all).
    bool catalogTables(const std::string& catalog, const std::string& schema, const std::string& table,
                       const std::string& types = {});
    bool catalogColumns(const std::string& catalog, const std::string& schema, const std::string& table);
    const std::vector<ColumnInfo>& columns() const { return columns_; }
    std::int64_t affectedRows() const { return affectedRows_; }
    bool truncated() const { return truncated_; } // options.maxRows stopped the fetch before the end
    bool blockCursor() const { return blockMode_; } // false: row-at-a-time with SQLGetData (long columns)
    // The next block of up to options.batchRows rows; nullopt at the end of the result. The cursor is closed as
    // soon as the end (or options.maxRows) is reached, with the last batch: a driver reading through a server
    // cursor (psqlODBC with UseDeclareFetch) ends its transaction then, not when the Statement is destroyed.
    std::optional<ResultBatch> fetchBatch();
    // Streams every remaining batch to the callback; the callback returns false to stop early.
    void forEachBatch(const std::function<bool(const ResultBatch&)>& onBatch);
    void closeCursor();
    // Thread-safe: asks the driver to cancel the running execute/fetch (SQLCancel; on sqliteodbc only a flag the
    // fetch checks between rows, see Connection::cancelFromAnyThread). The blocked call throws
    // an OdbcError with isCancelled() true. A cancel before the next execute begins cancels that execute.
    void cancel();
    void* handle() const { return stmt_; }

private:
    struct Binding;
    void reset(const ExecuteOptions& options);
    bool afterExecute(short rc, const std::string& context);
    void describeColumns();
    void bindColumns();
    [[noreturn]] void fail(const std::string& context);
    void throwIfCancelRequested();
    short whileExecuting(const std::function<short()>& call); // marks the execute phase for cancel()
    void fetchBlock(ResultBatch& batch);
    void fetchRows(ResultBatch& batch);
    std::shared_ptr<Connection> connection_;
    void* stmt_ = nullptr;
    ExecuteOptions options_;
    std::vector<ColumnInfo> columns_;
    std::vector<std::unique_ptr<Binding>> bindings_;
    std::vector<std::unique_ptr<std::uint8_t[]>> paramBuffers_;
    std::vector<long> paramIndicators_;
    std::uint64_t rowsFetched_ = 0;
    std::uint64_t rowsDelivered_ = 0;
    bool cursorOpen_ = false;
    bool finished_ = false;
    bool truncated_ = false;
    bool blockMode_ = true;
    std::int64_t affectedRows_ = -1;
    std::atomic<bool> cancelRequested_{false};
    std::mutex cancelMutex_;  // orders cancel() against the start and end of an execute
    bool executing_ = false;  // guarded by cancelMutex_
};

class Connection : public std::enable_shared_from_this<Connection> {
public:
    // Use open(): a Connection lives in a shared_ptr so Statements can keep it alive.
    static std::shared_ptr<Connection> open(const std::string& connectionString, const ConnectOptions& options = {});
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    std::unique_ptr<Statement> createStatement();
    // One-shot helpers.
    ResultSet query(std::string_view sql, const std::vector<Param>& params = {}, const ExecuteOptions& options = {});
    std::int64_t execute(std::string_view sql, const std::vector<Param>& params = {}, const ExecuteOptions& options = {});
    void stream(std::string_view sql, const std::vector<Param>& params, const ExecuteOptions& options,
                const std::function<bool(const std::vector<ColumnInfo>&, const ResultBatch&)>& onBatch);

    void setAutocommit(bool on);
    void commit();
    void rollback();
    bool isAlive() const;              // SQL_ATTR_CONNECTION_DEAD
    void cancel();                     // cancels the statement running on this connection, any thread
    std::string dbmsName() const;      // SQLGetInfo(SQL_DBMS_NAME)
    std::string driverName() const;    // SQLGetInfo(SQL_DRIVER_NAME)
    const std::string& redactedConnectionString() const { return redacted_; }
    // True for ANSI-only drivers that take UTF-8 (sqliteodbc): SQL text and names then go through the narrow
    // entry points as UTF-8 bytes, because the driver manager's W->A conversion is not UTF-8.
    bool narrowUtf8() const { return narrowUtf8_; }
    // True when SQL_C_CHAR result data is UTF-8 (sqliteodbc; psqlODBC Unicode with a UTF-8 client encoding): text
    // columns are then bound as SQL_C_CHAR, skipping a UTF-8 -> UTF-16 -> UTF-8 round trip per value.
    bool charResultsUtf8() const { return charResultsUtf8_; }
    // Whether the driver's SQLCancel may be called from another thread while a call runs (psqlODBC, the
    // warehouse drivers). sqliteodbc's SQLCancel frees the cursor under the fetching thread (a double free), so
    // there a cancel request is only a flag the fetch loop checks between rows.
    bool cancelFromAnyThread() const { return cancelFromAnyThread_; }
    // True when psqlODBC reads SELECT results through a server cursor (UseDeclareFetch=1, as `postgresql`
    // profiles set): statements a cursor cannot hold (cursorUnsafeStatement) then run with it turned off.
    bool readsThroughServerCursor() const { return serverCursor_; }
    void* handle() const { return dbc_; }

private:
    friend class Statement;
    Connection() = default;
    void registerStatement(Statement* statement);
    void unregisterStatement(Statement* statement);
    std::shared_ptr<Environment> env_;
    void* dbc_ = nullptr;
    std::string redacted_;
    bool narrowUtf8_ = false;
    bool charResultsUtf8_ = false;
    bool serverCursor_ = false;
    bool cancelFromAnyThread_ = true;
    mutable std::mutex mutex_;
    std::vector<Statement*> active_;
};

// The simple path: connect, run, fetch everything (up to options.maxRows), disconnect.
ResultSet query(const std::string& connectionString, std::string_view sql, const std::vector<Param>& params = {},
                const ExecuteOptions& options = {});

} // namespace quire::connect
