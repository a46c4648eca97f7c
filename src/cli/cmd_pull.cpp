// quire pull ID|URL -o FILE [--format json|yaml] [--region R | --base-url URL] [--profile P]
// quire pull --merge FILE
// Fetch a workbook into a canonical local file (plus its sidecar), or merge the server's changes since the
// last pull into FILE (three-way, by element property). Exit status: 0 ok, 1 API error or merge conflicts (nothing
// written), 2 setup problem.
#include <quire/doc/io.h>
#include <quire/diff/render.h>
#include <quire/governance/audit_log.h>
#include <quire/publish/client_setup.h>
#include <quire/publish/publish_flow.h>
#include <quire/publish/sidecar.h>
#include <quire/secrets/secret_store.h>

#include <QCoreApplication>

#include <iostream>
#include <memory>

#include "command_registry.h"

namespace quire::cli {
namespace {

struct PullArgs {
    std::string workbook;
    std::string output;
    std::string format;
    std::string merge;
    publish::ClientSetup setup;
};

int run(PullArgs& args) {
    std::optional<doc::Document> local;
    if (!args.merge.empty()) {
        doc::LoadResult loaded = doc::loadDocument(args.merge);
        if (!loaded.ok()) {
            for (const auto& d : loaded.diagnostics) std::cout << formatDiagnostic(d) << "\n";
            return 2;
        }
        local = std::move(loaded.document);
        auto sidecar = publish::loadSidecar(args.merge);
        if (!sidecar) {
            std::cerr << "quire pull: " << sidecar.message() << "\n";
            return 2;
        }
        if (!*sidecar) {
            std::cerr << "quire pull: no " << publish::sidecarPathFor(args.merge) << "; pull the workbook with -o first\n";
            return 2;
        }
        args.setup.sidecarBaseUrl = (*sidecar)->baseUrl;
    } else if (args.workbook.empty() || args.output.empty()) {
        std::cerr << "quire pull: give a workbook id or URL and -o FILE (or --merge FILE)\n";
        return 2;
    }
    auto store = secrets::makeDefaultSecretStore();
    auto config = publish::makeClientConfig(args.setup, *store);
    if (!config) {
        std::cerr << "quire pull: " << config.message() << "\n";
        return 2;
    }
    int argc = 1;
    static char name[] = "quire";
    char* argv[] = {name, nullptr};
    std::unique_ptr<QCoreApplication> app;
    if (!QCoreApplication::instance()) app = std::make_unique<QCoreApplication>(argc, argv);
    publish::SigmaClient client(*config);
    publish::PublishFlow flow(client);

    if (local) {
        publish::MergeOutcome merged = flow.pullAndMerge(*local);
        governance::audit::Entry entry;
        entry.action = "pull --merge";
        entry.outcome = merged.ok ? "merged" : !merged.conflicts.empty() ? "conflicts" : "failed";
        entry.workbook = args.merge;
        entry.sigmaIdentity = config->credentials.clientId;
        governance::audit::record(entry);
        if (!merged.incoming.empty()) std::cout << diff::renderText(merged.incoming);
        for (const auto& c : merged.conflicts) std::cout << "conflict: " << c.collection << " " << c.id << (c.pointer.empty() ? "" : " " + c.pointer) << ": " << c.reason << "\n";
        std::cout << merged.message << "\n";
        return merged.ok ? 0 : 1;
    }
    doc::Format format = doc::detectFormat(args.output, "");
    if (args.format == "json") format = doc::Format::Json;
    if (args.format == "yaml") format = doc::Format::Yaml;
    publish::PullResult pulled = flow.pull(args.workbook, args.output, format);
    governance::audit::Entry entry;
    entry.action = "pull";
    entry.outcome = pulled.ok ? "ok" : "failed";
    entry.workbook = args.output;
    entry.workbookId = pulled.workbookId.empty() ? args.workbook : pulled.workbookId;
    entry.sigmaIdentity = config->credentials.clientId;
    governance::audit::record(entry);
    std::cout << pulled.message << "\n";
    return pulled.ok ? 0 : 1;
}

} // namespace

QUIRE_CLI_COMMAND("pull", 71, [](CLI::App& app, const GlobalOptions&) {
    auto args = std::make_shared<PullArgs>();
    CLI::App* cmd = app.add_subcommand("pull", "Fetch a Sigma workbook into a local file, or merge the server's changes");
    cmd->add_option("workbook", args->workbook, "Workbook id or Sigma workbook URL");
    cmd->add_option("-o,--output", args->output, "File to write (.json or .yaml)");
    cmd->add_option("--format", args->format, "File format (default: from the extension)")->check(CLI::IsMember({"json", "yaml"}));
    cmd->add_option("--merge", args->merge, "Merge the server's changes since the last pull into this file (needs its sidecar)");
    auto* region = cmd->add_option("--region", args->setup.region, "Sigma cloud region (aws-us, aws-eu, azure-us, gcp-us, ...)");
    cmd->add_option("--base-url", args->setup.baseUrl, "API base URL instead of a region (https; plain http only to loopback)")->excludes(region);
    cmd->add_option("--profile", args->setup.profile, "Credentials profile: secret keys sigma/<profile>/client-id|client-secret");
    cmd->add_option("--timeout", args->setup.timeoutSeconds, "Seconds per request before giving up (retried within bounds)");
    cmd->callback([args] {
        int code = run(*args);
        if (code != 0) throw ExitCode{code};
    });
});

} // namespace quire::cli
