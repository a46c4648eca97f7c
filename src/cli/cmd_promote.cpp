// quire promote FILE --from ENV --to ENV [--yes] [--dry-run] [--force] [--tag NAME] [--region R | --base-url URL]
//                    [--profile P] [--format text|json]
// Takes what is live in the `from` environment (its sidecar target's workbook), maps it from `from`'s ids to
// `to`'s through the source mapping (env_mapping.h), shows the diff against `to` and publishes it there with
// the usual drift check. The file itself is not read for its body and not changed. Exit status as publish.
#include <quire/diff/render.h>
#include <quire/doc/io.h>
#include <quire/publish/body.h>
#include <quire/publish/env_mapping.h>
#include <quire/publish/regions.h>
#include <quire/publish/publish_flow.h>
#include <quire/publish/sidecar.h>

#include <QCoreApplication>

#include <iostream>
#include <memory>

#include "command_registry.h"
#include "deploy_cli.h"

namespace quire::cli {
namespace {

struct PromoteArgs {
    std::string file;
    std::string from;
    std::string to;
    publish::PublishOptions options;
    deploy::HostFlags host;
    bool yes = false;
    std::string format = "text";
};

Json remoteContents(const Json& reply) {
    Json document = publish::documentFromReply(reply);
    return document.contains("contents") ? document["contents"] : Json();
}

int run(PromoteArgs& args) {
    if (args.from == args.to) {
        std::cerr << "quire promote: --from and --to name the same environment\n";
        return 2;
    }
    auto loaded = deploy::loadTarget(args.file, args.from, "promote");
    if (!loaded) return 2;
    const bool text = args.format == "text";
    const std::optional<publish::Project>& project = loaded->project;
    const publish::Environment* from = loaded->environment;
    const publish::Environment* to = deploy::findEnvironment(*project, args.to, "promote");
    if (!to) return 2;

    auto loadedSource = publish::loadSidecar(args.file, from->name);
    auto loadedTarget = publish::loadSidecar(args.file, to->name);
    for (const auto* loaded : {&loadedSource, &loadedTarget}) {
        if (!*loaded) {
            std::cerr << "quire promote: " << loaded->message() << "\n";
            return 2;
        }
    }
    const std::optional<publish::Sidecar>& source = *loadedSource;
    const std::string targetHost = *loadedTarget ? (*loadedTarget)->baseUrl : std::string();
    if (!source) {
        std::cerr << "quire promote: " << publish::sidecarPathFor(args.file) << " records no workbook for environment '" << from->name
                  << "': publish it first (quire publish " << args.file << " --env " << from->name << ")\n";
        return 2;
    }
    // Both environments' hosts and credentials are set up before anything is sent.
    auto fromConfig = deploy::clientConfigFor(args.host, from, source->baseUrl);
    if (!fromConfig) {
        std::cerr << "quire promote: " << from->name << ": " << fromConfig.message() << "\n";
        return 2;
    }
    auto toConfig = deploy::clientConfigFor(args.host, to, targetHost);
    if (!toConfig) {
        std::cerr << "quire promote: " << to->name << ": " << toConfig.message() << "\n";
        return 2;
    }
    if (!source->baseUrl.empty() && !publish::sameBaseUrl(source->baseUrl, fromConfig->baseUrl)) {
        std::cerr << "quire promote: the " << from->name << " workbook belongs to the API host " << source->baseUrl
                  << ", but the host in use is " << fromConfig->baseUrl << "; nothing was sent\n";
        return 2;
    }
    auto app = deploy::ensureApplication();

    // 1. What is live in `from`.
    publish::SigmaClient fromClient(*fromConfig);
    std::cerr << "quire promote: fetching the " << from->name << " workbook " << source->workbookId << "\n";
    publish::ApiResult live = fromClient.getWorkbook(source->workbookId);
    if (!live.ok()) {
        std::cout << "cannot fetch the " << from->name << " workbook " << source->workbookId << ": " << live.error.describe() << "\n";
        return 1;
    }
    const Json liveContents = remoteContents(live.body);
    const auto liveVersion = publish::documentVersionOf(live.body);
    if (!liveContents.is_object()) {
        std::cout << "the " << from->name << " workbook " << source->workbookId << " came back without contents; nothing was sent\n";
        return 1;
    }
    if (source->documentVersion && liveVersion && *liveVersion != *source->documentVersion)
        std::cerr << "quire promote: note: the " << from->name << " workbook is at version " << *liveVersion << ", last published "
                  << *source->documentVersion << " from here; promoting what is live\n";

    // 2. from's ids -> source ids -> to's ids.
    publish::Mapping inverse;
    publish::MappingResult back = publish::invertMapping(*from, inverse);
    publish::MappingResult sourceIds = back.ok() ? publish::applyMapping(liveContents, inverse) : back;
    publish::MappingResult target = sourceIds.ok() ? publish::applyMapping(sourceIds.contents, publish::mappingTo(*to)) : sourceIds;
    if (!target.ok()) {
        for (const auto& d : target.diagnostics) std::cout << formatDiagnostic(d) << "\n";
        std::cerr << "quire promote: the " << from->name << " workbook cannot be mapped to " << to->name << "; nothing was sent\n";
        return 1;
    }

    // 3. Publish to `to` (diff, confirmation, drift check, readback, sidecar target) like publish --env.
    const doc::Document document = deploy::documentFor(loaded->document, target.contents, to);
    args.options.environment = to->name;
    if (args.options.folderId.empty()) args.options.folderId = to->folderId;
    args.options.name = to->workbookNameFor(deploy::documentName(loaded->document));

    const std::string fromLabel = from->name + "@" + (liveVersion ? std::to_string(*liveVersion) : std::string("?"));
    publish::SigmaClient toClient(*toConfig);
    publish::PublishFlow flow(toClient);
    const publish::PublishCallbacks callbacks = deploy::publishCallbacks(
        {"promote", text, args.yes, args.options.dryRun},
        [&](const publish::PublishPlan& plan) {
            return "promoting " + from->name + " workbook " + source->workbookId + " (version " +
                   (liveVersion ? std::to_string(*liveVersion) : std::string("?")) + ") to " + to->name + ": " +
                   (plan.create ? "new workbook '" + plan.name + "' in folder " + plan.folderId + ", contents:"
                                : "workbook " + plan.workbookId + " (" + plan.name + "), changes from its current version:");
        },
        [&](const publish::PublishPlan&) { return "Publish this to " + to->name + "?"; });
    publish::PublishResult result = flow.publish(document, args.options, callbacks);
    const std::string hash = deploy::recordOutcome(args.file, project, result, args.options.dryRun, target.contents, to->name, "promote",
                                                   fromLabel, args.options.tag);
    deploy::auditOutcome("promote", args.file, to->name, result, toConfig->credentials.clientId, args.options.dryRun);

    if (!text) {
        Json out = deploy::outcomeJson(result, to->name, hash);
        out["from"] = {{"environment", from->name}, {"workbookId", source->workbookId}, {"documentVersion", liveVersion ? Json(*liveVersion) : Json()}};
        std::cout << out.dump(2) << "\n";
        return deploy::exitCodeFor(result);
    }
    if (result.status == publish::PublishStatus::RemoteChanged)
        std::cout << "the " << to->name << " workbook's changes since the last publish:\n" << diff::renderText(result.remoteChanges);
    deploy::printOutcomeText(result, hash);
    if (result.status == publish::PublishStatus::RemoteChanged)
        std::cout << "someone changed the " << to->name << " workbook in Sigma since the last publish; promote again with --force to overwrite it\n";
    return deploy::exitCodeFor(result);
}

} // namespace

QUIRE_CLI_COMMAND("promote", 72, [](CLI::App& app, const GlobalOptions&) {
    auto args = std::make_shared<PromoteArgs>();
    CLI::App* cmd = app.add_subcommand("promote", "Publish what is live in one quire.yaml environment to another (ids mapped)");
    cmd->add_option("file", args->file, "Workbook file whose sidecar records the environments' workbooks")->required();
    cmd->add_option("--from", args->from, "Environment to take the live workbook from (e.g. staging)")->required();
    cmd->add_option("--to", args->to, "Environment to publish it to (e.g. prod)")->required();
    cmd->add_option("--tag", args->options.tag, "Apply this Sigma version tag to the published version (the tag must exist)");
    cmd->add_flag("--dry-run", args->options.dryRun, "Let Sigma validate the promoted workbook; change nothing");
    cmd->add_flag("-y,--yes", args->yes, "Do not ask before publishing (CI)");
    cmd->add_flag("--force", args->options.force, "Overwrite changes made in the target environment since the last publish");
    deploy::addHostFlags(cmd, args->host);
    cmd->add_option("--format", args->format, "Output format")->check(CLI::IsMember({"text", "json"}));
    cmd->footer("Exit status: 0 promoted/unchanged/dry run passed, 1 errors (nothing changed in the target), 2 setup,\n"
                "3 cancelled, 4 the target changed on the server since the last publish.");
    cmd->callback([args] {
        int code = run(*args);
        if (code != 0) throw ExitCode{code};
    });
});

} // namespace quire::cli
