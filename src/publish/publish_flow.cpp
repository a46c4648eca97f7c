#include <quire/diff/workbook_diff.h>
#include <quire/core/rules.h>
#include <quire/doc/io.h>
#include <quire/publish/body.h>
#include <quire/publish/publish_flow.h>
#include <quire/publish/regions.h>
#include <quire/publish/sidecar.h>
#include <quire/validate/validator.h>
#include <quire/core/text.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace quire::publish {

std::string_view publishStatusName(PublishStatus status) {
    switch (status) {
    case PublishStatus::Created: return "created";
    case PublishStatus::Updated: return "updated";
    case PublishStatus::Unchanged: return "unchanged";
    case PublishStatus::DryRunPassed: return "dry-run-passed";
    case PublishStatus::DryRunRejected: return "dry-run-rejected";
    case PublishStatus::ValidationFailed: return "validation-failed";
    case PublishStatus::Cancelled: return "cancelled";
    case PublishStatus::RemoteChanged: return "remote-changed";
    case PublishStatus::Failed: return "failed";
    }
    return "failed";
}

namespace {

// 409/412, or a 400 whose text says the documentVersion is stale.
bool isStale(const ApiError& error) {
    if (error.kind != ApiError::Kind::Http) return false;
    if (error.status == 409 || error.status == 412) return true;
    if (error.status != 400) return false;
    const std::string text = asciiLower(error.message);
    return text.find("documentversion") != std::string::npos || text.find("stale") != std::string::npos ||
           text.find("out of date") != std::string::npos || text.find("newer version") != std::string::npos;
}

Json remoteBody(const Json& reply) {
    if (reply.is_object()) {
        if (reply.contains("contents") && reply["contents"].is_object()) return reply["contents"];
        if (reply.contains("document") && reply["document"].is_object()) return reply["document"];
    }
    return Json::object();
}

std::string stringField(const Json& object, const char* key) {
    if (object.is_object() && object.contains(key) && object[key].is_string()) return object[key].get<std::string>();
    return {};
}

ApiError located(ApiError error, const doc::Document& document) {
    locate(error, document);
    return error;
}

// Text from the user or a server, echoed in a one-line message.
std::string shortened(const std::string& text, std::size_t max = 200) {
    return text.size() > max ? text.substr(0, max) + "... (" + std::to_string(text.size()) + " characters)" : text;
}

// The sidecar belongs to another API host than the client's: its host is never contacted.
std::string hostMismatch(const std::string& documentPath, const std::string& sidecarHost, const std::string& clientHost) {
    return sidecarPathFor(documentPath) + " belongs to the API host " + sidecarHost + ", but the host in use is " + clientHost +
           "; nothing was sent to either. Pass --workbook-id to publish elsewhere, or the sidecar's --region (or --base-url " +
           sidecarHost + " if you trust it)";
}

// The bytes about to be written must load again with Quire's own loader and its limits; "" when they do.
std::string unloadable(const std::string& bytes, doc::Format format, const std::string& path) {
    doc::LoadResult back = doc::parseDocument(bytes, format, path);
    if (back.ok()) return {};
    for (const Diagnostic& d : back.diagnostics)
        if (d.severity == Severity::Error) return "Quire could not load the result, so nothing was written: " + formatDiagnostic(d);
    return "Quire could not load the result, so nothing was written";
}

} // namespace

PublishFlow::PublishFlow(SigmaClient& client, Validator validator) : client_(client), validator_(std::move(validator)) {
    if (!validator_) validator_ = [](const doc::Document& d) { return validate::validate(d); };
}

void PublishFlow::progress(const PublishCallbacks& callbacks, const std::string& text) const {
    if (callbacks.progress) callbacks.progress(text);
}

