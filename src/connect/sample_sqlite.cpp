// Writes the sample warehouse into a SQLite file (one transaction, prepared inserts).
#include <quire/connect/sample_warehouse.h>
#include <quire/core/file_io.h>

#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <atomic>
#include <mutex>
#include <stdexcept>

namespace quire::connect {
namespace fs = std::filesystem;
namespace {

class SqliteSink final : public SampleSink {
public:
    explicit SqliteSink(const std::string& path) {
        if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
            std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            throw std::runtime_error("cannot create " + path + ": " + msg);
        }
        exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN");
    }
    ~SqliteSink() override {
        if (insert_) sqlite3_finalize(insert_);
        sqlite3_close(db_);
    }
    void commit() { exec("COMMIT"); }
    void beginTable(const std::string& table, const std::string& createSql, int columns) override {
        exec(createSql);
        std::string sql = "INSERT INTO " + table + " VALUES (";
        for (int i = 0; i < columns; ++i) sql += i ? ",?" : "?";
        sql += ")";
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &insert_, nullptr) != SQLITE_OK) fail("prepare " + table);
        columns_ = columns;
    }
    void row(const char* const* values) override {
        for (int i = 0; i < columns_; ++i) {
            if (values[i])
                sqlite3_bind_text(insert_, i + 1, values[i], -1, SQLITE_TRANSIENT);
            else
                sqlite3_bind_null(insert_, i + 1);
        }
        if (sqlite3_step(insert_) != SQLITE_DONE) fail("insert");
        sqlite3_reset(insert_);
    }
    void endTable() override {
        sqlite3_finalize(insert_);
        insert_ = nullptr;
    }

private:
    void exec(const std::string& sql) {
        char* err = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
            std::string msg = err ? err : "unknown error";
            sqlite3_free(err);
            throw std::runtime_error("sqlite: " + msg + " in: " + sql.substr(0, 80));
        }
    }
    [[noreturn]] void fail(const std::string& what) { throw std::runtime_error("sqlite " + what + ": " + sqlite3_errmsg(db_)); }
    sqlite3* db_ = nullptr;
    sqlite3_stmt* insert_ = nullptr;
    int columns_ = 0;
};

} // namespace

std::string defaultSampleWarehousePath() {
    fs::path base(".");
    if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) base = fs::path(x);
    else if (const char* h = std::getenv("HOME"); h && *h) base = fs::path(h) / ".local/share";
    return (base / "quire" / "marketing.db").string();
}

SampleCounts generateSqlite(const std::string& path, const SampleOptions& options) {
    fs::path target(path);
    if (target.has_parent_path()) fs::create_directories(target.parent_path());
    SampleCounts counts;
    bool cancelled = false;
    // Readers never see a half-written database; a failed or killed run leaves the old file (and no temporary).
    try {
        replaceFileAtomically(path, [&](int, const std::string& temporary) {
            SqliteSink sink(temporary);
            try {
                counts = generateSample(sink, options);
            } catch (const SampleCancelled&) {
                cancelled = true;
                throw;
            }
            sink.commit();
        });
    } catch (const std::exception&) {
        if (cancelled) throw SampleCancelled(); // replaceFileAtomically reports every failure as a file error
        throw;
    }
    return counts;
}

namespace {
std::atomic<bool> generationAllowed{true};
}

void allowSampleWarehouseGeneration(bool allowed) { generationAllowed = allowed; }

std::string ensureSampleWarehouse(const SampleProgressFn& progress) {
    static std::mutex generating;
    const std::lock_guard lock(generating);
    const std::string path = defaultSampleWarehousePath();
    if (!fs::exists(path)) {
        if (!generationAllowed)
            throw std::runtime_error(path + " was not generated (cancelled); run `quire warehouse generate` or restart Quire");
        SampleOptions options;
        options.progress = progress;
        generateSqlite(path, options);
    }
    return path;
}

} // namespace quire::connect
