#pragma once
// A connection profile: which warehouse, which ODBC driver (or DSN), the non-secret fields, and the SQL
// dialect. Secrets (password, token, key passphrase) are never stored in a profile: they are read from a
// quire::secrets::SecretStore under "connection/<profile name>/<secret name>" when the connection string is
// built at connect time.
#include <quire/core/expected.h>
#include <quire/sql/dialect_id.h>

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace quire::secrets { class SecretStore; }

namespace quire::connect {

enum class WarehouseKind { Snowflake, BigQuery, Redshift, Databricks, PostgreSQL, SQLite };
std::string_view warehouseKindName(WarehouseKind kind); // same names as the dialects
std::optional<WarehouseKind> parseWarehouseKind(std::string_view name);
sql::DialectId dialectFor(WarehouseKind kind);
std::string_view defaultDriverName(WarehouseKind kind); // "SnowflakeDSIIDriver", "PostgreSQL Unicode", ...
// A value for a connection string attribute: braced (with '}' doubled) when it holds ; { } = or edge spaces.
std::string odbcAttributeValue(const std::string& value);

struct ConnectionProfile {
    std::string name;          // profile name, e.g. "local-pg"
    WarehouseKind kind = WarehouseKind::SQLite;
    std::string driver;        // empty = defaultDriverName(kind)
    std::string dsn;           // non-empty: connect through this DSN instead of a DSN-less string
    // Non-secret fields by their profile key (see docs/connectors.md for each warehouse):
    //  snowflake: server, warehouse, database, schema, role, user, authenticator, private_key_file
    //  bigquery: project, dataset, oauth_mechanism, email, key_file
    //  redshift: server, port, database, user, iam (true/false), region, cluster
    //  databricks: host, port, http_path
    //  postgresql: host, port, database, user, sslmode
    //  sqlite: database (file path)
    std::map<std::string, std::string> fields;
    std::map<std::string, std::string> extra; // passed through verbatim as Key=Value
    int maxConnections = 4;                    // pool limit for this warehouse

    sql::DialectId dialect() const { return dialectFor(kind); }
    std::string field(const std::string& key, const std::string& fallback = {}) const;
    // Secret names this profile needs ("password", "token", "private_key_passphrase"...), given its fields.
    std::vector<std::string> secretNames() const;
    static std::string secretKey(const std::string& profile, const std::string& secret); // connection/<p>/<s>
};

// Builds the ODBC connection string. `secrets` supplies the secret values by secret name (may be empty); a
// missing required field or secret is connect/profile, naming the secret store key and environment variable.
Expected<std::string> buildConnectionString(const ConnectionProfile& profile,
                                            const std::map<std::string, std::string>& secrets);
// Reads the profile's secrets from the store and builds the string (connect/profile if one is missing).
Expected<std::string> buildConnectionString(const ConnectionProfile& profile, secrets::SecretStore& store);

// A Sigma warehouse-table `path` resolved for this profile: the last segment is the table, the one before it
// the schema, a third (Snowflake/BigQuery/Databricks) the catalog/database/project. The sample workbook's
// SQLite schema "main" maps to the profile's `schema` field (default "public") on PostgreSQL/Redshift, so one
// workbook runs on both engines.
struct TablePath {
    std::string catalog, schema, table;
};
Expected<TablePath> resolveTablePath(const ConnectionProfile& profile, const std::vector<std::string>& path); // connect/table-path
// The reverse: the `path` a warehouse-table source gives for a table the catalog listed, in the form Sigma
// validates (schema and table; database, schema and table where the warehouse has databases). SQLite's
// schema is "main".
std::vector<std::string> sigmaPathFor(const ConnectionProfile& profile, const TablePath& table);
// The quoted SQL name of a resolved path for the profile's dialect ("main"."orders", `proj`.`ds`.`t`, ...).
std::string qualifiedTableName(const ConnectionProfile& profile, const TablePath& path);

nlohmann::json profileToJson(const ConnectionProfile& profile);
// The profile, or connect/profile: not an object, an unknown type, a field of the wrong type, a secret field.
Expected<ConnectionProfile> profileFromJson(const std::string& name, const nlohmann::json& json);

} // namespace quire::connect
