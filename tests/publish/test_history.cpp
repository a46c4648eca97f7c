// .quire/history: append-only JSONL records and content-addressed objects, read back defensively.
#include <quire/doc/io.h>
#include <quire/publish/history.h>

#include <catch2/catch.hpp>

#include <filesystem>

#include "test_support.h"

using namespace quire;
using namespace quire::publish;

TEST_CASE("publishes are recorded and their bodies stored by hash", "[publish][history]") {
    const std::string dir = test::makeTempDir("history");
    std::filesystem::create_directories(dir + "/workbooks");
    History history{dir};
    const std::string file = dir + "/workbooks/sales.yaml";
    CHECK(history.read(file).empty());
    const std::string body = "{\n  \"kind\": \"workbook\"\n}\n";
    const std::string hash = history.storeObject(body);
    CHECK(hash == sha256Hex(body));
    CHECK(history.storeObject(body) == hash); // stored once
    HistoryEntry e;
    e.who = "Ada <ada@example.com>";
    e.when = "2026-12-05T17:00:00Z";
    e.environment = "prod";
    e.action = "publish";
    e.workbookId = "wb-1";
    e.hash = hash;
    e.documentVersion = 3;
    e.tag = "v1";
    history.append(file, e);
    e.documentVersion = 4;
    e.environment.clear();
    history.append(file, e);
    const std::string log = test::readFile(dir + "/.quire/history/sales.jsonl");
    CHECK(log == "{\"file\":\"workbooks/sales.yaml\",\"who\":\"Ada <ada@example.com>\",\"when\":\"2026-12-05T17:00:00Z\","
                 "\"environment\":\"prod\",\"action\":\"publish\",\"workbookId\":\"wb-1\",\"hash\":\"" + hash +
                     "\",\"documentVersion\":3,\"tag\":\"v1\"}\n"
                 "{\"file\":\"workbooks/sales.yaml\",\"who\":\"Ada <ada@example.com>\",\"when\":\"2026-12-05T17:00:00Z\","
                 "\"environment\":null,\"action\":\"publish\",\"workbookId\":\"wb-1\",\"hash\":\"" + hash +
                     "\",\"documentVersion\":4,\"tag\":\"v1\"}\n");
    auto entries = history.read(file);
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].environment == "prod");
    CHECK(entries[1].environment.empty());
    CHECK(entries[1].documentVersion == std::optional<long long>(4));
    CHECK(history.loadObject(hash).value() == body);
    // Another workbook with the same stem is kept apart.
    std::filesystem::create_directories(dir + "/other");
    CHECK(history.read(dir + "/other/sales.yaml").empty());
}

TEST_CASE("a hostile history is read without harm", "[publish][history][hostile]") {
    const std::string dir = test::makeTempDir("history-hostile");
    History history{dir};
    const std::string file = dir + "/wb.yaml";
    std::filesystem::create_directories(dir + "/.quire/history");
    const std::string good = sha256Hex("x");
    doc::writeFileAtomically(history.logPathFor(file),
                             "not json\n" + std::string(100000, '[') + "\n"
                             "{\"file\": \"wb.yaml\", \"workbookId\": \"w\", \"hash\": \"../../../etc/passwd\"}\n"
                             "{\"file\": \"wb.yaml\", \"workbookId\": \"w\", \"hash\": \"" + good + "\", \"documentVersion\": 1e400}\n"
                             "{\"file\": \"wb.yaml\", \"workbookId\": \"w\", \"hash\": \"" + good + "\", \"documentVersion\": 2}\n");
    std::vector<Diagnostic> problems;
    auto entries = history.read(file, &problems);
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].documentVersion == std::optional<long long>(2));
    REQUIRE(problems.size() == 4);
    CHECK(problems[0].location.line == 1);
    CHECK(problems[1].message.find("deeper than") != std::string::npos);
    CHECK(problems[2].location.line == 3);
    // Object names are hashes, and an object must match its name.
    const auto escape = history.loadObject("../../../etc/passwd");
    REQUIRE_FALSE(escape);
    CHECK(escape.error().rule == "history/object");
    CHECK(escape.message().find("not a SHA-256") != std::string::npos);
    std::filesystem::create_directories(dir + "/.quire/history/objects");
    doc::writeFileAtomically(history.objectPath(good), "edited");
    CHECK(history.loadObject(good).message().find("does not match its hash") != std::string::npos);
}

TEST_CASE("the history lives at the project root, else the repository root", "[publish][history]") {
    const std::string dir = test::makeTempDir("history-root");
    std::filesystem::create_directories(dir + "/repo/.git");
    std::filesystem::create_directories(dir + "/repo/a/b");
    CHECK(historyRootFor(dir + "/repo/a/b/wb.yaml", "/project") == "/project");
    CHECK(historyRootFor(dir + "/repo/a/b/wb.yaml") == std::filesystem::path(dir + "/repo").lexically_normal().string());
    doc::writeFileAtomically(dir + "/repo/a/quire.yaml", "environments: {}\n");
    CHECK(std::filesystem::equivalent(historyRootFor(dir + "/repo/a/b/wb.yaml"), dir + "/repo/a"));
    CHECK(isSha256Hex(sha256Hex("")));
    CHECK_FALSE(isSha256Hex(std::string(64, 'g')));
    CHECK(utcNow().size() == 20);
    CHECK(utcNow().back() == 'Z');
    CHECK_FALSE(currentPublisher(dir).empty());
}

TEST_CASE("the history is never written through a symbolic link", "[publish][history][hostile]") {
    namespace fs = std::filesystem;
    const std::string dir = test::makeTempDir("history-symlink");
    const std::string outside = test::makeTempDir("history-symlink-target");
    doc::writeFileAtomically(outside + "/victim", "keep\n");
    fs::create_directories(dir + "/.quire/history");
    fs::create_symlink(outside + "/victim", dir + "/.quire/history/wb.jsonl");
    History history{dir};
    HistoryEntry e;
    e.workbookId = "w";
    e.hash = sha256Hex("x");
    CHECK_THROWS_WITH(history.append(dir + "/wb.yaml", e), Catch::Contains("is a symbolic link"));
    CHECK(test::readFile(outside + "/victim") == "keep\n");
    fs::create_symlink(outside, dir + "/.quire/history/objects");
    CHECK_THROWS_WITH(history.storeObject("body"), Catch::Contains("is a symbolic link"));
    CHECK_FALSE(fs::exists(outside + "/" + sha256Hex("body")));
    const std::string linked = test::makeTempDir("history-symlink-root");
    fs::create_symlink(outside, linked + "/.quire");
    CHECK_THROWS_WITH(History{linked}.storeObject("body"), Catch::Contains("is a symbolic link"));
}
