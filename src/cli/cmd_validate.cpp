// quire validate FILE... [--format text|json|sarif|junit] [--list-rules] [--werror] [--schema PATH]
// Compiler-style diagnostics on stdout and a summary line (or JSON, SARIF 2.1.0 for code scanning, JUnit XML for
// CI test reports); exit 0 = no errors, 1 = errors, 2 = a file could not be read or parsed.
#include <quire/validate/report.h>
#include <quire/validate/validator.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "command_registry.h"

namespace quire::cli {
namespace {

struct ValidateArgs {
    std::vector<std::string> files;
    std::string format = "text";
    bool listRules = false;
    bool werror = false;
    std::string schemaPath;
};

void listRules(const std::string& format) {
    if (format == "json") {
        Json rules = Json::array();
        for (const auto& r : quire::ruleCatalogue())
            rules.push_back({{"code", r.code}, {"severity", std::string(severityName(r.severity))}, {"description", r.description}});
        std::cout << rules.dump(2) << "\n";
        return;
    }
    for (const auto& r : quire::ruleCatalogue())
        std::cout << r.code << "\t" << severityName(r.severity) << "\t" << r.description << "\n";
}

int run(const ValidateArgs& args) {
    if (args.listRules) {
        listRules(args.format);
        return 0;
    }
    if (args.files.empty()) {
        std::cerr << "quire validate: no input files\n";
        return 2;
    }
    validate::ValidationOptions options;
    options.schemaPath = args.schemaPath;
    std::vector<Diagnostic> all;
    bool unreadable = false;
    for (const auto& file : args.files) {
        validate::FileValidation result = validate::validateFile(file, options);
        if (!result.loaded) unreadable = true;
        all.insert(all.end(), result.diagnostics.begin(), result.diagnostics.end());
    }
    if (args.werror)
        for (auto& d : all)
            if (d.severity == Severity::Warning) d.severity = Severity::Error;

    const validate::Counts counts = validate::count(all);
    const int exitCode = unreadable ? 2 : counts.errors > 0 ? 1 : 0;
    if (args.format == "json") {
        std::cout << validate::toJson(all).dump(2) << "\n";
    } else if (args.format == "sarif") {
        validate::SarifOptions options;
        options.toolVersion = QUIRE_VERSION;
        std::error_code ec;
        options.workingDirectory = std::filesystem::current_path(ec).string();
        options.exitCode = exitCode;
        std::cout << validate::toSarif(all, options).dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
    } else if (args.format == "junit") {
        std::cout << validate::toJunitXml(args.files, all);
    } else {
        for (const auto& d : all) std::cout << formatDiagnostic(d) << "\n";
        std::cout << counts.errors << (counts.errors == 1 ? " error, " : " errors, ") << counts.warnings
                  << (counts.warnings == 1 ? " warning" : " warnings") << " in " << args.files.size()
                  << (args.files.size() == 1 ? " file" : " files") << "\n";
    }
    return exitCode;
}

} // namespace

QUIRE_CLI_COMMAND("validate", 10, [](CLI::App& app, const GlobalOptions&) {
    auto args = std::make_shared<ValidateArgs>();
    CLI::App* cmd = app.add_subcommand("validate", "Check workbook documents against Sigma's rules (schema + semantics)");
    cmd->add_option("files", args->files, "Workbook files (.json, .yaml)");
    cmd->add_option("--format", args->format, "Output format: text, json, sarif (SARIF 2.1.0 for code scanning), junit (JUnit XML)")
        ->check(CLI::IsMember({"text", "json", "sarif", "junit"}));
    cmd->add_flag("--list-rules", args->listRules, "Print every rule (code, severity, description) and exit");
    cmd->add_flag("--werror", args->werror, "Treat warnings as errors");
    cmd->add_option("--schema", args->schemaPath, "Use this JSON Schema file instead of the built-in one");
    cmd->callback([args] {
        int code = run(*args);
        if (code != 0) throw ExitCode{code};
    });
});

} // namespace quire::cli
