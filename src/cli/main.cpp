// quire: the headless command line. Commands register themselves (see command_registry.h).
#include "command_registry.h"

#include <quire/core/logging.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <iostream>

namespace quire::cli {
std::vector<CommandRegistration>& commandRegistry() {
    static std::vector<CommandRegistration> registry;
    return registry;
}
} // namespace quire::cli

int main(int argc, char** argv) {
    using namespace quire::cli;
    CLI::App app{"quire: build, check and ship Sigma workbooks as code", "quire"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string(QUIRE_VERSION));
    GlobalOptions globals;
    app.add_flag("-v,--verbose", globals.verbosity, "More log output on stderr (repeat for debug)");
    app.parse_complete_callback([&] { quire::initLogging(globals.verbosity); });

    auto& registry = commandRegistry();
    std::stable_sort(registry.begin(), registry.end(),
                     [](const CommandRegistration& a, const CommandRegistration& b) { return a.order < b.order; });
    for (auto& command : registry) command.setup(app, globals);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const ExitCode& e) {
        std::cout.flush();
        return e.code;
    } catch (const std::exception& e) {
        std::cerr << "quire: error: " << e.what() << "\n";
        return 2;
    }
    std::cout.flush();
    return 0;
}
