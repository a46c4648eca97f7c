#pragma once
// The language server: JSON-RPC 2.0 requests and notifications in, responses and notifications out. It keeps
// the open documents (full text sync), validates each version (textDocument/publishDiagnostics) and answers
// completion, hover, definition, documentSymbol and formatting through lsp/features.h. Transport-free: serve()
// runs it over a framed byte stream (stdio for `quire lsp`).
#include <quire/core/json.h>
#include <quire/doc/document.h>
#include <quire/lsp/framing.h>
#include <quire/lsp/workbook_index.h>

#include <istream>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace quire::lsp {

// JSON-RPC and LSP error codes.
enum ErrorCode {
    kParseError = -32700,
    kInvalidRequest = -32600,
    kMethodNotFound = -32601,
    kInvalidParams = -32602,
    kInternalError = -32603,
    kServerNotInitialized = -32002,
    kRequestFailed = -32803,
};

struct ServerOptions {
    std::string version;                            // serverInfo.version
    FrameLimits frames;
    int maxJsonDepth = 64;                          // deeper message JSON is refused before it is parsed
    std::size_t maxDocumentBytes = 32 * 1024 * 1024; // a larger open document is not analysed (one warning)
};

class Server {
public:
    explicit Server(ServerOptions options = {}) : options_(options) {}

    // One message (the body of a frame): the messages to send back, in order.
    std::vector<Json> handle(std::string_view body);
    // The answer to a frame that could not be read (a bad header, an oversized body).
    static Json frameError(const Frame& frame);

    bool exitRequested() const { return exit_; }
    // 0 after shutdown then exit; 1 for exit without shutdown (the LSP specification's rule).
    int exitCode() const { return shutdown_ ? 0 : 1; }

private:
    struct OpenDocument {
        std::shared_ptr<const std::string> text;
        doc::Format format = doc::Format::Yaml;
        std::string path;
        // The index of the latest version that parsed: kept while the text is being edited into shape.
        std::shared_ptr<const WorkbookIndex> index;
        bool indexCurrent = false; // the index is of `text` (positions can be trusted)
    };

    std::vector<Json> dispatch(const Json& message);
    Json request(const std::string& method, const Json& params);
    std::vector<Json> notification(const std::string& method, const Json& params);
    Json update(const std::string& uri, std::string text); // -> publishDiagnostics
    const OpenDocument& openDocument(const Json& params) const;

    ServerOptions options_;
    std::map<std::string, OpenDocument> documents_;
    bool initialized_ = false;
    bool shutdown_ = false;
    bool exit_ = false;
};

// Reads frames from `in` until `exit` or the end of the input, writing every answer to `out`. Returns the
// process exit code (Server::exitCode; 1 when the input ends without exit).
int serve(std::istream& in, std::ostream& out, const ServerOptions& options = {});

} // namespace quire::lsp
