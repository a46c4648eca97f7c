#include "odbc_internal.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace quire::connect {
using namespace detail;

std::shared_ptr<Connection> Connection::open(const std::string& connectionString, const ConnectOptions& options) {
    std::shared_ptr<Connection> c(new Connection());
    c->env_ = Environment::shared();
    c->redacted_ = redactConnectionString(connectionString);
    SQLHDBC dbc = SQL_NULL_HDBC;
    check(SQLAllocHandle(SQL_HANDLE_DBC, c->env_->handle(), &dbc), SQL_HANDLE_ENV, c->env_->handle(),
          "allocate ODBC connection");
    c->dbc_ = dbc;
    if (options.loginTimeout.count() > 0)
        SQLSetConnectAttrW(dbc, SQL_ATTR_LOGIN_TIMEOUT,
                           reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(options.loginTimeout.count())), 0);
    if (options.connectionTimeout.count() > 0)
        SQLSetConnectAttrW(dbc, SQL_ATTR_CONNECTION_TIMEOUT,
                           reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(options.connectionTimeout.count())), 0);
    WString wide = toUtf16(connectionString);
    SQLWCHAR out[1024];
    SQLSMALLINT outLen = 0;
    SQLRETURN rc = SQLDriverConnectW(dbc, nullptr, wide.data(), static_cast<SQLSMALLINT>(wide.size()), out, 1024,
                                     &outLen, SQL_DRIVER_NOPROMPT);
    check(rc, SQL_HANDLE_DBC, dbc, "connect to " + c->redacted_);
    {
        std::string driver = c->driverName();
        for (auto& ch : driver) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        c->narrowUtf8_ = driver.find("sqlite") != std::string::npos;
        c->cancelFromAnyThread_ = driver.find("sqlite") == std::string::npos;
        const bool psqlodbc = driver.find("psqlodbcw") != std::string::npos && !std::getenv("QUIRE_ODBC_WIDE_RESULTS");
        c->charResultsUtf8_ = c->narrowUtf8_ || psqlodbc;
        if (driver.find("psqlodbc") != std::string::npos) {
            SQLINTEGER declareFetch = 0;
            c->serverCursor_ = SQL_SUCCEEDED(SQLGetConnectAttrW(dbc, kPsqlOdbcUseDeclareFetch, &declareFetch, 0, nullptr)) &&
                               declareFetch != 0;
        }
    }
    if (options.readOnly)
        SQLSetConnectAttrW(dbc, SQL_ATTR_ACCESS_MODE, reinterpret_cast<SQLPOINTER>(SQL_MODE_READ_ONLY), 0);
    return c;
}

Connection::~Connection() {
    if (dbc_) {
        SQLDisconnect(dbc_);
        SQLFreeHandle(SQL_HANDLE_DBC, dbc_);
    }
}

std::unique_ptr<Statement> Connection::createStatement() { return std::make_unique<Statement>(shared_from_this()); }

ResultSet Connection::query(std::string_view sql, const std::vector<Param>& params, const ExecuteOptions& options) {
    Statement st(shared_from_this());
    ResultSet rs;
    if (!st.execute(sql, params, options)) {
        rs.affectedRows = st.affectedRows();
        return rs;
    }
    rs.columns = st.columns();
    while (auto batch = st.fetchBatch()) rs.batches.push_back(std::move(*batch));
    rs.truncated = st.truncated();
    return rs;
}

std::int64_t Connection::execute(std::string_view sql, const std::vector<Param>& params, const ExecuteOptions& options) {
    Statement st(shared_from_this());
    st.execute(sql, params, options);
    return st.affectedRows();
}

void Connection::stream(std::string_view sql, const std::vector<Param>& params, const ExecuteOptions& options,
                        const std::function<bool(const std::vector<ColumnInfo>&, const ResultBatch&)>& onBatch) {
    Statement st(shared_from_this());
    if (!st.execute(sql, params, options)) return;
    st.forEachBatch([&](const ResultBatch& b) { return onBatch(st.columns(), b); });
}

void Connection::setAutocommit(bool on) {
    check(SQLSetConnectAttrW(dbc_, SQL_ATTR_AUTOCOMMIT,
                             reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(on ? SQL_AUTOCOMMIT_ON : SQL_AUTOCOMMIT_OFF)), 0),
          SQL_HANDLE_DBC, dbc_, "set autocommit");
}
void Connection::commit() { check(SQLEndTran(SQL_HANDLE_DBC, dbc_, SQL_COMMIT), SQL_HANDLE_DBC, dbc_, "commit"); }
void Connection::rollback() { check(SQLEndTran(SQL_HANDLE_DBC, dbc_, SQL_ROLLBACK), SQL_HANDLE_DBC, dbc_, "rollback"); }

bool Connection::isAlive() const {
    SQLUINTEGER dead = SQL_CD_FALSE;
    SQLRETURN rc = SQLGetConnectAttrW(dbc_, SQL_ATTR_CONNECTION_DEAD, &dead, 0, nullptr);
    return SQL_SUCCEEDED(rc) && dead == SQL_CD_FALSE;
}

void Connection::cancel() {
    std::lock_guard lock(mutex_);
    for (Statement* s : active_) s->cancel();
}

static std::string infoString(SQLHDBC dbc, SQLUSMALLINT what) {
    SQLWCHAR buf[512];
    SQLSMALLINT len = 0;
    check(SQLGetInfoW(dbc, what, buf, sizeof buf, &len), SQL_HANDLE_DBC, dbc, "get connection info");
    return toUtf8(buf, wideLength(buf, std::min<std::size_t>(511, static_cast<std::size_t>(len) / sizeof(SQLWCHAR))));
}
std::string Connection::dbmsName() const { return infoString(dbc_, SQL_DBMS_NAME); }
std::string Connection::driverName() const { return infoString(dbc_, SQL_DRIVER_NAME); }

void Connection::registerStatement(Statement* s) {
    std::lock_guard lock(mutex_);
    active_.push_back(s);
}
void Connection::unregisterStatement(Statement* s) {
    std::lock_guard lock(mutex_);
    active_.erase(std::remove(active_.begin(), active_.end(), s), active_.end());
}

ResultSet query(const std::string& connectionString, std::string_view sql, const std::vector<Param>& params,
                const ExecuteOptions& options) {
    auto c = Connection::open(connectionString);
    return c->query(sql, params, options);
}

} // namespace quire::connect
