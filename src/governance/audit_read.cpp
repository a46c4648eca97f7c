// Reading and verifying the audit log: bounded line reading, entry checks, the hash chain and the head record.
#include <quire/governance/audit_log.h>

#include <quire/governance/sha256.h>

#include "audit_format.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <unordered_map>
#include <variant>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace quire::governance::audit {
namespace {

struct RawLine {
    std::size_t number = 0;
    std::string text;      // at most kMaxLineBytes
    bool tooLong = false;
    bool complete = true;  // ended with '\n'
};

// Calls `visit` for each line; never holds more than one line of kMaxLineBytes in memory. false: unreadable.
bool forEachLine(const std::string& path, const std::function<bool(const RawLine&)>& visit) {
    std::error_code ignored;
    if (std::filesystem::is_directory(path, ignored)) {
        errno = EISDIR;
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    RawLine line;
    line.number = 1;
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        const auto n = static_cast<std::size_t>(in.gcount());
        for (std::size_t i = 0; i < n; ++i) {
            if (buffer[i] == '\n') {
                if (!visit(line)) return true;
                line = RawLine{line.number + 1, {}, false, true};
            } else if (line.text.size() < kMaxLineBytes) {
                line.text.push_back(buffer[i]);
            } else {
                line.tooLong = true;
            }
        }
    }
    if (!line.text.empty() || line.tooLong) {
        line.complete = false;
        visit(line);
    }
    return !in.bad();
}

Diagnostic located(RuleCode code, const std::string& path, std::size_t line, std::string message, std::size_t column = 1) {
    return makeDiagnostic(code, std::move(message), {}, SourceLocation{path, int(line), int(column)});
}

// Entries are flat objects: any '{' or '[' inside one is refused before the JSON parser sees the line.
std::optional<std::size_t> nestedAt(const std::string& text) {
    bool inString = false, escaped = false;
    int depth = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (++depth > 1) return i;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return std::nullopt;
}

struct Checked {
    Json entry;
    long long seq = 0;
    std::string prev;
    std::optional<detail::Seal> seal;
};

// The entry on one line, or the located reason it is not one.
std::variant<Checked, Diagnostic> checkLine(const std::string& path, const RawLine& line) {
    if (line.tooLong)
        return located("audit/garbage", path, line.number,
                       "line " + std::to_string(line.number) + " is longer than " + std::to_string(kMaxLineBytes) +
                           " bytes: not an audit entry");
    if (!line.complete)
        return located("audit/truncated", path, line.number,
                       "line " + std::to_string(line.number) +
                           " is cut off (no end of line): the log was truncated or a write was interrupted");
    if (line.text.empty())
        return located("audit/garbage", path, line.number, "line " + std::to_string(line.number) + " is empty: not an audit entry");
    if (const auto at = nestedAt(line.text))
        return located("audit/garbage", path, line.number,
                       "line " + std::to_string(line.number) + " nests objects or arrays: not an audit entry", *at + 1);
    Checked checked;
    try {
        checked.entry = Json::parse(line.text);
    } catch (const Json::parse_error& e) {
        return located("audit/garbage", path, line.number,
                       "line " + std::to_string(line.number) + " is not JSON: " + std::string(e.what()),
                       e.byte > 0 ? e.byte : 1);
    }
    const Json& j = checked.entry;
    const auto text = [&](const char* key) { return j.is_object() && j.contains(key) && j[key].is_string(); };
    if (!j.is_object() || !j.contains("seq") || !j["seq"].is_number_integer() || !text("time") || !text("action") ||
        !text("prev") || !text("hash"))
        return located("audit/garbage", path, line.number,
                       "line " + std::to_string(line.number) + " is not an audit entry (it needs seq, time, action, prev and hash)");
    checked.seq = j["seq"].get<long long>();
    checked.prev = j["prev"].get<std::string>();
    checked.seal = detail::unseal(line.text);
    return checked;
}

struct SharedLock {
    int fd = -1;
    explicit SharedLock(const std::string& path) : fd(::open((path + ".lock").c_str(), O_RDONLY | O_CLOEXEC)) {
        if (fd >= 0) ::flock(fd, LOCK_SH);
    }
    ~SharedLock() {
        if (fd >= 0) ::close(fd);
    }
};

std::string entryRef(long long seq) { return "entry #" + std::to_string(seq); }

} // namespace

bool isIsoDateOrTime(std::string_view t) {
    if (!t.empty() && t.back() == 'Z') t.remove_suffix(1);
    const std::string_view shape = "dddd-dd-ddTdd:dd:dd";
    if (t.size() != 10 && t.size() != 16 && t.size() != 19) return false;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const bool ok = shape[i] == 'd' ? (t[i] >= '0' && t[i] <= '9') : t[i] == shape[i];
        if (!ok) return false;
    }
    return true;
}

