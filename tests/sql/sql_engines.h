#pragma once
// Test-only executors: run one SELECT on SQLite (sqlite3 C API) or PostgreSQL (ODBC C API) and read the
// first column of the first row back as text ("NULL" for SQL NULL).
#include "quire/sql/compiler.h"

#include <memory>
#include <string>
#include <vector>

struct sqlite3;

namespace quire::test {

class SqliteEngine {
public:
    SqliteEngine();
    ~SqliteEngine();
    std::string scalar(const std::string& sql, const std::vector<quire::sql::Value>& params = {}); // throws on error
private:
    sqlite3* db_ = nullptr;
};

class OdbcEngine {
public:
    explicit OdbcEngine(const std::string& connectionString);
    ~OdbcEngine();
    std::string scalar(const std::string& sql, const std::vector<quire::sql::Value>& params = {}); // throws on error
private:
    void* env_ = nullptr;
    void* dbc_ = nullptr;
};

} // namespace quire::test
