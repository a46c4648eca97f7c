// Loads the sample warehouse into PostgreSQL: one psql subprocess, DROP/CREATE and COPY ... FROM STDIN with the
// rows inline, all in one transaction. The password goes through PGPASSWORD, never the command line.
#include <quire/connect/sample_warehouse.h>
#include <quire/core/file_io.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace quire::connect {
namespace {

std::string shellQuote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += "'\\''";
        else out.push_back(c);
    }
    return out + "'";
}

// A double-quoted PostgreSQL identifier ("" inside).
std::string quotePgIdentifier(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out.push_back(c);
    }
    return out + "\"";
}

std::string findPsql() {
    if (const char* p = std::getenv("QUIRE_PSQL"); p && *p) return p;
    for (const char* p : {"/usr/lib/postgresql/15/bin/psql", "/usr/bin/psql"})
        if (access(p, X_OK) == 0) return p;
    return "psql";
}

class PsqlSink final : public SampleSink {
public:
    explicit PsqlSink(const PostgresTarget& t) {
        setenv("PGPASSWORD", t.password.c_str(), 1);
        const std::string cmd = shellQuote(findPsql()) + " -X -q -v ON_ERROR_STOP=1 -h " + shellQuote(t.host) + " -p " +
                                shellQuote(t.port) + " -U " + shellQuote(t.user) + " -d " + shellQuote(t.database) +
                                " >/dev/null";
        pipe_ = popen(cmd.c_str(), "w");
        unsetenv("PGPASSWORD");
        if (!pipe_) throw std::runtime_error("cannot start psql");
        buffer_.reserve(1 << 20);
        buffer_ = "SET client_min_messages = warning;\n";
        // A separate schema keeps this copy apart from tables other users of the database rely on.
        if (!t.schema.empty())
            buffer_ += "CREATE SCHEMA IF NOT EXISTS " + quotePgIdentifier(t.schema) + ";\nSET search_path TO " +
                       quotePgIdentifier(t.schema) + ";\n";
        buffer_ += "BEGIN;\n";
    }
    ~PsqlSink() override {
        if (pipe_) pclose(pipe_);
    }
    void beginTable(const std::string& table, const std::string& createSql, int columns) override {
        columns_ = columns;
        tables_ += (tables_.empty() ? "" : ", ") + table;
        buffer_ += "DROP TABLE IF EXISTS " + table + " CASCADE;\n" + createSql + ";\nCOPY " + table + " FROM STDIN;\n";
    }
    void row(const char* const* values) override {
        for (int i = 0; i < columns_; ++i) {
            if (i) buffer_.push_back('\t');
            if (values[i]) buffer_ += values[i];
            else buffer_ += "\\N";
        }
        buffer_.push_back('\n');
        if (buffer_.size() > (1 << 20) - 4096) flush();
    }
    void endTable() override { buffer_ += "\\.\n"; }
    void finish() {
        buffer_ += "COMMIT;\nANALYZE " + tables_ + ";\n";
        flush();
        const int status = pclose(pipe_);
        pipe_ = nullptr;
        if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
            throw std::runtime_error("psql failed while loading the sample warehouse (exit status " +
                                     std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
    }

private:
    void flush() {
        if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), pipe_) != buffer_.size())
            throw std::runtime_error("psql stopped reading (see its error output)");
        buffer_.clear();
    }
    FILE* pipe_ = nullptr;
    std::string buffer_;
    int columns_ = 0;
    std::string tables_;
};

} // namespace

PostgresTarget readPostgresEnvFile(const std::string& envFile) {
    FileReadResult read = readFileBounded(envFile, std::size_t(1) << 20); // a few short lines
    if (!read.ok()) throw std::runtime_error("cannot read " + envFile + ": " + read.message);
    std::istringstream in(read.bytes);
    PostgresTarget t;
    std::string line;
    while (std::getline(in, line)) {
        auto eq = line.find('=');
        if (eq == std::string::npos) continue;
        const std::string k = line.substr(0, eq), v = line.substr(eq + 1);
        if (k == "QUIRE_PG_HOST") t.host = v;
        else if (k == "QUIRE_PG_PORT") t.port = v;
        else if (k == "QUIRE_PG_DATABASE") t.database = v;
        else if (k == "QUIRE_PG_USER") t.user = v;
        else if (k == "QUIRE_PG_PASSWORD") t.password = v;
    }
    if (t.host.empty() || t.port.empty() || t.database.empty() || t.user.empty())
        throw std::runtime_error(envFile + ": needs QUIRE_PG_HOST, QUIRE_PG_PORT, QUIRE_PG_DATABASE and QUIRE_PG_USER");
    return t;
}

SampleCounts loadPostgres(const PostgresTarget& target, const SampleOptions& options) {
    std::signal(SIGPIPE, SIG_IGN);
    PsqlSink sink(target);
    SampleCounts counts = generateSample(sink, options);
    sink.finish();
    return counts;
}

} // namespace quire::connect
