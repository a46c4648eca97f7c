// Golden connection strings for every warehouse; secrets are injected only when the string is built.
#include <quire/connect/connection_profile.h>
#include <quire/connect/odbc.h>
#include <quire/connect/sqlite_extension.h>
#include <quire/secrets/secret_store.h>
#include <test_support.h>

#include <catch2/catch.hpp>

using namespace quire::connect;

namespace {
ConnectionProfile make(const std::string& name, WarehouseKind kind, std::map<std::string, std::string> fields) {
    ConnectionProfile p;
    p.name = name;
    p.kind = kind;
    p.fields = std::move(fields);
    return p;
}
} // namespace

TEST_CASE("Snowflake password and key-pair strings", "[connect][profile]") {
    auto p = make("sf", WarehouseKind::Snowflake,
                  {{"server", "acme-xy123.snowflakecomputing.com"}, {"user", "ANALYST"}, {"warehouse", "COMPUTE_WH"},
                   {"database", "MARKETING"}, {"schema", "PUBLIC"}, {"role", "REPORTER"}});
    CHECK(buildConnectionString(p, {{"password", "pa;ss"}}).value() ==
          "Driver={SnowflakeDSIIDriver};Server=acme-xy123.snowflakecomputing.com;UID=ANALYST;Warehouse=COMPUTE_WH;"
          "Database=MARKETING;Schema=PUBLIC;Role=REPORTER;Authenticator=snowflake;PWD={pa;ss};");
    CHECK(p.dialect() == quire::sql::DialectId::Snowflake);
    p.fields["authenticator"] = "snowflake_jwt";
    p.fields["private_key_file"] = "/keys/rsa_key.p8";
    p.fields["private_key_encrypted"] = "true";
    CHECK(p.secretNames() == std::vector<std::string>{"private_key_passphrase"});
    CHECK(buildConnectionString(p, {{"private_key_passphrase", "pp"}}).value() ==
          "Driver={SnowflakeDSIIDriver};Server=acme-xy123.snowflakecomputing.com;UID=ANALYST;Warehouse=COMPUTE_WH;"
          "Database=MARKETING;Schema=PUBLIC;Role=REPORTER;Authenticator=snowflake_jwt;PRIV_KEY_FILE=/keys/rsa_key.p8;"
          "PRIV_KEY_FILE_PWD=pp;");
}

TEST_CASE("BigQuery service account string", "[connect][profile]") {
    auto p = make("bq", WarehouseKind::BigQuery,
                  {{"project", "acme-analytics"}, {"dataset", "marketing"}, {"email", "svc@acme.iam.gserviceaccount.com"},
                   {"key_file", "/keys/svc.json"}});
    CHECK(p.secretNames().empty());
    CHECK(buildConnectionString(p, {}).value() ==
          "Driver={Simba ODBC Driver for Google BigQuery};Catalog=acme-analytics;DefaultDataset=marketing;"
          "OAuthMechanism=0;Email=svc@acme.iam.gserviceaccount.com;KeyFilePath=/keys/svc.json;SQLDialect=1;");
    CHECK(p.dialect() == quire::sql::DialectId::BigQuery);
}

TEST_CASE("Redshift password and IAM strings", "[connect][profile]") {
    auto p = make("rs", WarehouseKind::Redshift,
                  {{"server", "c1.abc.us-east-1.redshift.amazonaws.com"}, {"database", "dev"}, {"user", "awsuser"}});
    CHECK(buildConnectionString(p, {{"password", "pw"}}).value() ==
          "Driver={Amazon Redshift (x64)};Server=c1.abc.us-east-1.redshift.amazonaws.com;Port=5439;Database=dev;"
          "UID=awsuser;PWD=pw;");
    p.fields["iam"] = "true";
    p.fields["cluster"] = "c1";
    p.fields["region"] = "us-east-1";
    p.fields["access_key_id"] = "AKIAEXAMPLE";
    CHECK(buildConnectionString(p, {{"secret_access_key", "sk"}}).value() ==
          "Driver={Amazon Redshift (x64)};Server=c1.abc.us-east-1.redshift.amazonaws.com;Port=5439;Database=dev;"
          "IAM=1;ClusterID=c1;Region=us-east-1;DbUser=awsuser;AccessKeyID=AKIAEXAMPLE;SecretAccessKey=sk;");
    CHECK(p.dialect() == quire::sql::DialectId::Redshift);
}

