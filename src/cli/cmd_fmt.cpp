// quire fmt [--check] FILE...: rewrites workbooks in the canonical style of their own format (the style
// `quire convert` and new documents use); --check only reports the files that are not. A leading
// yaml-language-server modeline is kept. quire fmt --schema-modeline [--schema-url URL] FILE... only adds that
// modeline to YAML workbooks (nothing else changes).
#include <quire/doc/io.h>
#include <quire/doc/schema_modeline.h>

#include "command_registry.h"

#include <iostream>
#include <memory>

namespace quire::cli {
namespace {

// First line (1-based) where two texts differ.
std::size_t firstDifferentLine(const std::string& a, const std::string& b) {
    std::size_t line = 1;
    for (std::size_t i = 0; i < a.size() && i < b.size() && a[i] == b[i]; ++i)
        if (a[i] == '\n') ++line;
    return line;
}

// --schema-modeline: the modeline goes in front of the file's bytes; the rest is not touched.
int addModelines(const std::vector<std::string>& files, const std::string& url, bool check) {
    int code = 0;
    for (const auto& file : files) {
        auto bytes = doc::readFileBytes(file);
        if (!bytes) {
            std::cerr << file << ": error [" << bytes.error().rule << "]: cannot read '" << file << "': " << bytes.message() << "\n";
            code = 2;
            continue;
        }
        if (doc::detectFormat(file, *bytes) != doc::Format::Yaml) {
            std::cerr << file << ": a JSON workbook has no modeline; map the schema in the editor (docs/editors.md)\n";
            continue;
        }
        const std::string text = doc::withSchemaModeline(*bytes, url);
        if (text == *bytes) continue;
        if (check) {
            std::cout << file << ":1: no yaml-language-server schema modeline\n";
            code = std::max(code, 1);
            continue;
        }
        try {
            doc::writeFileAtomically(file, text);
            std::cout << "added schema modeline to " << file << "\n";
        } catch (const std::exception& e) {
            std::cerr << "quire fmt: " << e.what() << "\n";
            code = std::max(code, 1);
        }
    }
    return code;
}

QUIRE_CLI_COMMAND("fmt", 21, [](CLI::App& app, const GlobalOptions&) {
    struct Args {
        std::vector<std::string> files;
        bool check = false;
        bool modeline = false;
        std::string schemaUrl = QUIRE_SCHEMA_INSTALL_PATH "/workbook.schema.json";
    };
    auto args = std::make_shared<Args>();
    auto* sub = app.add_subcommand("fmt", "Rewrite workbooks in the canonical style of their format (--check: only report)");
    sub->add_option("FILE", args->files, "Workbook files (.json, .yaml, .yml)")->required();
    sub->add_flag("--check", args->check, "Write nothing; list the files not in canonical style and exit 1 if any");
    sub->add_flag("--schema-modeline", args->modeline,
                  "Only add '# yaml-language-server: $schema=URL' as the first line of YAML workbooks (docs/editors.md)");
    sub->add_option("--schema-url", args->schemaUrl, "The schema the modeline names (default: the installed workbook schema)")
        ->capture_default_str();
    sub->callback([args] {
        if (args->modeline) {
            if (const int code = addModelines(args->files, args->schemaUrl, args->check); code != 0) throw ExitCode{code};
            return;
        }
        int code = 0;
        for (const auto& file : args->files) {
            auto bytes = doc::readFileBytes(file);
            if (!bytes) {
                std::cerr << file << ": error [" << bytes.error().rule << "]: cannot read '" << file << "': " << bytes.message() << "\n";
                code = 2;
                continue;
            }
            const doc::LoadResult loaded = doc::parseDocument(*bytes, doc::detectFormat(file, *bytes), file);
            for (const auto& d : loaded.diagnostics) std::cerr << formatDiagnostic(d) << "\n";
            if (!loaded.ok()) {
                code = 2;
                continue;
            }
            std::string canonical;
            try {
                canonical = doc::canonicalText(*loaded.document, *bytes);
            } catch (const std::exception& e) {
                std::cerr << "quire fmt: " << file << ": " << e.what() << "\n";
                code = std::max(code, 1);
                continue;
            }
            if (canonical == *bytes) continue;
            if (args->check) {
                std::cout << file << ":" << firstDifferentLine(*bytes, canonical) << ": not in canonical style\n";
                code = std::max(code, 1);
                continue;
            }
            try {
                doc::writeFileAtomically(file, canonical);
                std::cout << "formatted " << file << "\n";
            } catch (const std::exception& e) {
                std::cerr << "quire fmt: " << e.what() << "\n";
                code = std::max(code, 1);
            }
        }
        if (code != 0) throw ExitCode{code};
    });
});

} // namespace
} // namespace quire::cli
