#include "odbc_internal.h"

#include <quire/connect/server_cursor.h>

#include <cstring>

namespace quire::connect {
using namespace detail;

namespace detail {
ColumnType columnTypeFor(SQLSMALLINT t, SQLULEN, SQLSMALLINT scale) {
    switch (t) {
    case SQL_TINYINT: case SQL_SMALLINT: case SQL_INTEGER: case SQL_BIGINT: return ColumnType::Int64;
    case SQL_REAL: case SQL_FLOAT: case SQL_DOUBLE: return ColumnType::Double;
    case SQL_DECIMAL: case SQL_NUMERIC: return scale == 0 ? ColumnType::Decimal : ColumnType::Decimal;
    case SQL_BIT: return ColumnType::Bool;
    case SQL_TYPE_DATE: case SQL_DATE: return ColumnType::Date;
    case SQL_TYPE_TIMESTAMP: case SQL_TIMESTAMP: return ColumnType::Timestamp;
    default: return ColumnType::Text;
    }
}
} // namespace detail

namespace {
constexpr SQLULEN kTextUnitsCap = 64 * 1024;

bool isLongType(SQLSMALLINT t) {
    return t == SQL_LONGVARCHAR || t == SQL_WLONGVARCHAR || t == SQL_LONGVARBINARY;
}

std::int64_t timestampMicros(const SQL_TIMESTAMP_STRUCT& ts) {
    std::int64_t days = daysFromCivil(Date{ts.year, ts.month, ts.day});
    return ((days * 86400 + ts.hour * 3600 + ts.minute * 60 + ts.second) * 1'000'000) + ts.fraction / 1000;
}
} // namespace

struct Statement::Binding {
    SQLUSMALLINT column = 0;
    ColumnType type = ColumnType::Text;
    SQLSMALLINT cType = SQL_C_WCHAR;
    SQLLEN width = 0; // bytes per row
    std::vector<std::uint8_t> data;
    std::vector<SQLLEN> indicators;
};

Statement::Statement(std::shared_ptr<Connection> connection) : connection_(std::move(connection)) {
    SQLHSTMT st = SQL_NULL_HSTMT;
    check(SQLAllocHandle(SQL_HANDLE_STMT, connection_->handle(), &st), SQL_HANDLE_DBC, connection_->handle(),
          "allocate statement");
    stmt_ = st;
    connection_->registerStatement(this);
}

Statement::~Statement() {
    connection_->unregisterStatement(this);
    if (stmt_) SQLFreeHandle(SQL_HANDLE_STMT, stmt_);
}

void Statement::fail(const std::string& context) {
    auto records = diagnostics(SQL_HANDLE_STMT, stmt_);
    cursorOpen_ = false;
    finished_ = true;
    if (cancelRequested_.exchange(false)) throw OdbcError(context + " (cancelled)", std::move(records));
    throw OdbcError(context, std::move(records));
}

void Statement::cancel() {
    cancelRequested_ = true;
    // sqliteodbc: SQLCancel interrupts a running execute (sqlite3_interrupt) but frees the cursor under a
    // fetching thread, so it is only called while an execute runs; during a fetch the flag does the work.
    std::lock_guard lock(cancelMutex_);
    if (connection_->cancelFromAnyThread() || executing_) SQLCancel(stmt_);
}

short Statement::whileExecuting(const std::function<short()>& call) {
    {
        std::lock_guard lock(cancelMutex_);
        // A cancel that came before the execute started (after the caller's own last check) has nothing for
        // SQLCancel to interrupt yet: it stops the execute here instead of being lost while the query runs.
        if (cancelRequested_.exchange(false)) {
            finished_ = true;
            throw OdbcError("execute (cancelled)", {{"HY008", 0, "Operation canceled"}});
        }
        executing_ = true;
    }
    const short rc = call();
    std::lock_guard lock(cancelMutex_);
    executing_ = false;
    return rc;
}

// A cancel request seen between rows (drivers whose SQLCancel is not safe from another thread).
void Statement::throwIfCancelRequested() {
    if (!cancelRequested_.exchange(false)) return;
    closeCursor();
    throw OdbcError("fetch (cancelled)", {{"HY008", 0, "Operation canceled"}});
}

void Statement::closeCursor() {
    if (cursorOpen_) SQLFreeStmt(stmt_, SQL_CLOSE);
    SQLFreeStmt(stmt_, SQL_UNBIND);
    SQLFreeStmt(stmt_, SQL_RESET_PARAMS);
    cursorOpen_ = false;
    finished_ = true;
}

void Statement::reset(const ExecuteOptions& options) {
    closeCursor();
    options_ = options;
    if (options_.batchRows == 0) options_.batchRows = 1;
    columns_.clear();
    bindings_.clear();
    paramBuffers_.clear();
    rowsFetched_ = rowsDelivered_ = 0;
    finished_ = truncated_ = false;
    affectedRows_ = -1;
    // cancelRequested_ is kept: a cancel asked for before this execute began is for this execute (it is
    // consumed when an execute or a fetch sees it).
}

bool Statement::afterExecute(short rc, const std::string& context) {
    if (rc != SQL_SUCCESS && rc != SQL_SUCCESS_WITH_INFO && rc != SQL_NO_DATA) fail(context);
    if (!connection_->cancelFromAnyThread()) throwIfCancelRequested(); // cancelled as the execute returned
    SQLSMALLINT ncols = 0;
    if (!SQL_SUCCEEDED(SQLNumResultCols(stmt_, &ncols))) fail("describe result");
    if (ncols == 0) {
        SQLLEN count = -1;
        SQLRowCount(stmt_, &count);
        affectedRows_ = count;
        finished_ = true;
        return false;
    }
    cursorOpen_ = true;
    describeColumns();
    bindColumns();
    return true;
}

namespace {
SQLWCHAR* orNull(WString& w, const std::string& s) {
    w = toUtf16(s);
    return s.empty() ? nullptr : w.data();
}
} // namespace

bool Statement::catalogTables(const std::string& catalog, const std::string& schema, const std::string& table,
                              const std::string& types) {
    reset(ExecuteOptions{});
    WString c, s, t, ty;
    SQLWCHAR* pc = orNull(c, catalog);
    SQLWCHAR* ps = orNull(s, schema);
    SQLWCHAR* pt = orNull(t, table);
    SQLWCHAR* pty = orNull(ty, types);
    SQLRETURN rc = SQLTablesW(stmt_, pc, pc ? SQL_NTS : 0, ps, ps ? SQL_NTS : 0, pt, pt ? SQL_NTS : 0, pty, pty ? SQL_NTS : 0);
    return afterExecute(rc, "list tables");
}

bool Statement::catalogColumns(const std::string& catalog, const std::string& schema, const std::string& table) {
    reset(ExecuteOptions{});
    WString c, s, t;
    SQLWCHAR* pc = orNull(c, catalog);
    SQLWCHAR* ps = orNull(s, schema);
    SQLWCHAR* pt = orNull(t, table);
    SQLRETURN rc = SQLColumnsW(stmt_, pc, pc ? SQL_NTS : 0, ps, ps ? SQL_NTS : 0, pt, pt ? SQL_NTS : 0, nullptr, 0);
    return afterExecute(rc, "list columns of " + table);
}

namespace {
// Turns psqlODBC's server cursor off for one execute (a statement a cursor cannot hold) and back on after it.
class ServerCursorOff {
public:
    ServerCursorOff(SQLHDBC dbc, bool active) : dbc_(active ? dbc : nullptr) {
        if (dbc_) SQLSetConnectAttrW(dbc_, kPsqlOdbcUseDeclareFetch, reinterpret_cast<SQLPOINTER>(SQLLEN{0}), 0);
    }
    ~ServerCursorOff() {
        if (dbc_) SQLSetConnectAttrW(dbc_, kPsqlOdbcUseDeclareFetch, reinterpret_cast<SQLPOINTER>(SQLLEN{1}), 0);
    }
    ServerCursorOff(const ServerCursorOff&) = delete;
    ServerCursorOff& operator=(const ServerCursorOff&) = delete;

private:
    SQLHDBC dbc_;
};
} // namespace

bool Statement::execute(std::string_view sql, const std::vector<Param>& params, const ExecuteOptions& options) {
    reset(options);
    const ServerCursorOff plain(connection_->handle(), connection_->readsThroughServerCursor() && cursorUnsafeStatement(sql));
    paramIndicators_.assign(params.size(), 0);
    SQLSetStmtAttrW(stmt_, SQL_ATTR_QUERY_TIMEOUT,
                    reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(options_.timeout.count())), 0);
    const bool narrow = connection_->narrowUtf8();
    WString wsql = narrow ? WString() : toUtf16(sql);
    std::string nsql = narrow ? std::string(sql) : std::string();
    auto* nptr = reinterpret_cast<SQLCHAR*>(nsql.data());
    SQLRETURN rc;
    if (params.empty()) {
        rc = whileExecuting([&]() -> short {
            return narrow ? SQLExecDirect(stmt_, nptr, static_cast<SQLINTEGER>(nsql.size()))
                          : SQLExecDirectW(stmt_, wsql.data(), static_cast<SQLINTEGER>(wsql.size()));
        });
    } else {
        rc = narrow ? SQLPrepare(stmt_, nptr, static_cast<SQLINTEGER>(nsql.size()))
                    : SQLPrepareW(stmt_, wsql.data(), static_cast<SQLINTEGER>(wsql.size()));
        if (!SQL_SUCCEEDED(rc)) fail("prepare");
        for (std::size_t i = 0; i < params.size(); ++i) {
            const auto n = static_cast<SQLUSMALLINT>(i + 1);
            SQLLEN* ind = reinterpret_cast<SQLLEN*>(&paramIndicators_[i]);
            SQLSMALLINT cType = SQL_C_CHAR, sqlType = SQL_VARCHAR;
            SQLULEN colSize = 0;
            SQLLEN bufLen = 0;
            std::unique_ptr<std::uint8_t[]> buf;
            const Param& p = params[i];
            if (std::holds_alternative<std::monostate>(p)) {
                buf = std::make_unique<std::uint8_t[]>(1);
                *ind = SQL_NULL_DATA;
                colSize = 1;
            } else if (auto* b = std::get_if<bool>(&p)) {
                buf = std::make_unique<std::uint8_t[]>(1);
                buf[0] = *b ? 1 : 0;
                cType = SQL_C_BIT;
                sqlType = SQL_BIT;
                colSize = 1;
            } else if (auto* v = std::get_if<std::int64_t>(&p)) {
                buf = std::make_unique<std::uint8_t[]>(sizeof(SQLBIGINT));
                SQLBIGINT x = *v;
                std::memcpy(buf.get(), &x, sizeof x);
                cType = SQL_C_SBIGINT;
                sqlType = SQL_BIGINT;
                colSize = 19;
            } else if (auto* d = std::get_if<double>(&p)) {
                buf = std::make_unique<std::uint8_t[]>(sizeof(double));
                std::memcpy(buf.get(), d, sizeof(double));
                cType = SQL_C_DOUBLE;
                sqlType = SQL_DOUBLE;
                colSize = 15;
            } else if (auto* s = std::get_if<std::string>(&p)) {
                WString w = toUtf16(*s);
                bufLen = static_cast<SQLLEN>((w.size() + 1) * sizeof(SQLWCHAR));
                buf = std::make_unique<std::uint8_t[]>(static_cast<std::size_t>(bufLen));
                std::memcpy(buf.get(), w.c_str(), static_cast<std::size_t>(bufLen));
                *ind = static_cast<SQLLEN>(w.size() * sizeof(SQLWCHAR));
                cType = SQL_C_WCHAR;
                sqlType = w.size() > 4000 ? SQL_WLONGVARCHAR : SQL_WVARCHAR;
                colSize = std::max<SQLULEN>(w.size(), 1);
            } else if (auto* dt = std::get_if<Date>(&p)) {
                buf = std::make_unique<std::uint8_t[]>(sizeof(SQL_DATE_STRUCT));
                SQL_DATE_STRUCT ds{static_cast<SQLSMALLINT>(dt->year), static_cast<SQLUSMALLINT>(dt->month),
                                   static_cast<SQLUSMALLINT>(dt->day)};
                std::memcpy(buf.get(), &ds, sizeof ds);
                cType = SQL_C_TYPE_DATE;
                sqlType = SQL_TYPE_DATE;
                colSize = 10;
            }
            rc = SQLBindParameter(stmt_, n, SQL_PARAM_INPUT, cType, sqlType, colSize, 0, buf.get(), bufLen, ind);
            if (!SQL_SUCCEEDED(rc)) fail("bind parameter " + std::to_string(n));
            paramBuffers_.push_back(std::move(buf));
        }
        rc = whileExecuting([&]() -> short { return SQLExecute(stmt_); });
    }
    return afterExecute(rc, "execute");
}