std::string PublishFlow::resolveWorkbookId(const std::string& idOrUrl, ApiError& error) {
    auto ref = parseWorkbookRef(idOrUrl);
    if (!ref) {
        error.kind = ApiError::Kind::Http;
        error.status = 0;
        error.message = "'" + shortened(idOrUrl) + "' is neither a workbook id (letters, digits, '-', '_', at most " +
                        std::to_string(maxWorkbookIdLength) + " characters) nor a Sigma workbook URL";
        return {};
    }
    if (!ref->workbookId.empty()) return ref->workbookId;
    ApiResult list = client_.listWorkbooks();
    if (!list.ok()) {
        error = list.error;
        return {};
    }
    for (const Json& entry : list.body["entries"]) {
        const std::string url = stringField(entry, "url");
        if (!url.empty() && url.find(ref->urlId) != std::string::npos) return stringField(entry, "workbookId");
    }
    error.kind = ApiError::Kind::Http;
    error.status = 404;
    error.message = "no workbook visible to this API client has the URL id '" + ref->urlId + "'";
    return {};
}

// One publish in progress: what the steps of PublishFlow::publish share.
struct PublishFlow::Run {
    const doc::Document& document;
    const PublishOptions& options;
    const PublishCallbacks& callbacks;
    PublishResult result;
    Json contents;                  // the body to publish
    std::optional<Sidecar> sidecar; // the file's sidecar (this environment's target)
    std::string workbookId;         // "" = create
    bool sidecarMatches = false;    // the sidecar names workbookId
    PublishPlan plan;
    Json remote;                    // the workbook as the server has it (updates)
    std::string target;             // " (environment NAME)" for messages

    // Ends the publish with `status`; false, so a step can `return run.fail(...)`.
    bool fail(PublishStatus status, std::string message, std::optional<ApiError> error = std::nullopt) {
        result.status = status;
        result.message = std::move(message);
        if (error) {
            result.diagnostics.push_back(error->toDiagnostic());
            result.error = std::move(error);
        }
        return false;
    }
};

PublishResult PublishFlow::publish(const doc::Document& document, const PublishOptions& options,
                                   const PublishCallbacks& callbacks) {
    Run run{document, options, callbacks, {}, {}, {}, {}, false, {}, {}, {}};
    // validate -> resolve the target -> diff against the server -> sharing -> name and folder -> confirm -> dry run or send
    // -> read back and remember; a step that returns false has made the result final.
    using Step = bool (PublishFlow::*)(Run&);
    const Step steps[] = {&PublishFlow::validateStep, &PublishFlow::resolveTargetStep, &PublishFlow::diffStep,
                          &PublishFlow::sharingStep, &PublishFlow::nameAndFolderStep, &PublishFlow::confirmStep,
                          &PublishFlow::dryRunStep, &PublishFlow::sendStep, &PublishFlow::readBackStep};
    for (Step step : steps) {
        // A cancel is honoured up to the send; after it, stopping would leave a workbook the file does not know.
        const bool beforeSend = step != &PublishFlow::readBackStep;
        if (beforeSend && callbacks.cancelRequested && callbacks.cancelRequested()) {
            run.fail(PublishStatus::Cancelled, "cancelled; nothing was published");
            break;
        }
        if (!(this->*step)(run)) break;
    }
    return std::move(run.result);
}

bool PublishFlow::validateStep(Run& run) {
    progress(run.callbacks, "validating");
    run.result.diagnostics = validator_(run.document);
    if (hasErrors(run.result.diagnostics)) {
        const auto errors = std::count_if(run.result.diagnostics.begin(), run.result.diagnostics.end(),
                                          [](const Diagnostic& d) { return d.severity == Severity::Error; });
        return run.fail(PublishStatus::ValidationFailed,
                        std::to_string(errors) + (errors == 1 ? " error" : " errors") + " in the document; nothing was published");
    }
    if (!run.document.contents()) {
        Diagnostic d{Severity::Error, RuleCode("publish/no-contents"), "the document has no workbook body (`contents`)", "",
                     SourceLocation{run.document.path, 1, 1}, std::nullopt};
        run.result.diagnostics.push_back(d);
        return run.fail(PublishStatus::ValidationFailed, "the document has no workbook body; nothing was published");
    }
    run.contents = bodyContents(run.document);
    return true;
}

