// quire convert FILE --to json|yaml [-o OUT]: re-writes a workbook in canonical JSON or YAML, losing nothing. To the
// file's own format the text is kept as it is (comments included): `quire fmt` is what rewrites canonically.
#include <quire/doc/io.h>

#include <iostream>

#include "command_registry.h"

namespace quire::cli {
namespace {

int printLoadErrors(const doc::LoadResult& loaded) {
    for (const auto& d : loaded.diagnostics) std::cerr << formatDiagnostic(d) << "\n";
    return loaded.document ? 0 : 2;
}

QUIRE_CLI_COMMAND("convert", 20, [](CLI::App& app, const GlobalOptions&) {
    struct Args {
        std::string file, to, output;
    };
    auto args = std::make_shared<Args>();
    auto* sub = app.add_subcommand("convert", "Write a workbook as JSON or YAML (every field kept, in order; canonical unless the format stays the same)");
    sub->add_option("FILE", args->file, "Workbook file (.json, .yaml, .yml)")->required();
    sub->add_option("--to", args->to, "Output format")->required()->check(CLI::IsMember({"json", "yaml"}));
    sub->add_option("-o,--output", args->output, "Output file (written atomically); stdout when omitted");
    sub->callback([args] {
        auto loaded = doc::loadDocument(args->file);
        if (int code = printLoadErrors(loaded); code != 0 || !loaded.document) throw ExitCode{code ? code : 2};
        const doc::Format to = args->to == "json" ? doc::Format::Json : doc::Format::Yaml;
        const std::string text = doc::saveDocumentPreserving(*loaded.document, to).text;
        if (args->output.empty() || args->output == "-") {
            std::cout << text;
            return;
        }
        try {
            doc::writeFileAtomically(args->output, text);
        } catch (const std::exception& e) {
            std::cerr << "quire convert: " << e.what() << "\n";
            throw ExitCode{1};
        }
    });
});

} // namespace
} // namespace quire::cli
