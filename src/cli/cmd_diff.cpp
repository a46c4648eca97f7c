// quire diff A B [--format text|json] [--no-envelope] [--stat]
// Element-level differences between two workbook documents. Exit 0 = same, 1 = different, 2 = a file could
// not be read.
#include <quire/diff/render.h>
#include <quire/diff/workbook_diff.h>
#include <quire/doc/io.h>

#include <iostream>
#include <memory>

#include "command_registry.h"

namespace quire::cli {
namespace {

struct DiffArgs {
    std::string before;
    std::string after;
    std::string format = "text";
    bool noEnvelope = false;
    bool statOnly = false;
};

std::optional<doc::Document> loadOrReport(const std::string& path) {
    doc::LoadResult loaded = doc::loadDocument(path);
    for (const Diagnostic& d : loaded.diagnostics)
        if (d.severity == Severity::Error) std::cerr << formatDiagnostic(d) << "\n";
    if (!loaded.ok()) {
        std::cerr << "quire diff: cannot read " << path << " as a workbook document\n";
        return std::nullopt;
    }
    return std::move(loaded.document);
}

int run(const DiffArgs& args) {
    auto a = loadOrReport(args.before);
    auto b = loadOrReport(args.after);
    if (!a || !b) return 2;
    diff::DiffOptions options;
    options.envelope = !args.noEnvelope;
    const diff::WorkbookDiff result = diff::diffDocuments(*a, *b, options);
    if (args.format == "json") std::cout << diff::renderJson(result).dump(2) << "\n";
    else std::cout << diff::renderText(result, diff::TextOptions{!args.statOnly, 80});
    return result.empty() ? 0 : 1;
}

} // namespace

QUIRE_CLI_COMMAND("diff", 60, [](CLI::App& app, const GlobalOptions&) {
    auto args = std::make_shared<DiffArgs>();
    CLI::App* cmd = app.add_subcommand("diff", "Element-level differences between two workbook documents");
    cmd->add_option("before", args->before, "The old document (.json, .yaml)")->required();
    cmd->add_option("after", args->after, "The new document (.json, .yaml)")->required();
    cmd->add_option("--format", args->format, "Output format")->check(CLI::IsMember({"text", "json"}));
    cmd->add_flag("--no-envelope", args->noEnvelope, "Compare only the workbook bodies (not name, folderId, ...)");
    cmd->add_flag("--stat", args->statOnly, "Only the summary (text format)");
    cmd->footer("Exit status: 0 = no differences, 1 = differences, 2 = a file could not be read.");
    cmd->callback([args] {
        int code = run(*args);
        if (code != 0) throw ExitCode{code};
    });
});

} // namespace quire::cli
