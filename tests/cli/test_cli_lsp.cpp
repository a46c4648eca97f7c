// `quire lsp` end to end: a scripted editor session against the real binary over pipes (initialize, didOpen
// of a workbook with an error, publishDiagnostics, completion, hover, definition, documentSymbol, formatting,
// shutdown/exit), and a session of hostile frames that must get JSON-RPC errors, not a crash.
#include "cli_run.h"
#include "lsp_client.h"

#include <catch2/catch.hpp>
#include <test_support.h>

#include <fstream>

using namespace quire::test::cli;
using nlohmann::json;

namespace {

std::string sample() { return quire::test::readFile(quire::test::sourceDir() + "/tests/lsp/data/sample.yaml"); }

// LSP position (line, UTF-16 character; the sample is ASCII) of byte `shift` into the first `needle`.
json positionOf(const std::string& text, const std::string& needle, std::size_t shift = 0) {
    const std::size_t at = text.find(needle);
    REQUIRE(at != std::string::npos);
    const std::size_t offset = at + shift;
    const std::size_t lineStart = text.rfind('\n', offset == 0 ? 0 : offset - 1);
    const int line = static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
    const int character = static_cast<int>(lineStart == std::string::npos ? offset : offset - lineStart - 1);
    return {{"line", line}, {"character", character}};
}

json at(const std::string& uri, const json& position) { return {{"textDocument", {{"uri", uri}}}, {"position", position}}; }

} // namespace

TEST_CASE("quire lsp: a scripted editor session", "[cli][lsp]") {
    const std::string text = sample();
    const std::string dir = quire::test::makeTempDir("cli-lsp-session");
    const std::string uri = "file://" + dir + "/sample.yaml";
    LspClient client;

    const json init = client.request("initialize", {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", json::object()}});
    REQUIRE(init.contains("result"));
    CHECK(init["result"]["serverInfo"]["name"] == "quire");
    CHECK(init["result"]["capabilities"]["definitionProvider"] == true);
    client.notify("initialized", json::object());

    client.notify("textDocument/didOpen", {{"textDocument", {{"uri", uri}, {"languageId", "yaml"}, {"version", 1}, {"text", text}}}});
    const json published = client.nextNotification("textDocument/publishDiagnostics");
    CHECK(published["params"]["uri"] == uri);
    json unknownFunction;
    for (const auto& d : published["params"]["diagnostics"])
        if (d["code"] == "formula/unknown-function") unknownFunction = d;
    REQUIRE(unknownFunction.is_object());
    CHECK(unknownFunction["severity"] == 1);
    CHECK(unknownFunction["source"] == "quire");
    CHECK(unknownFunction["range"]["start"] == positionOf(text, "Summ("));
    CHECK(unknownFunction["range"]["end"] == positionOf(text, "Summ(", 4));

    const json completion = client.request("textDocument/completion", at(uri, positionOf(text, "Summ(", 2)));
    bool sum = false;
    for (const auto& item : completion["result"]["items"])
        if (item["label"] == "Sum") sum = item["detail"].get<std::string>().rfind("Sum(", 0) == 0;
    CHECK(sum);
    const json references = client.request("textDocument/completion", at(uri, positionOf(text, "[Events/Channel]", 1)));
    bool revenue = false;
    for (const auto& item : references["result"]["items"])
        if (item["label"] == "Events/Revenue") revenue = true;
    CHECK(revenue);

    const json hover = client.request("textDocument/hover", at(uri, positionOf(text, "[Events/Revenue]", 3)));
    REQUIRE(hover["result"].is_object());
    CHECK(hover["result"]["contents"]["value"].get<std::string>().find("ev-revenue") != std::string::npos);

    const json definition = client.request("textDocument/definition", at(uri, positionOf(text, "elementId: events", 12)));
    REQUIRE(definition["result"].is_object());
    CHECK(definition["result"]["uri"] == uri);
    CHECK(definition["result"]["range"]["start"] == positionOf(text, "id: events", 4));

    const json symbols = client.request("textDocument/documentSymbol", {{"textDocument", {{"uri", uri}}}});
    REQUIRE(symbols["result"].size() == 2);
    CHECK(symbols["result"][1]["name"] == "Overview");
    CHECK(symbols["result"][1]["children"][1]["name"] == "Revenue by channel");

    const json canonical = client.request("textDocument/formatting", {{"textDocument", {{"uri", uri}}}, {"options", {{"tabSize", 2}, {"insertSpaces", true}}}});
    CHECK(canonical["result"] == json::array());
    std::string messy = text;
    messy.replace(messy.find("kind: bar-chart"), 15, "kind:   bar-chart");
    client.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 2}}}, {"contentChanges", {{{"text", messy}}}}});
    const json edits = client.request("textDocument/formatting", {{"textDocument", {{"uri", uri}}}, {"options", {{"tabSize", 2}, {"insertSpaces", true}}}});
    REQUIRE(edits["result"].size() == 1);
    CHECK(edits["result"][0]["newText"] == "      kind: bar-chart\n");
    CHECK(edits["result"][0]["range"]["start"]["line"] == positionOf(messy, "kind:   bar-chart")["line"]);

    const json shutdown = client.request("shutdown", nullptr);
    CHECK(shutdown.contains("result"));
    CHECK(shutdown["result"].is_null());
    client.notify("exit", nullptr);
    CHECK(client.wait() == 0);
}

