#pragma once
// The embedded "Marketing Analytics" sample warehouse: a deterministic generator (fixed seed) of the tables
// users, channels, campaigns, sessions, user_events, conversions, orders. The same rows go to SQLite
// (generateSqlite) or PostgreSQL (loadPostgres through psql COPY). Lower-case unquoted names in both.
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>

namespace quire::connect {

// How far a generation is: rows written so far of about `expectedRows` (an estimate until the last call, which
// has rows == expectedRows), and the table being written.
struct SampleProgress {
    std::int64_t rows = 0;
    std::int64_t expectedRows = 0;
    std::string table;
};
// Called every few thousand rows and once at the end; returning false stops the generation (SampleCancelled).
using SampleProgressFn = std::function<bool(const SampleProgress&)>;

struct SampleOptions {
    static constexpr std::int64_t kDefaultEventRows = 1'000'000;
    static constexpr std::uint64_t kDefaultSeed = 20240101;
    // A constructor rather than an aggregate, so {rows, seed} leaves the progress callback out without a warning.
    SampleOptions(std::int64_t rows = kDefaultEventRows, std::uint64_t seedValue = kDefaultSeed, SampleProgressFn report = {})
        : eventRows(rows), seed(seedValue), progress(std::move(report)) {}
    std::int64_t eventRows; // user_events rows; other tables scale from it
    std::uint64_t seed;
    SampleProgressFn progress;
};

// Thrown by the generators when `progress` asked to stop; generateSqlite leaves no file (and no temporary) then.
class SampleCancelled : public std::runtime_error {
public:
    SampleCancelled() : std::runtime_error("the sample warehouse generation was cancelled") {}
};

// About how many rows a generation writes in all (every table), for a progress bar.
std::int64_t expectedSampleRows(const SampleOptions& options);

struct SampleCounts {
    std::int64_t users = 0, channels = 0, campaigns = 0, sessions = 0, events = 0, conversions = 0, orders = 0;
};

// Default file: $XDG_DATA_HOME/quire/marketing.db (~/.local/share/quire/marketing.db).
std::string defaultSampleWarehousePath();
// Generates the default-size file at defaultSampleWarehousePath() if it does not exist; returns the path.
// One generation at a time in a process: a second caller waits for the first and finds the file.
std::string ensureSampleWarehouse(const SampleProgressFn& progress = {});
// After the user cancelled the generation (IDE), ensureSampleWarehouse no longer starts one behind their back: it
// throws a runtime_error saying the file was not generated, which previews show on the card.
void allowSampleWarehouseGeneration(bool allowed);
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
