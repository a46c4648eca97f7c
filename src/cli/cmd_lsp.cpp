// quire lsp: the language server over stdio (Content-Length framed JSON-RPC), for editors (docs/editors.md).
// The protocol and the language features are quire_lsp's; this only connects it to stdin and stdout.
#include <quire/lsp/server.h>

#include "command_registry.h"

#include <iostream>

namespace quire::cli {
namespace {

QUIRE_CLI_COMMAND("lsp", 27, [](CLI::App& app, const GlobalOptions&) {
    auto* sub = app.add_subcommand("lsp", "Run the language server for editors on stdin/stdout (docs/editors.md)");
    sub->callback([] {
        std::ios::sync_with_stdio(false);
        lsp::ServerOptions options;
        options.version = QUIRE_VERSION;
        const int code = lsp::serve(std::cin, std::cout, options);
        if (code != 0) throw ExitCode{code};
    });
});

} // namespace
} // namespace quire::cli
