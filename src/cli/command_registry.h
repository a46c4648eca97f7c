#pragma once
// Each CLI command lives in its own file and registers itself with QUIRE_CLI_COMMAND, so adding a command
// never touches main.cpp. A command's setup function adds a CLI11 subcommand and sets its callback; the
// callback reports failure by throwing quire::cli::ExitCode (caught in main).
#include <CLI/CLI.hpp>

#include <quire/core/expected.h>

#include <functional>
#include <iostream>
#include <string>
#include <vector>

namespace quire::cli {

// Thrown by a command to end with a given exit status after it has printed its own output.
struct ExitCode {
    int code;
};

// A result a command cannot go on without: its value, or its message on stderr ("quire: error: ...") and exit
// status 2.
template <class T>
T valueOrExit(Expected<T> result) {
    if (!result) {
        std::cerr << "quire: error: " << result.message() << "\n";
        throw ExitCode{2};
    }
    return std::move(*result);
}
inline void succeedOrExit(const Expected<void>& result) {
    if (!result) {
        std::cerr << "quire: error: " << result.message() << "\n";
        throw ExitCode{2};
    }
}

struct GlobalOptions {
    int verbosity = 0;
};

using CommandSetup = std::function<void(CLI::App& app, const GlobalOptions& globals)>;

struct CommandRegistration {
    std::string name;
    int order; // position in --help
    CommandSetup setup;
};

std::vector<CommandRegistration>& commandRegistry();

struct CommandRegistrar {
    CommandRegistrar(std::string name, int order, CommandSetup setup) {
        commandRegistry().push_back({std::move(name), order, std::move(setup)});
    }
};

} // namespace quire::cli

#define QUIRE_CLI_CONCAT2(a, b) a##b
#define QUIRE_CLI_CONCAT(a, b) QUIRE_CLI_CONCAT2(a, b)
// QUIRE_CLI_COMMAND("validate", 10, [](CLI::App& app, const GlobalOptions& g) { ... });
#define QUIRE_CLI_COMMAND(name, order, ...)                                                              \
    static ::quire::cli::CommandRegistrar QUIRE_CLI_CONCAT(quireCommand_, __COUNTER__)(name, order, __VA_ARGS__)