// The workbook to update (the option, else the sidecar's, whose host must be the one in use), or a create.
bool PublishFlow::resolveTargetStep(Run& run) {
    if (!run.document.path.empty()) {
        auto sidecar = loadSidecar(run.document.path, run.options.environment);
        if (!sidecar) return run.fail(PublishStatus::Failed, sidecar.message());
        run.sidecar = std::move(*sidecar);
    }
    run.workbookId = run.options.workbookId;
    if (run.workbookId.empty() && run.sidecar) {
        if (!run.sidecar->baseUrl.empty() && !sameBaseUrl(run.sidecar->baseUrl, client_.config().baseUrl))
            return run.fail(PublishStatus::Failed, hostMismatch(run.document.path, run.sidecar->baseUrl, client_.config().baseUrl));
        run.workbookId = run.sidecar->workbookId;
    }
    run.sidecarMatches = run.sidecar && run.sidecar->workbookId == run.workbookId;
    run.plan.create = run.workbookId.empty();
    run.plan.workbookId = run.workbookId;
    run.plan.environment = run.options.environment;
    run.target = run.options.environment.empty() ? std::string() : " (environment " + run.options.environment + ")";
    return true;
}

// An update: the server's workbook, the drift check against the sidecar, the diff (nothing to send ends here).
bool PublishFlow::diffStep(Run& run) {
    if (run.plan.create) {
        run.plan.diff = diff::diffContents(Json::object(), run.contents);
        return true;
    }
    const PublishOptions& options = run.options;
    const std::string& workbookId = run.workbookId;
    progress(run.callbacks, "fetching workbook " + workbookId);
    ApiResult got = client_.getWorkbook(workbookId);
    if (!got.ok()) {
        std::string message = "cannot fetch workbook " + workbookId;
        if (got.error.status == 404 && run.sidecarMatches)
            message += " (named by " + sidecarPathFor(run.document.path) + "; it may have been deleted)";
        return run.fail(PublishStatus::Failed, message, got.error);
    }
    run.remote = std::move(got.body);
    const Json remoteContents = remoteBody(run.remote);
    const auto remoteVersion = documentVersionOf(run.remote);
    const std::optional<Sidecar>& sidecar = run.sidecar;
    if (!options.force && run.sidecarMatches && sidecar->documentVersion && remoteVersion &&
        *remoteVersion != *sidecar->documentVersion) {
        auto base = loadSnapshot(run.document.path, *sidecar);
        run.result.remoteChanges = diff::diffContents(base ? *base : run.contents, remoteContents);
        run.result.workbookId = workbookId;
        run.result.url = stringField(run.remote, "url");
        run.result.documentVersion = remoteVersion;
        return run.fail(PublishStatus::RemoteChanged,
                        "workbook " + workbookId + run.target + " changed on the server (version " + std::to_string(*remoteVersion) +
                            ", last " + (options.environment.empty() ? "pulled " : "published ") +
                            std::to_string(*sidecar->documentVersion) + "); nothing was overwritten: " +
                            (options.environment.empty() ? "pull and merge first" : "check the server's changes, then pass --force to overwrite them"));
    }
    run.plan.documentVersion =
        !options.force && run.sidecarMatches && sidecar->documentVersion ? sidecar->documentVersion : remoteVersion;
    run.plan.name = stringField(run.remote, "name");
    run.plan.diff = diff::diffContents(remoteContents, run.contents);
    run.plan.contentsUnchanged = run.plan.diff.empty() && !options.dryRun;
    return true;
}

// The body is what the server has: only grants may still change. Records the target; no PUT.
void PublishFlow::finishUnchanged(Run& run) {
    PublishResult& result = run.result;
    const PublishOptions& options = run.options;
    result.plan = run.plan;
    result.workbookId = run.workbookId;
    result.url = stringField(run.remote, "url");
    result.documentVersion = documentVersionOf(run.remote);
    if (options.writeSidecar && !run.document.path.empty() && !run.sidecarMatches)
        saveSidecar(run.document.path,
                    Sidecar{run.workbookId, result.url, result.documentVersion, client_.config().baseUrl, {}, {}, options.environment},
                    remoteBody(run.remote));
    result.status = PublishStatus::Unchanged;
    result.message = "workbook " + run.workbookId + run.target + " already has this content" +
                     (run.plan.grants.hasWrites() ? std::string() : std::string("; nothing was sent"));
}

