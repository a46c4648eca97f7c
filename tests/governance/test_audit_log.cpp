// The audit log: SHA-256 vectors, the hash chain, and `verify` naming each kind of tampering (an edited field,
// a re-hashed edit, a removed line, swapped lines, a cut-off end, appended garbage, hostile lines); appends
// from two processes; an unwritable location.
#include <quire/governance/audit_log.h>
#include <quire/governance/sha256.h>

#include <catch2/catch.hpp>
#include <test_support.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/wait.h>
#include <unistd.h>

using namespace quire;
namespace audit = quire::governance::audit;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> lines(const std::string& path) {
    std::istringstream in(test::readFile(path));
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

void writeLines(const std::string& path, const std::vector<std::string>& text, bool finalNewline = true) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    for (std::size_t i = 0; i < text.size(); ++i) out << text[i] << (i + 1 < text.size() || finalNewline ? "\n" : "");
}

// A log of `n` preview-query entries, one per minute from 2026-01-01T10:00:00Z.
std::string makeLog(const std::string& tag, int n = 5) {
    const std::string path = test::makeTempDir(tag) + "/data/quire/audit.jsonl";
    for (int i = 0; i < n; ++i) {
        audit::Entry e;
        e.action = "preview-query";
        e.workbook = "sales.yaml";
        e.element = "orders-" + std::to_string(i + 1);
        e.sqlHash = audit::sqlHash("SELECT * FROM t WHERE a = ?");
        e.rows = 10 * (i + 1);
        e.persona = "ana@example.com";
        char time[32];
        std::snprintf(time, sizeof time, "2026-01-01T10:%02d:00Z", i);
        REQUIRE(audit::append(path, e, time));
    }
    return path;
}

Diagnostic problemOf(const std::string& path) {
    auto report = audit::verify(path);
    REQUIRE(report);
    REQUIRE(report->problem);
    return *report->problem;
}

} // namespace

