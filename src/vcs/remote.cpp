// Pull and push. Credentials come only from what libgit2 can get by itself (ssh-agent, or none needed);
// a remote that wants a password or token is refused with a pointer to the git command line.
#include "git_handles.h"

#include <quire/vcs/known_hosts.h>

namespace quire::vcs {

using namespace detail;

namespace {

// What the callbacks of one fetch or push learn.
struct RemoteState {
    int attempts = 0;
    bool needsSecret = false;   // the remote asked for something Quire does not provide
    std::string sshHost;        // known_hosts name of an SSH remote ("" otherwise)
    std::optional<Diagnostic> hostKeyError;
    std::string rejected;       // push: a reference the remote refused
};

const char* sshKeyType(git_cert_ssh_raw_type_t type) {
    switch (type) {
    case GIT_CERT_SSH_RAW_TYPE_RSA: return "ssh-rsa";
    case GIT_CERT_SSH_RAW_TYPE_DSS: return "ssh-dss";
    case GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_256: return "ecdsa-sha2-nistp256";
    case GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_384: return "ecdsa-sha2-nistp384";
    case GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_521: return "ecdsa-sha2-nistp521";
    case GIT_CERT_SSH_RAW_TYPE_KEY_ED25519: return "ssh-ed25519";
    default: return nullptr;
    }
}

// TLS certificates: libgit2's own verification. SSH host keys: must be in known_hosts, unchanged.
int certificateCheck(git_cert* cert, int /*valid*/, const char* host, void* payload) {
    auto* state = static_cast<RemoteState*>(payload);
    if (cert->cert_type != GIT_CERT_HOSTKEY_LIBSSH2) return GIT_PASSTHROUGH;
    const std::string name = !state->sshHost.empty() ? state->sshHost : host ? host : "";
    const auto* key = reinterpret_cast<const git_cert_hostkey*>(cert);
    const char* type = (key->type & GIT_CERT_SSH_RAW) ? sshKeyType(key->raw_type) : nullptr;
    if (!type || !key->hostkey || key->hostkey_len == 0) {
        state->hostKeyError = plainError("vcs/unknown-host-key", "cannot check the SSH host key of " + name +
                                                                     ": use git in a terminal");
        return GIT_ECERTIFICATE;
    }
    const std::string encoded = base64(reinterpret_cast<const unsigned char*>(key->hostkey), key->hostkey_len);
    switch (checkKnownHost(name, type, encoded, defaultKnownHostsFiles())) {
    case HostKeyMatch::Known: return 0;
    case HostKeyMatch::Mismatch:
        state->hostKeyError = plainError("vcs/host-key-mismatch", "the SSH host key of " + name +
                                                                      " differs from the one in known_hosts: refused "
                                                                      "(someone may be impersonating the server)");
        return GIT_ECERTIFICATE;
    case HostKeyMatch::Unknown: break;
    }
    state->hostKeyError = plainError("vcs/unknown-host-key", "the SSH host key of " + name +
                                                                 " is not in ~/.ssh/known_hosts: connect once with ssh "
                                                                 "or git in a terminal to check and record it");
    return GIT_ECERTIFICATE;
}

int credentials(git_credential** out, const char* /*url*/, const char* usernameFromUrl, unsigned int allowed, void* payload) {
    auto* state = static_cast<RemoteState*>(payload);
    // One try only: a second call means the agent's keys were refused (libgit2 would otherwise loop).
    if (state->attempts++ > 0) {
        state->needsSecret = true;
        return GIT_EUSER;
    }
    if (allowed & GIT_CREDENTIAL_SSH_KEY) return git_credential_ssh_key_from_agent(out, usernameFromUrl ? usernameFromUrl : "git");
    if (allowed & GIT_CREDENTIAL_DEFAULT) return git_credential_default_new(out);
    if (allowed & GIT_CREDENTIAL_USERNAME) return git_credential_username_new(out, usernameFromUrl ? usernameFromUrl : "git");
    state->needsSecret = true; // user name + password / token: never asked for here
    return GIT_EUSER;
}

std::string remoteUrl(git_remote* remote) {
    const char* url = git_remote_url(remote);
    return url ? url : "";
}

Diagnostic authRefusal(const std::string& remote, const std::string& url, const char* command) {
    return plainError("vcs/remote-auth", "the remote '" + remote + "' (" + url +
                                             ") needs credentials Quire cannot get from ssh-agent; Quire never asks "
                                             "for or stores passwords or tokens: use git " + command + " in a terminal");
}

struct Upstream {
    std::string branch;     // local branch name
    std::string remote;     // remote name
    std::string mergeRef;   // the branch on the remote ("refs/heads/main")
};

Result<Upstream> upstreamOf(git_repository* repo, const std::string& branch) {
    if (branch.empty())
        return plainError("vcs/no-branch", "HEAD is not on a branch (detached): switch to a branch first");
    Upstream up{branch, "origin", "refs/heads/" + branch};
    const std::string ref = "refs/heads/" + branch;
    git_buf buffer = GIT_BUF_INIT;
    if (git_branch_upstream_remote(&buffer, repo, ref.c_str()) == 0) up.remote.assign(buffer.ptr, buffer.size);
    git_buf_dispose(&buffer);
    if (git_branch_upstream_merge(&buffer, repo, ref.c_str()) == 0) up.mergeRef.assign(buffer.ptr, buffer.size);
    git_buf_dispose(&buffer);
    git_error_clear();
    return up;
}

Result<RemotePtr> lookupRemote(git_repository* repo, const std::string& name) {
    git_remote* raw = nullptr;
    if (const int rc = git_remote_lookup(&raw, repo, name.c_str()); rc < 0) {
        git_error_clear();
        return plainError("vcs/no-remote", "the repository has no remote '" + name +
                                                              "' (add one with git remote add " + name + " URL)");
    }
    return RemotePtr(raw);
}

// The current branch's upstream and its remote, and the state the fetch/push callbacks fill in.
struct Transfer {
    Upstream up;
    RemotePtr remote;
    std::string url;
    RemoteState state;
};

Result<Transfer> openTransfer(git_repository* repo, const std::string& branch) {
    auto up = upstreamOf(repo, branch);
    if (!up.ok()) return up.error();
    auto remote = lookupRemote(repo, up->remote);
    if (!remote.ok()) return remote.error();
    Transfer transfer{std::move(*up), std::move(*remote), {}, {}};
    transfer.url = remoteUrl(transfer.remote.get());
    transfer.state.sshHost = sshHostOf(transfer.url).value_or("");
    return transfer;
}

// Fetch and push share the same credential and host-key callbacks; the state is the payload.
void attachCallbacks(git_remote_callbacks& callbacks, RemoteState& state) {
    callbacks.credentials = credentials;
    callbacks.certificate_check = certificateCheck;
    callbacks.payload = &state;
}

// A failed transfer that the callbacks explain (host key, credentials Quire does not provide), else nullopt.
std::optional<Diagnostic> refusalOf(const Transfer& transfer, const char* command) {
    if (transfer.state.hostKeyError) {
        git_error_clear();
        return transfer.state.hostKeyError;
    }
    if (transfer.state.needsSecret) {
        git_error_clear();
        return authRefusal(transfer.up.remote, transfer.url, command);
    }
    return std::nullopt;
}

} // namespace

Outcome Repository::pull() {
    git_repository* repo = handle_->repo.get();
    if (mergeInProgress())
        return {plainError("vcs/merge-in-progress", "a merge is in progress: finish it (resolve, stage, commit) first"), {}};
    auto transfer = openTransfer(repo, currentBranch());
    if (!transfer.ok()) return {transfer.error(), {}};
    Transfer& t = *transfer;
    const Upstream* up = &t.up;
    git_fetch_options fetch;
    git_fetch_options_init(&fetch, GIT_FETCH_OPTIONS_VERSION); // (the _INIT macros leave fields implicit)
    attachCallbacks(fetch.callbacks, t.state);
    if (const int rc = git_remote_fetch(t.remote.get(), nullptr, &fetch, "pull"); rc < 0) {
        if (auto refusal = refusalOf(t, "pull")) return {refusal, {}};
        return {gitError("vcs/fetch", "cannot fetch from '" + up->remote + "' (" + t.url + ")", rc), {}};
    }

    // The fetched branch: refs/remotes/<remote>/<name of the merge ref>.
    const std::string prefix = "refs/heads/";
    const std::string remoteBranch =
        up->mergeRef.rfind(prefix, 0) == 0 ? up->mergeRef.substr(prefix.size()) : up->mergeRef;
    const std::string tracking = "refs/remotes/" + up->remote + "/" + remoteBranch;
    git_reference* rawTracking = nullptr;
    if (git_reference_lookup(&rawTracking, repo, tracking.c_str()) < 0) {
        git_error_clear();
        return {plainError("vcs/no-upstream", "the remote '" + up->remote + "' has no branch '" + remoteBranch + "'"), {}};
    }
    ReferencePtr trackingRef(rawTracking);
    git_annotated_commit* rawHead = nullptr;
    if (const int rc = git_annotated_commit_from_ref(&rawHead, repo, trackingRef.get()); rc < 0)
        return {gitError("vcs/merge", "cannot read " + tracking, rc), {}};
    AnnotatedCommitPtr incoming(rawHead);
    const git_annotated_commit* heads[] = {incoming.get()};
    git_merge_analysis_t analysis;
    git_merge_preference_t preference;
    if (const int rc = git_merge_analysis(&analysis, &preference, repo, heads, 1); rc < 0)
        return {gitError("vcs/merge", "cannot compare with " + tracking, rc), {}};
    if (analysis & GIT_MERGE_ANALYSIS_UP_TO_DATE) return {std::nullopt, "Already up to date"};

    const git_oid* target = git_annotated_commit_id(incoming.get());
    git_object* rawTarget = nullptr;
    if (const int rc = git_object_lookup(&rawTarget, repo, target, GIT_OBJECT_COMMIT); rc < 0)
        return {gitError("vcs/merge", "cannot read the fetched commit", rc), {}};
    ObjectPtr targetCommit(rawTarget);
    if (analysis & (GIT_MERGE_ANALYSIS_FASTFORWARD | GIT_MERGE_ANALYSIS_UNBORN)) {
        if (auto checkout = safeCheckout(repo, targetCommit.get(), "pull"); !checkout.ok()) return checkout;
        git_reference* rawNew = nullptr;
        const std::string local = "refs/heads/" + up->branch;
        const int rc = git_reference_create(&rawNew, repo, local.c_str(), target, 1, "pull: fast-forward");
        ReferencePtr updated(rawNew);
        if (rc < 0) return {gitError("vcs/merge", "cannot move " + up->branch, rc), {}};
        return {std::nullopt, "Fast-forwarded " + up->branch + " to " + oidHex(*target).substr(0, 7)};
    }
    if (preference & GIT_MERGE_PREFERENCE_FASTFORWARD_ONLY)
        return {plainError("vcs/not-fast-forward", "the branches have diverged and git is configured for fast-forward "
                                                   "pulls only: use git pull in a terminal"),
                {}};
    git_merge_options mergeOptions;
    git_merge_options_init(&mergeOptions, GIT_MERGE_OPTIONS_VERSION);
    git_checkout_options checkout;
    git_checkout_options_init(&checkout, GIT_CHECKOUT_OPTIONS_VERSION);
    checkout.checkout_strategy = GIT_CHECKOUT_SAFE | GIT_CHECKOUT_ALLOW_CONFLICTS;
    if (const int rc = git_merge(repo, heads, 1, &mergeOptions, &checkout); rc < 0)
        return {gitError("vcs/merge", "cannot merge " + tracking + " (commit or discard your local changes first)", rc), {}};
    auto status = this->status();
    std::vector<std::string> conflicted;
    if (status.ok())
        for (const auto& f : *status)
            if (f.conflicted) conflicted.push_back(f.path);
    if (!conflicted.empty()) {
        std::string files;
        for (const auto& f : conflicted) files += (files.empty() ? "" : ", ") + f;
        return {std::nullopt, "Merged " + tracking + " with conflicts in " + files + ": resolve them, then commit"};
    }
    auto committed = commit("Merge " + tracking + " into " + up->branch);
    if (!committed.ok()) return committed;
    return {std::nullopt, "Merged " + tracking + " into " + up->branch};
}

Outcome Repository::push() {
    git_repository* repo = handle_->repo.get();
    auto transfer = openTransfer(repo, currentBranch());
    if (!transfer.ok()) return {transfer.error(), {}};
    Transfer& t = *transfer;
    const Upstream* up = &t.up;
    const RemoteState& state = t.state;
    git_push_options options;
    git_push_options_init(&options, GIT_PUSH_OPTIONS_VERSION);
    attachCallbacks(options.callbacks, t.state);
    options.callbacks.push_update_reference = [](const char* ref, const char* status, void* payload) {
        if (status) static_cast<RemoteState*>(payload)->rejected = std::string(ref) + ": " + status;
        return 0;
    };
    std::string refspec = "refs/heads/" + up->branch + ":" + up->mergeRef;
    char* spec = refspec.data();
    git_strarray refspecs{&spec, 1};
    const int rc = git_remote_push(t.remote.get(), &refspecs, &options);
    if (rc < 0)
        if (auto refusal = refusalOf(t, "push")) return {refusal, {}};
    const git_error* e = git_error_last();
    const std::string text = e && e->message ? e->message : "";
    if (!state.rejected.empty() || rc == GIT_ENONFASTFORWARD || text.find("fastforward") != std::string::npos ||
        text.find("fast-forward") != std::string::npos) {
        git_error_clear();
        return {plainError("vcs/push-rejected", "the remote '" + up->remote +
                                                    "' has commits this branch does not have: pull first, then push" +
                                                    (state.rejected.empty() ? "" : " (" + state.rejected + ")")),
                {}};
    }
    if (rc < 0) return {gitError("vcs/push", "cannot push to '" + up->remote + "' (" + t.url + ")", rc), {}};
    return {std::nullopt, "Pushed " + up->branch + " to " + up->remote};
}

} // namespace quire::vcs