void Statement::describeColumns() {
    SQLSMALLINT ncols = 0;
    SQLNumResultCols(stmt_, &ncols);
    for (SQLSMALLINT i = 1; i <= ncols; ++i) {
        SQLWCHAR name[512];
        SQLCHAR narrowName[1024];
        SQLSMALLINT nameLen = 0, type = 0, scale = 0, nullable = SQL_NULLABLE_UNKNOWN;
        SQLULEN size = 0;
        const bool narrow = connection_->narrowUtf8();
        SQLRETURN rc = narrow ? SQLDescribeCol(stmt_, static_cast<SQLUSMALLINT>(i), narrowName, 1024, &nameLen, &type,
                                               &size, &scale, &nullable)
                              : SQLDescribeColW(stmt_, static_cast<SQLUSMALLINT>(i), name, 512, &nameLen, &type, &size,
                                                &scale, &nullable);
        if (!SQL_SUCCEEDED(rc)) fail("describe column " + std::to_string(i));
        ColumnInfo info;
        if (narrow)
            info.name.assign(reinterpret_cast<const char*>(narrowName), std::min<std::size_t>(1023, static_cast<std::size_t>(nameLen)));
        else
            info.name = toUtf8(name, wideLength(name, std::min<std::size_t>(511, static_cast<std::size_t>(nameLen))));
        info.sqlType = type;
        info.size = size;
        info.scale = scale;
        info.nullable = nullable != SQL_NO_NULLS;
        info.type = columnTypeFor(type, size, scale);
        SQLWCHAR typeName[128];
        SQLSMALLINT tnLen = 0;
        if (SQL_SUCCEEDED(SQLColAttributeW(stmt_, static_cast<SQLUSMALLINT>(i), SQL_DESC_TYPE_NAME, typeName,
                                           sizeof typeName, &tnLen, nullptr)))
            info.typeName = toUtf8(typeName, wideLength(typeName, 127));
        columns_.push_back(std::move(info));
    }
}

