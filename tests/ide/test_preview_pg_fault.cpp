// A warehouse that dies mid-query (issue #10): the PostgreSQL backend running a card's query is terminated from
// another connection; the card turns into an error with the server's message within seconds, never a hang,
// and the next refresh of that card works again on a fresh pooled connection.
#include <catch2/catch.hpp>

#include "engine_preview_provider.h"
#include "main_window.h"

#include <quire/doc/io.h>
#include <test_support.h>

#include <QCoreApplication>
#include <QThread>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <unistd.h>

using namespace quire;
using namespace quire::ide;

namespace {

// The throwaway cluster's settings, written by tests/fixtures/pg-fixture.sh.
std::string pgEnv(const std::string& key) {
    const char* set = std::getenv("QUIRE_PG_ENV_FILE");
    std::ifstream in(set && *set ? std::string(set) : quire::test::binaryDir() + "/pgtest/connection.env");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(key + "=", 0) == 0) return line.substr(key.size() + 1);
    return {};
}

std::string quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string psql(const std::string& sql) {
    const std::string command = "PGPASSWORD=" + quote(pgEnv("QUIRE_PG_PASSWORD")) + " psql -X -At -h " +
                                quote(pgEnv("QUIRE_PG_HOST")) + " -p " + quote(pgEnv("QUIRE_PG_PORT")) + " -U " +
                                quote(pgEnv("QUIRE_PG_USER")) + " -d " + quote(pgEnv("QUIRE_PG_DATABASE")) + " -c " +
                                quote(sql) + " 2>&1";
    std::string out;
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe);
    std::array<char, 4096> buffer{};
    while (std::fgets(buffer.data(), buffer.size(), pipe)) out += buffer.data();
    ::pclose(pipe);
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

// Processes UI events until `done` or the deadline; true when done.
template <typename Done>
bool waitFor(Done done, std::chrono::seconds deadline) {
    const auto end = std::chrono::steady_clock::now() + deadline;
    while (!done()) {
        if (std::chrono::steady_clock::now() > end) return false;
        QCoreApplication::processEvents();
        QThread::msleep(50);
    }
    return true;
}

} // namespace

TEST_CASE("previews: a warehouse that drops the connection mid-query shows an error on the card", "[ide][preview][pg][fault]") {
    REQUIRE_FALSE(pgEnv("QUIRE_PG_HOST").empty());
    const std::string dir = quire::test::makeTempDir("ide-pg-fault");
    const std::string connectionId = "7b2f4d1e-0c3a-4e5b-8f6d-1a2b3c4d5e6f";
    const Json connections = {{"version", 1},
                              {"connections", {{"fault-pg", {{"type", "postgresql"}, {"connectionId", connectionId},
                                                             {"host", pgEnv("QUIRE_PG_HOST")}, {"port", pgEnv("QUIRE_PG_PORT")},
                                                             {"database", pgEnv("QUIRE_PG_DATABASE")}, {"user", pgEnv("QUIRE_PG_USER")}}}}}};
    doc::writeFileAtomically(dir + "/connections.json", connections.dump(2));
    // The password reaches the provider through the secret store's environment backend, as in CI.
    ::setenv("QUIRE_SECRET_CONNECTION_FAULT_PG_PASSWORD", pgEnv("QUIRE_PG_PASSWORD").c_str(), 1);

    // A marker only this process's statement carries: other [pg] tests may be sleeping on the same server.
    const std::string marker = "quire_ide_fault_" + std::to_string(::getpid());
    const Json workbook = {
        {"name", "Slow"},
        {"contents", {{"schemaVersion", 1}, {"kind", "workbook"}, {"pages", {{{"id", "p1"}, {"name", "One"}}}},
                      {"elements", {{{"id", "slow"}, {"kind", "table"}, {"name", "Slow"},
                                     {"source", {{"kind", "sql"}, {"connectionId", connectionId},
                                                 {"statement", "SELECT count(*) AS v FROM (SELECT pg_sleep(30) AS " + marker + ") s"}}},
                                     {"columns", {{{"id", "v"}, {"name", "V"}, {"formula", "[Custom SQL/v]"}}}}}}},
                      {"layout", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Page id=\"p1\"><Element elementId=\"slow\"/></Page>\n"}}}};
    doc::writeFileAtomically(dir + "/slow.json", workbook.dump(2));

    MainWindow window;
    REQUIRE(window.openFile(QString::fromStdString(dir + "/slow.json"), true));
    window.showRegion("p1");
    EnginePreviewProvider provider(window.model(), QString::fromStdString(dir + "/connections.json"));
    window.setPreviewProvider(&provider);

    const std::string activity = "FROM pg_stat_activity WHERE query LIKE '%" + marker + "%' AND pid <> pg_backend_pid()";
    REQUIRE(waitFor([&] { return psql("SELECT count(*) " + activity) == "1"; }, std::chrono::seconds(20)));
    CHECK(provider.data("slow").state == PreviewData::State::Busy);
    const auto killed = std::chrono::steady_clock::now();
    CHECK(psql("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) " + activity + ") t") == "1");

    // 20 s only guards against a hang: the statement itself would sleep 30 s.
    REQUIRE(waitFor([&] { return provider.data("slow").state == PreviewData::State::Error; }, std::chrono::seconds(20)));
    CHECK(std::chrono::steady_clock::now() - killed < std::chrono::seconds(20));
    const std::string error = provider.data("slow").error.toStdString();
    INFO(error);
    CHECK_THAT(error, Catch::Contains("terminating connection due to administrator command"));
    CHECK_THAT(error, !Catch::Contains(pgEnv("QUIRE_PG_PASSWORD")));

    // The dead connection was dropped from the pool: a refresh runs again on a new one (the statement sleeps
    // again, so it is cancelled once it is seen running).
    provider.refresh({"slow"});
    REQUIRE(waitFor([&] { return psql("SELECT count(*) " + activity) == "1"; }, std::chrono::seconds(20)));
    CHECK(provider.cancelElement("slow"));
    REQUIRE(provider.waitIdle(30000));
    CHECK(provider.data("slow").error == "cancelled");
    ::unsetenv("QUIRE_SECRET_CONNECTION_FAULT_PG_PASSWORD");
}
