// Opening a repository, status, stage/unstage, commit and branches.
#include "git_handles.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace quire::vcs {

using namespace detail;
namespace fs = std::filesystem;

std::string_view changeName(Change change) {
    switch (change) {
    case Change::None: return "unchanged";
    case Change::New: return "new";
    case Change::Modified: return "modified";
    case Change::Deleted: return "deleted";
    case Change::Renamed: return "renamed";
    case Change::TypeChanged: return "type changed";
    }
    return "unchanged";
}

Repository::Repository(std::unique_ptr<Handle> handle) : handle_(std::move(handle)) {}
Repository::Repository(Repository&&) noexcept = default;
Repository& Repository::operator=(Repository&&) noexcept = default;
Repository::~Repository() = default;

Result<Repository> Repository::discover(const std::string& path) {
    ensureInitialised();
    std::error_code ec;
    fs::path start = fs::absolute(path, ec);
    if (ec) return plainError("vcs/not-a-repository", "cannot resolve '" + path + "': " + ec.message());
    if (!fs::is_directory(start, ec)) start = start.parent_path();
    git_repository* raw = nullptr;
    const int rc = git_repository_open_ext(&raw, start.string().c_str(), 0, nullptr);
    RepoPtr repo(raw);
    if (rc == GIT_ENOTFOUND) {
        git_error_clear();
        return plainError("vcs/not-a-repository", "'" + path + "' is not inside a git repository");
    }
    if (rc < 0) return gitError("vcs/open-failed", "cannot open the git repository of '" + path + "'", rc);
    if (git_repository_is_bare(repo.get()))
        return plainError("vcs/bare-repository", "the repository of '" + path + "' has no working tree");
    auto handle = std::make_unique<Handle>();
    handle->repo = std::move(repo);
    return Repository(std::move(handle));
}

std::string Repository::workdir() const {
    const char* dir = git_repository_workdir(handle_->repo.get());
    return dir ? dir : "";
}

std::optional<std::string> Repository::relativePath(const std::string& path) const {
    std::error_code ec;
    const fs::path root = fs::weakly_canonical(workdir(), ec);
    if (ec) return std::nullopt;
    const fs::path file = fs::weakly_canonical(fs::absolute(path, ec), ec);
    if (ec) return std::nullopt;
    const fs::path relative = file.lexically_relative(root);
    if (relative.empty() || relative == "." || *relative.begin() == "..") return std::nullopt;
    return relative.generic_string();
}

namespace {

Change indexChange(unsigned flags) {
    if (flags & GIT_STATUS_INDEX_NEW) return Change::New;
    if (flags & GIT_STATUS_INDEX_MODIFIED) return Change::Modified;
    if (flags & GIT_STATUS_INDEX_DELETED) return Change::Deleted;
    if (flags & GIT_STATUS_INDEX_RENAMED) return Change::Renamed;
    if (flags & GIT_STATUS_INDEX_TYPECHANGE) return Change::TypeChanged;
    return Change::None;
}

Change workdirChange(unsigned flags) {
    if (flags & GIT_STATUS_WT_NEW) return Change::New;
    if (flags & GIT_STATUS_WT_MODIFIED) return Change::Modified;
    if (flags & GIT_STATUS_WT_DELETED) return Change::Deleted;
    if (flags & GIT_STATUS_WT_RENAMED) return Change::Renamed;
    if (flags & GIT_STATUS_WT_TYPECHANGE) return Change::TypeChanged;
    return Change::None;
}

FileStatus makeStatus(std::string path, unsigned flags) {
    FileStatus s;
    s.path = std::move(path);
    s.conflicted = flags & GIT_STATUS_CONFLICTED;
    if (!s.conflicted) {
        s.staged = indexChange(flags);
        s.unstaged = workdirChange(flags);
    }
    return s;
}

// The repository's index, re-read when the file changed on disk (another git process).
Result<IndexPtr> openIndex(git_repository* repo) {
    git_index* raw = nullptr;
    const int rc = git_repository_index(&raw, repo);
    IndexPtr index(raw);
    if (rc < 0) return gitError("vcs/index", "cannot read the git index", rc);
    if (const int r = git_index_read(index.get(), 0); r < 0)
        return gitError("vcs/index", "cannot read the git index", r);
    return index;
}

// HEAD's commit; nullptr without error when the branch has no commit yet.
Result<CommitPtr> headCommit(git_repository* repo) {
    git_object* raw = nullptr;
    const int rc = git_revparse_single(&raw, repo, "HEAD^{commit}");
    ObjectPtr object(raw);
    if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH) {
        git_error_clear();
        return CommitPtr();
    }
    if (rc < 0) return gitError("vcs/head", "cannot read HEAD", rc);
    return CommitPtr(reinterpret_cast<git_commit*>(object.release()));
}

