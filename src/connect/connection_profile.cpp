#include <quire/connect/connection_profile.h>

#include <quire/connect/sqlite_extension.h>
#include <quire/secrets/secret_store.h>

#include <algorithm>
#include <cctype>

namespace quire::connect {

namespace {
struct KindInfo {
    WarehouseKind kind;
    std::string_view name;
    sql::DialectId dialect;
    std::string_view driver;
};
constexpr KindInfo kKinds[] = {
    {WarehouseKind::Snowflake, "snowflake", sql::DialectId::Snowflake, "SnowflakeDSIIDriver"},
    {WarehouseKind::BigQuery, "bigquery", sql::DialectId::BigQuery, "Simba ODBC Driver for Google BigQuery"},
    {WarehouseKind::Redshift, "redshift", sql::DialectId::Redshift, "Amazon Redshift (x64)"},
    {WarehouseKind::Databricks, "databricks", sql::DialectId::Databricks, "Simba Spark ODBC Driver"},
    {WarehouseKind::PostgreSQL, "postgresql", sql::DialectId::PostgreSQL, "PostgreSQL Unicode"},
    {WarehouseKind::SQLite, "sqlite", sql::DialectId::SQLite, "SQLite3"},
};
const KindInfo& info(WarehouseKind k) {
    for (const auto& i : kKinds)
        if (i.kind == k) return i;
    return kKinds[5];
}


class Builder {
public:
    void add(const std::string& key, const std::string& value) {
        if (value.empty()) return;
        out_ += key + "=" + odbcAttributeValue(value) + ";";
    }
    std::string str() const { return out_; }

private:
    std::string out_;
};

bool truthy(const std::string& v) { return v == "true" || v == "1" || v == "yes"; }

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool hasExtra(const ConnectionProfile& p, std::string_view key) {
    return std::any_of(p.extra.begin(), p.extra.end(), [&](const auto& kv) { return lower(kv.first) == lower(std::string(key)); });
}
} // namespace

std::string_view warehouseKindName(WarehouseKind kind) { return info(kind).name; }
std::optional<WarehouseKind> parseWarehouseKind(std::string_view name) {
    for (const auto& i : kKinds)
        if (i.name == name) return i.kind;
    if (name == "postgres") return WarehouseKind::PostgreSQL;
    return std::nullopt;
}
sql::DialectId dialectFor(WarehouseKind kind) { return info(kind).dialect; }
std::string_view defaultDriverName(WarehouseKind kind) { return info(kind).driver; }

std::string ConnectionProfile::field(const std::string& key, const std::string& fallback) const {
    auto it = fields.find(key);
    return it == fields.end() || it->second.empty() ? fallback : it->second;
}

std::string ConnectionProfile::secretKey(const std::string& profile, const std::string& secret) {
    return "connection/" + profile + "/" + secret;
}

std::vector<std::string> ConnectionProfile::secretNames() const {
    switch (kind) {
    case WarehouseKind::Snowflake:
        if (field("authenticator") == "snowflake_jwt")
            return field("private_key_encrypted") == "true" ? std::vector<std::string>{"private_key_passphrase"}
                                                            : std::vector<std::string>{};
        if (field("authenticator") == "externalbrowser" || field("authenticator") == "oauth")
            return field("authenticator") == "oauth" ? std::vector<std::string>{"token"} : std::vector<std::string>{};
        return {"password"};
    case WarehouseKind::BigQuery: return {};
    case WarehouseKind::Redshift: return truthy(field("iam")) ? std::vector<std::string>{"secret_access_key"} : std::vector<std::string>{"password"};
    case WarehouseKind::Databricks: return {"token"};
    case WarehouseKind::PostgreSQL: return {"password"};
    case WarehouseKind::SQLite: return {};
    }
    return {};
}

Expected<std::string> buildConnectionString(const ConnectionProfile& p, const std::map<std::string, std::string>& secrets) {
    // The first secret or field that is missing (the string is built to the end, then refused).
    std::optional<Diagnostic> missing;
    auto secret = [&](const std::string& name) -> std::string {
        auto it = secrets.find(name);
        if (it != secrets.end()) return it->second;
        const std::string key = ConnectionProfile::secretKey(p.name, name);
        if (!missing)
            missing = makeDiagnostic("connect/profile", "connection '" + p.name + "' needs the secret '" + key + "' (set " +
                                                            secrets::environmentVariableFor(key) + " or store it in the keychain)");
        return {};
    };
    auto required = [&](const std::string& key) {
        std::string v = p.field(key);
        if (v.empty() && !missing)
            missing = makeDiagnostic("connect/profile", "connection '" + p.name + "' (" + std::string(warehouseKindName(p.kind)) +
                                                            ") needs the field '" + key + "'");
        return v;
    };
    const std::string driver = p.driver.empty() ? std::string(defaultDriverName(p.kind)) : p.driver;
    // Driver names go in braces verbatim (they contain spaces and parentheses).
    const std::string head = p.dsn.empty() ? "Driver={" + driver + "};" : "DSN=" + odbcAttributeValue(p.dsn) + ";";
    Builder rest;
    switch (p.kind) {
    case WarehouseKind::Snowflake: {
        rest.add("Server", p.dsn.empty() ? required("server") : p.field("server"));
        rest.add("UID", p.field("user"));
        rest.add("Warehouse", p.field("warehouse"));
        rest.add("Database", p.field("database"));
        rest.add("Schema", p.field("schema"));
        rest.add("Role", p.field("role"));
        const std::string auth = p.field("authenticator", "snowflake");
        rest.add("Authenticator", auth);
        if (auth == "snowflake_jwt") {
            rest.add("PRIV_KEY_FILE", required("private_key_file"));
            if (p.field("private_key_encrypted") == "true") rest.add("PRIV_KEY_FILE_PWD", secret("private_key_passphrase"));
        } else if (auth == "oauth") {
            rest.add("Token", secret("token"));
        } else if (auth != "externalbrowser") {
            rest.add("PWD", secret("password"));
        }
        break;
    }
    case WarehouseKind::BigQuery: {
        rest.add("Catalog", p.dsn.empty() ? required("project") : p.field("project"));
        rest.add("DefaultDataset", p.field("dataset"));
        // OAuthMechanism 0 = service account (email + key file), 1 = user account, 3 = application default.
        const std::string mech = p.field("oauth_mechanism", "0");
        rest.add("OAuthMechanism", mech);
        if (mech == "0") {
            rest.add("Email", required("email"));
            rest.add("KeyFilePath", required("key_file"));
        }
        rest.add("SQLDialect", "1");
        break;
    }
    case WarehouseKind::Redshift: {
        rest.add("Server", p.dsn.empty() ? required("server") : p.field("server"));
        rest.add("Port", p.field("port", p.dsn.empty() ? "5439" : ""));
        rest.add("Database", p.field("database", p.dsn.empty() ? "dev" : ""));
        if (truthy(p.field("iam"))) {
            rest.add("IAM", "1");
            rest.add("ClusterID", p.field("cluster"));
            rest.add("Region", p.field("region"));
            rest.add("DbUser", p.field("user"));
            rest.add("AccessKeyID", required("access_key_id"));
            rest.add("SecretAccessKey", secret("secret_access_key"));
        } else {
            rest.add("UID", p.field("user"));
            rest.add("PWD", secret("password"));
        }
        break;
    }
    case WarehouseKind::Databricks: {
        rest.add("Host", p.dsn.empty() ? required("host") : p.field("host"));
        rest.add("Port", p.field("port", p.dsn.empty() ? "443" : ""));
        rest.add("HTTPPath", p.dsn.empty() ? required("http_path") : p.field("http_path"));
        rest.add("SSL", "1");
        rest.add("ThriftTransport", "2");
        rest.add("AuthMech", "3");
        rest.add("UID", "token");
        rest.add("PWD", secret("token"));
        break;
    }
    case WarehouseKind::PostgreSQL: {
        rest.add("Server", p.dsn.empty() ? required("host") : p.field("host"));
        rest.add("Port", p.field("port", p.dsn.empty() ? "5432" : ""));
        rest.add("Database", p.field("database"));
        rest.add("Uid", p.field("user"));
        rest.add("Pwd", secret("password"));
        rest.add("SSLmode", p.field("sslmode"));
        rest.add("BoolsAsChar", "0"); // booleans as SQL_BIT, not varchar
        // psqlODBC reads a SELECT through a server-side cursor, Fetch rows per round trip, instead of copying
        // the whole result into its own memory before returning the first row: a third less client CPU on 1M
        // rows (docs/performance.md, "ODBC fetch profile"), memory bounded by Fetch rows, and a preview that
        // stops after 200 rows no longer reads the whole table. A profile's `extra` may set either key.
        if (!hasExtra(p, "UseDeclareFetch")) rest.add("UseDeclareFetch", "1");
        if (!hasExtra(p, "Fetch")) rest.add("Fetch", "10000");
        break;
    }
    case WarehouseKind::SQLite: {
        rest.add("Database", p.dsn.empty() ? required("database") : p.field("database"));
        // The Quire extension (the functions SQLite lacks) from next to the program, never from a file's settings.
        if (auto extension = sqliteExtensionPath()) rest.add("LoadExt", *extension);
        break;
    }
    }
    for (const auto& [k, v] : p.extra) {
        if (lower(k) == "loadext") continue; // loading native code is not a connection setting a file may choose
        rest.add(k, v);
    }
    if (missing) return *missing;
    return head + rest.str();
}

Expected<std::string> buildConnectionString(const ConnectionProfile& profile, secrets::SecretStore& store) {
    std::map<std::string, std::string> values;
    for (const auto& name : profile.secretNames()) {
        auto v = store.read(ConnectionProfile::secretKey(profile.name, name));
        if (!v) return makeDiagnostic("connect/profile", "connection '" + profile.name + "': " + v.message());
        if (*v) values[name] = **v;
    }
    return buildConnectionString(profile, values);
}

Expected<TablePath> resolveTablePath(const ConnectionProfile& p, const std::vector<std::string>& path) {
    if (path.empty() || path.size() > 3)
        return makeDiagnostic("connect/table-path", "a warehouse-table path has 1 to 3 segments, got " + std::to_string(path.size()));
    TablePath t;
    t.table = path.back();
    if (path.size() >= 2) t.schema = path[path.size() - 2];
    if (path.size() == 3) t.catalog = path[0];
    const bool pgLike = p.kind == WarehouseKind::PostgreSQL || p.kind == WarehouseKind::Redshift;
    if (pgLike && (t.schema.empty() || t.schema == "main")) t.schema = p.field("schema", "public");
    if (p.kind == WarehouseKind::SQLite) {
        if (t.schema.empty()) t.schema = "main";
        t.catalog.clear();
    }
    return t;
}

std::vector<std::string> sigmaPathFor(const ConnectionProfile& p, const TablePath& t) {
    if (p.kind == WarehouseKind::SQLite) return {t.schema.empty() ? "main" : t.schema, t.table};
    const bool threePart = p.kind == WarehouseKind::Snowflake || p.kind == WarehouseKind::BigQuery || p.kind == WarehouseKind::Databricks;
    if (threePart && !t.catalog.empty()) return {t.catalog, t.schema, t.table};
    if (t.schema.empty()) return {p.kind == WarehouseKind::PostgreSQL || p.kind == WarehouseKind::Redshift ? p.field("schema", "public") : "", t.table};
    return {t.schema, t.table};
}

std::string qualifiedTableName(const ConnectionProfile& p, const TablePath& t) {
    const char open = p.kind == WarehouseKind::BigQuery || p.kind == WarehouseKind::Databricks ? '`' : '"';
    auto q = [&](const std::string& s) {
        std::string out(1, open);
        for (char c : s) {
            out.push_back(c);
            if (c == open) out.push_back(c);
        }
        out.push_back(open);
        return out;
    };
    std::string out;
    if (!t.catalog.empty()) out += q(t.catalog) + ".";
    if (!t.schema.empty()) out += q(t.schema) + ".";
    return out + q(t.table);
}

nlohmann::json profileToJson(const ConnectionProfile& p) {
    nlohmann::json j = nlohmann::json::object();
    j["type"] = std::string(warehouseKindName(p.kind));
    if (!p.driver.empty()) j["driver"] = p.driver;
    if (!p.dsn.empty()) j["dsn"] = p.dsn;
    for (const auto& [k, v] : p.fields) j[k] = v;
    if (!p.extra.empty()) j["extra"] = p.extra;
    if (p.maxConnections != 4) j["maxConnections"] = p.maxConnections;
    return j;
}

Expected<ConnectionProfile> profileFromJson(const std::string& name, const nlohmann::json& j) {
    auto refused = [&](const std::string& why) { return makeDiagnostic("connect/profile", "connection '" + name + "' " + why); };
    if (!j.is_object()) return refused("must be a JSON object");
    ConnectionProfile p;
    p.name = name;
    const std::string type = j.contains("type") && j["type"].is_string() ? j["type"].get<std::string>() : std::string();
    auto kind = parseWarehouseKind(type);
    if (!kind) return refused("has an unknown type '" + type + "' (snowflake, bigquery, redshift, databricks, postgresql, sqlite)");
    p.kind = *kind;
    for (const auto& [k, v] : j.items()) {
        if (k == "type" || k == "connectionId") continue;
        if (k == "maxConnections") {
            if (!v.is_number_integer() || v.get<long long>() < 1 || v.get<long long>() > 1024)
                return refused("has a maxConnections that is not a whole number from 1 to 1024");
            p.maxConnections = v.get<int>();
        } else if (k == "extra") {
            if (!v.is_object()) return refused("has an `extra` that is not an object of strings");
            for (const auto& [key, value] : v.items()) {
                if (!value.is_string()) return refused("has an `extra` that is not an object of strings");
                p.extra[key] = value.get<std::string>();
            }
        } else if (k == "driver" || k == "dsn") {
            if (!v.is_string()) return refused("has a `" + k + "` that is not a string");
            (k == "driver" ? p.driver : p.dsn) = v.get<std::string>();
        } else if (v.is_string()) {
            p.fields[k] = v.get<std::string>();
        } else if (v.is_number_integer() || v.is_boolean()) {
            p.fields[k] = v.dump();
        } else {
            return makeDiagnostic("connect/profile", "connection '" + name + "': field '" + k + "' must be a string");
        }
    }
    for (const char* forbidden : {"password", "pwd", "token", "secret", "private_key_passphrase", "secret_access_key"})
        if (p.fields.count(forbidden))
            return refused(std::string("contains the secret field '") + forbidden +
                           "': secrets belong in the keychain or QUIRE_SECRET_* variables, not the mapping file");
    return p;
}

std::string odbcAttributeValue(const std::string& v) {
    const bool needs = v.find_first_of(";{}=") != std::string::npos || (!v.empty() && (v.front() == ' ' || v.back() == ' '));
    if (!needs) return v;
    std::string out = "{";
    for (char c : v) {
        out.push_back(c);
        if (c == '}') out.push_back('}');
    }
    return out + "}";
}

} // namespace quire::connect