TEST_CASE("quire lsp: hostile frames get JSON-RPC errors and the server goes on", "[cli][lsp][hostile]") {
    LspClient client;
    auto errorOf = [&](const std::string& raw) {
        client.sendRaw(raw);
        auto reply = client.next();
        REQUIRE(reply.has_value());
        REQUIRE(reply->contains("error"));
        return (*reply)["error"]["code"].get<int>();
    };
    CHECK(errorOf("Content-Type: text/plain\r\n\r\n") == -32700);                       // no Content-Length
    CHECK(errorOf("Content-Length: 99999999999999999999999\r\n\r\n") == -32700);        // does not fit
    CHECK(errorOf("Content-Length: 7\r\n\r\n{oops!}") == -32700);                        // not JSON
    CHECK(errorOf("Content-Length: 5\r\n\r\n[1,2]") == -32600);                          // a batch
    const std::string deep = std::string(5000, '[') + std::string(5000, ']');
    CHECK(errorOf("Content-Length: " + std::to_string(deep.size()) + "\r\n\r\n" + deep) == -32600);
    const std::string early = R"({"jsonrpc":"2.0","id":1,"method":"textDocument/hover"})"; // before initialize
    CHECK(errorOf("Content-Length: " + std::to_string(early.size()) + "\r\n\r\n" + early) == -32002);

    const json init = client.request("initialize", {{"capabilities", json::object()}});
    CHECK(init.contains("result"));
    const json unknown = client.request("workspace/frobnicate", json::object());
    CHECK(unknown["error"]["code"] == -32601);
    const json badParams = client.request("textDocument/hover", {{"textDocument", 42}});
    CHECK(badParams["error"]["code"] == -32602);
    // A document that is one huge nesting still publishes a diagnostic.
    const std::string nested = std::string(100000, '[') + std::string(100000, ']');
    client.notify("textDocument/didOpen", {{"textDocument", {{"uri", "file:///tmp/deep.json"}, {"languageId", "json"}, {"version", 1}, {"text", nested}}}});
    CHECK_FALSE(client.nextNotification("textDocument/publishDiagnostics")["params"]["diagnostics"].empty());

    // An announced body far above the limit: refused at once, without waiting for (or storing) the bytes.
    CHECK(errorOf("Content-Length: 100000000000\r\n\r\n") == -32600);
    client.closeInput(); // the input ends inside the announced body: the server stops, exit without shutdown
    CHECK(client.wait() == 1);
}

TEST_CASE("quire schema --print prints the workbook JSON Schema of schemas/", "[cli][schema]") {
    Sandbox sandbox("cli-schema");
    const Run run = sandbox.run("schema --print");
    REQUIRE(run.exitCode == 0);
    const json printed = json::parse(run.out);
    const json published = json::parse(quire::test::readFile(quire::test::sourceDir() + "/schemas/workbook.schema.json"));
    CHECK(printed == published);
    const Run project = sandbox.run("schema --print quire-project");
    REQUIRE(project.exitCode == 0);
    CHECK(json::parse(project.out) == json::parse(quire::test::readFile(quire::test::sourceDir() + "/schemas/quire-project.schema.json")));
    CHECK(sandbox.run("schema --print nope").exitCode == 2);
    const Run list = sandbox.run("schema --list");
    CHECK(list.out.find("workbook\tworkbook.schema.json") != std::string::npos);
}

TEST_CASE("quire fmt --schema-modeline adds only the modeline, once, and fmt keeps it", "[cli][schema]") {
    Sandbox sandbox("cli-schema-modeline");
    const std::string file = sandbox.dir + "/w.yaml";
    const std::string original = sample();
    {
        std::ofstream out(file, std::ios::binary);
        out << original;
    }
    const Run first = sandbox.run("fmt --schema-modeline --schema-url ./workbook.schema.json " + shellQuote(file));
    REQUIRE(first.exitCode == 0);
    CHECK(first.out.find("added schema modeline") != std::string::npos);
    const std::string modeline = "# yaml-language-server: $schema=./workbook.schema.json\n";
    CHECK(quire::test::readFile(file) == modeline + original);

    const Run again = sandbox.run("fmt --schema-modeline --schema-url ./workbook.schema.json " + shellQuote(file));
    CHECK(again.exitCode == 0);
    CHECK(again.out.empty());
    CHECK(quire::test::readFile(file) == modeline + original);

    // Canonical formatting leaves it (and the canonical rest) alone; the validator reads the file as before.
    const Run fmt = sandbox.run("fmt --check " + shellQuote(file));
    CHECK(fmt.exitCode == 0);
    CHECK(sandbox.run("fmt " + shellQuote(file)).exitCode == 0);
    CHECK(quire::test::readFile(file) == modeline + original);

    // The default names the installed schema; a JSON workbook is left as it is.
    const std::string other = sandbox.dir + "/v.yaml";
    {
        std::ofstream out(other, std::ios::binary);
        out << original;
    }
    REQUIRE(sandbox.run("fmt --schema-modeline " + shellQuote(other)).exitCode == 0);
    CHECK(quire::test::readFile(other).rfind("# yaml-language-server: $schema=/", 0) == 0);
    CHECK(quire::test::readFile(other).find("/share/quire/schemas/workbook.schema.json\n") != std::string::npos);
    const std::string jsonFile = sandbox.dir + "/w.json";
    {
        std::ofstream out(jsonFile, std::ios::binary);
        out << "{\"name\": \"x\"}\n";
    }
    CHECK(sandbox.run("fmt --schema-modeline " + shellQuote(jsonFile)).exitCode == 0);
    CHECK(quire::test::readFile(jsonFile) == "{\"name\": \"x\"}\n");
}
