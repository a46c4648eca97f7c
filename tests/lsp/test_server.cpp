// The server's dispatch without a process: the initialize handshake, document sync with diagnostics, JSON-RPC
// errors for every malformed or unexpected message, and the exit code rule.
#include "lsp_fixture.h"

#include <quire/lsp/server.h>

#include <catch2/catch.hpp>

#include <sstream>

using namespace quire::lsp;
using quire::Json;

namespace {

Json request(int id, const std::string& method, const Json& params = Json::object()) {
    return {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}};
}
Json notice(const std::string& method, const Json& params = Json::object()) {
    return {{"jsonrpc", "2.0"}, {"method", method}, {"params", params}};
}

Json only(const std::vector<Json>& replies) {
    REQUIRE(replies.size() == 1);
    return replies[0];
}

int errorCode(const std::vector<Json>& replies) {
    const Json reply = only(replies);
    REQUIRE(reply.contains("error"));
    return reply["error"]["code"].get<int>();
}

Json open(Server& server, const std::string& uri, const std::string& text) {
    return only(server.handle(notice("textDocument/didOpen", {{"textDocument", {{"uri", uri}, {"languageId", "yaml"}, {"version", 1}, {"text", text}}}}).dump()));
}

} // namespace

TEST_CASE("initialize announces the capabilities, requests before it are refused", "[lsp][server]") {
    Server server;
    CHECK(errorCode(server.handle(request(1, "textDocument/hover").dump())) == kServerNotInitialized);
    const Json reply = only(server.handle(request(2, "initialize", {{"capabilities", Json::object()}}).dump()));
    CHECK(reply["id"] == 2);
    const Json& caps = reply["result"]["capabilities"];
    CHECK(caps["textDocumentSync"]["change"] == 1);
    CHECK(caps["hoverProvider"] == true);
    CHECK(caps["definitionProvider"] == true);
    CHECK(caps["documentSymbolProvider"] == true);
    CHECK(caps["documentFormattingProvider"] == true);
    CHECK(caps["completionProvider"]["triggerCharacters"].size() == 2);
}

