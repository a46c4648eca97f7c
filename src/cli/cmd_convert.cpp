// quire convert FILE --to json|yaml [-o OUT]: re-writes a workbook in canonical JSON or YAML, losing nothing. To the
// file's own format the text is kept as it is (comments included): `quire fmt` is what rewrites canonically.
#include <quire/doc/io.h>
#include <quire/doc/migrate.h>

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
        bool migrate = false;
    };
    auto args = std::make_shared<Args>();
    auto* sub = app.add_subcommand("convert", "Write a workbook as JSON or YAML (every field kept, in order; canonical unless the format stays the same)");
    sub->add_option("FILE", args->file, "Workbook file (.json, .yaml, .yml)")->required();
    sub->add_option("--to", args->to, "Output format (required unless --migrate, which keeps the file's format)")
        ->check(CLI::IsMember({"json", "yaml"}));
    sub->add_flag("--migrate", args->migrate,
                  "Rewrite shapes Sigma does not read: unwrap a converter envelope {workbook: {...}}, rename the legacy "
                  "body key `document` to `contents` (format-preserving where possible)");
    sub->add_option("-o,--output", args->output, "Output file (written atomically); stdout when omitted");
    sub->callback([args] {
        auto loaded = doc::loadDocument(args->file);
        if (int code = printLoadErrors(loaded); code != 0 || !loaded.document) throw ExitCode{code ? code : 2};
        std::string text;
        if (args->migrate) {
            doc::Document& d = *loaded.document;
            doc::Migration m = doc::migrateDocument(d);
            for (const auto& change : m.changes) std::cerr << "quire convert: " << change << "\n";
            if (m.changes.empty()) std::cerr << "quire convert: nothing to migrate\n";
            else if (!m.preserved) std::cerr << "quire convert: written canonically (the text could not be patched in place)\n";
            text = std::move(m.text);
            if (!args->to.empty() && (args->to == "json") != (d.format == doc::Format::Json)) {
                doc::Document out;
                out.root = std::move(m.root);
                text = doc::saveDocument(out, args->to == "json" ? doc::Format::Json : doc::Format::Yaml);
            }
        } else {
            if (args->to.empty()) {
                std::cerr << "quire convert: --to json|yaml is required (or --migrate)\n";
                throw ExitCode{2};
            }
            const doc::Format to = args->to == "json" ? doc::Format::Json : doc::Format::Yaml;
            text = doc::saveDocumentPreserving(*loaded.document, to).text;
        }
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
