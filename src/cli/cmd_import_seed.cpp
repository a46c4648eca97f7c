// quire import-seed FILE -o OUT [--to json|yaml] [--folder-id UUID]
// Converts a compact seed into a Sigma workbook document, writes it, and validates what it wrote.
// Exit 0 = written without errors, 1 = the seed (or the result) has errors, 2 = the seed cannot be read/parsed.
#include <quire/doc/io.h>
#include <quire/doc/seed.h>
#include <quire/validate/validator.h>

#include <iostream>
#include <memory>

#include "command_registry.h"

namespace quire::cli {
namespace {

struct ImportSeedArgs {
    std::string input;
    std::string output;
    std::string to; // "" = from the output's extension (.json -> JSON, otherwise YAML)
    std::string folderId;
};

void print(const std::vector<Diagnostic>& diagnostics) {
    for (const auto& d : diagnostics) std::cout << formatDiagnostic(d) << "\n";
}

int run(const ImportSeedArgs& args) {
    doc::LoadResult loaded = doc::loadDocument(args.input);
    if (!loaded.document) {
        print(loaded.diagnostics);
        return 2;
    }
    doc::SeedImportOptions options;
    options.folderId = args.folderId;
    doc::SeedImportResult imported = doc::importSeed(*loaded.document, options);
    print(imported.diagnostics);
    if (!imported.ok()) return 1;

    doc::Document& out = *imported.document;
    const bool jsonExtension = args.output.size() >= 5 && args.output.compare(args.output.size() - 5, 5, ".json") == 0;
    out.format = args.to == "json" || (args.to.empty() && jsonExtension) ? doc::Format::Json : doc::Format::Yaml;
    out.path = args.output;
    try {
        doc::writeFileAtomically(args.output, doc::saveDocument(out, out.format));
    } catch (const std::exception& e) {
        std::cerr << "quire import-seed: cannot write " << args.output << ": " << e.what() << "\n";
        return 2;
    }
    // Validate the file as written, so locations point into it.
    validate::FileValidation check = validate::validateFile(args.output);
    print(check.diagnostics);
    std::cout << "wrote " << args.output << "\n";
    return hasErrors(check.diagnostics) ? 1 : 0;
}

} // namespace

QUIRE_CLI_COMMAND("import-seed", 40, [](CLI::App& app, const GlobalOptions&) {
    auto args = std::make_shared<ImportSeedArgs>();
    CLI::App* cmd = app.add_subcommand("import-seed", "Convert a compact seed (workbook: ...) into a Sigma workbook document");
    cmd->add_option("file", args->input, "Compact seed file (YAML or JSON)")->required();
    cmd->add_option("-o,--output", args->output, "Where to write the workbook document")->required();
    cmd->add_option("--to", args->to, "Output format (default: from the output file's extension, .json -> json, else yaml)")->check(CLI::IsMember({"json", "yaml"}));
    cmd->add_option("--folder-id", args->folderId, "Sigma folder id for the envelope");
    cmd->callback([args] {
        int code = run(*args);
        if (code != 0) throw ExitCode{code};
    });
});

} // namespace quire::cli