void Statement::bindColumns() {
    blockMode_ = true;
    for (const auto& c : columns_) {
        if (c.type == ColumnType::Text &&
            (isLongType(static_cast<SQLSMALLINT>(c.sqlType)) || c.size == 0 || c.size * 4 > options_.maxBoundTextBytes))
            blockMode_ = false;
    }
    const std::size_t rows = blockMode_ ? options_.batchRows : 1;
    SQLSetStmtAttrW(stmt_, SQL_ATTR_ROW_BIND_TYPE, reinterpret_cast<SQLPOINTER>(SQL_BIND_BY_COLUMN), 0);
    SQLSetStmtAttrW(stmt_, SQL_ATTR_ROW_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(rows)), 0);
    SQLSetStmtAttrW(stmt_, SQL_ATTR_ROWS_FETCHED_PTR, &rowsFetched_, 0);
    if (!blockMode_) return; // row mode: SQLGetData for every column
    for (std::size_t i = 0; i < columns_.size(); ++i) {
        auto b = std::make_unique<Binding>();
        b->column = static_cast<SQLUSMALLINT>(i + 1);
        b->type = columns_[i].type;
        switch (b->type) {
        case ColumnType::Int64: b->cType = SQL_C_SBIGINT; b->width = sizeof(SQLBIGINT); break;
        case ColumnType::Double: b->cType = SQL_C_DOUBLE; b->width = sizeof(double); break;
        case ColumnType::Bool: b->cType = SQL_C_BIT; b->width = 1; break;
        case ColumnType::Date: b->cType = SQL_C_TYPE_DATE; b->width = sizeof(SQL_DATE_STRUCT); break;
        case ColumnType::Timestamp: b->cType = SQL_C_TYPE_TIMESTAMP; b->width = sizeof(SQL_TIMESTAMP_STRUCT); break;
        case ColumnType::Decimal: b->cType = SQL_C_CHAR; b->width = static_cast<SQLLEN>(std::min<SQLULEN>(columns_[i].size, 1000) + 8); break;
        case ColumnType::Text:
            if (connection_->charResultsUtf8()) {
                b->cType = SQL_C_CHAR;
                b->width = static_cast<SQLLEN>(std::max<SQLULEN>(columns_[i].size, 1) * 4 + 1);
            } else {
                b->cType = SQL_C_WCHAR;
                b->width = static_cast<SQLLEN>((std::max<SQLULEN>(columns_[i].size, 1) * 2 + 1) * sizeof(SQLWCHAR));
            }
            break;
        }
        // Column-wise binding: fixed-size C types are strided by their own size (BufferLength is ignored), so
        // only the variable-length buffers may be padded.
        if (b->type == ColumnType::Text || b->type == ColumnType::Decimal) b->width = (b->width + 7) & ~SQLLEN{7};
        b->data.resize(static_cast<std::size_t>(b->width) * rows);
        b->indicators.resize(rows);
        if (!SQL_SUCCEEDED(SQLBindCol(stmt_, b->column, b->cType, b->data.data(), b->width, b->indicators.data())))
            fail("bind column " + columns_[i].name);
        bindings_.push_back(std::move(b));
    }
}

