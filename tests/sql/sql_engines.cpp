#include "sql_engines.h"

#include <sql.h>
#include <sqlext.h>
#include <sqlite3.h>
#include <stdexcept>

namespace quire::test {

SqliteEngine::SqliteEngine() {
    if (sqlite3_open(":memory:", &db_) != SQLITE_OK) throw std::runtime_error("sqlite3_open failed");
    // The embedded engine as the product runs it: with the Quire extension (the ODBC driver's LoadExt=).
    sqlite3_enable_load_extension(db_, 1);
    char* error = nullptr;
    if (sqlite3_load_extension(db_, QUIRE_SQLITE_EXTENSION, nullptr, &error) != SQLITE_OK) {
        std::string message = error ? error : "unknown error";
        sqlite3_free(error);
        throw std::runtime_error("loading " + std::string(QUIRE_SQLITE_EXTENSION) + ": " + message);
    }
}
SqliteEngine::~SqliteEngine() { sqlite3_close(db_); }

std::string SqliteEngine::scalar(const std::string& sql, const std::vector<quire::sql::Value>& params) {
    sqlite3_stmt* st = nullptr;
    const char* tail = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &st, &tail) != SQLITE_OK)
        throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db_) + " in " + sql);
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(st, sqlite3_finalize);
    if (tail && *tail) throw std::runtime_error("more than one statement: " + sql);
    int i = 1;
    for (const auto& v : params) {
        if (auto* s = std::get_if<std::string>(&v)) sqlite3_bind_text(st, i, s->c_str(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
        else if (auto* n = std::get_if<std::int64_t>(&v)) sqlite3_bind_int64(st, i, *n);
        else if (auto* d = std::get_if<double>(&v)) sqlite3_bind_double(st, i, *d);
        else if (auto* b = std::get_if<bool>(&v)) sqlite3_bind_int(st, i, *b ? 1 : 0);
        else sqlite3_bind_null(st, i);
        ++i;
    }
    const int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) throw std::runtime_error(std::string("sqlite step: ") + sqlite3_errmsg(db_) + " in " + sql);
    if (sqlite3_column_type(st, 0) == SQLITE_NULL) return "NULL";
    return reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
}

namespace {
void check(SQLRETURN rc, SQLSMALLINT type, SQLHANDLE h, const std::string& what) {
    if (SQL_SUCCEEDED(rc)) return;
    SQLCHAR state[6] = {}, msg[1024] = {};
    SQLINTEGER native = 0;
    SQLSMALLINT len = 0;
    SQLGetDiagRec(type, h, 1, state, &native, msg, sizeof msg, &len);
    throw std::runtime_error(what + ": " + reinterpret_cast<char*>(msg));
}
} // namespace

OdbcEngine::OdbcEngine(const std::string& cs) {
    SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env_);
    SQLSetEnvAttr(env_, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
    SQLAllocHandle(SQL_HANDLE_DBC, env_, &dbc_);
    check(SQLDriverConnect(dbc_, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT),
          SQL_HANDLE_DBC, dbc_, "connect");
}
OdbcEngine::~OdbcEngine() {
    SQLDisconnect(dbc_);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc_);
    SQLFreeHandle(SQL_HANDLE_ENV, env_);
}

std::string OdbcEngine::scalar(const std::string& sql, const std::vector<quire::sql::Value>& params) {
    SQLHSTMT st = nullptr;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc_, &st);
    std::unique_ptr<void, void (*)(void*)> guard(st, [](void* h) { SQLFreeHandle(SQL_HANDLE_STMT, h); });
    std::vector<std::string> texts;
    texts.reserve(params.size());
    std::vector<SQLLEN> lens(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
        const auto& v = params[i];
        if (auto* s = std::get_if<std::string>(&v)) texts.push_back(*s);
        else if (auto* n = std::get_if<std::int64_t>(&v)) texts.push_back(std::to_string(*n));
        else if (auto* d = std::get_if<double>(&v)) texts.push_back(std::to_string(*d));
        else if (auto* b = std::get_if<bool>(&v)) texts.push_back(*b ? "true" : "false");
        else texts.emplace_back();
        lens[i] = std::holds_alternative<std::monostate>(v) ? SQL_NULL_DATA : static_cast<SQLLEN>(texts[i].size());
        check(SQLBindParameter(st, static_cast<SQLUSMALLINT>(i + 1), SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR,
                               texts[i].size() + 1, 0, texts[i].data(), static_cast<SQLLEN>(texts[i].size() + 1), &lens[i]),
              SQL_HANDLE_STMT, st, "bind");
    }
    check(SQLExecDirect(st, (SQLCHAR*)sql.c_str(), SQL_NTS), SQL_HANDLE_STMT, st, "execute " + sql);
    check(SQLFetch(st), SQL_HANDLE_STMT, st, "fetch " + sql);
    std::string out;
    char buf[4096];
    SQLLEN ind = 0;
    while (true) {
        SQLRETURN rc = SQLGetData(st, 1, SQL_C_CHAR, buf, sizeof buf, &ind);
        if (rc == SQL_NO_DATA) break;
        check(rc, SQL_HANDLE_STMT, st, "getdata");
        if (ind == SQL_NULL_DATA) return "NULL";
        out += buf;
        if (rc == SQL_SUCCESS) break;
    }
    return out;
}

} // namespace quire::test
