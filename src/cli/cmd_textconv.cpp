// quire textconv FILE: one workbook as an element-level outline on stdout (diff::renderOutline), for
// `git diff` (diff.quire.textconv, set up by `quire init-repo`). A file that is not a readable workbook is
// printed as it is, with the located error on stderr, so `git diff` still shows something; exit 0 either way
// (git gives up on the whole diff when a textconv fails). Exit 2 only when the file cannot be read at all.
#include <quire/diff/outline.h>
#include <quire/doc/io.h>

#include <iostream>
#include <memory>

#include "command_registry.h"

namespace quire::cli {
namespace {

int run(const std::string& path) {
    auto bytes = doc::readFileBytes(path);
    if (!bytes) {
        std::cerr << "quire textconv: cannot read " << path << ": " << bytes.message() << "\n";
        return 2;
    }
    if (bytes->find_first_not_of(" \t\r\n") == std::string::npos) return 0; // an absent side of the diff
    doc::LoadResult loaded = doc::parseDocument(*bytes, doc::detectFormat(path, *bytes), path);
    if (!loaded.ok()) {
        for (const Diagnostic& d : loaded.diagnostics)
            if (d.severity == Severity::Error) std::cerr << "quire textconv: " << formatDiagnostic(d) << "\n";
        std::cerr << "quire textconv: " << path << " is shown as text\n";
        std::cout << *bytes;
        return 0;
    }
    std::cout << diff::renderOutline(loaded.document->root);
    return 0;
}

} // namespace

QUIRE_CLI_COMMAND("textconv", 62, [](CLI::App& app, const GlobalOptions&) {
    auto path = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand("textconv", "One workbook as an element-level outline (git diff textconv)");
    cmd->add_option("file", *path, "Workbook file (.json, .yaml)")->required();
    cmd->footer("Used by git as diff.quire.textconv (quire init-repo): `git diff` then shows changes per element and property.");
    cmd->callback([path] {
        int code = run(*path);
        if (code != 0) throw ExitCode{code};
    });
});

} // namespace quire::cli
