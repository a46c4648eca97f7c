// quire versions FILE [--env NAME] [--local] [--format text|json] [--region R | --base-url URL] [--profile P]
// Lists the publishes recorded in .quire/history for FILE, newest first (all environments, or one), and the
// Sigma version tags on the environment's workbook when the server can be asked (skipped with --local or
// when no host or credentials are configured). Exit status: 0, 2 setup problem.
#include <quire/doc/io.h>
#include <quire/publish/body.h>
#include <quire/publish/history.h>
#include <quire/publish/sidecar.h>

#include <QCoreApplication>

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

#include "command_registry.h"
#include "deploy_cli.h"

namespace quire::cli {
namespace {

struct VersionsArgs {
    std::string file;
    std::string environment;
    bool local = false;
    deploy::HostFlags host;
    std::string format = "text";
};

std::string version(const publish::HistoryEntry& e) { return e.documentVersion ? std::to_string(*e.documentVersion) : "-"; }

// Server tags of the target's workbook: {name, version, versionTagId}; empty with a note when not asked.
Json serverTags(const VersionsArgs& args, const publish::Environment* environment, std::string& note) {
    if (args.local) return Json();
    auto loadedSidecar = publish::loadSidecar(args.file, args.environment);
    if (!loadedSidecar) {
        note = loadedSidecar.message();
        return Json();
    }
    const std::optional<publish::Sidecar>& sidecar = *loadedSidecar;
    if (!sidecar) {
        if (environment) note = "no workbook recorded for environment '" + environment->name + "'";
        return Json();
    }
    auto config = deploy::clientConfigFor(args.host, environment, sidecar->baseUrl);
    if (!config) {
        note = config.message();
        return Json();
    }
    auto app = deploy::ensureApplication();
    publish::SigmaClient client(*config);
    publish::ApiResult tags = client.workbookTags(sidecar->workbookId);
    if (!tags.ok()) {
        note = tags.error.describe();
        return Json();
    }
    Json out = Json::array();
    for (const Json& tag : tags.body["entries"]) {
        if (!tag.is_object()) continue;
        Json entry = Json::object();
        entry["name"] = tag.contains("name") && tag["name"].is_string() ? tag["name"] : Json("?");
        auto v = publish::documentVersionOf(Json{{"documentVersion", tag.value("taggedWorkbookVersion", Json())}});
        entry["version"] = v ? Json(*v) : Json();
        entry["versionTagId"] = tag.contains("versionTagId") && tag["versionTagId"].is_string() ? tag["versionTagId"] : Json();
        entry["workbookId"] = sidecar->workbookId;
        out.push_back(entry);
    }
    return out;
}

int run(VersionsArgs& args) {
    std::optional<publish::Project> project;
    if (!deploy::loadProjectFor(args.file, !args.environment.empty(), project, "versions")) return 2;
    const publish::Environment* environment = nullptr;
    if (!args.environment.empty() && !(environment = deploy::findEnvironment(*project, args.environment, "versions"))) return 2;

    publish::History history{publish::historyRootFor(args.file, project ? project->root : std::string())};
    std::vector<Diagnostic> problems;
    std::vector<publish::HistoryEntry> entries = history.read(args.file, &problems);
    for (const auto& d : problems) std::cerr << formatDiagnostic(d) << "\n";
    if (!args.environment.empty())
        entries.erase(std::remove_if(entries.begin(), entries.end(), [&](const publish::HistoryEntry& e) { return e.environment != args.environment; }),
                      entries.end());
    std::reverse(entries.begin(), entries.end()); // newest first

    std::string note;
    const Json tags = serverTags(args, environment, note);

    if (args.format == "json") {
        Json out = {{"history", Json::array()}, {"log", history.logPathFor(args.file)}};
        for (const auto& e : entries)
            out["history"].push_back({{"documentVersion", e.documentVersion ? Json(*e.documentVersion) : Json()},
                                      {"environment", e.environment.empty() ? Json() : Json(e.environment)},
                                      {"when", e.when}, {"who", e.who}, {"action", e.action}, {"workbookId", e.workbookId},
                                      {"hash", e.hash}, {"tag", e.tag.empty() ? Json() : Json(e.tag)},
                                      {"from", e.from.empty() ? Json() : Json(e.from)}});
        out["serverTags"] = tags;
        if (!note.empty()) out["serverTagsNote"] = note;
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    if (entries.empty()) {
        std::cout << "no publishes recorded in " << history.logPathFor(args.file) << "\n";
    } else {
        std::ostringstream table;
        table << std::left << std::setw(8) << "VERSION" << std::setw(13) << "ENVIRONMENT" << std::setw(22) << "WHEN" << std::setw(10)
              << "ACTION" << std::setw(14) << "HASH" << std::setw(12) << "TAG" << "WHO\n";
        for (const auto& e : entries)
            table << std::left << std::setw(8) << version(e) << std::setw(13) << (e.environment.empty() ? "-" : e.environment)
                  << std::setw(22) << e.when << std::setw(10) << e.action << std::setw(14) << e.hash.substr(0, 12) << std::setw(12)
                  << (e.tag.empty() ? "-" : e.tag) << e.who << (e.from.empty() ? "" : " (from " + e.from + ")") << "\n";
        std::cout << table.str();
    }
    if (tags.is_array()) {
        std::cout << "Sigma version tags on the workbook:" << (tags.empty() ? " none" : "") << "\n";
        for (const Json& t : tags)
            std::cout << "  " << t["name"].get<std::string>() << " -> version "
                      << (t["version"].is_null() ? std::string("?") : t["version"].dump()) << "\n";
    } else if (!note.empty()) {
        std::cerr << "quire versions: server tags not listed: " << note << "\n";
    }
    return 0;
}

} // namespace

QUIRE_CLI_COMMAND("versions", 73, [](CLI::App& app, const GlobalOptions&) {
    auto args = std::make_shared<VersionsArgs>();
    CLI::App* cmd = app.add_subcommand("versions", "List the recorded publishes of a workbook file (and Sigma's version tags)");
    cmd->add_option("file", args->file, "Workbook file")->required();
    cmd->add_option("--env", args->environment, "Only this quire.yaml environment");
    cmd->add_flag("--local", args->local, "Do not ask the server for version tags");
    deploy::addHostFlags(cmd, args->host);
    cmd->add_option("--format", args->format, "Output format")->check(CLI::IsMember({"text", "json"}));
    cmd->callback([args] {
        int code = run(*args);
        if (code != 0) throw ExitCode{code};
    });
});

} // namespace quire::cli