TEST_CASE("SHA-256 matches the FIPS 180-4 test vectors", "[audit]") {
    using governance::sha256Hex;
    CHECK(sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(sha256Hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    // 55, 56 and 64 bytes: the padding's edge cases.
    CHECK(sha256Hex(std::string(55, 'a')) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    CHECK(sha256Hex(std::string(56, 'a')) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    CHECK(sha256Hex(std::string(64, 'a')) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

TEST_CASE("audit entries are chained lines with the fields of the action", "[audit]") {
    const std::string path = makeLog("audit-chain", 3);
    const auto text = lines(path);
    REQUIRE(text.size() == 3);
    const Json first = Json::parse(text[0]);
    CHECK(first["seq"] == 1);
    CHECK(first["time"] == "2026-01-01T10:00:00Z");
    CHECK(first["user"] == audit::osUser());
    CHECK(first["action"] == "preview-query");
    CHECK(first["element"] == "orders-1");
    CHECK(first["rows"] == 10);
    CHECK(first["persona"] == "ana@example.com");
    CHECK(first["sqlHash"] == governance::sha256Hex("SELECT * FROM t WHERE a = ?"));
    CHECK(first["prev"] == std::string(64, '0'));
    const Json second = Json::parse(text[1]);
    CHECK(second["seq"] == 2);
    CHECK(second["prev"] == governance::sha256Hex(text[0]));
    // `hash` covers the entry without itself.
    Json body = second;
    body.erase("hash");
    CHECK(second["hash"] == governance::sha256Hex(body.dump()));
    CHECK(fs::exists(path + ".head"));
    CHECK((fs::status(path).permissions() & fs::perms::others_read) == fs::perms::none);

    auto report = audit::verify(path);
    REQUIRE(report);
    CHECK(report->ok());
    CHECK(report->entries == 3);
}

TEST_CASE("audit verify names an edited entry", "[audit]") {
    const std::string path = makeLog("audit-edit");
    auto text = lines(path);
    const auto at = text[2].find("\"rows\":30");
    REQUIRE(at != std::string::npos);
    text[2].replace(at, 9, "\"rows\":3");
    writeLines(path, text);
    const Diagnostic d = problemOf(path);
    CHECK(d.rule == "audit/edited");
    CHECK(d.location.line == 3);
    CHECK(d.message.find("line 3") != std::string::npos);
    CHECK(d.message.find("no longer matches its hash") != std::string::npos);
}

TEST_CASE("audit verify names an edited entry whose hash was recomputed", "[audit]") {
    const std::string path = makeLog("audit-rehash");
    auto text = lines(path);
    Json entry = Json::parse(text[2]);
    entry.erase("hash");
    entry["rows"] = 3;
    const std::string body = entry.dump();
    text[2] = body.substr(0, body.size() - 1) + ",\"hash\":\"" + governance::sha256Hex(body) + "\"}";
    writeLines(path, text);
    const Diagnostic d = problemOf(path);
    CHECK(d.rule == "audit/edited");
    CHECK(d.location.line == 3);
    CHECK(d.message.find("re-hashed") != std::string::npos);
}

TEST_CASE("audit verify names a re-hashed last entry (the head record)", "[audit]") {
    const std::string path = makeLog("audit-rehash-last");
    auto text = lines(path);
    Json entry = Json::parse(text[4]);
    entry.erase("hash");
    entry["outcome"] = "failed";
    const std::string body = entry.dump();
    text[4] = body.substr(0, body.size() - 1) + ",\"hash\":\"" + governance::sha256Hex(body) + "\"}";
    writeLines(path, text);
    const Diagnostic d = problemOf(path);
    CHECK(d.rule == "audit/edited");
    CHECK(d.location.line == 5);
    CHECK(d.message.find("not the last line Quire wrote") != std::string::npos);
}

TEST_CASE("audit verify names a removed entry", "[audit]") {
    const std::string path = makeLog("audit-remove");
    auto text = lines(path);
    text.erase(text.begin() + 2);
    writeLines(path, text);
    const Diagnostic d = problemOf(path);
    CHECK(d.rule == "audit/removed");
    CHECK(d.location.line == 3);
    CHECK(d.message.find("entry #4") != std::string::npos);

    SECTION("the first line") {
        auto again = lines(path);
        again.erase(again.begin());
        writeLines(path, again);
        const Diagnostic first = problemOf(path);
        CHECK(first.rule == "audit/removed");
        CHECK(first.location.line == 1);
    }
}

TEST_CASE("audit verify names reordered entries", "[audit]") {
    const std::string path = makeLog("audit-swap");
    auto text = lines(path);
    std::swap(text[1], text[2]);
    writeLines(path, text);
    const Diagnostic d = problemOf(path);
    CHECK(d.rule == "audit/reordered");
    CHECK(d.location.line == 2);
    CHECK(d.message.find("line 3") != std::string::npos);
}

TEST_CASE("audit verify names a truncated log", "[audit]") {
    const std::string path = makeLog("audit-truncate");
    auto text = lines(path);
    SECTION("whole lines cut off the end") {
        text.resize(3);
        writeLines(path, text);
        const Diagnostic d = problemOf(path);
        CHECK(d.rule == "audit/truncated");
        CHECK(d.location.line == 3);
        CHECK(d.message.find("5 entries were written") != std::string::npos);
    }
    SECTION("the last line cut in the middle") {
        text[4].resize(text[4].size() / 2);
        writeLines(path, text, false);
        const Diagnostic d = problemOf(path);
        CHECK(d.rule == "audit/truncated");
        CHECK(d.location.line == 5);
    }
    SECTION("the head record removed") {
        fs::remove(path + ".head");
        CHECK(problemOf(path).rule == "audit/truncated");
    }
}

TEST_CASE("audit verify names garbage and hostile lines without crashing", "[audit][hostile]") {
    const std::string path = makeLog("audit-garbage", 2);
    auto text = lines(path);
    std::string bad, why;
    int line = 3;
    SECTION("text") { bad = "not json at all", why = "is not JSON"; }
    SECTION("invalid JSON") { bad = "{\"seq\": 3, \"time\": }", why = "is not JSON"; }
    SECTION("a 1 MiB line") { bad = std::string(1 << 20, 'x'), why = "longer than 65536 bytes"; }
    SECTION("30,000 levels of nesting") { bad = std::string(30000, '[') + std::string(30000, ']'), why = "nests"; }
    SECTION("a JSON object that is not an entry") { bad = "{\"a\":1}", why = "needs seq, time, action, prev and hash"; }
    SECTION("an empty line in the middle") {
        text.insert(text.begin() + 1, "");
        line = 2;
        why = "is empty";
    }
    if (!bad.empty()) text.push_back(bad);
    writeLines(path, text);
    const Diagnostic d = problemOf(path);
    CHECK(d.rule == "audit/garbage");
    CHECK(d.location.line == line);
    CHECK(d.location.file == path);
    INFO(d.message << " / expected: " << why);
    CHECK(d.message.find(why) != std::string::npos);

    // `read` (quire audit show) reports the line and still gives the entries.
    auto read = audit::read(path);
    REQUIRE(read);
    CHECK(read->entries.size() == 2);
    REQUIRE(read->problems.size() == 1);
    CHECK(read->problems[0].location.line == line);
}

TEST_CASE("a new entry after a broken line starts a line of its own", "[audit]") {
    const std::string path = makeLog("audit-after-cut", 2);
    auto text = lines(path);
    text.push_back("{\"seq\":3,\"ti");
    writeLines(path, text, false);
    audit::Entry e;
    e.action = "publish";
    REQUIRE(audit::append(path, e));
    const auto after = lines(path);
    REQUIRE(after.size() == 4);
    CHECK(Json::parse(after[3])["action"] == "publish");
    const Diagnostic d = problemOf(path);
    CHECK(d.rule == "audit/garbage");
    CHECK(d.location.line == 3);
}

TEST_CASE("audit read filters by --since", "[audit]") {
    const std::string path = makeLog("audit-since", 5);
    auto all = audit::read(path);
    REQUIRE(all);
    CHECK(all->entries.size() == 5);
    auto later = audit::read(path, "2026-01-01T10:03");
    REQUIRE(later);
    REQUIRE(later->entries.size() == 2);
    CHECK(later->entries[0].line == 4);
    CHECK(audit::read(path, "2026-01-02")->entries.empty());
    CHECK(audit::isIsoDateOrTime("2026-01-01"));
    CHECK(audit::isIsoDateOrTime("2026-01-01T10:03:00Z"));
    CHECK_FALSE(audit::isIsoDateOrTime("yesterday"));
    CHECK_FALSE(audit::isIsoDateOrTime("2026-1-1"));
    auto missing = audit::read(test::makeTempDir("audit-none") + "/audit.jsonl");
    REQUIRE(missing);
    CHECK(missing->entries.empty());
    const std::string directory = test::makeTempDir("audit-directory");
    auto notAFile = audit::read(directory);
    REQUIRE_FALSE(notAFile);
    CHECK(notAFile.error().rule == "audit/unreadable");
    REQUIRE_FALSE(audit::verify(directory));
}

TEST_CASE("two processes appending at once do not interleave lines", "[audit]") {
    const std::string path = test::makeTempDir("audit-concurrent") + "/audit.jsonl";
    constexpr int kPerProcess = 150;
    pid_t children[2];
    for (pid_t& child : children) {
        child = fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            audit::Entry e;
            e.action = "preview-query";
            e.element = std::string(2000, 'e'); // long lines: capped, but still several KiB each
            for (int i = 0; i < kPerProcess; ++i)
                if (!audit::append(path, e)) _exit(1);
            _exit(0);
        }
    }
    for (pid_t child : children) {
        int status = 0;
        REQUIRE(waitpid(child, &status, 0) == child);
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
    }
    auto report = audit::verify(path);
    REQUIRE(report);
    INFO((report->problem ? report->problem->message : std::string()));
    CHECK(report->ok());
    CHECK(report->entries == 2 * kPerProcess);
}

TEST_CASE("an unwritable audit log location fails the append, never the caller", "[audit]") {
    const std::string dir = test::makeTempDir("audit-unwritable");
    std::ofstream(dir + "/file") << "a regular file, not a directory";
    const std::string path = dir + "/file/audit.jsonl";
    audit::Entry e;
    e.action = "publish";
    auto done = audit::append(path, e);
    REQUIRE_FALSE(done);
    CHECK(done.error().rule == "audit/write-failed");
    ::setenv("QUIRE_AUDIT_LOG", path.c_str(), 1);
    CHECK(audit::defaultLogPath() == path);
    CHECK_NOTHROW(audit::record(e));
    CHECK_NOTHROW(audit::record(e));
    ::unsetenv("QUIRE_AUDIT_LOG");
}

TEST_CASE("the default log path follows XDG_DATA_HOME, then HOME", "[audit]") {
    const char* saved = std::getenv("QUIRE_AUDIT_LOG");
    const std::string keep = saved ? saved : "";
    const std::string home = std::getenv("HOME") ? std::getenv("HOME") : "";
    ::unsetenv("QUIRE_AUDIT_LOG");
    ::setenv("XDG_DATA_HOME", "/tmp/xdg-data", 1);
    CHECK(audit::defaultLogPath() == "/tmp/xdg-data/quire/audit.jsonl");
    ::setenv("XDG_DATA_HOME", "relative/dir", 1); // invalid per the spec: ignored
    ::setenv("HOME", "/home/someone", 1);
    CHECK(audit::defaultLogPath() == "/home/someone/.local/share/quire/audit.jsonl");
    ::unsetenv("XDG_DATA_HOME");
    CHECK(audit::defaultLogPath() == "/home/someone/.local/share/quire/audit.jsonl");
    ::setenv("HOME", home.c_str(), 1);
    if (!keep.empty()) ::setenv("QUIRE_AUDIT_LOG", keep.c_str(), 1);
}