TEST_CASE("Databricks token string", "[connect][profile]") {
    auto p = make("db", WarehouseKind::Databricks,
                  {{"host", "adb-123.azuredatabricks.net"}, {"http_path", "/sql/1.0/warehouses/abc"}});
    CHECK(buildConnectionString(p, {{"token", "dapiXYZ"}}).value() ==
          "Driver={Simba Spark ODBC Driver};Host=adb-123.azuredatabricks.net;Port=443;HTTPPath=/sql/1.0/warehouses/abc;"
          "SSL=1;ThriftTransport=2;AuthMech=3;UID=token;PWD=dapiXYZ;");
    CHECK(p.dialect() == quire::sql::DialectId::Databricks);
}

TEST_CASE("PostgreSQL, SQLite and DSN strings", "[connect][profile]") {
    auto pg = make("local-pg", WarehouseKind::PostgreSQL, {{"host", "127.0.0.1"}, {"port", "5433"}, {"database", "mk"}, {"user", "me"}});
    CHECK(buildConnectionString(pg, {{"password", "x"}}).value() ==
          "Driver={PostgreSQL Unicode};Server=127.0.0.1;Port=5433;Database=mk;Uid=me;Pwd=x;BoolsAsChar=0;UseDeclareFetch=1;"
          "Fetch=10000;");
    auto lite = make("lite", WarehouseKind::SQLite, {{"database", "/data/marketing.db"}});
    // The Quire extension is loaded from next to the program (the build tree's lib/quire for the tests).
    const auto extension = sqliteExtensionPath();
    REQUIRE(extension);
    CHECK(buildConnectionString(lite, {}).value() == "Driver={SQLite3};Database=/data/marketing.db;LoadExt=" + *extension + ";");
    CHECK(lite.dialect() == quire::sql::DialectId::SQLite);
    auto dsn = make("viadsn", WarehouseKind::PostgreSQL, {{"user", "me"}});
    dsn.dsn = "warehouse";
    CHECK(buildConnectionString(dsn, {{"password", "x"}}).value() == "DSN=warehouse;Uid=me;Pwd=x;BoolsAsChar=0;UseDeclareFetch=1;Fetch=10000;");
}

TEST_CASE("a PostgreSQL profile's extra overrides the fetch settings Quire picks", "[connect][profile]") {
    auto pg = make("local-pg", WarehouseKind::PostgreSQL, {{"host", "h"}, {"database", "mk"}, {"user", "me"}});
    pg.extra = {{"usedeclarefetch", "0"}, {"FETCH", "500"}};
    const std::string cs = buildConnectionString(pg, {{"password", "x"}}).value();
    CHECK(cs == "Driver={PostgreSQL Unicode};Server=h;Port=5432;Database=mk;Uid=me;Pwd=x;BoolsAsChar=0;FETCH=500;"
                "usedeclarefetch=0;");
}

TEST_CASE("a connections file cannot choose native code for the SQLite driver to load", "[connect][profile]") {
    auto lite = make("lite", WarehouseKind::SQLite, {{"database", "/data/marketing.db"}});
    lite.extra = {{"LoadExt", "/tmp/evil.so"}, {"loadext", "/tmp/evil2.so"}, {"Timeout", "5000"}};
    const std::string cs = buildConnectionString(lite, {}).value();
    CHECK(cs.find("evil") == std::string::npos);
    CHECK(cs.find("Timeout=5000;") != std::string::npos);
    CHECK(cs.find("LoadExt=" + sqliteExtensionPath().value_or("?")) != std::string::npos);
}

TEST_CASE("the embedded engine runs the extension's functions through the ODBC driver", "[connect][sqlite]") {
    const std::string path = quire::test::makeTempDir("sqlite-ext") + "/ext.db";
    auto result = query(sqliteConnectionString(path),
                        "WITH t(x) AS (VALUES (1), (2), (2), (3), (8), (NULL)) SELECT quire_median(x), quire_mode(x), "
                        "quire_stddev_samp(x), quire_split_part('a-b-c', '-', 2), quire_regexp_extract('order 42', '[0-9]+') FROM t");
    REQUIRE(result.rowCount() == 1);
    CHECK(result.toString(0, 0) == "2");
    CHECK(result.toString(0, 1) == "2");
    CHECK(result.toString(0, 3) == "b");
    CHECK(result.toString(0, 4) == "42");
}

TEST_CASE("missing secrets and fields are clear errors", "[connect][profile]") {
    auto pg = make("local-pg", WarehouseKind::PostgreSQL, {{"host", "h"}});
    const auto missingSecret = buildConnectionString(pg, {});
    REQUIRE_FALSE(missingSecret);
    CHECK(missingSecret.error().rule == "connect/profile");
    CHECK(missingSecret.message().find("QUIRE_SECRET_CONNECTION_LOCAL_PG_PASSWORD") != std::string::npos);
    const auto missingField = buildConnectionString(make("x", WarehouseKind::Databricks, {{"host", "h"}}), {{"token", "t"}});
    REQUIRE_FALSE(missingField);
    CHECK(missingField.message().find("needs the field 'http_path'") != std::string::npos);
    auto store = quire::secrets::makeMemorySecretStore();
    REQUIRE(store->write("connection/local-pg/password", "from-store"));
    CHECK(buildConnectionString(pg, *store).value().find("Pwd=from-store;") != std::string::npos);
}