// Sharing declared: resolve the grantees (an unknown one stops the publish before anything is written), read
// the workbook's grants (none for a create) and plan the changes. Nothing to send at all ends here.
bool PublishFlow::sharingStep(Run& run) {
    if (run.options.sharing) {
        progress(run.callbacks, "resolving the grantees of the declared sharing");
        GrantResolution resolved = resolveGrants(client_, *run.options.sharing);
        for (Diagnostic& d : resolved.diagnostics) run.result.diagnostics.push_back(std::move(d));
        if (resolved.error) return run.fail(PublishStatus::Failed, "cannot look up the grantees of the declared sharing", resolved.error);
        if (hasErrors(run.result.diagnostics)) {
            run.result.plan = run.plan;
            return run.fail(PublishStatus::ValidationFailed, "the declared sharing names unknown users or teams; nothing was published");
        }
        std::vector<Grant> current;
        if (!run.plan.create) {
            progress(run.callbacks, "reading the grants of workbook " + run.workbookId);
            GrantList list = listWorkbookGrants(client_, run.workbookId, resolved.grants);
            if (list.error) return run.fail(PublishStatus::Failed, "cannot read the grants of workbook " + run.workbookId, list.error);
            current = std::move(list.grants);
        }
        run.plan.grants = diffGrants(resolved.grants, current, run.options.pruneGrants);
    }
    if (run.plan.contentsUnchanged && !run.plan.grants.hasWrites()) {
        finishUnchanged(run);
        applyTag(run.options, run.result);
        return false;
    }
    return true;
}

// Name and folder for a create (or a dry run, which is a create with dryRun: true).
bool PublishFlow::nameAndFolderStep(Run& run) {
    if (!run.plan.create && !run.options.dryRun) return true;
    const PublishOptions& options = run.options;
    const doc::Document& document = run.document;
    PublishPlan& plan = run.plan;
    plan.name = !options.name.empty() ? options.name : stringField(document.root, "name");
    if (plan.name.empty()) plan.name = stringField(run.remote, "name");
    if (plan.name.empty() && !document.path.empty()) plan.name = std::filesystem::path(document.path).stem().string();
    if (plan.name.empty()) plan.name = "Untitled workbook";
    plan.folderId = !options.folderId.empty() ? options.folderId : stringField(document.root, "folderId");
    if (plan.folderId.empty()) plan.folderId = stringField(run.remote, "folderId");
    if (plan.folderId.empty()) {
        progress(run.callbacks, "looking up the home folder");
        ApiResult me = client_.whoami();
        if (!me.ok()) return run.fail(PublishStatus::Failed, "cannot identify the API client's user", me.error);
        const std::string userId = stringField(me.body, "userId");
        ApiResult member = client_.member(userId);
        if (!member.ok()) return run.fail(PublishStatus::Failed, "cannot read the home folder of user " + userId, member.error);
        plan.folderId = stringField(member.body, "homeFolderId");
        if (plan.folderId.empty()) return run.fail(PublishStatus::Failed, "user " + userId + " has no homeFolderId; pass --folder");
    }
    return true;
}

bool PublishFlow::confirmStep(Run& run) {
    run.result.plan = run.plan;
    if (run.callbacks.confirm && !run.callbacks.confirm(run.plan))
        return run.fail(PublishStatus::Cancelled, "cancelled; nothing was published");
    return true;
}

namespace {
std::optional<std::string> descriptionOf(const doc::Document& document) {
    if (document.root.is_object() && document.root.contains("description") && document.root["description"].is_string())
        return document.root["description"].get<std::string>();
    return std::nullopt;
}
} // namespace

