// The language server on hostile input. The first byte picks the mode: even, the rest is a byte stream of
// frames served as `quire lsp` would (headers, sizes, JSON, dispatch); odd, the rest is a workbook opened in the
// server (YAML, or JSON when it starts with '{'), then completion, hover and definition at positions spread over
// the text, document symbols and formatting.
#include "fuzz_support.h"

#include <quire/lsp/server.h>

#include <sstream>

namespace {

quire::Json request(int id, const std::string& method, quire::Json params) {
    return {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}};
}

void send(quire::lsp::Server& server, const quire::Json& message) {
    // A document that is not UTF-8 cannot be sent as JSON text: the replacement character stands in.
    (void)server.handle(message.dump(-1, ' ', false, quire::Json::error_handler_t::replace));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace quire;
    if (size == 0) return 0;
    const std::string text(quire::fuzz::asText(data + 1, size - 1));
    lsp::ServerOptions options;
    options.frames.maxContentBytes = 1 << 20;
    if (data[0] % 2 == 0) {
        std::istringstream in(text);
        std::ostringstream out;
        (void)lsp::serve(in, out, options);
        return 0;
    }
    lsp::Server server(options);
    send(server, request(1, "initialize", Json::object()));
    const bool json = !text.empty() && text.front() == '{';
    const std::string uri = json ? "file:///fuzz/wb.json" : "file:///fuzz/wb.yaml";
    send(server, {{"jsonrpc", "2.0"},
                  {"method", "textDocument/didOpen"},
                  {"params", {{"textDocument", {{"uri", uri}, {"languageId", json ? "json" : "yaml"}, {"version", 1}, {"text", text}}}}}});
    const Json document = {{"uri", uri}};
    const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
    for (int i = 0; i < 16; ++i) {
        const int line = static_cast<int>((static_cast<long long>(i) * 7919) % lines);
        const int character = (i * 13) % 80;
        const Json at = {{"textDocument", document}, {"position", {{"line", line}, {"character", character}}}};
        send(server, request(10 + i, "textDocument/completion", at));
        send(server, request(30 + i, "textDocument/hover", at));
        send(server, request(50 + i, "textDocument/definition", at));
    }
    send(server, request(70, "textDocument/documentSymbol", {{"textDocument", document}}));
    send(server, request(71, "textDocument/formatting", {{"textDocument", document}, {"options", Json::object()}}));
    return 0;
}
