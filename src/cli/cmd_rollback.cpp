// quire rollback FILE [--env NAME] --to VERSION [--yes] [--force] [--dry-run] [--tag NAME]
//                     [--region R | --base-url URL] [--profile P] [--format text|json]
// Re-publishes a version recorded in .quire/history to the target's workbook (the environment's, or the
// default one) with the usual drift check, and records it. VERSION is the server version shown by
// `quire versions`, a tag name, or a hash prefix (7+ hex digits). Exit status as publish.
#include <quire/diff/render.h>
#include <quire/doc/io.h>
#include <quire/publish/history.h>
#include <quire/publish/publish_flow.h>
#include <quire/publish/sidecar.h>

#include <QCoreApplication>

#include <algorithm>
#include <iostream>
#include <memory>
#include <set>

#include "command_registry.h"
#include "deploy_cli.h"

namespace quire::cli {
namespace {

struct RollbackArgs {
    std::string file;
    std::string environment;
    std::string to;
    publish::PublishOptions options;
    deploy::HostFlags host;
    bool yes = false;
    std::string format = "text";
};

bool allDigits(const std::string& s) {
    return !s.empty() && s.size() < 19 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
bool allHex(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// The newest entry VERSION names, or nullptr with `problem`.
const publish::HistoryEntry* pick(const std::vector<publish::HistoryEntry>& entries, const std::string& version, std::string& problem) {
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
        if (allDigits(version) && it->documentVersion && std::to_string(*it->documentVersion) == version) return &*it;
        if (!it->tag.empty() && it->tag == version) return &*it;
    }
    if (version.size() >= 7 && version.size() <= 64 && allHex(version)) {
        std::set<std::string> hashes;
        const publish::HistoryEntry* found = nullptr;
        for (auto it = entries.rbegin(); it != entries.rend(); ++it)
            if (it->hash.rfind(version, 0) == 0) {
                hashes.insert(it->hash);
                if (!found) found = &*it;
            }
        if (hashes.size() == 1) return found;
        if (hashes.size() > 1) {
            problem = "'" + version + "' is the start of " + std::to_string(hashes.size()) + " different hashes; give more digits";
            return nullptr;
        }
    }
    problem = "no recorded publish matches '" + version.substr(0, 80) + "' (a server version, a tag or a hash prefix; see quire versions)";
    return nullptr;
}

int run(RollbackArgs& args) {
    auto target = deploy::loadTarget(args.file, args.environment, "rollback");
    if (!target) return 2;
    const bool text = args.format == "text";
    const std::optional<publish::Project>& project = target->project;
    const publish::Environment* environment = target->environment;

    publish::History history{publish::historyRootFor(args.file, project ? project->root : std::string())};
    std::vector<Diagnostic> problems;
    std::vector<publish::HistoryEntry> entries = history.read(args.file, &problems);
    for (const auto& d : problems) std::cerr << formatDiagnostic(d) << "\n";
    entries.erase(std::remove_if(entries.begin(), entries.end(), [&](const publish::HistoryEntry& e) { return e.environment != args.environment; }),
                  entries.end());
    std::string problem;
    const publish::HistoryEntry* chosen = pick(entries, args.to, problem);
    if (!chosen) {
        std::cerr << "quire rollback: " << problem << "\n";
        return 2;
    }
    auto bytes = history.loadObject(chosen->hash);
    if (!bytes) {
        std::cerr << "quire rollback: " << bytes.message() << "\n";
        return 2;
    }
    doc::LoadResult object = doc::parseDocument(*bytes, doc::Format::Json, history.objectPath(chosen->hash));
    if (!object.ok() || !object.document->root.is_object()) {
        for (const auto& d : object.diagnostics) std::cout << formatDiagnostic(d) << "\n";
        std::cerr << "quire rollback: the recorded body cannot be read\n";
        return 2;
    }

    auto loadedSidecar = publish::loadSidecar(args.file, args.environment);
    if (!loadedSidecar) {
        std::cerr << "quire rollback: " << loadedSidecar.message() << "\n";
        return 2;
    }
    const std::optional<publish::Sidecar>& sidecar = *loadedSidecar;
    if (!sidecar) {
        std::cerr << "quire rollback: " << publish::sidecarPathFor(args.file) << " records no workbook for "
                  << (args.environment.empty() ? std::string("the default target") : "environment '" + args.environment + "'") << "\n";
        return 2;
    }
    auto config = deploy::clientConfigFor(args.host, environment, sidecar->baseUrl);
    if (!config) {
        std::cerr << "quire rollback: " << config.message() << "\n";
        return 2;
    }
    auto app = deploy::ensureApplication();

    const doc::Document document = deploy::documentFor(target->document, object.document->root, environment);
    args.options.environment = args.environment;

    const std::string label = chosen->hash.substr(0, 12) + "@" + (chosen->documentVersion ? std::to_string(*chosen->documentVersion) : "?");
    publish::SigmaClient client(*config);
    publish::PublishFlow flow(client);
    const publish::PublishCallbacks callbacks = deploy::publishCallbacks(
        {"rollback", text, args.yes, args.options.dryRun},
        [&](const publish::PublishPlan& plan) {
            return "rolling back workbook " + plan.workbookId + (args.environment.empty() ? "" : " [" + args.environment + "]") +
                   " to the version published " + chosen->when + " (" + label + "), changes from its current version:";
        },
        [](const publish::PublishPlan&) { return std::string("Publish this version?"); });
    publish::PublishResult result = flow.publish(document, args.options, callbacks);
    const std::string hash = deploy::recordOutcome(args.file, project, result, args.options.dryRun, object.document->root, args.environment,
                                                   "rollback", label, args.options.tag);
    deploy::auditOutcome("rollback", args.file, args.environment, result, config->credentials.clientId, args.options.dryRun);

    if (!text) {
        Json out = deploy::outcomeJson(result, args.environment, hash);
        out["restored"] = {{"hash", chosen->hash}, {"documentVersion", chosen->documentVersion ? Json(*chosen->documentVersion) : Json()}};
        std::cout << out.dump(2) << "\n";
        return deploy::exitCodeFor(result);
    }
    if (result.status == publish::PublishStatus::RemoteChanged)
        std::cout << "the workbook's changes since the last publish:\n" << diff::renderText(result.remoteChanges);
    deploy::printOutcomeText(result, hash);
    if (result.status == publish::PublishStatus::RemoteChanged)
        std::cout << "the workbook changed in Sigma since the last publish; roll back with --force to overwrite it\n";
    return deploy::exitCodeFor(result);
}

} // namespace

QUIRE_CLI_COMMAND("rollback", 74, [](CLI::App& app, const GlobalOptions&) {
    auto args = std::make_shared<RollbackArgs>();
    CLI::App* cmd = app.add_subcommand("rollback", "Re-publish a version recorded in .quire/history");
    cmd->add_option("file", args->file, "Workbook file")->required();
    cmd->add_option("--env", args->environment, "quire.yaml environment (default: the file's default target)");
    cmd->add_option("--to", args->to, "Server version (as listed by quire versions), tag name, or hash prefix")->required();
    cmd->add_option("--tag", args->options.tag, "Apply this Sigma version tag to the published version");
    cmd->add_flag("--dry-run", args->options.dryRun, "Let Sigma validate that version; change nothing");
    cmd->add_flag("-y,--yes", args->yes, "Do not ask before publishing (CI)");
    cmd->add_flag("--force", args->options.force, "Roll back even if the workbook changed on the server since the last publish");
    deploy::addHostFlags(cmd, args->host);
    cmd->add_option("--format", args->format, "Output format")->check(CLI::IsMember({"text", "json"}));
    cmd->callback([args] {
        int code = run(*args);
        if (code != 0) throw ExitCode{code};
    });
});

} // namespace quire::cli