std::string firstLine(const std::string& text) {
    const auto end = text.find('\n');
    return end == std::string::npos ? text : text.substr(0, end);
}

} // namespace

Result<std::vector<FileStatus>> Repository::status() const {
    git_status_options options;
    git_status_options_init(&options, GIT_STATUS_OPTIONS_VERSION); // (the _INIT macros leave fields implicit)
    options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
    options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
                    GIT_STATUS_OPT_SORT_CASE_SENSITIVELY;
    git_status_list* raw = nullptr;
    const int rc = git_status_list_new(&raw, handle_->repo.get(), &options);
    StatusListPtr list(raw);
    if (rc < 0) return gitError("vcs/status", "cannot read the working tree status", rc);
    std::vector<FileStatus> files;
    const std::size_t count = git_status_list_entrycount(list.get());
    for (std::size_t i = 0; i < count; ++i) {
        const git_status_entry* e = git_status_byindex(list.get(), i);
        if (!e || e->status == GIT_STATUS_CURRENT || (e->status & GIT_STATUS_IGNORED)) continue;
        const git_diff_delta* delta = e->index_to_workdir ? e->index_to_workdir : e->head_to_index;
        if (!delta) continue;
        const char* path = delta->new_file.path ? delta->new_file.path : delta->old_file.path;
        if (!path) continue;
        files.push_back(makeStatus(path, e->status));
    }
    return files;
}

Result<FileStatus> Repository::fileStatus(const std::string& relative) const {
    unsigned flags = 0;
    const int rc = git_status_file(&flags, handle_->repo.get(), relative.c_str());
    if (rc == GIT_ENOTFOUND) {
        git_error_clear();
        return FileStatus{relative, Change::None, Change::None, false};
    }
    if (rc < 0) return gitError("vcs/status", "cannot read the status of '" + relative + "'", rc);
    return makeStatus(relative, flags);
}

Outcome Repository::stage(const std::string& relative) {
    auto index = openIndex(handle_->repo.get());
    if (!index.ok()) return {index.error(), {}};
    std::error_code ec;
    const bool exists = fs::exists(fs::path(workdir()) / relative, ec);
    int rc = exists ? git_index_add_bypath(index->get(), relative.c_str())
                    : git_index_remove_bypath(index->get(), relative.c_str());
    if (rc >= 0) rc = git_index_write(index->get());
    if (rc < 0) return {gitError("vcs/stage", "cannot stage '" + relative + "'", rc), {}};
    return {std::nullopt, "Staged " + relative};
}

Outcome Repository::unstage(const std::string& relative) {
    auto head = headCommit(handle_->repo.get());
    if (!head.ok()) return {head.error(), {}};
    int rc = 0;
    if (*head) {
        char* path = const_cast<char*>(relative.c_str());
        git_strarray paths{&path, 1};
        rc = git_reset_default(handle_->repo.get(), reinterpret_cast<git_object*>(head->get()), &paths);
    } else { // no commit yet: unstaging takes the file out of the index
        auto index = openIndex(handle_->repo.get());
        if (!index.ok()) return {index.error(), {}};
        rc = git_index_remove_bypath(index->get(), relative.c_str());
        if (rc >= 0) rc = git_index_write(index->get());
    }
    if (rc < 0) return {gitError("vcs/unstage", "cannot unstage '" + relative + "'", rc), {}};
    return {std::nullopt, "Unstaged " + relative};
}

