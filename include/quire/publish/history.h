#pragma once
// Quire's own record of every publish, kept in the repository next to quire.yaml (or at the repository root):
//   .quire/history/<workbook-file-stem>.jsonl   one JSON object per line, oldest first
//   .quire/history/objects/<sha256>             the exact `contents` bytes published, by hash
// so any earlier version can be listed, compared and re-published (`quire versions`, `quire rollback`). Files
// in the repository are not trusted: lines are read with the loader's limits, an object's name must be a
// SHA-256 and its bytes must hash to it. docs/deploy.md describes the format.
#include <quire/core/expected.h>
#include <quire/core/diagnostic.h>
#include <quire/core/json.h>

#include <optional>
#include <string>
#include <vector>

namespace quire::publish {

struct HistoryEntry {
    std::string file;          // the workbook file, relative to the history root ("workbooks/sales.yaml")
    std::string who;           // "Ada Lovelace <ada@example.com>" (git identity), else $USER
    std::string when;          // UTC ISO-8601, "2026-12-05T17:02:11Z"
    std::string environment;   // "" = the default target
    std::string action;        // "publish", "promote", "rollback"
    std::string workbookId;
    std::string hash;          // SHA-256 (hex) of the published body, the name of its object
    std::optional<long long> documentVersion; // the server's version after the publish
    std::string tag;           // the Sigma version tag applied, if any
    std::string from;          // promote: "staging@<version>"; rollback: the hash restored
};

struct History {
    std::string root;          // the directory holding .quire/ (the project root)

    // ".quire/history/<stem>.jsonl" under root, for a workbook file.
    std::string logPathFor(const std::string& workbookPath) const;
    std::string objectPath(const std::string& hash) const;

    // Stores `body` (the published `contents`, as sent) as an object; returns its hash.
    std::string storeObject(const std::string& body) const;
    // The bytes of an object, checked against its name; nullopt with `problem` otherwise.
    Expected<std::string> loadObject(const std::string& hash) const; // history/object when missing or damaged

    // Appends one line (atomically: the log is rewritten through a temporary). Throws std::runtime_error, also
    // when .quire, .quire/history, the objects folder or the log is a symbolic link (never written through).
    void append(const std::string& workbookPath, HistoryEntry entry) const;
    // The entries of this workbook file, oldest first; unreadable lines become warnings (history/bad-line)
    // located at their line, never a crash.
    std::vector<HistoryEntry> read(const std::string& workbookPath, std::vector<Diagnostic>* problems = nullptr) const;
};

// The directory that holds .quire/: `projectRoot` when given, else the directory of the quire.yaml found above
// the workbook (project.h), else the repository root above it, else the workbook's directory.
std::string historyRootFor(const std::string& workbookPath, const std::string& projectRoot = {});
// The publisher: `git var GIT_AUTHOR_IDENT` (name <email>, honouring GIT_AUTHOR_NAME/EMAIL) run in `dir`,
// else $USER, else "unknown".
std::string currentPublisher(const std::string& dir);
// "2026-12-05T17:02:11Z".
std::string utcNow();
// SHA-256 of bytes, lower-case hex.
std::string sha256Hex(std::string_view bytes);
bool isSha256Hex(const std::string& text);

} // namespace quire::publish