TEST_CASE("didOpen and didChange publish the validator's diagnostics, didClose clears them", "[lsp][server]") {
    Server server;
    server.handle(request(1, "initialize").dump());
    const std::string uri = "file:///tmp/sample%20one.yaml";
    const Json published = open(server, uri, quire::test::lsp::sampleText());
    CHECK(published["method"] == "textDocument/publishDiagnostics");
    CHECK(published["params"]["uri"] == uri);
    bool unknownFunction = false;
    for (const auto& d : published["params"]["diagnostics"])
        if (d["code"] == "formula/unknown-function") unknownFunction = true;
    CHECK(unknownFunction);

    const Json broken = only(server.handle(
        notice("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 2}}}, {"contentChanges", {{{"text", "name: [unclosed\n"}}}}}).dump()));
    REQUIRE(broken["params"]["diagnostics"].size() >= 1);
    CHECK(broken["params"]["diagnostics"][0]["code"].get<std::string>().rfind("yaml/", 0) == 0);
    // While the text does not parse, completion still names what the last good version had.
    const Json completion = only(server.handle(request(3, "textDocument/completion", {{"textDocument", {{"uri", uri}}}, {"position", {{"line", 0}, {"character", 3}}}}).dump()));
    CHECK(completion["result"]["items"].is_array());

    const Json closed = only(server.handle(notice("textDocument/didClose", {{"textDocument", {{"uri", uri}}}}).dump()));
    CHECK(closed["params"]["diagnostics"].empty());
    CHECK(errorCode(server.handle(request(4, "textDocument/documentSymbol", {{"textDocument", {{"uri", uri}}}}).dump())) == kInvalidParams);
}

TEST_CASE("a ranged didChange is applied to the text too", "[lsp][server]") {
    Server server;
    server.handle(request(1, "initialize").dump());
    const std::string uri = "file:///tmp/ranged.yaml";
    const std::string text = quire::test::lsp::sampleText();
    auto codes = [](const Json& published) {
        std::vector<std::string> out;
        for (const auto& d : published["params"]["diagnostics"]) out.push_back(d["code"]);
        return out;
    };
    CHECK(codes(open(server, uri, text)) == std::vector<std::string>{"formula/unknown-function"});
    const auto at = quire::test::lsp::positionOf(text, "Summ(");
    const Json range = {{"start", {{"line", at.line}, {"character", at.character}}}, {"end", {{"line", at.line}, {"character", at.character + 4}}}};
    const Json fixed = only(server.handle(notice("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 2}}},
                                                                            {"contentChanges", {{{"range", range}, {"text", "Sum"}}}}}).dump()));
    CHECK(codes(fixed).empty());
}

TEST_CASE("hostile messages get JSON-RPC errors, never an exception", "[lsp][server][hostile]") {
    Server server;
    server.handle(request(1, "initialize").dump());
    CHECK(errorCode(server.handle("{not json")) == kParseError);
    CHECK(errorCode(server.handle("")) == kParseError);
    CHECK(errorCode(server.handle("[1,2]")) == kInvalidRequest);
    CHECK(errorCode(server.handle("42")) == kInvalidRequest);
    CHECK(errorCode(server.handle(R"({"jsonrpc":"2.0","id":5,"method":7})")) == kInvalidRequest);
    CHECK(errorCode(server.handle(request(6, "workspace/frobnicate").dump())) == kMethodNotFound);
    CHECK(server.handle(notice("workspace/frobnicate").dump()).empty()); // unknown notifications are ignored
    CHECK(errorCode(server.handle(request(7, "textDocument/hover", {{"textDocument", 3}}).dump())) == kInvalidParams);
    CHECK(errorCode(server.handle(request(8, "textDocument/hover", Json::array()).dump())) == kInvalidParams);
    CHECK(errorCode(server.handle(request(9, "textDocument/completion",
                                          {{"textDocument", {{"uri", "file:///nowhere.yaml"}}}, {"position", {{"line", "x"}}}}).dump())) == kInvalidParams);
    // Nesting is refused before parsing.
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    CHECK(errorCode(server.handle(deep)) == kInvalidRequest);
    const std::string deepParams = R"({"jsonrpc":"2.0","id":10,"method":"initialize","params":)" + std::string(70, '[') + std::string(70, ']') + "}";
    CHECK(errorCode(server.handle(deepParams)) == kInvalidRequest);
    // Positions far outside the text are clamped.
    const std::string uri = "file:///tmp/x.yaml";
    open(server, uri, quire::test::lsp::sampleText());
    const Json far = only(server.handle(request(11, "textDocument/hover",
                                                {{"textDocument", {{"uri", uri}}}, {"position", {{"line", 1 << 30}, {"character", -5}}}}).dump()));
    CHECK(far["result"].is_null());
    // A deeply nested document publishes a diagnostic.
    // Invalid UTF-8 cannot reach a document: the message itself is not valid JSON text.
    CHECK(errorCode(server.handle("{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"initialize\",\"params\":{\"x\":\"\xff\xfe\"}}")) == kParseError);
    const Json nested = open(server, "file:///tmp/deep.yaml", std::string(5000, '[') + std::string(5000, ']'));
    CHECK_FALSE(nested["params"]["diagnostics"].empty());
}

TEST_CASE("a document over the size limit is not analysed: one warning says so", "[lsp][server][hostile]") {
    ServerOptions options;
    options.maxDocumentBytes = 100;
    Server server(options);
    server.handle(request(1, "initialize").dump());
    const Json published = open(server, "file:///tmp/big.yaml", quire::test::lsp::sampleText());
    REQUIRE(published["params"]["diagnostics"].size() == 1);
    CHECK(published["params"]["diagnostics"][0]["code"] == "io/too-large");
    CHECK(published["params"]["diagnostics"][0]["severity"] == 2);
    const Json symbols = only(server.handle(request(2, "textDocument/documentSymbol", {{"textDocument", {{"uri", "file:///tmp/big.yaml"}}}}).dump()));
    CHECK(symbols["result"] == Json::array());
}

TEST_CASE("shutdown then exit ends with 0, exit alone with 1, requests after shutdown are refused", "[lsp][server]") {
    Server clean;
    clean.handle(request(1, "initialize").dump());
    CHECK(only(clean.handle(request(2, "shutdown").dump()))["result"].is_null());
    CHECK(errorCode(clean.handle(request(3, "textDocument/hover").dump())) == kInvalidRequest);
    clean.handle(notice("exit").dump());
    CHECK(clean.exitRequested());
    CHECK(clean.exitCode() == 0);

    Server abrupt;
    abrupt.handle(request(1, "initialize").dump());
    abrupt.handle(notice("exit").dump());
    CHECK(abrupt.exitCode() == 1);
}

TEST_CASE("serve answers frame errors and goes on to the next frame", "[lsp][server][hostile]") {
    auto frame = [](const std::string& body) { return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body; };
    ServerOptions options;
    options.frames.maxContentBytes = 4096;
    std::istringstream in("Content-Length: nope\r\n\r\n" + frame("{oops") + "Content-Length: 5000\r\n\r\n" + std::string(5000, 'x') +
                          frame(request(1, "initialize").dump()) + frame(request(2, "shutdown").dump()) + frame(notice("exit").dump()));
    std::ostringstream out;
    CHECK(serve(in, out, options) == 0);
    const std::string written = out.str();
    CHECK(written.find("\"code\":-32700") != std::string::npos);
    CHECK(written.find("\"code\":-32600") != std::string::npos);
    CHECK(written.find("\"capabilities\"") != std::string::npos);

    std::istringstream ended(frame(request(1, "initialize").dump()));
    std::ostringstream ignored;
    CHECK(serve(ended, ignored) == 1); // the input ended without exit
}
