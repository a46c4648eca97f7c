#include "odbc_internal.h"

namespace quire::connect {
using namespace detail;

Environment::Environment() {
    SQLHENV env = SQL_NULL_HENV;
    if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env)))
        throw OdbcError("allocate ODBC environment", {{"HY001", 0, "SQLAllocHandle(SQL_HANDLE_ENV) failed"}});
    env_ = env;
    check(SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3_80), 0),
          SQL_HANDLE_ENV, env, "set ODBC version");
}

Environment::~Environment() {
    if (env_) SQLFreeHandle(SQL_HANDLE_ENV, env_);
}

std::shared_ptr<Environment> Environment::shared() {
    static std::shared_ptr<Environment> env = std::make_shared<Environment>();
    return env;
}

std::vector<DriverInfo> Environment::drivers() const {
    std::vector<DriverInfo> out;
    SQLUSMALLINT direction = SQL_FETCH_FIRST;
    for (;;) {
        SQLWCHAR name[512];
        SQLWCHAR attrs[4096];
        SQLSMALLINT nameLen = 0, attrLen = 0;
        SQLRETURN rc = SQLDriversW(env_, direction, name, 512, &nameLen, attrs, 4096, &attrLen);
        if (rc == SQL_NO_DATA) break;
        check(rc, SQL_HANDLE_ENV, env_, "list ODBC drivers");
        DriverInfo info;
        info.name = toUtf8(name, wideLength(name, 511));
        // attributes: "k=v\0k=v\0\0"
        std::size_t pos = 0;
        const std::size_t limit = std::min<std::size_t>(static_cast<std::size_t>(attrLen), 4095);
        while (pos < limit && attrs[pos] != 0) {
            std::size_t len = wideLength(attrs + pos, limit - pos);
            std::string kv = toUtf8(attrs + pos, len);
            auto eq = kv.find('=');
            if (eq != std::string::npos) info.attributes.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
            pos += len + 1;
        }
        out.push_back(std::move(info));
        direction = SQL_FETCH_NEXT;
    }
    return out;
}

std::vector<DataSourceInfo> Environment::dataSources() const {
    std::vector<DataSourceInfo> out;
    for (SQLUSMALLINT first : {SQLUSMALLINT(SQL_FETCH_FIRST_USER), SQLUSMALLINT(SQL_FETCH_FIRST_SYSTEM)}) {
        SQLUSMALLINT direction = first;
        for (;;) {
            SQLWCHAR name[512];
            SQLWCHAR desc[1024];
            SQLSMALLINT nameLen = 0, descLen = 0;
            SQLRETURN rc = SQLDataSourcesW(env_, direction, name, 512, &nameLen, desc, 1024, &descLen);
            if (rc == SQL_NO_DATA) break;
            check(rc, SQL_HANDLE_ENV, env_, "list ODBC data sources");
            out.push_back({toUtf8(name, wideLength(name, 511)), toUtf8(desc, wideLength(desc, 1023)),
                           first == SQL_FETCH_FIRST_SYSTEM});
            direction = SQL_FETCH_NEXT;
        }
    }
    return out;
}

} // namespace quire::connect
