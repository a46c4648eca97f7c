// quire init-repo [DIR] [--pattern GLOB]... [--command CMD]: sets a git repository up for workbooks.
// - .git/config (through `git config --local`): merge.quire.name, merge.quire.driver (quire merge-driver),
//   diff.quire.textconv (quire textconv);
// - .gitattributes at the top of the work tree: `*.sigma.yaml`, `*.sigma.yml`, `*.sigma.json` and each
//   --pattern get `merge=quire diff=quire`.
// Idempotent: a second run changes nothing and says so. Exit 0 = done, 2 = not a git work tree or git failed.
#include <quire/doc/io.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "command_registry.h"
#include "git_process.h"
#include "gitattributes.h"

namespace quire::cli {
namespace {

struct InitRepoArgs {
    std::string dir = ".";
    std::vector<std::string> patterns;
    std::string command;
};

// Quoted for the shell git runs drivers with, when needed.
std::string shellWord(const std::string& word) {
    const bool plain = !word.empty() && word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                               "0123456789/._-+:@%") == std::string::npos;
    if (plain) return word;
    std::string out = "'";
    for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// The running binary's absolute path: .git/config is per clone, so naming this very quire is safe and works
// without quire on PATH (e.g. straight from build/bin).
std::string thisExecutable() {
    std::error_code ec;
    auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::string("quire") : path.string();
}

// git expands %O, %A, ... in a merge driver's command before the shell sees it: a literal % is %%.
std::string percentEscaped(const std::string& text) {
    std::string out;
    for (char c : text) out += c == '%' ? std::string("%%") : std::string(1, c);
    return out;
}

bool setConfig(const std::string& top, const std::string& key, const std::string& value) {
    const GitRun current = runGit({"-C", top, "config", "--local", "--get", key});
    if (current.exitCode == 0 && current.out == value) {
        std::cout << "unchanged: " << key << " = " << value << "\n";
        return true;
    }
    const GitRun set = runGit({"-C", top, "config", "--local", key, value});
    if (set.exitCode != 0) {
        std::cerr << "quire init-repo: git config " << key << " failed: " << set.error << "\n";
        return false;
    }
    std::cout << (current.exitCode == 0 ? "updated: " : "set: ") << key << " = " << value << "\n";
    return true;
}

int run(const InitRepoArgs& args) {
    std::vector<std::string> patterns{"*.sigma.yaml", "*.sigma.yml", "*.sigma.json"};
    for (const std::string& p : args.patterns) {
        if (std::string why = checkPattern(p); !why.empty()) {
            std::cerr << "quire init-repo: --pattern '" << p << "': " << why << "\n";
            return 2;
        }
        patterns.push_back(p);
    }
    const GitRun top = runGit({"-C", args.dir, "rev-parse", "--show-toplevel"});
    if (!top.started) {
        std::cerr << "quire init-repo: cannot run git: " << top.error << "\n";
        return 2;
    }
    if (top.exitCode != 0 || top.out.empty()) {
        std::cerr << "quire init-repo: " << args.dir << " is not inside a git work tree (run git init first)"
                  << (top.error.empty() ? "" : ": " + top.error) << "\n";
        return 2;
    }
    const std::string quire = args.command.empty() ? shellWord(thisExecutable()) : args.command;
    if (!setConfig(top.out, "merge.quire.name", "Quire workbook merge (per element property)") ||
        !setConfig(top.out, "merge.quire.driver", percentEscaped(quire) + " merge-driver %O %A %B %P") ||
        !setConfig(top.out, "diff.quire.textconv", quire + " textconv"))
        return 2;

    const std::string attributesPath = top.out + "/.gitattributes";
    std::string text;
    const FileReadResult current = readFileBounded(attributesPath, std::size_t(1) << 20);
    if (current.ok()) text = current.bytes;
    else if (current.status != FileReadResult::Status::NotFound) {
        std::cerr << "quire init-repo: cannot read " << attributesPath << ": " << current.message << "\n";
        return 2;
    }
    const AttributesEdit edit = addQuireAttributes(text, patterns);
    if (edit.changes.empty()) {
        std::cout << "unchanged: " << attributesPath << "\n";
        return 0;
    }
    try {
        doc::writeFileAtomically(attributesPath, edit.text);
    } catch (const std::exception& e) {
        std::cerr << "quire init-repo: " << e.what() << "\n";
        return 2;
    }
    for (const std::string& change : edit.changes) std::cout << change << "\n";
    std::cout << "wrote " << attributesPath << " (commit it so every clone merges workbooks the same way; "
              << "each clone runs quire init-repo once for its .git/config)\n";
    return 0;
}

} // namespace

QUIRE_CLI_COMMAND("init-repo", 76, [](CLI::App& app, const GlobalOptions&) {
    auto args = std::make_shared<InitRepoArgs>();
    CLI::App* cmd = app.add_subcommand("init-repo", "Set a git repository up to merge and diff workbooks per element");
    cmd->add_option("dir", args->dir, "A directory inside the git work tree (default: .)");
    cmd->add_option("--pattern", args->patterns,
                    "More files to treat as workbooks, e.g. 'workbooks/*.yaml' (besides *.sigma.yaml/.yml/.json)");
    cmd->add_option("--command", args->command,
                    "How git should run quire (default: the absolute path of this quire binary)");
    cmd->footer("Writes merge.quire.* and diff.quire.textconv with `git config --local` and `merge=quire diff=quire`\n"
                "lines in .gitattributes. Safe to run again. Exit status: 0 = done, 2 = not a git work tree or git failed.");
    cmd->callback([args] {
        int code = run(*args);
        if (code != 0) throw ExitCode{code};
    });
});

} // namespace quire::cli
