#pragma once
// Publish, pull and pull-and-merge: the one workflow the CLI and the IDE's File > Publish share. It never
// prints and never asks on a terminal: decisions go through callbacks, outcomes come back as results.
// Synchronous (the client's calls run a local event loop); the GUI can call it on its own thread or hand it
// a client created on a worker thread.
//
// publish(): validate (errors block) -> resolve the target (options.workbookId, else the sidecar, else
// create) -> GET the server version -> drift check (server documentVersion != the sidecar's = remote
// changed, nothing is written) -> diff local vs server -> sharing (options.sharing: grantees resolved, an
// unknown one stops here; the workbook's grants compared, grants.h) -> confirm callback -> POST (create, or
// dry run) or PUT {contents, documentVersion} (409/412/stale = remote changed; no PUT when only grants
// differ) -> grant changes -> GET the readback -> sidecar + base snapshot. pullAndMerge(): three-way merge (per element property) of base snapshot / local / server.
#include <quire/core/diagnostic.h>
#include <quire/diff/merge.h>
#include <quire/diff/workbook_diff.h>
#include <quire/doc/document.h>
#include <quire/publish/api_error.h>
#include <quire/publish/grants.h>
#include <quire/publish/sigma_client.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace quire::publish {

struct PublishOptions {
    std::string workbookId;  // update this workbook (overrides the sidecar); "" = sidecar, else create
    std::string folderId;    // create into this folder; "" = the document's folderId, else the home folder
    std::string name;        // create with this name; "" = the document's name, else the file's base name
    bool dryRun = false;     // validate with Sigma (POST dryRun: true) and diff; write nothing
    bool writeSidecar = true; // remember the workbook next to the file (needs Document::path)
    std::string environment; // the sidecar target to use and update ("" = the default one; project.h)
    bool force = false;      // skip the drift check: overwrite server changes made since the last publish
    std::string tag;         // after a write, apply this Sigma version tag (POST /v2/workbooks/tag)
    // The grants the workbook should have (quire.yaml `sharing`, Project::sharingFor); nullopt = leave grants
    // alone. Resolved and compared with the server's before the confirm callback, applied after the write.
    std::optional<std::vector<GrantSpec>> sharing;
    bool pruneGrants = false; // remove grants on the workbook that `sharing` does not declare
};

// What is about to happen, for the confirm callback.
struct PublishPlan {
    bool create = false;
    std::string workbookId;                  // "" when creating
    std::string name;
    std::string folderId;                    // create only
    std::optional<long long> documentVersion; // update: the version the PUT is based on
    diff::WorkbookDiff diff;                 // server -> local (create: empty -> local)
    std::string environment;                 // options.environment
    GrantPlan grants;                        // sharing: what changes (managed = false without options.sharing)
    bool contentsUnchanged = false;          // update whose body the server already has (only grants change)
};

struct PublishCallbacks {
    std::function<void(const std::string&)> progress;   // "validating", "fetching workbook ..."
    std::function<bool(const PublishPlan&)> confirm;     // false = cancel; unset = go ahead
    // Asked between steps until the workbook is sent (the IDE's Cancel button): true ends the publish as
    // Cancelled with nothing published. Once the send has begun it runs to the end, so the sidecar always
    // remembers a workbook that was created.
    std::function<bool()> cancelRequested;
};

enum class PublishStatus {
    Created,
    Updated,
    Unchanged,          // the server already has exactly this body; nothing sent
    DryRunPassed,
    DryRunRejected,
    ValidationFailed,   // local errors; nothing sent
    Cancelled,
    RemoteChanged,      // the server moved on since the last pull: nothing overwritten, pull and merge
    Failed
};
std::string_view publishStatusName(PublishStatus status);

struct PublishResult {
    PublishStatus status = PublishStatus::Failed;
    std::vector<Diagnostic> diagnostics;     // validator findings, dry-run warnings/errors, mapped API errors
    std::optional<PublishPlan> plan;
    std::optional<ApiError> error;           // the failing call (Failed, DryRunRejected, RemoteChanged on 409)
    std::string message;                     // one line for people
    std::string workbookId;
    std::string url;
    std::optional<long long> documentVersion; // after the write
    diff::WorkbookDiff remoteChanges;        // RemoteChanged: base snapshot (or local) -> server
    diff::WorkbookDiff normalization;        // after a write: local -> server readback (what Sigma rewrote)
    Json dryRunReply;                        // the dry run's reply body
    Json tagReply;                           // options.tag: Sigma's tag object (versionTagId, taggedWorkbookVersion, ...)
    std::optional<ApiError> tagError;        // options.tag: the workbook was written but could not be tagged
    bool grantsApplied = false;              // the plan's grant changes were sent
    std::optional<ApiError> grantsError;     // sharing: the workbook was written but its grants could not be set
    bool ok() const {
        return status == PublishStatus::Created || status == PublishStatus::Updated ||
               status == PublishStatus::Unchanged || status == PublishStatus::DryRunPassed;
    }
};

struct PullResult {
    bool ok = false;
    std::string message;
    std::optional<ApiError> error;
    std::string workbookId;
    std::string url;
    std::optional<long long> documentVersion;
    std::string path;                         // the file written
};

struct MergeOutcome {
    bool ok = false;                          // merged cleanly and written (or nothing to merge)
    std::string message;
    std::optional<ApiError> error;
    std::vector<diff::MergeConflict> conflicts; // not empty: nothing written
    diff::WorkbookDiff incoming;              // local -> merged result
    std::optional<long long> documentVersion; // server version merged in
};

using Validator = std::function<std::vector<Diagnostic>(const doc::Document&)>;

class PublishFlow {
public:
    // `validator` unset = quire::validate::validate with its default options.
    explicit PublishFlow(SigmaClient& client, Validator validator = {});

    PublishResult publish(const doc::Document& document, const PublishOptions& options = {},
                          const PublishCallbacks& callbacks = {});

    // Fetches a workbook (id or URL) into `path` (canonical JSON or YAML via the document writer) and writes
    // the sidecar and base snapshot next to it.
    PullResult pull(const std::string& idOrUrl, const std::string& path, doc::Format format);

    // Merges the server's changes since the last pull into the document's file (base = snapshot, ours = the
    // file, theirs = the server). Writes the file, sidecar and snapshot only when the merge is clean.
    MergeOutcome pullAndMerge(const doc::Document& document);

private:
    // The steps of publish(), in order (publish_flow.cpp); each returns false once the result is final.
    struct Run;
    bool validateStep(Run& run);
    bool resolveTargetStep(Run& run);
    bool diffStep(Run& run);
    bool sharingStep(Run& run);
    bool nameAndFolderStep(Run& run);
    bool confirmStep(Run& run);
    bool dryRunStep(Run& run);
    bool sendStep(Run& run);
    bool readBackStep(Run& run);
    std::string resolveWorkbookId(const std::string& idOrUrl, ApiError& error);
    void applyTag(const PublishOptions& options, PublishResult& result);
    void applyGrants(Run& run);
    void finishUnchanged(Run& run);
    void progress(const PublishCallbacks& callbacks, const std::string& text) const;

    SigmaClient& client_;
    Validator validator_;
};

} // namespace quire::publish
