// quire manpages --output DIR: writes quire.1 and quire-<command>.1 for every command, generated from the command
// line's own help (the build runs it for the package: cmake/QuirePackage.cmake).
#include "command_registry.h"
#include "man_pages.h"

#include <quire/core/file_io.h>

#include <filesystem>
#include <iostream>
#include <memory>

namespace quire::cli {
namespace {

QUIRE_CLI_COMMAND("manpages", 91, [](CLI::App& app, const GlobalOptions&) {
    auto output = std::make_shared<std::string>();
    CLI::App* root = &app;
    auto* cmd = app.add_subcommand("manpages", "Write the man pages of quire and each of its commands into a folder");
    cmd->add_option("-o,--output", *output, "Folder for quire.1 and quire-<command>.1 (created if missing)")->required();
    cmd->callback([output, root] {
        std::error_code ec;
        std::filesystem::create_directories(*output, ec);
        if (ec) {
            std::cerr << "quire: error: cannot create " << *output << ": " << ec.message() << "\n";
            throw ExitCode{2};
        }
        for (const auto& page : manPages(describeCommands(*root), QUIRE_VERSION)) {
            writeFileAtomically((std::filesystem::path(*output) / page.fileName).string(), page.text);
            std::cout << page.fileName << "\n";
        }
    });
});

} // namespace
} // namespace quire::cli
