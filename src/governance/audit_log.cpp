// Writing the audit log: paths, the entry line, the locked O_APPEND write and the head record.
#include <quire/governance/audit_log.h>

#include <quire/core/file_io.h>
#include <quire/governance/sha256.h>

#include "audit_format.h"

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iostream>

#include <fcntl.h>
#include <pwd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace quire::governance::audit {
namespace {

// Longest value of one field: keeps every entry far below kMaxLineBytes whatever a caller passes.
constexpr std::size_t kMaxFieldBytes = 1024;

std::string capped(const std::string& value) {
    if (value.size() <= kMaxFieldBytes) return value;
    std::size_t cut = kMaxFieldBytes;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut; // not inside a UTF-8 sequence
    return value.substr(0, cut) + "...";
}

std::string utcNow() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

std::string systemError(const std::string& what, const std::string& path) {
    return what + " " + path + ": " + std::strerror(errno);
}

struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

// The last line of the open log (without its '\n') and whether the file ends with '\n'. A file that does not
// (an interrupted write) gets a '\n' first, so the new entry starts a line of its own.
struct Tail {
    std::string lastLine;
    bool empty = true;
    bool endsWithNewline = true;
};

Expected<Tail> readTail(int fd, const std::string& path) {
    struct stat st{};
    if (::fstat(fd, &st) != 0) return makeDiagnostic("audit/write-failed", systemError("cannot stat", path));
    Tail tail;
    if (st.st_size == 0) return tail;
    tail.empty = false;
    const auto size = static_cast<std::size_t>(st.st_size);
    const std::size_t want = std::min(size, kMaxLineBytes + 2);
    std::string chunk(want, '\0');
    std::size_t got = 0;
    while (got < want) {
        const ssize_t n = ::pread(fd, chunk.data() + got, want - got, static_cast<off_t>(size - want + got));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return makeDiagnostic("audit/write-failed", systemError("cannot read", path));
        got += std::size_t(n);
    }
    tail.endsWithNewline = chunk.back() == '\n';
    if (tail.endsWithNewline) chunk.pop_back();
    const auto start = chunk.rfind('\n');
    tail.lastLine = start == std::string::npos ? chunk : chunk.substr(start + 1);
    return tail;
}

Expected<void> createParent(const std::string& path) {
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (parent.empty()) return {};
    std::error_code error;
    std::filesystem::create_directories(parent, error);
    if (error) return makeDiagnostic("audit/write-failed", "cannot create " + parent.string() + ": " + error.message());
    return {};
}

} // namespace

std::string defaultLogPath() {
    if (const char* explicitPath = std::getenv("QUIRE_AUDIT_LOG"); explicitPath && *explicitPath) return explicitPath;
    // The XDG base directory spec: a relative $XDG_DATA_HOME is invalid and ignored.
    if (const char* data = std::getenv("XDG_DATA_HOME"); data && *data == '/') return std::string(data) + "/quire/audit.jsonl";
    const char* home = std::getenv("HOME");
    if (!home || !*home) {
        if (const passwd* pw = ::getpwuid(::geteuid())) home = pw->pw_dir;
    }
    return std::string(home ? home : ".") + "/.local/share/quire/audit.jsonl";
}

std::string sqlHash(std::string_view sql) { return sha256Hex(sql); }

std::string osUser() {
    if (const passwd* pw = ::getpwuid(::geteuid()); pw && pw->pw_name) return pw->pw_name;
    if (const char* user = std::getenv("USER"); user && *user) return user;
    return "uid " + std::to_string(::geteuid());
}

Expected<void> append(const std::string& path, const Entry& entry, const std::string& now) {
    if (auto made = createParent(path); !made) return made;
    Fd lock{::open((path + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600)};
    if (lock.fd < 0) return makeDiagnostic("audit/write-failed", systemError("cannot open", path + ".lock"));
    while (::flock(lock.fd, LOCK_EX) != 0)
        if (errno != EINTR) return makeDiagnostic("audit/write-failed", systemError("cannot lock", path + ".lock"));
    // O_APPEND: every write lands at the end even if another writer ignored the lock.
    Fd log{::open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600)};
    if (log.fd < 0) return makeDiagnostic("audit/write-failed", systemError("cannot open", path));
    auto tail = readTail(log.fd, path);
    if (!tail) return tail.error();

    long long seq = 1;
    if (!tail->empty) {
        const Json last = Json::parse(tail->lastLine, nullptr, false);
        if (last.is_object() && last.contains("seq") && last["seq"].is_number_integer()) seq = last["seq"].get<long long>() + 1;
        else if (auto head = detail::readHead(path)) seq = head->entries + 1;
    }
    Json j = Json::object();
    j["seq"] = seq;
    j["time"] = now.empty() ? utcNow() : now;
    j["user"] = capped(osUser());
    if (!entry.sigmaIdentity.empty()) j["sigmaIdentity"] = capped(entry.sigmaIdentity);
    j["action"] = capped(entry.action);
    j["outcome"] = capped(entry.outcome);
    if (!entry.workbook.empty()) j["workbook"] = capped(entry.workbook);
    if (!entry.workbookId.empty()) j["workbookId"] = capped(entry.workbookId);
    if (!entry.element.empty()) j["element"] = capped(entry.element);
    if (!entry.sqlHash.empty()) j["sqlHash"] = capped(entry.sqlHash);
    if (entry.rows) j["rows"] = *entry.rows;
    if (!entry.persona.empty()) j["persona"] = capped(entry.persona);
    if (!entry.environment.empty()) j["environment"] = capped(entry.environment);
    if (!entry.target.empty()) j["target"] = capped(entry.target);
    j["prev"] = tail->empty ? detail::kGenesis : sha256Hex(tail->lastLine);
    const std::string line = detail::sealedLine(j.dump(-1, ' ', false, Json::error_handler_t::replace));

    const std::string bytes = (tail->endsWithNewline ? "" : "\n") + line + "\n";
    // One write: the line is small, and the lock keeps other Quire processes out while it lands.
    std::size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(log.fd, bytes.data() + written, bytes.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return makeDiagnostic("audit/write-failed", systemError("cannot write", path));
        written += std::size_t(n);
    }
    if (::fsync(log.fd) != 0) return makeDiagnostic("audit/write-failed", systemError("cannot sync", path));
    try {
        writeFileAtomically(path + ".head", detail::headJson(seq, sha256Hex(line)) + "\n", WriteFileOptions{true});
    } catch (const std::exception& e) {
        return makeDiagnostic("audit/write-failed", e.what());
    }
    return {};
}

void record(const Entry& entry) {
    static std::atomic<bool> warned{false};
    std::string path;
    try {
        path = defaultLogPath();
        auto done = append(path, entry);
        if (done || warned.exchange(true)) return;
        std::cerr << "quire: warning [audit/write-failed]: the audit log cannot be written (" << done.message()
                  << "); continuing without it\n";
    } catch (const std::exception& e) {
        if (!warned.exchange(true))
            std::cerr << "quire: warning [audit/write-failed]: the audit log " << path << " cannot be written (" << e.what()
                      << "); continuing without it\n";
    }
}

} // namespace quire::governance::audit
