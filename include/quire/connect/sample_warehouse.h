#pragma once
// The embedded "Marketing Analytics" sample warehouse: a deterministic generator (fixed seed) of the tables
// users, channels, campaigns, sessions, user_events, conversions, orders. The same rows go to SQLite
// (generateSqlite) or PostgreSQL (loadPostgres through psql COPY). Lower-case unquoted names in both.
#include <cstdint>
#include <functional>
#include <string>

namespace quire::connect {

struct SampleOptions {
    std::int64_t eventRows = 1'000'000; // user_events rows; other tables scale from it
    std::uint64_t seed = 20240101;
};

struct SampleCounts {
    std::int64_t users = 0, channels = 0, campaigns = 0, sessions = 0, events = 0, conversions = 0, orders = 0;
};

// Default file: $XDG_DATA_HOME/quire/marketing.db (~/.local/share/quire/marketing.db).
std::string defaultSampleWarehousePath();
// Generates the default-size file at defaultSampleWarehousePath() if it does not exist; returns the path.
std::string ensureSampleWarehouse();
// Writes a fresh SQLite file (replacing `path`).
SampleCounts generateSqlite(const std::string& path, const SampleOptions& options = {});

struct PostgresTarget {
    std::string host, port, database, user, password;
    std::string schema; // load into this schema (created if missing) instead of the role's search_path
};
PostgresTarget readPostgresEnvFile(const std::string& envFile); // QUIRE_PG_HOST/PORT/DATABASE/USER/PASSWORD
// Drops and recreates the tables and loads them with COPY through a psql subprocess (password via PGPASSWORD).
SampleCounts loadPostgres(const PostgresTarget& target, const SampleOptions& options);

// The generator itself: calls `sink(table, createSql, row text in COPY format)`; used by both loaders.
struct SampleSink {
    virtual ~SampleSink() = default;
    virtual void beginTable(const std::string& table, const std::string& createSql, int columns) = 0;
    // Values are text (NULL = nullptr); dates "YYYY-MM-DD", timestamps "YYYY-MM-DD HH:MM:SS".
    virtual void row(const char* const* values) = 0;
    virtual void endTable() = 0;
};
SampleCounts generateSample(SampleSink& sink, const SampleOptions& options);

} // namespace quire::connect