// --dry-run: Sigma checks the workbook (a create with dryRun: true); its errors and warnings become diagnostics.
bool PublishFlow::dryRunStep(Run& run) {
    if (!run.options.dryRun) return true;
    const doc::Document& document = run.document;
    PublishResult& result = run.result;
    progress(run.callbacks, "dry run");
    ApiResult reply = client_.createWorkbook(createBody(run.contents, run.plan.name, run.plan.folderId, descriptionOf(document), true));
    if (!reply.ok()) {
        if (reply.error.kind == ApiError::Kind::Http && reply.error.status == 400)
            return run.fail(PublishStatus::DryRunRejected, "Sigma rejected the workbook", located(reply.error, document));
        return run.fail(PublishStatus::Failed, "the dry run failed", located(reply.error, document));
    }
    result.dryRunReply = reply.body;
    auto addAll = [&](const char* key, Severity severity) {
        if (!reply.body.is_object() || !reply.body.contains(key) || !reply.body[key].is_array()) return;
        for (const Json& item : reply.body[key]) {
            ApiError e;
            e.kind = ApiError::Kind::Http;
            e.message = item.is_string() ? item.get<std::string>() : errorTextFromJson(item, item.dump());
            locate(e, document);
            result.diagnostics.push_back(Diagnostic{severity, severity == Severity::Error ? RuleCode("publish/dry-run") : RuleCode("publish/dry-run-warning"),
                                                    e.message + (e.elementId.empty() ? "" : " (element '" + e.elementId + "')"),
                                                    e.pointer, e.location, std::nullopt});
        }
    };
    addAll("errors", Severity::Error);
    addAll("warnings", Severity::Warning);
    const bool invalid = reply.body.is_object() && reply.body.contains("valid") && reply.body["valid"] == false;
    result.workbookId = run.workbookId;
    result.status = invalid ? PublishStatus::DryRunRejected : PublishStatus::DryRunPassed;
    result.message = invalid ? "Sigma's dry run rejected the workbook; nothing was published"
                             : "Sigma's dry run accepted the workbook; nothing was published";
    return false;
}

// Create, or update with the drift-checked documentVersion (a stale version is reported with the server's changes).
bool PublishFlow::sendStep(Run& run) {
    const doc::Document& document = run.document;
    PublishResult& result = run.result;
    std::string& workbookId = run.workbookId;
    if (run.plan.create) {
        progress(run.callbacks, "creating workbook '" + run.plan.name + "'");
        ApiResult created = client_.createWorkbook(createBody(run.contents, run.plan.name, run.plan.folderId, descriptionOf(document), false));
        if (!created.ok()) return run.fail(PublishStatus::Failed, "Sigma did not create the workbook", located(created.error, document));
        workbookId = stringField(created.body, "workbookId");
        if (workbookId.empty())
            return run.fail(PublishStatus::Failed, "Sigma's create reply has no workbookId: " + created.body.dump().substr(0, 200));
        result.status = PublishStatus::Created;
        result.message = "created workbook " + workbookId + run.target;
        applyGrants(run);
        return true;
    }
    if (run.plan.contentsUnchanged) { // only the sharing changes
        finishUnchanged(run);
        applyGrants(run);
        applyTag(run.options, result);
        return false;
    }
    progress(run.callbacks, "updating workbook " + workbookId);
    ApiResult updated = client_.updateContents(workbookId, updateBody(run.contents, run.plan.documentVersion));
    if (!updated.ok()) {
        if (isStale(updated.error)) {
            ApiResult now = client_.getWorkbook(workbookId);
            if (now.ok()) {
                std::optional<Json> base;
                if (run.sidecarMatches)
                    if (auto snapshot = loadSnapshot(document.path, *run.sidecar)) base = std::move(*snapshot);
                result.remoteChanges = diff::diffContents(base ? *base : remoteBody(run.remote), remoteBody(now.body));
                result.documentVersion = documentVersionOf(now.body);
            }
            result.workbookId = workbookId;
            return run.fail(PublishStatus::RemoteChanged,
                            "workbook " + workbookId + run.target + " changed on the server while publishing; nothing was overwritten: " +
                                (run.options.environment.empty() ? "pull and merge first" : "check the server's changes, then publish again"),
                            updated.error);
        }
        return run.fail(PublishStatus::Failed, "Sigma did not update the workbook", located(updated.error, document));
    }
    result.status = PublishStatus::Updated;
    result.message = "updated workbook " + workbookId + run.target;
    applyGrants(run);
    return true;
}

