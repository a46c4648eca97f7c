#include <quire/connect/catalog.h>

#include "odbc_internal.h"

#include <set>

namespace quire::connect {

ColumnType columnTypeForSql(int sqlType) { return detail::columnTypeFor(static_cast<SQLSMALLINT>(sqlType), 0, 0); }

Catalog::Catalog(std::shared_ptr<Connection> connection) : connection_(std::move(connection)) {}

std::vector<CatalogTable> Catalog::tables(const std::string& schema, const std::string& catalog) {
    const std::string key = catalog + "\x1f" + schema;
    {
        std::lock_guard lock(mutex_);
        if (auto it = tables_.find(key); it != tables_.end()) return it->second;
    }
    std::vector<CatalogTable> out;
    Statement st(connection_);
    if (st.catalogTables(catalog, schema, "", "TABLE,VIEW")) {
        st.forEachBatch([&](const ResultBatch& b) {
            for (std::size_t r = 0; r < b.rowCount(); ++r)
                out.push_back({b.column(0).toString(r), b.column(1).toString(r), b.column(2).toString(r),
                               b.column(3).toString(r)});
            return true;
        });
    }
    std::lock_guard lock(mutex_);
    tables_[key] = out;
    return out;
}

std::vector<std::string> Catalog::catalogs() {
    std::set<std::string> names;
    for (const auto& t : tables()) if (!t.catalog.empty()) names.insert(t.catalog);
    return {names.begin(), names.end()};
}

std::vector<std::string> Catalog::schemas(const std::string& catalog) {
    std::set<std::string> names;
    for (const auto& t : tables({}, catalog)) if (!t.schema.empty()) names.insert(t.schema);
    return {names.begin(), names.end()};
}

std::vector<CatalogColumn> Catalog::columns(const std::string& table, const std::string& schema, const std::string& catalog) {
    const std::string key = catalog + "\x1f" + schema + "\x1f" + table;
    {
        std::lock_guard lock(mutex_);
        if (auto it = columns_.find(key); it != columns_.end()) return it->second;
    }
    std::vector<CatalogColumn> out;
    Statement st(connection_);
    // SQLColumns result: 4 COLUMN_NAME, 5 DATA_TYPE, 6 TYPE_NAME, 7 COLUMN_SIZE, 9 DECIMAL_DIGITS, 11 NULLABLE,
    // 17 ORDINAL_POSITION (1-based numbers; 0-based indexes below).
    if (st.catalogColumns(catalog, schema, table)) {
        st.forEachBatch([&](const ResultBatch& b) {
            for (std::size_t r = 0; r < b.rowCount(); ++r) {
                CatalogColumn c;
                c.name = b.column(3).toString(r);
                c.sqlType = b.column(4).isNull(r) ? 0 : static_cast<int>(std::stoll(b.column(4).toString(r)));
                c.typeName = b.column(5).toString(r);
                c.size = b.column(6).isNull(r) ? 0 : std::stoll(b.column(6).toString(r));
                c.scale = b.column(8).isNull(r) ? 0 : static_cast<int>(std::stoll(b.column(8).toString(r)));
                c.nullable = b.column(10).toString(r) != "0";
                c.ordinal = b.columnCount() > 16 && !b.column(16).isNull(r)
                                ? static_cast<int>(std::stoll(b.column(16).toString(r)))
                                : static_cast<int>(out.size()) + 1;
                c.type = columnTypeForSql(c.sqlType);
                out.push_back(std::move(c));
            }
            return true;
        });
    }
    std::lock_guard lock(mutex_);
    columns_[key] = out;
    return out;
}

static std::string quoteIdentifier(const std::string& name) {
    std::string out = "\"";
    for (char c : name) {
        out.push_back(c);
        if (c == '"') out.push_back('"');
    }
    return out + "\"";
}

ResultSet Catalog::preview(const CatalogTable& table, std::size_t rows) {
    std::string name;
    if (!table.schema.empty()) name = quoteIdentifier(table.schema) + ".";
    name += quoteIdentifier(table.name);
    ExecuteOptions options;
    options.maxRows = rows;
    return connection_->query("SELECT * FROM " + name + " LIMIT " + std::to_string(rows), {}, options);
}

void Catalog::refresh() {
    std::lock_guard lock(mutex_);
    tables_.clear();
    columns_.clear();
}

} // namespace quire::connect
