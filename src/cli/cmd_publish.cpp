// quire publish FILE [--workbook-id ID] [--folder ID] [--name NAME] [--dry-run] [--yes]
//                    [--region R | --base-url URL] [--profile P] [--format text|json] [--timeout SECONDS]
// Validate, diff against the server, then create or update the workbook. Exit status: 0 published (or
// unchanged, or the dry run passed), 1 validation errors / rejected / API error, 2 unreadable file or setup
// problem, 3 cancelled, 4 the workbook changed on the server (nothing overwritten; pull --merge first).
#include <quire/diff/render.h>
#include <quire/doc/io.h>
#include <quire/publish/client_setup.h>
#include <quire/publish/publish_flow.h>
#include <quire/publish/sidecar.h>
#include <quire/secrets/secret_store.h>

#include <QCoreApplication>

#include <unistd.h>

#include <iostream>
#include <memory>

#include "command_registry.h"

namespace quire::cli {
namespace {

struct PublishArgs {
    std::string file;
    publish::PublishOptions options;
    publish::ClientSetup setup;
    bool yes = false;
    std::string format = "text";
};

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

int exitCodeFor(publish::PublishStatus status) {
    using S = publish::PublishStatus;
    switch (status) {
    case S::Created: case S::Updated: case S::Unchanged: case S::DryRunPassed: return 0;
    case S::Cancelled: return 3;
    case S::RemoteChanged: return 4;
    case S::ValidationFailed: case S::DryRunRejected: case S::Failed: return 1;
    }
    return 1;
}

int run(PublishArgs& args) {
    doc::LoadResult loaded = doc::loadDocument(args.file);
    if (!loaded.ok()) {
        for (const auto& d : loaded.diagnostics) std::cout << formatDiagnostic(d) << "\n";
        return 2;
    }
    const doc::Document& document = *loaded.document;
    try {
        if (auto sidecar = publish::loadSidecar(args.file)) args.setup.sidecarBaseUrl = sidecar->baseUrl;
    } catch (const std::exception& e) {
        std::cerr << "quire publish: " << e.what() << "\n";
        return 2;
    }
    auto store = secrets::makeDefaultSecretStore();
    std::string problem;
    auto config = publish::makeClientConfig(args.setup, *store, problem);
    if (!config) {
        std::cerr << "quire publish: " << problem << "\n";
        return 2;
    }
    int argc = 1;
    static char name[] = "quire";
    char* argv[] = {name, nullptr};
    std::unique_ptr<QCoreApplication> app;
    if (!QCoreApplication::instance()) app = std::make_unique<QCoreApplication>(argc, argv);

    publish::SigmaClient client(*config);
    publish::PublishFlow flow(client);
    const bool interactive = isatty(STDIN_FILENO) != 0;
    const bool text = args.format == "text";
    publish::PublishCallbacks callbacks;
    callbacks.progress = [](const std::string& step) { std::cerr << "quire publish: " << step << "\n"; };
    callbacks.confirm = [&](const publish::PublishPlan& plan) {
        if (text) {
            std::cout << (plan.create ? "new workbook '" + plan.name + "' in folder " + plan.folderId
                                      : "workbook " + plan.workbookId + " (" + plan.name + ")")
                      << (plan.create ? ", contents:" : ", changes from the server's version:") << "\n"
                      << diff::renderText(plan.diff) << std::flush;
        }
        if (args.yes || args.options.dryRun) return true;
        if (!interactive) {
            std::cerr << "quire publish: not publishing without --yes (stdin is not a terminal)\n";
            return false;
        }
        return askYes(plan.create ? "Create the workbook?" : "Publish these changes?");
    };
    publish::PublishResult result = flow.publish(document, args.options, callbacks);

    std::optional<publish::MergeOutcome> merge;
    if (result.status == publish::PublishStatus::RemoteChanged && text) {
        std::cout << "the server's changes since the last pull:\n" << diff::renderText(result.remoteChanges);
        if (interactive && !args.yes && askYes("Pull and merge the server's changes into " + args.file + " now?"))
            merge = flow.pullAndMerge(document);
    }

    if (!text) {
        Json out = {{"status", std::string(publish::publishStatusName(result.status))},
                    {"message", result.message},
                    {"workbookId", result.workbookId},
                    {"url", result.url},
                    {"documentVersion", result.documentVersion ? Json(*result.documentVersion) : Json()},
                    {"diagnostics", diagnosticsJson(result.diagnostics)},
                    {"diff", result.plan ? diff::renderJson(result.plan->diff) : Json()},
                    {"remoteChanges", diff::renderJson(result.remoteChanges)},
                    {"normalization", diff::renderJson(result.normalization)}};
        if (!result.dryRunReply.is_null()) out["dryRunReply"] = result.dryRunReply;
        std::cout << out.dump(2) << "\n";
        return exitCodeFor(result.status);
    }
    for (const auto& d : result.diagnostics) std::cout << formatDiagnostic(d) << "\n";
    if (!result.normalization.empty())
        std::cout << "Sigma normalised the stored workbook (pull to adopt it):\n" << diff::renderText(result.normalization);
    std::cout << result.message;
    if (!result.url.empty()) std::cout << " - " << result.url;
    std::cout << "\n";
    if (result.status == publish::PublishStatus::RemoteChanged) {
        if (merge) {
            std::cout << merge->message << "\n";
            for (const auto& c : merge->conflicts) std::cout << "conflict: " << c.collection << " " << c.id << (c.pointer.empty() ? "" : " " + c.pointer) << ": " << c.reason << "\n";
            if (merge->ok) std::cout << "review the merged file, then publish again\n";
        } else {
            std::cout << "run `quire pull --merge " << args.file << "` to merge the server's changes, then publish again\n";
        }
    }
    return exitCodeFor(result.status);
}

} // namespace

QUIRE_CLI_COMMAND("publish", 70, [](CLI::App& app, const GlobalOptions&) {
    auto args = std::make_shared<PublishArgs>();
    CLI::App* cmd = app.add_subcommand("publish", "Validate, diff against Sigma and create or update the workbook");
    cmd->add_option("file", args->file, "Workbook file (.json, .yaml)")->required();
    cmd->add_option("--workbook-id", args->options.workbookId, "Update this workbook (default: the file's sidecar, else create)");
    cmd->add_option("--folder", args->options.folderId, "Create in this folder (default: the file's folderId, else your home folder)");
    cmd->add_option("--name", args->options.name, "Create with this name (default: the file's name)");
    cmd->add_flag("--dry-run", args->options.dryRun, "Let Sigma validate the workbook; change nothing");
    cmd->add_flag("-y,--yes", args->yes, "Do not ask before publishing (CI)");
    auto* region = cmd->add_option("--region", args->setup.region, "Sigma cloud region (aws-us, aws-eu, azure-us, gcp-us, ...)");
    cmd->add_option("--base-url", args->setup.baseUrl, "API base URL instead of a region (https; plain http only to loopback)")->excludes(region);
    cmd->add_option("--profile", args->setup.profile, "Credentials profile: secret keys sigma/<profile>/client-id|client-secret");
    cmd->add_option("--timeout", args->setup.timeoutSeconds, "Seconds per request before giving up (retried within bounds)");
    cmd->add_option("--format", args->format, "Output format")->check(CLI::IsMember({"text", "json"}));
    cmd->footer("Credentials: QUIRE_SIGMA_CLIENT_ID / QUIRE_SIGMA_CLIENT_SECRET, or the secret store. They go only to\n"
                "the host you name (--region/--base-url/QUIRE_SIGMA_REGION/QUIRE_SIGMA_BASE_URL) or a Sigma region host\n"
                "named by the file's sidecar.\n"
                "Exit status: 0 published/unchanged/dry run passed, 1 errors, 2 unreadable or setup, 3 cancelled, 4 remote changed.");
    cmd->callback([args] {
        int code = run(*args);
        if (code != 0) throw ExitCode{code};
    });
});

} // namespace quire::cli
