#pragma once
// What `quire publish --env`, `promote`, `versions` and `rollback` share: the host/credential flags, finding
// and checking quire.yaml, the client configuration for an environment (host rules of client_setup.h), the
// environment's mapping applied to a document copy, the publish history record, and the terminal prompts.
#include <quire/core/diagnostic.h>
#include <quire/doc/document.h>
#include <quire/publish/client_setup.h>
#include <quire/publish/history.h>
#include <quire/publish/project.h>
#include <quire/publish/publish_flow.h>

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>

class QCoreApplication;

namespace quire::cli::deploy {

struct HostFlags {
    std::string baseUrl;
    std::string region;
    std::string profile;       // "" = the environment's profile, else "default"
    int timeoutSeconds = 60;
};
void addHostFlags(CLI::App* command, HostFlags& flags);

// A QCoreApplication for the Sigma client when none exists yet.
std::unique_ptr<QCoreApplication> ensureApplication();

// quire.yaml above `file` (project.h), loaded only when `required` (a command with --env): then a missing file
// is an error, and its located errors are printed to stdout; false means "stop with exit status 2".
bool loadProjectFor(const std::string& file, bool required, std::optional<publish::Project>& project, const std::string& command);
// The named environment, or an error naming the known ones (printed; nullptr).
const publish::Environment* findEnvironment(const publish::Project& project, const std::string& name, const std::string& command);

// The client configuration for `environment` (nullptr: none) and the host its sidecar target recorded.
Expected<publish::ClientConfig> clientConfigFor(const HostFlags& flags, const publish::Environment* environment,
                                                const std::string& sidecarBaseUrl);

// A copy of `document` with the environment's mapping applied to its body; located errors in `diagnostics`.
std::optional<doc::Document> mappedDocument(const doc::Document& document, const publish::Environment& environment,
                                            std::vector<Diagnostic>& diagnostics, int& connections, int& paths);

// The grants quire.yaml declares for `file` (published to `environment`) into options.sharing. Without --env
// the project file is looked up here; a broken one is reported on stderr and its sharing is not applied (a
// plain publish does not need quire.yaml). False means "stop with exit status 2" (never today; kept for errors
// that must stop).
bool sharingFor(const std::string& file, const std::optional<publish::Project>& project, const publish::Environment* environment,
                publish::PublishOptions& options, const std::string& command);

// The workbook's name for naming it in an environment: the file's `name`, else the file's stem.
std::string documentName(const doc::Document& document);
// A document for publishing `contents` on behalf of `file` (promote, rollback): the file's path, format and
// envelope (name, folderId, description), the environment's folder instead of the file's when it has one.
doc::Document documentFor(const doc::Document& file, const Json& contents, const publish::Environment* environment);

// Records a write (created/updated) in the history; returns the object hash, or "" with `problem`.
std::string recordPublish(const std::string& file, const std::optional<publish::Project>& project,
                          const publish::PublishResult& result, const Json& contents, const std::string& environment,
                          const std::string& action, const std::string& from, const std::string& tag, std::string& problem);

// The start every deploy command shares: the workbook loaded (its located errors printed to stdout) and, when
// `environmentName` is given, quire.yaml and that environment. nullopt means "stop with exit status 2".
struct Target {
    doc::Document document;
    std::optional<publish::Project> project;
    const publish::Environment* environment = nullptr; // points into `project`; nullptr without --env
};
std::optional<Target> loadTarget(const std::string& file, const std::string& environmentName, const std::string& command);

// Progress on stderr as "quire COMMAND: step"; before sending, the plan described on stdout by `describe`
// (text output only), then --yes/--dry-run go ahead, a terminal is asked `question`, anything else refuses.
struct ConfirmPolicy {
    std::string command;
    bool text = true;
    bool assumeYes = false;
    bool dryRun = false;
};
publish::PublishCallbacks publishCallbacks(const ConfirmPolicy& policy, std::function<std::string(const publish::PublishPlan&)> describe,
                                           std::function<std::string(const publish::PublishPlan&)> question);

// recordPublish for a write that was not a dry run; a failure to record is printed, never fatal.
std::string recordOutcome(const std::string& file, const std::optional<publish::Project>& project, const publish::PublishResult& result,
                          bool dryRun, const Json& contents, const std::string& environment, const std::string& action,
                          const std::string& from, const std::string& tag);

// Appends the command's audit log entry (docs/governance.md): the workbook, its Sigma id, the environment, the
// API client id the command authenticated as and the outcome; never the credentials. A failing log only warns.
void auditOutcome(const std::string& action, const std::string& file, const std::string& environment,
                  const publish::PublishResult& result, const std::string& clientId, bool dryRun);

// The JSON report every deploy command prints with --format json (commands add their own keys).
Json outcomeJson(const publish::PublishResult& result, const std::string& environment, const std::string& historyHash);
// The text report's common part: diagnostics, Sigma's normalisation, the message (with the URL) and the history
// record. The command prints what is its own (remote changes, advice) around it.
void printOutcomeText(const publish::PublishResult& result, const std::string& historyHash);

bool askYes(const std::string& question);
Json diagnosticsJson(const std::vector<Diagnostic>& diagnostics);
int exitCodeFor(const publish::PublishResult& result);

} // namespace quire::cli::deploy
