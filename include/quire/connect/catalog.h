#pragma once
// Warehouse catalog through SQLTables/SQLColumns: catalogs, schemas, tables, columns with types. Results are
// cached per (catalog, schema, table); refresh() drops the cache.
#include <quire/connect/odbc.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace quire::connect {

struct CatalogColumn {
    std::string name;
    std::string typeName; // driver type name
    int sqlType = 0;
    ColumnType type = ColumnType::Text;
    std::int64_t size = 0;
    int scale = 0;
    bool nullable = true;
    int ordinal = 0;
};

struct CatalogTable {
    std::string catalog, schema, name;
    std::string kind; // "TABLE", "VIEW", ...
};

class Catalog {
public:
    explicit Catalog(std::shared_ptr<Connection> connection);
    std::vector<std::string> catalogs();
    std::vector<std::string> schemas(const std::string& catalog = {});
    std::vector<CatalogTable> tables(const std::string& schema = {}, const std::string& catalog = {});
    std::vector<CatalogColumn> columns(const std::string& table, const std::string& schema = {},
                                       const std::string& catalog = {});
    // SELECT * FROM <qualified table> LIMIT n (identifiers quoted with the driver's quote character).
    ResultSet preview(const CatalogTable& table, std::size_t rows = 100);
    void refresh();

private:
    std::shared_ptr<Connection> connection_;
    std::mutex mutex_;
    std::map<std::string, std::vector<CatalogTable>> tables_;
    std::map<std::string, std::vector<CatalogColumn>> columns_;
};

ColumnType columnTypeForSql(int sqlType);

} // namespace quire::connect
