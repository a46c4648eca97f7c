#pragma once
// Internal: RAII owners for libgit2 objects, the library's one-time initialisation, and libgit2 errors as
// Diagnostics.
#include <quire/core/diagnostic.h>
#include <quire/core/rules.h>
#include <quire/vcs/repository.h>

#include <git2.h>

#include <memory>
#include <string>

namespace quire::vcs::detail {

template <class T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const { if (p) Free(p); }
};
template <class T, void (*Free)(T*)>
using Owned = std::unique_ptr<T, Deleter<T, Free>>;

using RepoPtr = Owned<git_repository, git_repository_free>;
using IndexPtr = Owned<git_index, git_index_free>;
using ReferencePtr = Owned<git_reference, git_reference_free>;
using CommitPtr = Owned<git_commit, git_commit_free>;
using TreePtr = Owned<git_tree, git_tree_free>;
using TreeEntryPtr = Owned<git_tree_entry, git_tree_entry_free>;
using BlobPtr = Owned<git_blob, git_blob_free>;
using ObjectPtr = Owned<git_object, git_object_free>;
using SignaturePtr = Owned<git_signature, git_signature_free>;
using StatusListPtr = Owned<git_status_list, git_status_list_free>;
using RevwalkPtr = Owned<git_revwalk, git_revwalk_free>;
using BranchIteratorPtr = Owned<git_branch_iterator, git_branch_iterator_free>;
using RemotePtr = Owned<git_remote, git_remote_free>;
using AnnotatedCommitPtr = Owned<git_annotated_commit, git_annotated_commit_free>;
using ConfigPtr = Owned<git_config, git_config_free>;

// git_libgit2_init once per process (never shut down: other threads may still use it at exit).
void ensureInitialised();

// A Diagnostic with the rule code, our sentence and libgit2's last error text (when there is one).
Diagnostic gitError(RuleCode rule, const std::string& message, int code = -1);
Diagnostic plainError(RuleCode rule, const std::string& message);

std::string oidHex(const git_oid& oid);

// Checks out a commit (or tree) with GIT_CHECKOUT_SAFE; vcs/would-overwrite naming the files in the way.
Outcome safeCheckout(git_repository* repo, const git_object* target, const std::string& what);

} // namespace quire::vcs::detail

namespace quire::vcs {
struct Repository::Handle {
    detail::RepoPtr repo;
};
} // namespace quire::vcs
