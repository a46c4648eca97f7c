#include "cli_run.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <test_support.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <chrono>
#include <csignal>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace quire::test::cli {

std::string shellQuote(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

std::string quireBinary() { return quire::test::binaryDir() + "/bin/quire"; }

Sandbox::Sandbox(const std::string& tag) {
    dir = quire::test::makeTempDir(tag);
    config = dir + "/config";
    data = dir + "/data";
    home = dir + "/home";
    for (const auto& d : {config, data, home}) std::filesystem::create_directories(d);
}

std::string capture(const std::string& command, int& exitCode) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    std::size_t n = 0;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
    const int status = pclose(pipe);
    exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return out;
}

namespace {
int counter = 0;

// The shell command that runs quire in the sandbox; only the sandbox decides where profiles, the sample and
// secrets come from.
std::string commandFor(const Sandbox& box, const std::string& arguments, const std::string& stdinFile, int guardSeconds) {
    std::string command = (box.umask.empty() ? "" : "umask " + box.umask + "; ") +
                          "exec env -u QUIRE_CONNECTIONS_FILE -u DBUS_SESSION_BUS_ADDRESS XDG_CONFIG_HOME=" +
                          shellQuote(box.config) + " XDG_DATA_HOME=" + shellQuote(box.data) + " HOME=" + shellQuote(box.home);
    for (const auto& e : box.env) command += " " + shellQuote(e);
    return command + " timeout -k 5 " + std::to_string(guardSeconds) + " " + shellQuote(quireBinary()) + " " + arguments + " <" +
           shellQuote(stdinFile);
}
} // namespace

Run Sandbox::run(const std::string& arguments, const std::string& stdinFile, int guardSeconds) const {
    const std::string errFile = dir + "/stderr-" + std::to_string(counter++);
    Run run;
    run.out = capture(commandFor(*this, arguments, stdinFile, guardSeconds) + " 2>" + shellQuote(errFile), run.exitCode);
    run.err = quire::test::readFile(errFile);
    return run;
}

Sandbox::Background Sandbox::start(const std::string& arguments, int guardSeconds) const {
    Background b;
    const std::string n = std::to_string(counter++);
    b.outFile = dir + "/stdout-" + n;
    b.errFile = dir + "/stderr-" + n;
    const std::string command = commandFor(*this, arguments, "/dev/null", guardSeconds) + " >" + shellQuote(b.outFile) +
                                " 2>" + shellQuote(b.errFile);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    b.pid = pid;
    return b;
}

std::optional<Run> Sandbox::wait(const Background& b, int seconds) const {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    int status = 0;
    while (::waitpid(b.pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(b.pid, SIGTERM); // timeout(1) passes it on to quire
            ::waitpid(b.pid, &status, 0);
            return std::nullopt;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    Run run;
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = quire::test::readFile(b.outFile);
    run.err = quire::test::readFile(b.errFile);
    return run;
}

void Sandbox::generateSample(int rows) const {
    const Run r = run("warehouse generate --rows " + std::to_string(rows) + " -o " + shellQuote(sampleDatabase()));
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
}

std::string sqliteScalar(const std::string& database, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    const int prepared = sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
    INFO(sql << ": " << sqlite3_errmsg(db));
    REQUIRE(prepared == SQLITE_OK);
    std::string value;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        value = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return value;
}

std::string pgEnv(const std::string& key) {
    // ctest may pass only the first entry of the test environment: fall back to the fixture's usual place.
    const char* set = std::getenv("QUIRE_PG_ENV_FILE");
    std::ifstream in(set && *set ? std::string(set) : quire::test::binaryDir() + "/pgtest/connection.env");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(key + "=", 0) == 0) return line.substr(key.size() + 1);
    return {};
}

std::string psql(const std::string& sql) {
    REQUIRE_FALSE(pgEnv("QUIRE_PG_HOST").empty());
    const std::string command = "PGPASSWORD=" + shellQuote(pgEnv("QUIRE_PG_PASSWORD")) + " psql -X -At -v ON_ERROR_STOP=1 -h " +
                                shellQuote(pgEnv("QUIRE_PG_HOST")) + " -p " + shellQuote(pgEnv("QUIRE_PG_PORT")) + " -U " +
                                shellQuote(pgEnv("QUIRE_PG_USER")) + " -d " + shellQuote(pgEnv("QUIRE_PG_DATABASE")) +
                                " -c " + shellQuote(sql) + " 2>&1";
    int code = -1;
    std::string out = capture(command, code);
    INFO(sql << "\n" << out);
    REQUIRE(code == 0);
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

} // namespace quire::test::cli
