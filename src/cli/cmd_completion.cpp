// quire completion bash|zsh|fish [-o FILE]: the shell completion script, generated from the command line itself
// (every command, subcommand and option as `quire --help` shows them).
#include "command_registry.h"
#include "completion_scripts.h"

#include <quire/core/file_io.h>

#include <iostream>
#include <memory>

namespace quire::cli {
namespace {

QUIRE_CLI_COMMAND("completion", 90, [](CLI::App& app, const GlobalOptions&) {
    struct Args {
        std::string shell;
        std::string output;
    };
    auto args = std::make_shared<Args>();
    CLI::App* root = &app;
    auto* cmd = app.add_subcommand("completion", "Print the shell completion script for bash, zsh or fish");
    cmd->add_option("shell", args->shell, "bash, zsh or fish")->required()->check(CLI::IsMember({"bash", "zsh", "fish"}));
    cmd->add_option("-o,--output", args->output, "Write the script to this file instead of standard output");
    cmd->footer("Install: quire completion bash > ~/.local/share/bash-completion/completions/quire\n"
                "         quire completion zsh > ~/.zfunc/_quire   (with ~/.zfunc in fpath)\n"
                "         quire completion fish > ~/.config/fish/completions/quire.fish");
    cmd->callback([args, root] {
        const auto script = completionScript(describeCommands(*root), args->shell);
        if (!script) throw ExitCode{2}; // unreachable: the shell was checked by IsMember
        if (args->output.empty()) {
            std::cout << *script;
            return;
        }
        writeFileAtomically(args->output, *script); // throws with the reason (main prints it, exit 2)
    });
});

} // namespace
} // namespace quire::cli