Expected<ReadResult> read(const std::string& path, const std::string& since) {
    std::string from = since;
    if (!from.empty() && from.back() == 'Z') from.pop_back();
    ReadResult result;
    if (::access(path.c_str(), F_OK) != 0 && errno == ENOENT) return result;
    SharedLock lock(path);
    const bool readable = forEachLine(path, [&](const RawLine& line) {
        auto checked = checkLine(path, line);
        if (auto* d = std::get_if<Diagnostic>(&checked)) {
            result.problems.push_back(std::move(*d));
            return true;
        }
        auto& entry = std::get<Checked>(checked).entry;
        if (entry["time"].get<std::string>().compare(0, from.size(), from) >= 0)
            result.entries.push_back(ShownEntry{line.number, std::move(entry)});
        return true;
    });
    if (!readable) return makeDiagnostic("audit/unreadable", "cannot read the audit log " + path + ": " + std::strerror(errno));
    return result;
}

Expected<VerifyReport> verify(const std::string& path) {
    VerifyReport report;
    const auto head = detail::readHead(path);
    const bool logExists = !(::access(path.c_str(), F_OK) != 0 && errno == ENOENT);
    if (!logExists) {
        if (head && head->entries > 0)
            report.problem = located("audit/truncated", path, 1,
                                     "the audit log is gone, but its head record says " + std::to_string(head->entries) +
                                         " entries were written");
        else
            report.notes.push_back("no audit log at " + path + " (nothing recorded yet)");
        return report;
    }
    SharedLock lock(path);
    struct Link {
        std::string lineHash;
        long long seq = 0;
        std::string prev;
    };
    std::vector<Link> links;
    std::unordered_map<std::string, std::size_t> lineOfHash; // line hash -> index
    const bool readable = forEachLine(path, [&](const RawLine& line) {
        auto checked = checkLine(path, line);
        if (auto* d = std::get_if<Diagnostic>(&checked)) {
            report.problem = std::move(*d);
            return false;
        }
        const auto& c = std::get<Checked>(checked);
        if (!c.seal || c.seal->claimed != c.seal->actual) {
            report.problem = located("audit/edited", path, line.number,
                                     "line " + std::to_string(line.number) + " (" + entryRef(c.seq) +
                                         ") was edited: its content no longer matches its hash");
            return false;
        }
        const std::string lineHash = sha256Hex(line.text);
        lineOfHash.emplace(lineHash, links.size());
        links.push_back(Link{lineHash, c.seq, c.prev});
        return true;
    });
    if (!readable) return makeDiagnostic("audit/unreadable", "cannot read the audit log " + path + ": " + std::strerror(errno));
    if (report.problem) return report;

    for (std::size_t i = 0; i < links.size(); ++i) {
        const std::size_t line = i + 1;
        const std::string& expected = i == 0 ? detail::kGenesis : links[i - 1].lineHash;
        if (links[i].prev == expected) continue;
        const auto found = lineOfHash.find(links[i].prev);
        const std::string where = "line " + std::to_string(line) + " (" + entryRef(links[i].seq) + ")";
        if (found != lineOfHash.end())
            report.problem = located("audit/reordered", path, line,
                                     where + " is out of order: it was written right after the entry now on line " +
                                         std::to_string(found->second + 1));
        else if (i > 0 && links[i].seq == links[i - 1].seq + 1)
            report.problem = located("audit/edited", path, line - 1,
                                     "line " + std::to_string(line - 1) + " (" + entryRef(links[i - 1].seq) +
                                         ") was edited: it was re-hashed, but the next entry was chained to another line");
        else if (i == 0 && links[i].seq == 1)
            report.problem = located("audit/edited", path, line, where + " was edited: the first entry's `prev` was changed");
        else
            report.problem = located("audit/removed", path, line,
                                     "entries were removed before " + where +
                                         (i > 0 ? ": it follows " + entryRef(links[i - 1].seq) : std::string(": it is the first line")));
        return report;
    }
    report.entries = links.size();

    const long long lastSeq = links.empty() ? 0 : links.back().seq;
    const std::string lastHash = links.empty() ? std::string() : links.back().lineHash;
    const std::size_t lastLine = links.size();
    if (!head) {
        if (!links.empty())
            report.problem = located("audit/truncated", path, lastLine,
                                     "the head record " + path + ".head is missing or unreadable: the end of the log cannot be checked");
    } else if (head->entries > lastSeq) {
        report.problem = located("audit/truncated", path, lastLine,
                                 "the log ends at " + entryRef(lastSeq) + " on line " + std::to_string(lastLine) + ", but " +
                                     std::to_string(head->entries) + " entries were written: entries after line " +
                                     std::to_string(lastLine) + " were removed");
    } else if (head->entries < lastSeq) {
        report.problem = located("audit/edited", path, lastLine,
                                 "entries after " + entryRef(head->entries) + " (up to line " + std::to_string(lastLine) +
                                     ") were not written by Quire");
    } else if (head->last != lastHash) {
        report.problem = located("audit/edited", path, lastLine,
                                 "line " + std::to_string(lastLine) + " (" + entryRef(lastSeq) +
                                     ") was edited: it is not the last line Quire wrote");
    }
    return report;
}

} // namespace quire::governance::audit
