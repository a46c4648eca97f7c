// quire personas pull [--env NAME] [-o quire.personas.yaml] [--region R | --base-url URL] [--profile P] [--timeout S]
// Fills the personas file from Sigma's members, teams and user attributes (publish/directory.h), merged into an
// existing file with the format-preserving writer: only changed values are rewritten, comments, warehouse roles,
// defaults and hand-written personas stay (governance/personas_merge.h). The result must load with the personas
// reader before anything is written. Exit status: 0 written (or already up to date), 1 API error or a result the
// reader refuses (nothing written), 2 setup problem or an unreadable existing file.
#include <quire/doc/io.h>
#include <quire/governance/personas.h>
#include <quire/governance/personas_merge.h>
#include <quire/publish/directory.h>

#include <QCoreApplication>

#include <filesystem>
#include <iostream>
#include <memory>

#include "command_registry.h"
#include "deploy_cli.h"

namespace quire::cli {
namespace {

struct PersonasPullArgs {
    std::string environment;
    std::string output = governance::kPersonasFileName;
    deploy::HostFlags host;
};

int run(PersonasPullArgs& args) {
    std::optional<publish::Project> project;
    const publish::Environment* environment = nullptr;
    if (!args.environment.empty()) {
        if (!deploy::loadProjectFor(args.output, true, project, "personas pull")) return 2;
        if (!(environment = deploy::findEnvironment(*project, args.environment, "personas pull"))) return 2;
    }

    // The file as it is: merged into, never replaced (its comments and hand-written parts stay).
    std::optional<doc::Document> existing;
    std::error_code ec;
    if (std::filesystem::exists(args.output, ec)) {
        doc::LoadLimits limits;
        limits.maxDepth = governance::kMaxPersonasDepth;
        limits.maxBytes = governance::kMaxPersonasFileBytes;
        Expected<std::string> bytes = doc::readFileBytes(args.output, governance::kMaxPersonasFileBytes);
        if (!bytes) {
            std::cerr << "quire personas pull: " << bytes.message() << "\n";
            return 2;
        }
        doc::LoadResult loaded = doc::parseDocument(*bytes, doc::detectFormat(args.output, *bytes), args.output, limits);
        if (!loaded.ok()) {
            for (const auto& d : loaded.diagnostics) std::cout << formatDiagnostic(d) << "\n";
            std::cerr << "quire personas pull: " << args.output << " cannot be read; fix it or write elsewhere with -o\n";
            return 2;
        }
        existing = std::move(loaded.document);
    }

    auto config = deploy::clientConfigFor(args.host, environment, "");
    if (!config) {
        std::cerr << "quire personas pull: " << config.message() << "\n";
        return 2;
    }
    auto app = deploy::ensureApplication();
    publish::SigmaClient client(*config);
    std::cerr << "quire personas pull: reading members, teams and user attributes from " << config->baseUrl << "\n";
    publish::DirectoryResult fetched = publish::fetchDirectory(client);
    if (fetched.error) {
        std::cout << formatDiagnostic(Diagnostic{Severity::Error, RuleCode("personas/pull"), fetched.error->describe(), "", {}, std::nullopt})
                  << "\n";
        std::cerr << "quire personas pull: nothing was written\n";
        return 1;
    }

    std::vector<governance::PulledUser> users;
    for (const publish::DirectoryMember& m : fetched.directory->members)
        users.push_back(governance::PulledUser{m.email, m.fullName, m.memberId, m.teams, m.attributes});
    governance::PullMergeSummary summary;
    doc::Document next;
    next.path = args.output;
    next.format = existing ? existing->format : doc::detectFormat(args.output, "");
    next.sourceText = existing ? existing->sourceText : nullptr;
    next.root = governance::mergePulledPersonas(existing ? existing->root : Json(), users, fetched.directory->attributeNames, summary);
    std::string bytes;
    try {
        bytes = existing ? doc::saveDocumentPreserving(next, next.format).text : doc::saveDocument(next, next.format);
    } catch (const std::exception& e) {
        std::cerr << "quire personas pull: " << e.what() << "; nothing was written\n";
        return 1;
    }
    // What is written must be a personas file the reader accepts (a hostile email, too many members, ...).
    governance::PersonasLoad check = governance::parsePersonas(bytes, args.output);
    if (!check.ok()) {
        for (const auto& d : check.diagnostics) std::cout << formatDiagnostic(d) << "\n";
        std::cerr << "quire personas pull: the result would not load as a personas file; nothing was written\n";
        return 1;
    }
    if (existing && existing->sourceText && bytes == *existing->sourceText) {
        std::cout << args.output << " is up to date (" << summary.unchanged << " persona(s) from Sigma)\n";
    } else {
        try {
            doc::writeFileAtomically(args.output, bytes);
        } catch (const std::exception& e) {
            std::cerr << "quire personas pull: " << e.what() << "\n";
            return 1;
        }
        std::cout << "wrote " << args.output << ": " << summary.added << " added, " << summary.updated << " updated, " << summary.unchanged
                  << " unchanged\n";
    }
    for (const std::string& email : summary.notInSigma)
        std::cout << "kept " << email << ": not a member in Sigma (a hand-written persona)\n";
    return 0;
}

} // namespace

QUIRE_CLI_COMMAND("personas", 78, [](CLI::App& app, const GlobalOptions&) {
    auto args = std::make_shared<PersonasPullArgs>();
    CLI::App* personas = app.add_subcommand("personas", "The personas file (quire.personas.yaml) for --as and audit-access");
    personas->require_subcommand(1);
    CLI::App* pull = personas->add_subcommand("pull", "Fill the personas file from Sigma's members, teams and user attributes");
    pull->add_option("--env", args->environment, "Read the organisation of this quire.yaml environment (its host and profile)");
    pull->add_option("-o,--output", args->output, "The personas file to write or merge into (default: quire.personas.yaml)");
    deploy::addHostFlags(pull, args->host);
    pull->footer("An existing file is merged: Sigma sets emails, names, ids, teams and its attributes' values; comments,\n"
                 "warehouseRoles, default and personas Sigma does not list stay. Credentials as for quire publish.");
    pull->callback([args] {
        int code = run(*args);
        if (code != 0) throw ExitCode{code};
    });
});

} // namespace quire::cli
