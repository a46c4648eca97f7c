#include "deploy_cli.h"

#include <quire/diff/render.h>
#include <quire/governance/audit_log.h>
#include <quire/doc/io.h>
#include <quire/publish/body.h>
#include <quire/publish/env_mapping.h>
#include <quire/secrets/secret_store.h>

#include <QCoreApplication>

#include <unistd.h>

#include <filesystem>
#include <iostream>

namespace quire::cli::deploy {

void addHostFlags(CLI::App* command, HostFlags& flags) {
    auto* region = command->add_option("--region", flags.region, "Sigma cloud region (aws-us, aws-eu, azure-us, gcp-us, ...)");
    command->add_option("--base-url", flags.baseUrl, "API base URL instead of a region (https; plain http only to loopback)")->excludes(region);
    command->add_option("--profile", flags.profile,
                        "Credentials profile: secret keys sigma/<profile>/client-id|client-secret (default: the environment's, else default)");
    command->add_option("--timeout", flags.timeoutSeconds, "Seconds per request before giving up (retried within bounds)");
}

std::unique_ptr<QCoreApplication> ensureApplication() {
    if (QCoreApplication::instance()) return nullptr;
    static int argc = 1;
    static char name[] = "quire";
    static char* argv[] = {name, nullptr};
    return std::make_unique<QCoreApplication>(argc, argv);
}

bool loadProjectFor(const std::string& file, bool required, std::optional<publish::Project>& project, const std::string& command) {
    if (!required) return true; // without --env the file is not needed (a broken one does not block a plain publish)
    std::string dir = std::filesystem::path(file).parent_path().string();
    if (dir.empty()) dir = ".";
    auto path = publish::findProjectFile(dir);
    if (!path) {
        if (required)
            std::cerr << "quire " << command << ": no " << publish::kProjectFileName << " in " << dir
                      << " or above (up to the repository root); environments are declared there (docs/deploy.md)\n";
        return !required;
    }
    publish::ProjectLoad loaded = publish::loadProject(*path);
    if (!loaded.ok()) {
        for (const Diagnostic& d : loaded.diagnostics) std::cout << formatDiagnostic(d) << "\n";
        std::cerr << "quire " << command << ": " << *path << " has errors; nothing was sent\n";
        return false;
    }
    project = std::move(loaded.project);
    return true;
}

const publish::Environment* findEnvironment(const publish::Project& project, const std::string& name, const std::string& command) {
    if (const publish::Environment* environment = project.find(name)) return environment;
    std::cerr << "quire " << command << ": " << project.path << " has no environment '" << name.substr(0, 64)
              << "'; environments: " << project.environmentNames() << "\n";
    return nullptr;
}

Expected<publish::ClientConfig> clientConfigFor(const HostFlags& flags, const publish::Environment* environment,
                                                const std::string& sidecarBaseUrl) {
    publish::ClientSetup setup;
    setup.baseUrl = flags.baseUrl;
    setup.region = flags.region;
    setup.sidecarBaseUrl = sidecarBaseUrl;
    setup.timeoutSeconds = flags.timeoutSeconds;
    if (environment) {
        setup.environment = environment->name;
        setup.projectHost = environment->namedHost();
    }
    setup.profile = !flags.profile.empty() ? flags.profile
                    : environment && !environment->profile.empty() ? environment->profile
                                                                    : std::string("default");
    auto store = secrets::makeDefaultSecretStore();
    return publish::makeClientConfig(setup, *store);
}

std::optional<doc::Document> mappedDocument(const doc::Document& document, const publish::Environment& environment,
                                            std::vector<Diagnostic>& diagnostics, int& connections, int& paths) {
    doc::Document copy = document;
    Json* contents = copy.contents();
    if (!contents) return copy; // the flow reports a document without a body
    publish::MappingResult mapped = publish::applyMapping(*contents, publish::mappingTo(environment), &document);
    diagnostics = mapped.diagnostics;
    connections = mapped.connectionsMapped;
    paths = mapped.pathsMapped;
    if (!mapped.ok()) return std::nullopt;
    *contents = std::move(mapped.contents);
    if (!environment.folderId.empty() && copy.root.is_object()) copy.root["folderId"] = environment.folderId;
    return copy;
}

doc::Document documentFor(const doc::Document& file, const Json& contents, const publish::Environment* environment) {
    doc::Document document;
    document.path = file.path;
    document.format = file.format;
    document.root = Json::object();
    document.root["name"] = documentName(file);
    for (const char* key : {"folderId", "description"})
        if (file.root.is_object() && file.root.contains(key) && file.root[key].is_string()) document.root[key] = file.root[key];
    if (environment && !environment->folderId.empty()) document.root["folderId"] = environment->folderId;
    document.root["contents"] = contents;
    return document;
}

bool sharingFor(const std::string& file, const std::optional<publish::Project>& project, const publish::Environment* environment,
                publish::PublishOptions& options, const std::string& command) {
    if (project) {
        options.sharing = project->sharingFor(file, environment);
        return true;
    }
    std::string dir = std::filesystem::path(file).parent_path().string();
    if (dir.empty()) dir = ".";
    auto path = publish::findProjectFile(dir);
    if (!path) return true;
    publish::ProjectLoad loaded = publish::loadProject(*path);
    if (!loaded.ok()) {
        for (const Diagnostic& d : loaded.diagnostics)
            if (d.severity == Severity::Error) std::cerr << formatDiagnostic(d) << "\n";
        std::cerr << "quire " << command << ": warning: " << *path << " has errors, so its `sharing` is not applied\n";
        return true;
    }
    options.sharing = loaded.project->sharingFor(file, nullptr);
    return true;
}

std::string documentName(const doc::Document& document) {
    if (document.root.is_object() && document.root.contains("name") && document.root["name"].is_string())
        return document.root["name"].get<std::string>();
    return std::filesystem::path(document.path).stem().string();
}

std::string recordPublish(const std::string& file, const std::optional<publish::Project>& project,
                          const publish::PublishResult& result, const Json& contents, const std::string& environment,
                          const std::string& action, const std::string& from, const std::string& tag, std::string& problem) {
    if (result.status != publish::PublishStatus::Created && result.status != publish::PublishStatus::Updated) return {};
    try {
        publish::History history{publish::historyRootFor(file, project ? project->root : std::string())};
        publish::HistoryEntry entry;
        entry.who = publish::currentPublisher(history.root);
        entry.when = publish::utcNow();
        entry.environment = environment;
        entry.action = action;
        entry.workbookId = result.workbookId;
        entry.hash = history.storeObject(contents.dump()); // the exact bytes of `contents` in the request body
        entry.documentVersion = result.documentVersion;
        entry.tag = result.tagError ? std::string() : tag;
        entry.from = from;
        history.append(file, entry);
        return entry.hash;
    } catch (const std::exception& e) {
        problem = std::string("the publish was not recorded in the history: ") + e.what();
        return {};
    }
}

std::optional<Target> loadTarget(const std::string& file, const std::string& environmentName, const std::string& command) {
    doc::LoadResult loaded = doc::loadDocument(file);
    if (!loaded.ok()) {
        for (const auto& d : loaded.diagnostics) std::cout << formatDiagnostic(d) << "\n";
        return std::nullopt;
    }
    std::optional<Target> target(std::in_place);
    target->document = std::move(*loaded.document);
    if (!loadProjectFor(file, !environmentName.empty(), target->project, command)) return std::nullopt;
    if (!environmentName.empty() && !(target->environment = findEnvironment(*target->project, environmentName, command))) return std::nullopt;
    return target;
}

publish::PublishCallbacks publishCallbacks(const ConfirmPolicy& policy, std::function<std::string(const publish::PublishPlan&)> describe,
                                           std::function<std::string(const publish::PublishPlan&)> question) {
    publish::PublishCallbacks callbacks;
    callbacks.progress = [command = policy.command](const std::string& step) { std::cerr << "quire " << command << ": " << step << "\n"; };
    callbacks.confirm = [policy, describe = std::move(describe), question = std::move(question)](const publish::PublishPlan& plan) {
        if (policy.text)
            std::cout << describe(plan) << "\n" << (plan.contentsUnchanged ? std::string("  (contents unchanged)\n") : diff::renderText(plan.diff))
                      << publish::renderGrantPlanText(plan.grants) << std::flush;
        if (policy.assumeYes || policy.dryRun) return true;
        if (isatty(STDIN_FILENO) == 0) {
            std::cerr << "quire " << policy.command << ": not publishing without --yes (stdin is not a terminal)\n";
            return false;
        }
        return askYes(question(plan));
    };
    return callbacks;
}

std::string recordOutcome(const std::string& file, const std::optional<publish::Project>& project, const publish::PublishResult& result,
                          bool dryRun, const Json& contents, const std::string& environment, const std::string& action,
                          const std::string& from, const std::string& tag) {
    if (dryRun) return {};
    std::string problem;
    std::string hash = recordPublish(file, project, result, contents, environment, action, from, tag, problem);
    if (!problem.empty()) std::cerr << "quire " << action << ": " << problem << "\n";
    return hash;
}

void auditOutcome(const std::string& action, const std::string& file, const std::string& environment,
                  const publish::PublishResult& result, const std::string& clientId, bool dryRun) {
    governance::audit::Entry entry;
    entry.action = dryRun ? action + " --dry-run" : action;
    entry.outcome = std::string(publish::publishStatusName(result.status));
    entry.workbook = file;
    entry.workbookId = result.workbookId;
    entry.environment = environment;
    entry.sigmaIdentity = clientId;
    governance::audit::record(entry);
}

Json outcomeJson(const publish::PublishResult& result, const std::string& environment, const std::string& historyHash) {
    Json out = {{"status", std::string(publish::publishStatusName(result.status))},
                {"message", result.message},
                {"environment", environment.empty() ? Json() : Json(environment)},
                {"workbookId", result.workbookId},
                {"url", result.url},
                {"documentVersion", result.documentVersion ? Json(*result.documentVersion) : Json()},
                {"diagnostics", diagnosticsJson(result.diagnostics)},
                {"diff", result.plan ? diff::renderJson(result.plan->diff) : Json()},
                {"remoteChanges", diff::renderJson(result.remoteChanges)},
                {"normalization", diff::renderJson(result.normalization)},
                {"historyHash", historyHash.empty() ? Json() : Json(historyHash)}};
    if (!result.dryRunReply.is_null()) out["dryRunReply"] = result.dryRunReply;
    if (!result.tagReply.is_null()) out["tag"] = result.tagReply;
    // The sharing plan (add/change/remove/keep) and whether it was sent; null when quire.yaml declares none.
    if (result.plan && result.plan->grants.managed) {
        out["sharing"] = publish::grantPlanJson(result.plan->grants);
        out["sharing"]["applied"] = result.grantsApplied;
    } else {
        out["sharing"] = Json();
    }
    return out;
}

void printOutcomeText(const publish::PublishResult& result, const std::string& historyHash) {
    for (const auto& d : result.diagnostics) std::cout << formatDiagnostic(d) << "\n";
    if (!result.normalization.empty())
        std::cout << "Sigma normalised the stored workbook (pull to adopt it):\n" << diff::renderText(result.normalization);
    std::cout << result.message;
    if (!result.url.empty()) std::cout << " - " << result.url;
    std::cout << "\n";
    if (!historyHash.empty()) std::cout << "recorded in the history as " << historyHash.substr(0, 12) << "\n";
}

bool askYes(const std::string& question) {
    std::cerr << question << " [y/N] " << std::flush;
    std::string answer;
    if (!std::getline(std::cin, answer)) return false;
    return answer == "y" || answer == "Y" || answer == "yes";
}

Json diagnosticsJson(const std::vector<Diagnostic>& diagnostics) {
    Json out = Json::array();
    for (const auto& d : diagnostics)
        out.push_back({{"severity", std::string(severityName(d.severity))}, {"rule", d.rule}, {"message", d.message},
                       {"pointer", d.pointer}, {"file", d.location.file}, {"line", d.location.line}, {"column", d.location.column}});
    return out;
}

int exitCodeFor(const publish::PublishResult& result) {
    using S = publish::PublishStatus;
    switch (result.status) {
    case S::Created: case S::Updated: case S::Unchanged: case S::DryRunPassed: return result.tagError || result.grantsError ? 1 : 0;
    case S::Cancelled: return 3;
    case S::RemoteChanged: return 4;
    case S::ValidationFailed: case S::DryRunRejected: case S::Failed: return 1;
    }
    return 1;
}

} // namespace quire::cli::deploy