std::optional<ResultBatch> Statement::fetchBatch() {
    if (!cursorOpen_ || finished_) return std::nullopt;
    ResultBatch batch(columns_);
    for (std::size_t c = 0; c < columns_.size(); ++c) batch.column(c).reserve(options_.batchRows);
    if (blockMode_)
        fetchBlock(batch);
    else
        fetchRows(batch);
    rowsDelivered_ += batch.rowCount();
    if (finished_) closeCursor(); // the rows are copied into the batch; the driver's cursor is no longer needed
    if (batch.rowCount() == 0) {
        closeCursor();
        return std::nullopt;
    }
    return batch;
}

void Statement::fetchBlock(ResultBatch& batch) {
    std::size_t want = options_.batchRows;
    if (options_.maxRows > 0) {
        if (rowsDelivered_ >= options_.maxRows) {
            truncated_ = true;
            finished_ = true;
            return;
        }
        want = std::min<std::size_t>(want, options_.maxRows - rowsDelivered_);
    }
    rowsFetched_ = 0;
    throwIfCancelRequested();
    SQLRETURN rc = SQLFetchScroll(stmt_, SQL_FETCH_NEXT, 0);
    if (rc == SQL_NO_DATA) {
        finished_ = true;
        return;
    }
    if (!SQL_SUCCEEDED(rc)) fail("fetch");
    const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(rowsFetched_), want);
    if (n < rowsFetched_) truncated_ = true;
    std::string text;
    for (auto& b : bindings_) {
        Column& col = batch.column(b->column - 1);
        const std::uint8_t* base = b->data.data();
        for (std::size_t r = 0; r < n; ++r) {
            const SQLLEN ind = b->indicators[r];
            const std::uint8_t* p = base + static_cast<std::size_t>(b->width) * r;
            if (ind == SQL_NULL_DATA) {
                col.appendNull();
                continue;
            }
            switch (b->type) {
            case ColumnType::Int64: {
                SQLBIGINT v;
                std::memcpy(&v, p, sizeof v);
                col.appendInt64(v);
                break;
            }
            case ColumnType::Double: {
                double v;
                std::memcpy(&v, p, sizeof v);
                col.appendDouble(v);
                break;
            }
            case ColumnType::Bool: col.appendInt64(*p ? 1 : 0); break;
            case ColumnType::Date: {
                SQL_DATE_STRUCT d;
                std::memcpy(&d, p, sizeof d);
                col.appendInt64(daysFromCivil(Date{d.year, d.month, d.day}));
                break;
            }
            case ColumnType::Timestamp: {
                SQL_TIMESTAMP_STRUCT t;
                std::memcpy(&t, p, sizeof t);
                col.appendInt64(timestampMicros(t));
                break;
            }
            case ColumnType::Decimal:
            case ColumnType::Text: {
                const std::size_t unit = b->cType == SQL_C_WCHAR ? sizeof(SQLWCHAR) : 1;
                if (ind == SQL_NO_TOTAL || ind > b->width - static_cast<SQLLEN>(unit))
                    throw OdbcError("fetch", {{"01004", 0,
                                               "value of column '" + columns_[b->column - 1].name +
                                                   "' is longer than its declared size " +
                                                   std::to_string(columns_[b->column - 1].size)}});
                if (b->cType == SQL_C_CHAR && b->type == ColumnType::Text) {
                    col.appendText(std::string_view(reinterpret_cast<const char*>(p), static_cast<std::size_t>(ind)));
                } else if (b->type == ColumnType::Decimal) {
                    col.appendDecimal(std::string_view(reinterpret_cast<const char*>(p), static_cast<std::size_t>(ind)));
                } else {
                    text.clear();
                    appendUtf8(text, reinterpret_cast<const SQLWCHAR*>(p), static_cast<std::size_t>(ind) / sizeof(SQLWCHAR));
                    col.appendText(text);
                }
                break;
            }
            }
        }
    }
    if (truncated_) finished_ = true;
}

