#pragma once
// Running the quire binary of this build as a user would, in a sandbox of its own (config, data and home
// directories under the build tree), plus independent ways to compute expected values: the SQLite C API on the
// sample file and psql on the PostgreSQL fixture.
#include <optional>
#include <string>
#include <vector>

namespace quire::test::cli {

struct Run {
    int exitCode = -1; // 124: the hang guard (timeout) fired
    std::string out;
    std::string err;
};

std::string shellQuote(const std::string& text);

// A private XDG_CONFIG_HOME / XDG_DATA_HOME / HOME; the connections file is <config>/quire/connections.json.
struct Sandbox {
    explicit Sandbox(const std::string& tag);
    std::string dir, config, data, home;
    std::vector<std::string> env; // extra NAME=value assignments for every run (e.g. QUIRE_SECRET_*)
    std::string umask;            // e.g. "077": the umask quire runs with (default: the test's own)
    std::string connectionsFile() const { return config + "/quire/connections.json"; }
    std::string sampleDatabase() const { return data + "/quire/marketing.db"; }

    // arguments: shell words, already quoted where needed. stdinFile: redirected to standard input.
    Run run(const std::string& arguments, const std::string& stdinFile = "/dev/null", int guardSeconds = 120) const;
    // The same, in the background (for tests that act while it runs); wait() reaps it within `seconds`, or
    // kills it and returns nullopt.
    struct Background {
        int pid = -1;
        std::string outFile, errFile;
    };
    Background start(const std::string& arguments, int guardSeconds = 120) const;
    std::optional<Run> wait(const Background& background, int seconds) const;
    // `quire warehouse generate` into this sandbox's default sample path (what the built-in connection uses).
    void generateSample(int rows = 3000) const;
};

// The quire binary of this build.
std::string quireBinary();

// First column of the first row of `sql` on a SQLite file, as text ("" for NULL).
std::string sqliteScalar(const std::string& database, const std::string& sql);

// Values of the PostgreSQL fixture's connection.env (QUIRE_PG_HOST, ...); empty when there is no fixture.
std::string pgEnv(const std::string& key);
// psql -At on the fixture database: the output without its trailing newline. Fails the test on error.
std::string psql(const std::string& sql);
// Runs a shell command, returning its stdout and setting its exit code.
std::string capture(const std::string& command, int& exitCode);

} // namespace quire::test::cli