Outcome Repository::commit(const std::string& message) {
    git_repository* repo = handle_->repo.get();
    if (message.find_first_not_of(" \t\r\n") == std::string::npos)
        return {plainError("vcs/empty-message", "write a commit message first"), {}};
    git_signature* rawSignature = nullptr;
    if (const int rc = git_signature_default(&rawSignature, repo); rc < 0) {
        git_error_clear();
        return {plainError("vcs/no-identity",
                           "git does not know who you are: set user.name and user.email (git config user.name \"Your Name\"; "
                           "git config user.email you@example.com), then commit again"),
                {}};
    }
    SignaturePtr signature(rawSignature);
    auto index = openIndex(repo);
    if (!index.ok()) return {index.error(), {}};
    if (git_index_has_conflicts(index->get()))
        return {plainError("vcs/unresolved-conflicts", "some files still have conflicts: resolve and stage them first"), {}};
    git_oid treeId;
    if (const int rc = git_index_write_tree(&treeId, index->get()); rc < 0)
        return {gitError("vcs/commit", "cannot write the staged tree", rc), {}};
    auto head = headCommit(repo);
    if (!head.ok()) return {head.error(), {}};
    std::vector<CommitPtr> parents;
    if (*head) parents.push_back(std::move(*head));
    const bool merging = git_repository_state(repo) == GIT_REPOSITORY_STATE_MERGE;
    if (merging) {
        std::vector<git_oid> heads;
        git_repository_mergehead_foreach(
            repo, [](const git_oid* id, void* payload) {
                static_cast<std::vector<git_oid>*>(payload)->push_back(*id);
                return 0;
            },
            &heads);
        for (const auto& id : heads) {
            git_commit* c = nullptr;
            if (git_commit_lookup(&c, repo, &id) < 0) return {gitError("vcs/commit", "cannot read the merged commit"), {}};
            parents.emplace_back(c);
        }
    } else if (parents.empty() ? git_index_entrycount(index->get()) == 0
                               : git_oid_equal(git_commit_tree_id(parents.front().get()), &treeId)) {
        return {plainError("vcs/nothing-to-commit", "nothing is staged: stage the changes to commit first"), {}};
    }
    git_tree* rawTree = nullptr;
    if (const int rc = git_tree_lookup(&rawTree, repo, &treeId); rc < 0)
        return {gitError("vcs/commit", "cannot read the staged tree", rc), {}};
    TreePtr tree(rawTree);
    std::vector<const git_commit*> parentPointers;
    for (const auto& p : parents) parentPointers.push_back(p.get());
    git_oid commitId;
    const int rc = git_commit_create(&commitId, repo, "HEAD", signature.get(), signature.get(), nullptr, message.c_str(),
                                     tree.get(), parentPointers.size(), parentPointers.data());
    if (rc < 0) return {gitError("vcs/commit", "cannot create the commit", rc), {}};
    if (merging) git_repository_state_cleanup(repo);
    return {std::nullopt, "Committed " + oidHex(commitId).substr(0, 7) + ": " + firstLine(message)};
}

Result<std::vector<Branch>> Repository::branches() const {
    git_branch_iterator* rawIterator = nullptr;
    if (const int rc = git_branch_iterator_new(&rawIterator, handle_->repo.get(), GIT_BRANCH_LOCAL); rc < 0)
        return gitError("vcs/branches", "cannot list the branches", rc);
    BranchIteratorPtr iterator(rawIterator);
    std::vector<Branch> branches;
    git_reference* rawRef = nullptr;
    git_branch_t type;
    int rc = 0;
    while ((rc = git_branch_next(&rawRef, &type, iterator.get())) == 0) {
        ReferencePtr ref(rawRef);
        const char* name = nullptr;
        if (git_branch_name(&name, ref.get()) == 0 && name) branches.push_back({name, git_branch_is_head(ref.get()) == 1});
    }
    if (rc != GIT_ITEROVER) return gitError("vcs/branches", "cannot list the branches", rc);
    git_error_clear();
    // A new repository's branch has no commit yet, so it is not listed by the iterator.
    if (const std::string current = currentBranch(); !current.empty() &&
        std::none_of(branches.begin(), branches.end(), [&](const Branch& b) { return b.name == current; }))
        branches.push_back({current, true});
    std::sort(branches.begin(), branches.end(), [](const Branch& a, const Branch& b) { return a.name < b.name; });
    return branches;
}

