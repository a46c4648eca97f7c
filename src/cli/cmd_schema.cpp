// quire schema --print [NAME]: the JSON Schemas of schemas/ as built into this binary, for editors without the
// language server (a yaml-language-server modeline, VS Code's json.schemas; docs/editors.md).
#include <quire/validate/schema.h>

#include "command_registry.h"

#include <iostream>
#include <memory>

namespace quire::cli {
namespace {

QUIRE_CLI_COMMAND("schema", 26, [](CLI::App& app, const GlobalOptions&) {
    struct Args {
        bool print = false;
        bool list = false;
        std::string name = "workbook";
    };
    auto args = std::make_shared<Args>();
    auto* sub = app.add_subcommand("schema", "Print the JSON Schema of workbooks (or of quire.yaml, quire.personas.yaml)");
    sub->add_flag("--print", args->print, "Print the schema on stdout");
    sub->add_flag("--list", args->list, "List the schemas this binary carries");
    sub->add_option("NAME", args->name, "workbook (default), quire-project or quire-personas");
    sub->callback([args] {
        const auto& schemas = validate::embeddedSchemas();
        if (args->list) {
            for (const auto& [file, text] : schemas) std::cout << file.substr(0, file.find(".schema.json")) << "\t" << file << "\n";
            return;
        }
        if (!args->print) {
            std::cerr << "quire schema: say --print (the schema on stdout) or --list\n";
            throw ExitCode{2};
        }
        const auto it = schemas.find(args->name + ".schema.json");
        if (it == schemas.end()) {
            std::cerr << "quire: error: no schema named '" << args->name << "' (quire schema --list)\n";
            throw ExitCode{2};
        }
        std::cout << it->second;
        if (!it->second.empty() && it->second.back() != '\n') std::cout << "\n";
    });
});

} // namespace
} // namespace quire::cli
