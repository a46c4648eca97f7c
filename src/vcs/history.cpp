// A file's history, its bytes at a commit, and the index stages of a conflicted file.
#include "git_handles.h"

namespace quire::vcs {

using namespace detail;

namespace {

// The blob id of `path` in a commit's tree; nullopt when the commit has no such file.
std::optional<git_oid> blobIdAt(const git_commit* commit, const std::string& path) {
    git_tree* rawTree = nullptr;
    if (git_commit_tree(&rawTree, commit) < 0) {
        git_error_clear();
        return std::nullopt;
    }
    TreePtr tree(rawTree);
    git_tree_entry* rawEntry = nullptr;
    if (git_tree_entry_bypath(&rawEntry, tree.get(), path.c_str()) < 0) {
        git_error_clear();
        return std::nullopt;
    }
    TreeEntryPtr entry(rawEntry);
    if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) return std::nullopt;
    return *git_tree_entry_id(entry.get());
}

bool sameBlob(const std::optional<git_oid>& a, const std::optional<git_oid>& b) {
    if (!a || !b) return !a && !b;
    return git_oid_equal(&*a, &*b);
}

Result<std::string> blobText(git_repository* repo, const git_oid& id, const std::string& what) {
    git_blob* raw = nullptr;
    if (const int rc = git_blob_lookup(&raw, repo, &id); rc < 0)
        return gitError("vcs/read-blob", "cannot read " + what, rc);
    BlobPtr blob(raw);
    const auto size = git_blob_rawsize(blob.get());
    if (std::uint64_t(size) > kMaxBlobBytes)
        return plainError("vcs/too-large", what + " is larger than " + std::to_string(kMaxBlobBytes >> 20) + " MiB");
    const char* bytes = static_cast<const char*>(git_blob_rawcontent(blob.get()));
    return std::string(bytes, bytes + size);
}

} // namespace

Result<std::vector<CommitInfo>> Repository::fileHistory(const std::string& relative, std::size_t limit) const {
    git_repository* repo = handle_->repo.get();
    git_revwalk* rawWalk = nullptr;
    if (const int rc = git_revwalk_new(&rawWalk, repo); rc < 0)
        return gitError("vcs/history", "cannot walk the history", rc);
    RevwalkPtr walk(rawWalk);
    git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
    std::vector<CommitInfo> commits;
    if (const int rc = git_revwalk_push_head(walk.get()); rc < 0) {
        if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH) { // no commit yet
            git_error_clear();
            return commits;
        }
        return gitError("vcs/history", "cannot walk the history", rc);
    }
    git_oid id;
    std::size_t visited = 0;
    while (commits.size() < limit && visited < kMaxHistoryWalk && git_revwalk_next(&id, walk.get()) == 0) {
        ++visited;
        git_commit* rawCommit = nullptr;
        if (git_commit_lookup(&rawCommit, repo, &id) < 0)
            return gitError("vcs/history", "cannot read commit " + oidHex(id));
        CommitPtr commit(rawCommit);
        const auto mine = blobIdAt(commit.get(), relative);
        const unsigned parents = git_commit_parentcount(commit.get());
        // Like git log -- FILE: a commit counts when the file differs from every parent's (a merge that took
        // one side's version unchanged does not).
        bool touched = parents == 0 ? mine.has_value() : true;
        for (unsigned i = 0; i < parents && touched; ++i) {
            git_commit* rawParent = nullptr;
            if (git_commit_parent(&rawParent, commit.get(), i) < 0) {
                git_error_clear();
                continue; // a shallow clone's missing parent
            }
            CommitPtr parent(rawParent);
            if (sameBlob(blobIdAt(parent.get(), relative), mine)) touched = false;
        }
        if (!touched) continue;
        CommitInfo info;
        info.id = oidHex(id);
        info.shortId = info.id.substr(0, 7);
        const char* summary = git_commit_summary(commit.get());
        info.summary = summary ? summary : "";
        if (const git_signature* author = git_commit_author(commit.get())) {
            info.author = std::string(author->name ? author->name : "") + " <" + (author->email ? author->email : "") + ">";
            info.time = author->when.time;
        }
        commits.push_back(std::move(info));
    }
    git_error_clear();
    return commits;
}

Result<std::string> Repository::fileAtCommit(const std::string& commitId, const std::string& relative) const {
    git_repository* repo = handle_->repo.get();
    git_object* raw = nullptr;
    const std::string spec = commitId + "^{commit}";
    if (const int rc = git_revparse_single(&raw, repo, spec.c_str()); rc < 0)
        return gitError("vcs/unknown-commit", "there is no commit '" + commitId + "'", rc);
    CommitPtr commit(reinterpret_cast<git_commit*>(raw));
    const auto blob = blobIdAt(commit.get(), relative);
    if (!blob)
        return plainError("vcs/not-in-commit", "'" + relative + "' does not exist in commit " + commitId.substr(0, 7));
    return blobText(repo, *blob, "'" + relative + "' at " + commitId.substr(0, 7));
}

Result<ConflictBlobs> Repository::conflict(const std::string& relative) const {
    git_repository* repo = handle_->repo.get();
    git_index* rawIndex = nullptr;
    if (const int rc = git_repository_index(&rawIndex, repo); rc < 0)
        return gitError("vcs/index", "cannot read the git index", rc);
    IndexPtr index(rawIndex);
    git_index_read(index.get(), 0);
    const git_index_entry *base = nullptr, *ours = nullptr, *theirs = nullptr;
    const int rc = git_index_conflict_get(&base, &ours, &theirs, index.get(), relative.c_str());
    if (rc == GIT_ENOTFOUND) {
        git_error_clear();
        return plainError("vcs/not-conflicted", "'" + relative + "' has no conflict in the index");
    }
    if (rc < 0) return gitError("vcs/index", "cannot read the conflict of '" + relative + "'", rc);
    ConflictBlobs blobs;
    auto read = [&](const git_index_entry* entry, const char* side, std::optional<std::string>& out) -> std::optional<Diagnostic> {
        if (!entry) return std::nullopt;
        auto text = blobText(repo, entry->id, std::string("the ") + side + " version of '" + relative + "'");
        if (!text.ok()) return text.error();
        out = std::move(*text);
        return std::nullopt;
    };
    if (auto e = read(base, "base", blobs.base)) return *e;
    if (auto e = read(ours, "local", blobs.ours)) return *e;
    if (auto e = read(theirs, "incoming", blobs.theirs)) return *e;
    return blobs;
}

} // namespace quire::vcs
