// quire publish FILE [--env NAME] [--tag NAME] [--workbook-id ID] [--folder ID] [--name NAME] [--dry-run] [--yes]
//                    [--force] [--region R | --base-url URL] [--profile P] [--format text|json] [--timeout SECONDS]
// Validate, diff against the server, then create or update the workbook; with --env, the quire.yaml
// environment's mapping is applied to a copy (the file is not changed) and its own sidecar target is used.
// Each write is recorded in .quire/history (history.h). Exit status: 0 published (or unchanged, or the dry run
// passed), 1 validation errors / rejected / API error / tag failed, 2 unreadable file or setup problem,
// 3 cancelled, 4 the workbook changed on the server (nothing overwritten; pull --merge first, or --force).
#include <quire/diff/render.h>
#include <quire/doc/io.h>
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
    doc::LoadResult loaded = doc::loadDocument(args.file);
    if (!loaded.ok()) {
        for (const auto& d : loaded.diagnostics) std::cout << formatDiagnostic(d) << "\n";
        return 2;
    }
    const bool text = args.format == "text";
    std::optional<publish::Project> project;
    if (!deploy::loadProjectFor(args.file, !args.environment.empty(), project, "publish")) return 2;
    const publish::Environment* environment = nullptr;
    if (!args.environment.empty() && !(environment = deploy::findEnvironment(*project, args.environment, "publish"))) return 2;

    std::optional<doc::Document> mapped = *loaded.document;
    if (environment) {
        std::vector<Diagnostic> problems;
        int connections = 0, paths = 0;
        mapped = deploy::mappedDocument(*loaded.document, *environment, problems, connections, paths);
        for (const auto& d : problems) std::cout << formatDiagnostic(d) << "\n";
        if (!mapped) {
            std::cerr << "quire publish: the workbook cannot be mapped to environment '" << environment->name << "'; nothing was sent\n";
            return 1;
        }
        std::cerr << "quire publish: environment " << environment->name << ": " << connections << " connection id(s) and " << paths
                  << " table path(s) mapped\n";
        args.options.environment = environment->name;
        if (args.options.folderId.empty()) args.options.folderId = environment->folderId;
        if (args.options.name.empty()) args.options.name = environment->workbookNameFor(deploy::documentName(*loaded.document));
    }
    const doc::Document& document = *mapped;

    std::string sidecarHost;
    try {
        if (auto sidecar = publish::loadSidecar(args.file, args.options.environment)) sidecarHost = sidecar->baseUrl;
    } catch (const std::exception& e) {
        std::cerr << "quire publish: " << e.what() << "\n";
        return 2;
    }
    std::string problem;
    auto config = deploy::clientConfigFor(args.host, environment, sidecarHost, problem);
    if (!config) {
        std::cerr << "quire publish: " << problem << "\n";
        return 2;
    }
    auto app = deploy::ensureApplication();

    publish::SigmaClient client(*config);
    publish::PublishFlow flow(client);
    const bool interactive = isatty(STDIN_FILENO) != 0;
    publish::PublishCallbacks callbacks;
    callbacks.progress = [](const std::string& step) { std::cerr << "quire publish: " << step << "\n"; };
    callbacks.confirm = [&](const publish::PublishPlan& plan) {
        if (text) {
            std::cout << (plan.create ? "new workbook '" + plan.name + "' in folder " + plan.folderId
                                      : "workbook " + plan.workbookId + " (" + plan.name + ")")
                      << (plan.environment.empty() ? "" : " [" + plan.environment + "]")
                      << (plan.create ? ", contents:" : ", changes from the server's version:") << "\n"
                      << diff::renderText(plan.diff) << std::flush;
        }
        if (args.yes || args.options.dryRun) return true;
        if (!interactive) {
            std::cerr << "quire publish: not publishing without --yes (stdin is not a terminal)\n";
            return false;
        }
        return deploy::askYes(plan.create ? "Create the workbook?" : "Publish these changes?");
    };
    publish::PublishResult result = flow.publish(document, args.options, callbacks);

    std::string historyProblem;
    const std::string hash = args.options.dryRun ? std::string()
                                                 : deploy::recordPublish(args.file, project, result, publish::bodyContents(document),
                                                                         args.options.environment, "publish", "", args.options.tag,
                                                                         historyProblem);
    if (!historyProblem.empty()) std::cerr << "quire publish: " << historyProblem << "\n";

    std::optional<publish::MergeOutcome> merge;
    if (result.status == publish::PublishStatus::RemoteChanged && text) {
        std::cout << "the server's changes since the last " << (environment ? "publish" : "pull") << ":\n"
                  << diff::renderText(result.remoteChanges);
        if (!environment && interactive && !args.yes && deploy::askYes("Pull and merge the server's changes into " + args.file + " now?"))
            merge = flow.pullAndMerge(document);
    }

    if (!text) {
        Json out = {{"status", std::string(publish::publishStatusName(result.status))},
                    {"message", result.message},
                    {"environment", args.options.environment.empty() ? Json() : Json(args.options.environment)},
                    {"workbookId", result.workbookId},
                    {"url", result.url},
                    {"documentVersion", result.documentVersion ? Json(*result.documentVersion) : Json()},
                    {"diagnostics", deploy::diagnosticsJson(result.diagnostics)},
                    {"diff", result.plan ? diff::renderJson(result.plan->diff) : Json()},
                    {"remoteChanges", diff::renderJson(result.remoteChanges)},
                    {"normalization", diff::renderJson(result.normalization)},
                    {"historyHash", hash.empty() ? Json() : Json(hash)}};
        if (!result.dryRunReply.is_null()) out["dryRunReply"] = result.dryRunReply;
        if (!result.tagReply.is_null()) out["tag"] = result.tagReply;
        std::cout << out.dump(2) << "\n";
        return deploy::exitCodeFor(result);
    }
    for (const auto& d : result.diagnostics) std::cout << formatDiagnostic(d) << "\n";
    if (!result.normalization.empty())
        std::cout << "Sigma normalised the stored workbook (pull to adopt it):\n" << diff::renderText(result.normalization);
    std::cout << result.message;
    if (!result.url.empty()) std::cout << " - " << result.url;
    std::cout << "\n";
    if (!hash.empty()) std::cout << "recorded in the history as " << hash.substr(0, 12) << "\n";
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
