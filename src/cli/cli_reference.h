#pragma once
// The command line's own structure (commands, options, descriptions) read from the CLI11 App, so the man pages
// and the shell completions are generated from exactly what `quire --help` shows and cannot drift from it.
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace quire::cli {

struct OptionReference {
    std::vector<std::string> flags; // "-o", "--output"; empty for a positional
    std::string name;               // a positional's name ("FILE"), or the first long flag
    std::string valueType;          // "TEXT", "INT", ...; empty for a flag that takes no value
    std::string description;
    std::string defaultValue;       // shown as "(default: ...)" where the command captured it
    bool positional = false;
    bool required = false;
    bool repeatable = false;        // takes several values (FILE...)
};

struct CommandReference {
    std::vector<std::string> path; // {"quire", "warehouse", "generate"}
    std::string description;
    std::string footer;
    std::vector<OptionReference> options;     // in --help order, positionals included
    std::vector<CommandReference> subcommands; // visible ones, in --help order
    bool requiresSubcommand = false;

    std::string name() const { return path.back(); }
    std::string joinedPath(const std::string& separator) const;
    std::string usage() const; // "quire fmt [OPTIONS] FILE..."
};

// `app` and every visible subcommand below it (hidden ones, in the empty group, are left out as --help does).
CommandReference describeCommands(const CLI::App& app);

} // namespace quire::cli