// Read back what Sigma stored (it normalises) and remember it as the new base.
bool PublishFlow::readBackStep(Run& run) {
    PublishResult& result = run.result;
    const std::string& workbookId = run.workbookId;
    result.workbookId = workbookId;
    progress(run.callbacks, "reading back workbook " + workbookId);
    ApiResult readback = client_.getWorkbook(workbookId);
    if (!readback.ok()) {
        result.message += "; reading it back failed, so the sidecar was not updated";
        result.error = readback.error;
        result.diagnostics.push_back(Diagnostic{Severity::Warning, RuleCode("publish/readback"), readback.error.describe(), "", {}, std::nullopt});
        applyTag(run.options, result);
        return false;
    }
    const Json stored = remoteBody(readback.body);
    result.url = stringField(readback.body, "url");
    result.documentVersion = documentVersionOf(readback.body);
    result.normalization = diff::diffContents(run.contents, stored);
    if (run.options.writeSidecar && !run.document.path.empty())
        saveSidecar(run.document.path,
                    Sidecar{workbookId, result.url, result.documentVersion, client_.config().baseUrl, {}, {}, run.options.environment},
                    stored);
    applyTag(run.options, result);
    return false;
}

// Sigma's version tags (POST /v2/workbooks/tag {workbookId, tag}) name the workbook's latest version, the one
// just written. The tag must exist (an admin creates it); a failure leaves the write in place and is reported.
void PublishFlow::applyTag(const PublishOptions& options, PublishResult& result) {
    if (options.tag.empty() || result.workbookId.empty()) return;
    ApiResult tagged = client_.tagWorkbook(result.workbookId, options.tag);
    if (!tagged.ok()) {
        result.tagError = tagged.error;
        result.diagnostics.push_back(Diagnostic{Severity::Error, RuleCode("publish/tag"),
                                                "the workbook was written but not tagged '" + options.tag + "': " + tagged.error.describe(),
                                                "", {}, std::nullopt});
        return;
    }
    result.tagReply = tagged.body;
    result.message += "; tagged '" + options.tag + "'";
}

// The plan's grant changes, once the workbook exists; a failure leaves the write in place and is reported.
void PublishFlow::applyGrants(Run& run) {
    const GrantPlan& plan = run.plan.grants;
    if (!plan.hasWrites() || run.workbookId.empty()) return;
    progress(run.callbacks, "updating the sharing of workbook " + run.workbookId);
    if (auto error = applyGrantPlan(client_, run.workbookId, plan)) {
        run.result.grantsError = error;
        run.result.diagnostics.push_back(Diagnostic{Severity::Error, RuleCode("publish/grants"),
                                                    "the workbook was written but its sharing was not fully applied: " + error->describe(),
                                                    "", {}, std::nullopt});
        return;
    }
    run.result.grantsApplied = true;
    int sent = 0;
    for (const GrantChange& c : plan.changes) sent += c.action != GrantAction::Keep;
    run.result.message += "; sharing: " + std::to_string(sent) + " grant change(s) applied";
}

PullResult PublishFlow::pull(const std::string& idOrUrl, const std::string& path, doc::Format format) {
    PullResult result;
    ApiError error;
    result.workbookId = resolveWorkbookId(idOrUrl, error);
    if (result.workbookId.empty()) {
        result.error = error;
        result.message = error.describe();
        return result;
    }
    ApiResult got = client_.getWorkbook(result.workbookId);
    if (!got.ok()) {
        result.error = got.error;
        result.message = "cannot fetch workbook " + result.workbookId + ": " + got.error.describe();
        return result;
    }
    doc::Document pulled;
    pulled.root = documentFromReply(got.body);
    pulled.format = format;
    pulled.path = path;
    if (!pulled.root.contains("contents")) {
        result.message = "workbook " + result.workbookId + " came back without contents";
        return result;
    }
    result.url = stringField(got.body, "url");
    result.documentVersion = documentVersionOf(got.body);
    try {
        const std::string bytes = doc::saveDocument(pulled, format);
        if (std::string why = unloadable(bytes, format, path); !why.empty()) {
            result.message = "workbook " + result.workbookId + ": " + why;
            return result;
        }
        doc::writeFileAtomically(path, bytes);
        saveSidecar(path, Sidecar{result.workbookId, result.url, result.documentVersion, client_.config().baseUrl, {}, {}, {}},
                    pulled.root["contents"]);
    } catch (const std::exception& e) {
        result.message = e.what();
        return result;
    }
    result.ok = true;
    result.path = path;
    result.message = "pulled workbook " + result.workbookId +
                     (result.documentVersion ? " (version " + std::to_string(*result.documentVersion) + ")" : "") + " into " + path;
    return result;
}

