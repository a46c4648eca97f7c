#pragma once
// The SQL dialects Quire compiles to. Connection profiles name one; the compiler implements each.
#include <array>
#include <optional>
#include <string_view>

namespace quire::sql {

enum class DialectId { Snowflake, BigQuery, Redshift, Databricks, PostgreSQL, SQLite };

inline constexpr std::array<DialectId, 6> kAllDialects = {DialectId::Snowflake, DialectId::BigQuery,
                                                          DialectId::Redshift,  DialectId::Databricks,
                                                          DialectId::PostgreSQL, DialectId::SQLite};

// Lower-case stable names used in files and on the command line: snowflake, bigquery, redshift,
// databricks, postgresql, sqlite.
constexpr std::string_view dialectName(DialectId id) {
    switch (id) {
    case DialectId::Snowflake: return "snowflake";
    case DialectId::BigQuery: return "bigquery";
    case DialectId::Redshift: return "redshift";
    case DialectId::Databricks: return "databricks";
    case DialectId::PostgreSQL: return "postgresql";
    case DialectId::SQLite: return "sqlite";
    }
    return "sqlite";
}

constexpr std::optional<DialectId> parseDialectName(std::string_view name) {
    for (DialectId id : kAllDialects)
        if (dialectName(id) == name) return id;
    if (name == "postgres") return DialectId::PostgreSQL;
    return std::nullopt;
}

} // namespace quire::sql