void Statement::fetchRows(ResultBatch& batch) {
    std::string text;
    std::vector<SQLWCHAR> wbuf(kTextUnitsCap);
    std::vector<SQLWCHAR> wide;
    while (batch.rowCount() < options_.batchRows) {
        if (options_.maxRows > 0 && rowsDelivered_ + batch.rowCount() >= options_.maxRows) {
            truncated_ = true;
            finished_ = true;
            return;
        }
        throwIfCancelRequested();
        SQLRETURN rc = SQLFetch(stmt_);
        if (rc == SQL_NO_DATA) {
            finished_ = true;
            return;
        }
        if (!SQL_SUCCEEDED(rc)) fail("fetch");
        for (std::size_t c = 0; c < columns_.size(); ++c) {
            Column& col = batch.column(c);
            const auto n = static_cast<SQLUSMALLINT>(c + 1);
            SQLLEN ind = 0;
            auto get = [&](SQLSMALLINT cType, void* buf, SQLLEN len) {
                SQLRETURN r = SQLGetData(stmt_, n, cType, buf, len, &ind);
                if (!SQL_SUCCEEDED(r)) fail("get data of column " + columns_[c].name);
                return r;
            };
            switch (columns_[c].type) {
            case ColumnType::Int64: {
                SQLBIGINT v = 0;
                get(SQL_C_SBIGINT, &v, sizeof v);
                if (ind == SQL_NULL_DATA) col.appendNull(); else col.appendInt64(v);
                break;
            }
            case ColumnType::Double: {
                double v = 0;
                get(SQL_C_DOUBLE, &v, sizeof v);
                if (ind == SQL_NULL_DATA) col.appendNull(); else col.appendDouble(v);
                break;
            }
            case ColumnType::Bool: {
                unsigned char v = 0;
                get(SQL_C_BIT, &v, sizeof v);
                if (ind == SQL_NULL_DATA) col.appendNull(); else col.appendInt64(v ? 1 : 0);
                break;
            }
            case ColumnType::Date: {
                SQL_DATE_STRUCT d{};
                get(SQL_C_TYPE_DATE, &d, sizeof d);
                if (ind == SQL_NULL_DATA) col.appendNull(); else col.appendInt64(daysFromCivil(Date{d.year, d.month, d.day}));
                break;
            }
            case ColumnType::Timestamp: {
                SQL_TIMESTAMP_STRUCT t{};
                get(SQL_C_TYPE_TIMESTAMP, &t, sizeof t);
                if (ind == SQL_NULL_DATA) col.appendNull(); else col.appendInt64(timestampMicros(t));
                break;
            }
            case ColumnType::Decimal:
            case ColumnType::Text: {
                text.clear();
                wide.clear();
                bool isNull = false;
                for (;;) {
                    SQLRETURN r = get(SQL_C_WCHAR, wbuf.data(), static_cast<SQLLEN>(wbuf.size() * sizeof(SQLWCHAR)));
                    if (r == SQL_NO_DATA) break;
                    if (ind == SQL_NULL_DATA) {
                        isNull = true;
                        break;
                    }
                    const bool more = r == SQL_SUCCESS_WITH_INFO &&
                                      (ind == SQL_NO_TOTAL || ind >= static_cast<SQLLEN>((wbuf.size() - 1) * sizeof(SQLWCHAR)));
                    const std::size_t units = more ? wbuf.size() - 1 : static_cast<std::size_t>(ind) / sizeof(SQLWCHAR);
                    wide.insert(wide.end(), wbuf.data(), wbuf.data() + units);
                    if (!more) break;
                }
                appendUtf8(text, wide.data(), wide.size());
                if (isNull) col.appendNull();
                else if (columns_[c].type == ColumnType::Decimal) col.appendDecimal(text);
                else col.appendText(text);
                break;
            }
            }
        }
    }
}

void Statement::forEachBatch(const std::function<bool(const ResultBatch&)>& onBatch) {
    while (auto batch = fetchBatch())
        if (!onBatch(*batch)) {
            closeCursor();
            return;
        }
}

} // namespace quire::connect
