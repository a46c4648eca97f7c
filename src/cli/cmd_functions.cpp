// quire functions [NAME] [--markdown]: the formula function reference. Without NAME, every function with its
// one-line description; with NAME, its signature, description, example and the dialects that run it;
// --markdown prints docs/functions.md. The text comes from quire/help/function_help.h (the same as the IDE's).
#include <quire/help/function_help.h>

#include <iostream>

#include "command_registry.h"

namespace quire::cli {
namespace {

struct FunctionsArgs {
    std::string name;
    bool markdown = false;
};

int run(const FunctionsArgs& args) {
    if (args.markdown) {
        std::cout << help::functionsMarkdown();
        return 0;
    }
    if (args.name.empty()) {
        std::cout << help::functionListText();
        return 0;
    }
    const auto& catalog = formula::FunctionCatalog::builtin();
    if (const auto* f = catalog.find(args.name)) {
        std::cout << help::functionDetailText(help::functionHelp(*f));
        return 0;
    }
    std::cerr << "quire functions: unknown function '" << args.name << "'";
    // The closest names only: one typo away from CumulativeSum names that one, not every Cumulative*.
    auto near = catalog.suggest(args.name, 3);
    if (!near.empty()) {
        const int best = formula::editDistance(args.name, near.front());
        std::erase_if(near, [&](const std::string& n) { return formula::editDistance(args.name, n) > best; });
    }
    if (!near.empty()) {
        std::cerr << "; did you mean ";
        for (std::size_t i = 0; i < near.size(); ++i) std::cerr << (i ? i + 1 == near.size() ? " or " : ", " : "") << near[i];
        std::cerr << "?";
    }
    std::cerr << "\n";
    return 1;
}

} // namespace

QUIRE_CLI_COMMAND("functions", 45, [](CLI::App& app, const GlobalOptions&) {
    auto args = std::make_shared<FunctionsArgs>();
    auto* cmd = app.add_subcommand("functions", "List the formula functions, or show one: signature, example and dialects");
    cmd->add_option("name", args->name, "a function name (case-insensitive)");
    cmd->add_flag("--markdown", args->markdown, "print the whole reference as Markdown (docs/functions.md)");
    cmd->callback([args] {
        if (int rc = run(*args); rc != 0) throw ExitCode{rc};
    });
});

} // namespace quire::cli
