// quire publish FILE [--env NAME] [--tag NAME] [--workbook-id ID] [--folder ID] [--name NAME] [--dry-run] [--yes]
//                    [--force] [--prune-grants] [--region R | --base-url URL] [--profile P] [--format text|json] [--timeout SECONDS]
// Validate, diff against the server, then create or update the workbook; with --env, the quire.yaml
// environment's mapping is applied to a copy (the file is not changed) and its own sidecar target is used.
// quire.yaml's `sharing` (project-wide, and the environment's) is applied through Sigma's grants API.
// Each write is recorded in .quire/history (history.h). Exit status: 0 published (or unchanged, or the dry run
// passed), 1 validation errors / rejected / API error / tag failed, 2 unreadable file or setup problem,
// 3 cancelled, 4 the workbook changed on the server (nothing overwritten; pull --merge first, or --force).
#include <quire/diff/render.h>
#include <quire/doc/io.h>
#include <quire/governance/audit_log.h>
#include <quire/publish/body.h>
#include <quire/publish/publish_flow.h>
#include <quire/publish/sidecar.h>

#include <QCoreApplication>

#include <unistd.h>

#include <iostream>
#include <memory>

#include "command_registry.h"
#include "deploy_cli.h"

namespace quire::cli {
namespace {

struct PublishArgs {
    std::string file;
    publish::PublishOptions options;
    deploy::HostFlags host;
    std::string environment;
    bool yes = false;
    std::string format = "text";
};

int run(PublishArgs& args) {
    auto target = deploy::loadTarget(args.file, args.environment, "publish");
    if (!target) return 2;
    const bool text = args.format == "text";
    const publish::Environment* environment = target->environment;

    std::optional<doc::Document> mapped = target->document;
    if (environment) {
        std::vector<Diagnostic> problems;
        int connections = 0, paths = 0;
        mapped = deploy::mappedDocument(target->document, *environment, problems, connections, paths);
        for (const auto& d : problems) std::cout << formatDiagnostic(d) << "\n";
        if (!mapped) {
            std::cerr << "quire publish: the workbook cannot be mapped to environment '" << environment->name << "'; nothing was sent\n";
            return 1;
        }
        std::cerr << "quire publish: environment " << environment->name << ": " << connections << " connection id(s) and " << paths
                  << " table path(s) mapped\n";
        args.options.environment = environment->name;
        if (args.options.folderId.empty()) args.options.folderId = environment->folderId;
        if (args.options.name.empty()) args.options.name = environment->workbookNameFor(deploy::documentName(target->document));
    }
    const doc::Document& document = *mapped;
    if (!deploy::sharingFor(args.file, target->project, environment, args.options, "publish")) return 2;

    auto sidecar = publish::loadSidecar(args.file, args.options.environment);
    if (!sidecar) {
        std::cerr << "quire publish: " << sidecar.message() << "\n";
        return 2;
    }
    const std::string sidecarHost = *sidecar ? (*sidecar)->baseUrl : std::string();
    auto config = deploy::clientConfigFor(args.host, environment, sidecarHost);
    if (!config) {
        std::cerr << "quire publish: " << config.message() << "\n";
        return 2;
    }
    auto app = deploy::ensureApplication();

    publish::SigmaClient client(*config);
    publish::PublishFlow flow(client);
    const publish::PublishCallbacks callbacks = deploy::publishCallbacks(
        {"publish", text, args.yes, args.options.dryRun},
        [](const publish::PublishPlan& plan) {
            return (plan.create ? "new workbook '" + plan.name + "' in folder " + plan.folderId : "workbook " + plan.workbookId + " (" + plan.name + ")") +
                   (plan.environment.empty() ? "" : " [" + plan.environment + "]") +
                   (plan.create ? ", contents:" : ", changes from the server's version:");
        },
        [](const publish::PublishPlan& plan) { return std::string(plan.create ? "Create the workbook?" : "Publish these changes?"); });
    publish::PublishResult result = flow.publish(document, args.options, callbacks);
    const std::string hash = deploy::recordOutcome(args.file, target->project, result, args.options.dryRun, publish::bodyContents(document),
                                                   args.options.environment, "publish", "", args.options.tag);
    deploy::auditOutcome("publish", args.file, args.options.environment, result, config->credentials.clientId, args.options.dryRun);

    std::optional<publish::MergeOutcome> merge;
    if (result.status == publish::PublishStatus::RemoteChanged && text) {
        std::cout << "the server's changes since the last " << (environment ? "publish" : "pull") << ":\n"
                  << diff::renderText(result.remoteChanges);
        if (!environment && isatty(STDIN_FILENO) != 0 && !args.yes &&
            deploy::askYes("Pull and merge the server's changes into " + args.file + " now?"))
            merge = flow.pullAndMerge(document);
        if (merge) {
            governance::audit::Entry entry;
            entry.action = "pull --merge";
            entry.outcome = merge->ok ? "merged" : !merge->conflicts.empty() ? "conflicts" : "failed";
            entry.workbook = args.file;
            entry.workbookId = result.workbookId;
            entry.sigmaIdentity = config->credentials.clientId;
            governance::audit::record(entry);
        }
    }

    if (!text) {
        std::cout << deploy::outcomeJson(result, args.options.environment, hash).dump(2) << "\n";
        return deploy::exitCodeFor(result);
    }
    deploy::printOutcomeText(result, hash);
    if (result.status == publish::PublishStatus::RemoteChanged) {
        if (merge) {
            std::cout << merge->message << "\n";
            for (const auto& c : merge->conflicts) std::cout << "conflict: " << c.collection << " " << c.id << (c.pointer.empty() ? "" : " " + c.pointer) << ": " << c.reason << "\n";
            if (merge->ok) std::cout << "review the merged file, then publish again\n";
        } else if (environment) {
            std::cout << "someone changed the " << environment->name
                      << " workbook in Sigma since the last publish; publish again with --force to overwrite it\n";
        } else {
            std::cout << "run `quire pull --merge " << args.file << "` to merge the server's changes, then publish again\n";
        }
    }
    return deploy::exitCodeFor(result);
}

} // namespace

QUIRE_CLI_COMMAND("publish", 70, [](CLI::App& app, const GlobalOptions&) {
    auto args = std::make_shared<PublishArgs>();
    CLI::App* cmd = app.add_subcommand("publish", "Validate, diff against Sigma and create or update the workbook");
    cmd->add_option("file", args->file, "Workbook file (.json, .yaml)")->required();
    cmd->add_option("--env", args->environment, "Publish to this quire.yaml environment (its mapping, folder, host and profile)");
    cmd->add_option("--tag", args->options.tag, "Apply this Sigma version tag to the published version (the tag must exist)");
    cmd->add_option("--workbook-id", args->options.workbookId, "Update this workbook (default: the file's sidecar, else create)");
    cmd->add_option("--folder", args->options.folderId, "Create in this folder (default: the environment's, the file's folderId, else your home folder)");
    cmd->add_option("--name", args->options.name, "Create with this name (default: the environment's pattern, else the file's name)");
    cmd->add_flag("--dry-run", args->options.dryRun, "Let Sigma validate the workbook; change nothing");
    cmd->add_flag("-y,--yes", args->yes, "Do not ask before publishing (CI)");
    cmd->add_flag("--prune-grants", args->options.pruneGrants,
                  "Remove grants on the workbook that quire.yaml's `sharing` does not declare (default: keep them)");
    cmd->add_flag("--force", args->options.force, "Overwrite changes made on the server since the last publish (no drift check)");
    deploy::addHostFlags(cmd, args->host);
    cmd->add_option("--format", args->format, "Output format")->check(CLI::IsMember({"text", "json"}));
    cmd->footer("Credentials: QUIRE_SIGMA_CLIENT_ID / QUIRE_SIGMA_CLIENT_SECRET, or the secret store. They go only to\n"
                "the host you name (--region/--base-url/QUIRE_SIGMA_BASE_URL_<ENV>/QUIRE_SIGMA_BASE_URL/QUIRE_SIGMA_REGION)\n"
                "or a Sigma region host named by quire.yaml or the file's sidecar.\n"
                "Exit status: 0 published/unchanged/dry run passed, 1 errors, 2 unreadable or setup, 3 cancelled, 4 remote changed.");
    cmd->callback([args] {
        int code = run(*args);
        if (code != 0) throw ExitCode{code};
    });
});

} // namespace quire::cli
