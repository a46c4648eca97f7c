#pragma once
// Man pages (roff, man(7) macros) generated from the command line's own help: quire(1) lists the commands, and
// each command gets quire-<command>(1) with its options and, as sections, its own subcommands.
#include "cli_reference.h"

#include <string>
#include <vector>

namespace quire::cli {

struct ManPage {
    std::string fileName; // "quire.1", "quire-fmt.1"
    std::string text;
};

std::vector<ManPage> manPages(const CommandReference& root, const std::string& version);

// Text made safe for roff: backslashes escaped, a leading '.' or '\'' neutralised on every line.
std::string roffText(const std::string& text);

} // namespace quire::cli
