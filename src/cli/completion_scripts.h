#pragma once
// Shell completion scripts generated from the command line's own structure (cli_reference.h): commands and
// subcommands with their descriptions, each command's options; arguments and option values complete file names.
#include "cli_reference.h"

#include <optional>
#include <string>

namespace quire::cli {

// "bash", "zsh" or "fish"; nullopt for another shell.
std::optional<std::string> completionScript(const CommandReference& root, const std::string& shell);

} // namespace quire::cli