MergeOutcome PublishFlow::pullAndMerge(const doc::Document& document) {
    MergeOutcome outcome;
    if (document.path.empty()) {
        outcome.message = "the document has no file, so it has no sidecar to merge from";
        return outcome;
    }
    auto loadedSidecar = loadSidecar(document.path);
    if (!loadedSidecar) {
        outcome.message = loadedSidecar.message();
        return outcome;
    }
    const std::optional<Sidecar>& sidecar = *loadedSidecar;
    if (!sidecar) {
        outcome.message = "no " + sidecarPathFor(document.path) + ": pull the workbook first (quire pull ID -o FILE)";
        return outcome;
    }
    if (!sidecar->baseUrl.empty() && !sameBaseUrl(sidecar->baseUrl, client_.config().baseUrl)) {
        outcome.message = hostMismatch(document.path, sidecar->baseUrl, client_.config().baseUrl);
        return outcome;
    }
    auto base = loadSnapshot(document.path, *sidecar);
    if (!base) {
        outcome.message = base.message() + "; cannot merge without the base";
        return outcome;
    }
    ApiResult got = client_.getWorkbook(sidecar->workbookId);
    if (!got.ok()) {
        outcome.error = got.error;
        outcome.message = "cannot fetch workbook " + sidecar->workbookId + ": " + got.error.describe();
        return outcome;
    }
    const Json theirs = remoteBody(got.body);
    const Json ours = bodyContents(document);
    // Property granularity: a local edit and a web edit of different properties of one element both survive.
    diff::MergeOptions mergeOptions;
    mergeOptions.granularity = diff::MergeGranularity::Property;
    diff::MergeResult merged = diff::mergeContents(*base, ours, theirs, mergeOptions);
    outcome.documentVersion = documentVersionOf(got.body);
    outcome.incoming = diff::diffContents(ours, merged.contents);
    if (!merged.clean()) {
        outcome.conflicts = std::move(merged.conflicts);
        outcome.message = std::to_string(outcome.conflicts.size()) +
                          (outcome.conflicts.size() == 1 ? " conflict" : " conflicts") + "; nothing was written";
        return outcome;
    }
    doc::Document result;
    result.format = document.format;
    result.path = document.path;
    result.sourceText = document.sourceText; // saved format-preserving: only the merged changes' bytes change
    result.root = Json::object();
    for (auto it = document.root.begin(); it != document.root.end(); ++it) {
        if (it.key() == "contents" || it.key() == "document") result.root["contents"] = merged.contents;
        else result.root[it.key()] = it.value();
    }
    if (!result.root.contains("contents")) result.root["contents"] = merged.contents;
    try {
        const std::string bytes = doc::saveDocumentPreserving(result, document.format).text;
        if (std::string why = unloadable(bytes, document.format, document.path); !why.empty()) {
            outcome.message = why;
            return outcome;
        }
        doc::writeFileAtomically(document.path, bytes);
        Sidecar next = *sidecar;
        next.documentVersion = outcome.documentVersion;
        next.url = stringField(got.body, "url").empty() ? next.url : stringField(got.body, "url");
        saveSidecar(document.path, next, theirs);
    } catch (const std::exception& e) {
        outcome.message = e.what();
        return outcome;
    }
    outcome.ok = true;
    outcome.message = outcome.incoming.empty() ? "already up to date with the server"
                                               : "merged " + std::to_string(outcome.incoming.changes.size()) +
                                                     " server change(s) into " + document.path;
    return outcome;
}

} // namespace quire::publish
