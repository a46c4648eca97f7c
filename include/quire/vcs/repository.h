#pragma once
// The git repository a workbook lives in, through libgit2: working-tree status, stage/unstage, commit,
// branches, a file's history and its bytes at a commit, merge state, and pull/push with the credentials
// libgit2 can obtain by itself (ssh-agent). Every failure is a Diagnostic (rule codes "vcs/...", the libgit2
// text included); nothing throws and nothing asks for or stores a secret.
#include <quire/core/diagnostic.h>
#include <quire/core/expected.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace quire::vcs {

// A result or the reason there is none (the project's Expected, core/expected.h).
template <class T>
using Result = quire::Expected<T>;
// An action that either worked (no error) or did not.
struct Outcome {
    std::optional<Diagnostic> error;
    std::string message; // what happened, for a status line ("Already up to date", "Committed 1a2b3c4")
    bool ok() const { return !error.has_value(); }
};

enum class Change { None, New, Modified, Deleted, Renamed, TypeChanged };
std::string_view changeName(Change change); // "new", "modified", ...

struct FileStatus {
    std::string path;              // relative to the working tree, '/' separated
    Change staged = Change::None;  // index vs HEAD
    Change unstaged = Change::None; // working tree vs index (New = untracked)
    bool conflicted = false;
};

struct Branch {
    std::string name;
    bool current = false;
};

struct CommitInfo {
    std::string id;        // full hex id
    std::string shortId;   // first 7 characters
    std::string summary;   // first line of the message
    std::string author;    // "Name <email>"
    std::int64_t time = 0; // seconds since the epoch (author time)
};

// The three index stages of a conflicted file (nullopt when that side has no version: added or deleted).
struct ConflictBlobs {
    std::optional<std::string> base, ours, theirs;
};

// Limits on what the history and blob reads will do (a repository is untrusted input too).
inline constexpr std::size_t kMaxHistoryWalk = 100000;          // commits visited per history request
inline constexpr std::size_t kMaxBlobBytes = 256u * 1024 * 1024; // a workbook larger than this is refused

class Repository {
public:
    // The repository that contains `path` (a file or folder; searched upwards like git does).
    static Result<Repository> discover(const std::string& path);

    Repository(Repository&&) noexcept;
    Repository& operator=(Repository&&) noexcept;
    ~Repository();

    std::string workdir() const;  // absolute, with a trailing '/'
    // `path` relative to the working tree ('/' separated); nullopt when it lies outside it.
    std::optional<std::string> relativePath(const std::string& path) const;

    Result<std::vector<FileStatus>> status() const;
    Result<FileStatus> fileStatus(const std::string& relative) const; // Change::None both ways when clean
    Outcome stage(const std::string& relative);   // a deleted file stages its removal; resolves a conflict
    Outcome unstage(const std::string& relative); // back to HEAD's version in the index (or out of it)
    // Commits the index with the author and committer from the repository's git config (user.name,
    // user.email). Refused with vcs/no-identity when they are missing, vcs/empty-message, vcs/nothing-to-commit,
    // vcs/unresolved-conflicts. During a merge the commit gets the merged heads as parents and ends the merge.
    Outcome commit(const std::string& message);

    Result<std::vector<Branch>> branches() const; // local branches, sorted by name
    std::string currentBranch() const;             // "" when HEAD is detached or unborn
    // Checks out a local branch. Refused (vcs/would-overwrite, the files named) when local changes would be
    // overwritten; changes that do not conflict are carried over, like `git switch`.
    Outcome switchBranch(const std::string& name);

    // Commits whose version of the file differs from their parents' (newest first, at most `limit`).
    Result<std::vector<CommitInfo>> fileHistory(const std::string& relative, std::size_t limit = 100) const;
    // The file's bytes at a commit (vcs/not-in-commit when it does not exist there).
    Result<std::string> fileAtCommit(const std::string& commitId, const std::string& relative) const;

    bool mergeInProgress() const;
    // The message git prepared for the merge commit (.git/MERGE_MSG), "" when there is none.
    std::string preparedMessage() const;
    Result<ConflictBlobs> conflict(const std::string& relative) const; // vcs/not-conflicted when it is not

    // Fetches the current branch's upstream (or origin/<branch>) and fast-forwards, or merges (a clean merge is
    // committed; conflicts leave the merge in progress). Refused (vcs/remote-auth: "use git pull in a
    // terminal") when the remote needs credentials libgit2 cannot get from ssh-agent or the URL itself.
    Outcome pull();
    // Pushes the current branch to its upstream remote (or origin). vcs/push-rejected when the remote has
    // commits this branch lacks.
    Outcome push();

    struct Handle;

private:
    explicit Repository(std::unique_ptr<Handle> handle);
    std::unique_ptr<Handle> handle_;
};

} // namespace quire::vcs