TEST_CASE("profiles round-trip through JSON without secrets", "[connect][profile]") {
    auto p = make("sf", WarehouseKind::Snowflake, {{"server", "s"}, {"role", "R"}});
    p.extra["CLIENT_SESSION_KEEP_ALIVE"] = "true";
    p.maxConnections = 8;
    auto back = profileFromJson("sf", profileToJson(p)).value();
    CHECK(back.kind == WarehouseKind::Snowflake);
    CHECK(back.fields == p.fields);
    CHECK(back.extra == p.extra);
    CHECK(back.maxConnections == 8);
    CHECK(profileFromJson("x", nlohmann::json{{"type", "postgresql"}, {"password", "leak"}}).message().find("secret field 'password'") != std::string::npos);
    CHECK(profileFromJson("x", nlohmann::json{{"type", "oracle"}}).error().rule == "connect/profile");
    // Hostile types are refused with the field's name (they used to escape as nlohmann type errors).
    CHECK(profileFromJson("x", nlohmann::json{{"type", "postgresql"}, {"driver", 5}}).message().find("`driver`") != std::string::npos);
    CHECK(profileFromJson("x", nlohmann::json{{"type", "postgresql"}, {"maxConnections", "many"}}).message().find("maxConnections") != std::string::npos);
    CHECK(profileFromJson("x", nlohmann::json{{"type", "postgresql"}, {"extra", {{"k", 1}}}}).message().find("`extra`") != std::string::npos);
    CHECK_FALSE(profileFromJson("x", nlohmann::json{{"type", 7}}));
    for (auto d : quire::sql::kAllDialects) {
        auto kind = parseWarehouseKind(quire::sql::dialectName(d));
        REQUIRE(kind);
        CHECK(dialectFor(*kind) == d);
    }
}

TEST_CASE("warehouse-table paths resolve per engine", "[connect][profile]") {
    auto lite = make("sample", WarehouseKind::SQLite, {{"database", "/x.db"}});
    auto pg = make("pg", WarehouseKind::PostgreSQL, {{"host", "h"}});
    auto sf = make("sf", WarehouseKind::Snowflake, {{"server", "s"}});
    auto bq = make("bq", WarehouseKind::BigQuery, {{"project", "p"}});
    CHECK(qualifiedTableName(lite, resolveTablePath(lite, {"main", "user_events"}).value()) == "\"main\".\"user_events\"");
    CHECK(qualifiedTableName(pg, resolveTablePath(pg, {"main", "user_events"}).value()) == "\"public\".\"user_events\"");
    CHECK(qualifiedTableName(pg, resolveTablePath(pg, {"mart", "orders"}).value()) == "\"mart\".\"orders\"");
    CHECK(qualifiedTableName(sf, resolveTablePath(sf, {"MARKETING", "ANALYTICS", "USER_EVENTS"}).value()) ==
          "\"MARKETING\".\"ANALYTICS\".\"USER_EVENTS\"");
    CHECK(qualifiedTableName(bq, resolveTablePath(bq, {"proj", "ds", "t`x"}).value()) == "`proj`.`ds`.`t``x`");
    CHECK(resolveTablePath(pg, {}).error().rule == "connect/table-path");
}

TEST_CASE("a catalog table becomes the path Sigma validates, and resolves back to the same table", "[connect][profile]") {
    auto lite = make("sample", WarehouseKind::SQLite, {{"database", "/x.db"}});
    auto pg = make("pg", WarehouseKind::PostgreSQL, {{"host", "h"}});
    auto sf = make("sf", WarehouseKind::Snowflake, {{"server", "s"}});
    CHECK(sigmaPathFor(lite, {"", "", "orders"}) == std::vector<std::string>{"main", "orders"}); // the SQLite driver lists no schema
    CHECK(sigmaPathFor(pg, {"quire", "mart", "orders"}) == std::vector<std::string>{"mart", "orders"});
    CHECK(sigmaPathFor(pg, {"", "", "orders"}) == std::vector<std::string>{"public", "orders"});
    CHECK(sigmaPathFor(sf, {"MARKETING", "ANALYTICS", "EVENTS"}) == std::vector<std::string>{"MARKETING", "ANALYTICS", "EVENTS"});
    for (const auto* profile : {&lite, &pg, &sf}) {
        const TablePath listed{"DB", "s", "t"};
        const TablePath back = resolveTablePath(*profile, sigmaPathFor(*profile, listed)).value();
        CHECK(back.table == "t");
    }
}