std::string Repository::currentBranch() const {
    git_reference* raw = nullptr;
    if (git_reference_lookup(&raw, handle_->repo.get(), "HEAD") < 0) {
        git_error_clear();
        return {};
    }
    ReferencePtr head(raw);
    if (git_reference_type(head.get()) != GIT_REFERENCE_SYMBOLIC) return {}; // detached
    const std::string target = git_reference_symbolic_target(head.get());
    const std::string prefix = "refs/heads/";
    return target.rfind(prefix, 0) == 0 ? target.substr(prefix.size()) : std::string();
}

namespace detail {

// Checks out a commit's tree without touching local changes; the files that stand in the way when it refuses.
Outcome safeCheckout(git_repository* repo, const git_object* target, const std::string& what) {
    git_checkout_options options;
    git_checkout_options_init(&options, GIT_CHECKOUT_OPTIONS_VERSION);
    options.checkout_strategy = GIT_CHECKOUT_SAFE;
    options.notify_flags = GIT_CHECKOUT_NOTIFY_CONFLICT;
    std::vector<std::string> blocked;
    options.notify_payload = &blocked;
    options.notify_cb = [](git_checkout_notify_t, const char* path, const git_diff_file*, const git_diff_file*,
                           const git_diff_file*, void* payload) {
        if (path) static_cast<std::vector<std::string>*>(payload)->push_back(path);
        return 0;
    };
    const int rc = git_checkout_tree(repo, target, &options);
    if (!blocked.empty() || rc == GIT_ECONFLICT) {
        git_error_clear();
        std::string files;
        for (std::size_t i = 0; i < blocked.size() && i < 5; ++i) files += (i ? ", " : "") + blocked[i];
        if (blocked.size() > 5) files += " and " + std::to_string(blocked.size() - 5) + " more";
        return {plainError("vcs/would-overwrite", "cannot " + what + ": your local changes to " +
                                                      (files.empty() ? std::string("some files") : files) +
                                                      " would be overwritten. Commit or discard them first."),
                {}};
    }
    if (rc < 0) return {gitError("vcs/checkout", "cannot " + what, rc), {}};
    return {};
}

} // namespace detail

Outcome Repository::switchBranch(const std::string& name) {
    git_repository* repo = handle_->repo.get();
    if (name == currentBranch()) return {std::nullopt, "Already on " + name};
    if (mergeInProgress())
        return {plainError("vcs/merge-in-progress", "a merge is in progress: finish it (resolve, stage, commit) first"), {}};
    git_reference* raw = nullptr;
    if (const int rc = git_branch_lookup(&raw, repo, name.c_str(), GIT_BRANCH_LOCAL); rc < 0)
        return {gitError("vcs/unknown-branch", "there is no local branch '" + name + "'", rc), {}};
    ReferencePtr branch(raw);
    git_object* rawTarget = nullptr;
    if (const int rc = git_reference_peel(&rawTarget, branch.get(), GIT_OBJECT_COMMIT); rc < 0)
        return {gitError("vcs/checkout", "cannot read branch '" + name + "'", rc), {}};
    ObjectPtr target(rawTarget);
    if (auto checkout = safeCheckout(repo, target.get(), "switch to '" + name + "'"); !checkout.ok()) return checkout;
    if (const int rc = git_repository_set_head(repo, git_reference_name(branch.get())); rc < 0)
        return {gitError("vcs/checkout", "cannot switch HEAD to '" + name + "'", rc), {}};
    return {std::nullopt, "Switched to " + name};
}

bool Repository::mergeInProgress() const {
    return git_repository_state(handle_->repo.get()) == GIT_REPOSITORY_STATE_MERGE;
}

std::string Repository::preparedMessage() const {
    git_buf buffer = GIT_BUF_INIT;
    std::string text;
    if (git_repository_message(&buffer, handle_->repo.get()) == 0) text.assign(buffer.ptr, buffer.size);
    git_buf_dispose(&buffer);
    git_error_clear();
    return text;
}

} // namespace quire::vcs
