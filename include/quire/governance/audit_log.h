#pragma once
// The local, append-only audit log (docs/governance.md "Audit log"): one JSON object per line in
// $XDG_DATA_HOME/quire/audit.jsonl (else ~/.local/share/quire/audit.jsonl; QUIRE_AUDIT_LOG names another file),
// each entry chained to the one before it by SHA-256:
//   prev = SHA-256 of the previous line's bytes (64 zeros for the first entry),
//   hash = SHA-256 of the entry serialised without `hash` (keys sorted, compact).
// `<log>.head` records how many entries were written and the last line's hash, so that lines cut off the end
// are noticed too; `<log>.lock` serialises writers of several processes (flock).
// Entries carry hashes and identifiers only: never SQL text, a bound value, a secret or a token.
#include <quire/core/expected.h>
#include <quire/core/json.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quire::governance::audit {

// The longest line a reader accepts; entries written by Quire stay far below (each field is capped).
inline constexpr std::size_t kMaxLineBytes = 64 * 1024;

struct Entry {
    std::string action;        // "publish", "promote", "rollback", "pull", "merge", "connection-add", "preview-query", ...
    std::string outcome = "ok"; // "ok", or a short status ("failed", "cancelled", "conflicts", "updated", ...)
    std::string workbook;      // the workbook's file, as the user named it
    std::string workbookId;    // its Sigma workbook id, when known
    std::string element;       // an element id (preview queries)
    std::string sqlHash;       // sqlHash() of the executed SQL text (placeholders, never bound values)
    std::optional<long long> rows;
    std::string persona;       // the email a preview ran as ("" = the author view)
    std::string environment;   // quire.yaml environment
    std::string sigmaIdentity; // the Sigma API client id a command authenticated as, when known
    std::string target;        // what else the action was about: a connection profile name, a secret's key name
};

// The log file: QUIRE_AUDIT_LOG, else $XDG_DATA_HOME/quire/audit.jsonl, else $HOME/.local/share/quire/audit.jsonl.
std::string defaultLogPath();
std::string sqlHash(std::string_view sql);
// The operating-system user running this process (the password database, else $USER, else the uid).
std::string osUser();

// Appends one entry to `path` (creating it and its directory): under an exclusive lock, one write of one line
// with O_APPEND, then fsync, then the head record. `now` overrides the UTC time (tests).
Expected<void> append(const std::string& path, const Entry& entry, const std::string& now = {});

// append() to defaultLogPath(); never throws and never fails the caller: the first failure of the process is
// reported once as an `audit/write-failed` warning on stderr (the IDE's log), later ones are silent.
void record(const Entry& entry);

struct VerifyReport {
    std::size_t entries = 0;                 // complete, well-formed lines read
    std::optional<Diagnostic> problem;       // the first bad entry: audit/edited, removed, reordered, truncated, garbage
    std::vector<std::string> notes;          // e.g. no head record to check the end against
    bool ok() const { return !problem; }
};
// Checks every line and the chain. Expected fails (audit/unreadable) only when the file cannot be read.
Expected<VerifyReport> verify(const std::string& path);

struct ShownEntry {
    std::size_t line = 0;
    Json entry;
};
struct ReadResult {
    std::vector<ShownEntry> entries;
    std::vector<Diagnostic> problems; // lines that are not entries (audit/garbage, audit/truncated), located
};
// The entries whose time is at or after `since` (an ISO date or date-time prefix; "" = all). A missing log
// is an empty result.
Expected<ReadResult> read(const std::string& path, const std::string& since = {});

// "YYYY-MM-DD", "YYYY-MM-DDTHH:MM", "YYYY-MM-DDTHH:MM:SS" with an optional trailing "Z".
bool isIsoDateOrTime(std::string_view text);

} // namespace quire::governance::audit
