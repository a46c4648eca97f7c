#include "json_brackets.h"

#include <quire/lsp/server.h>

#include <algorithm>

#include <quire/core/rules.h>
#include <quire/doc/io.h>
#include <quire/lsp/features.h>
#include <quire/validate/validator.h>

namespace quire::lsp {
namespace {

// A request that is answered with an error response (thrown by the handlers, caught in dispatch).
struct RequestError {
    int code;
    std::string message;
};

Json errorResponse(const Json& id, int code, const std::string& message) {
    return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

// Deepest nesting of a JSON text (the scan stops once past `limit`), strings skipped: measured before parsing,
// so a hostile message cannot make any later walk deep.
int nestingDepth(std::string_view text, int limit) {
    int deepest = 0;
    scanJsonBrackets(text, 0, [&](std::size_t, int depth) {
        deepest = std::max(deepest, depth);
        return depth > limit;
    });
    return deepest;
}

const Json& member(const Json& object, const char* key) {
    if (!object.is_object()) throw RequestError{kInvalidParams, std::string("params must be an object with '") + key + "'"};
    const auto it = object.find(key);
    if (it == object.end()) throw RequestError{kInvalidParams, std::string("missing '") + key + "'"};
    return *it;
}

const std::string& stringMember(const Json& object, const char* key) {
    const Json& value = member(object, key);
    if (!value.is_string()) throw RequestError{kInvalidParams, std::string("'") + key + "' must be a string"};
    return value.get_ref<const std::string&>();
}

Position positionParam(const Json& params) {
    const Json& p = member(params, "position");
    const Json& line = member(p, "line");
    const Json& character = member(p, "character");
    if (!line.is_number_integer() || !character.is_number_integer())
        throw RequestError{kInvalidParams, "position.line and position.character must be integers"};
    return {static_cast<int>(std::clamp<long long>(line.get<long long>(), 0, 1 << 30)),
            static_cast<int>(std::clamp<long long>(character.get<long long>(), 0, 1 << 30))};
}

Json initializeResult(const ServerOptions& options) {
    return {{"capabilities",
             {{"textDocumentSync", {{"openClose", true}, {"change", 1}}},
              {"completionProvider", {{"triggerCharacters", {"[", "/"}}, {"resolveProvider", false}}},
              {"hoverProvider", true},
              {"definitionProvider", true},
              {"documentSymbolProvider", true},
              {"documentFormattingProvider", true}}},
            {"serverInfo", {{"name", "quire"}, {"version", options.version}}}};
}

} // namespace

Json Server::frameError(const Frame& frame) {
    const int code = frame.status == Frame::Status::TooLarge ? kInvalidRequest : kParseError;
    return errorResponse(nullptr, code, frame.error);
}

std::vector<Json> Server::handle(std::string_view body) {
    if (nestingDepth(body, options_.maxJsonDepth) > options_.maxJsonDepth)
        return {errorResponse(nullptr, kInvalidRequest, "message nests deeper than " + std::to_string(options_.maxJsonDepth) + " levels")};
    Json message = Json::parse(body, nullptr, false);
    if (message.is_discarded()) return {errorResponse(nullptr, kParseError, "the message is not valid JSON")};
    if (message.is_array()) return {errorResponse(nullptr, kInvalidRequest, "batches are not supported")};
    return dispatch(message);
}

std::vector<Json> Server::dispatch(const Json& message) {
    Json id = nullptr;
    if (message.is_object())
        if (auto it = message.find("id"); it != message.end() && (it->is_string() || it->is_number_integer())) id = *it;
    const bool isRequest = message.is_object() && message.contains("id");
    if (!message.is_object() || !message.contains("method") || !message["method"].is_string()) {
        // A response to something we sent (we send no requests) is ignored; anything else is invalid.
        if (message.is_object() && (message.contains("result") || message.contains("error"))) return {};
        return {errorResponse(id, kInvalidRequest, "not a JSON-RPC request or notification")};
    }
    const std::string& method = message["method"].get_ref<const std::string&>();
    const Json params = message.contains("params") ? message["params"] : Json::object();
    try {
        if (!isRequest) return notification(method, params);
        if (shutdown_) throw RequestError{kInvalidRequest, "the server is shutting down"};
        if (!initialized_ && method != "initialize") throw RequestError{kServerNotInitialized, "initialize first"};
        return {{{"jsonrpc", "2.0"}, {"id", id}, {"result", request(method, params)}}};
    } catch (const RequestError& e) {
        if (!isRequest) return {};
        return {errorResponse(id, e.code, e.message)};
    } catch (const Json::exception& e) {
        if (!isRequest) return {};
        return {errorResponse(id, kInvalidParams, e.what())};
    } catch (const std::exception& e) {
        if (!isRequest) return {};
        return {errorResponse(id, kInternalError, e.what())};
    }
}

const Server::OpenDocument& Server::openDocument(const Json& params) const {
    const std::string& uri = stringMember(member(params, "textDocument"), "uri");
    const auto it = documents_.find(uri);
    if (it == documents_.end()) throw RequestError{kInvalidParams, "document not open: " + uri};
    return it->second;
}

Json Server::request(const std::string& method, const Json& params) {
    if (method == "initialize") {
        initialized_ = true;
        return initializeResult(options_);
    }
    if (method == "shutdown") {
        shutdown_ = true;
        return nullptr;
    }
    if (method == "textDocument/completion" || method == "textDocument/hover" || method == "textDocument/definition") {
        const OpenDocument& document = openDocument(params);
        const Position position = positionParam(params);
        const LineIndex lines(*document.text);
        // A stale index (the text does not parse right now) still names elements and columns, but its
        // positions are of an older text: completion only.
        const WorkbookIndex* current = document.indexCurrent ? document.index.get() : nullptr;
        if (method == "textDocument/completion") return completion(document.index.get(), lines, position);
        if (method == "textDocument/hover") return hover(current, lines, position);
        if (!current) return nullptr;
        return definition(*current, lines, position, stringMember(params["textDocument"], "uri"));
    }
    if (method == "textDocument/documentSymbol") {
        const OpenDocument& document = openDocument(params);
        if (!document.indexCurrent) return Json::array();
        return documentSymbols(*document.index);
    }
    if (method == "textDocument/formatting") {
        const OpenDocument& document = openDocument(params);
        std::string error;
        auto edits = formattingEdits(*document.text, document.format, document.path, &error);
        if (!edits) throw RequestError{kRequestFailed, "cannot format: " + error};
        return *edits;
    }
    throw RequestError{kMethodNotFound, "unknown method " + method};
}

std::vector<Json> Server::notification(const std::string& method, const Json& params) {
    if (method == "exit") {
        exit_ = true;
        return {};
    }
    if (!initialized_ || shutdown_) return {};
    if (method == "textDocument/didOpen") {
        const Json& item = member(params, "textDocument");
        const std::string& uri = stringMember(item, "uri");
        OpenDocument& document = documents_[uri];
        document.path = pathFromUri(uri);
        const std::string& text = stringMember(item, "text");
        const auto language = item.find("languageId");
        document.format = language != item.end() && *language == "json" ? doc::Format::Json : doc::detectFormat(document.path, text);
        return {update(uri, text)};
    }
    if (method == "textDocument/didChange") {
        const std::string& uri = stringMember(member(params, "textDocument"), "uri");
        const auto it = documents_.find(uri);
        if (it == documents_.end()) return {};
        const Json& changes = member(params, "contentChanges");
        if (!changes.is_array()) return {};
        std::string text = *it->second.text;
        for (const auto& change : changes) {
            const std::string& replacement = stringMember(change, "text");
            if (change.contains("range")) { // incremental, though we ask for full sync: apply it anyway
                const LineIndex lines(text);
                const Json& range = change["range"];
                const std::size_t from = lines.offset(positionParam({{"position", range.at("start")}}));
                const std::size_t to = std::max(from, lines.offset(positionParam({{"position", range.at("end")}})));
                text = text.substr(0, from) + replacement + text.substr(to);
            } else {
                text = replacement;
            }
        }
        return {update(uri, std::move(text))};
    }
    if (method == "textDocument/didClose") {
        const std::string& uri = stringMember(member(params, "textDocument"), "uri");
        documents_.erase(uri);
        return {{{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"},
                 {"params", {{"uri", uri}, {"diagnostics", Json::array()}}}}};
    }
    return {}; // initialized, $/cancelRequest, $/setTrace, workspace/didChangeConfiguration ...
}

Json Server::update(const std::string& uri, std::string text) {
    OpenDocument& document = documents_[uri];
    document.text = std::make_shared<const std::string>(std::move(text));
    document.indexCurrent = false;
    const LineIndex lines(*document.text);
    std::vector<Diagnostic> diagnostics;
    if (document.text->size() > options_.maxDocumentBytes) {
        Diagnostic tooLarge = makeDiagnostic("io/too-large",
                                             "the document is larger than " + std::to_string(options_.maxDocumentBytes) +
                                                 " bytes: the language server does not analyse it (run quire validate)",
                                             "", {document.path, 1, 1});
        tooLarge.severity = Severity::Warning;
        diagnostics.push_back(std::move(tooLarge));
    } else {
        doc::LoadResult loaded = doc::parseDocument(*document.text, document.format, document.path);
        diagnostics = std::move(loaded.diagnostics);
        if (loaded.document) {
            auto parsed = std::make_shared<const doc::Document>(std::move(*loaded.document));
            auto found = validate::validate(*parsed);
            diagnostics.insert(diagnostics.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
            document.index = std::make_shared<const WorkbookIndex>(parsed, document.text);
            document.indexCurrent = true;
        }
    }
    return {{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"},
            {"params", {{"uri", uri}, {"diagnostics", toLspDiagnostics(diagnostics, lines)}}}};
}

int serve(std::istream& in, std::ostream& out, const ServerOptions& options) {
    Server server(options);
    auto send = [&](const Json& message) {
        writeFrame(out, message.dump(-1, ' ', false, Json::error_handler_t::replace));
    };
    while (!server.exitRequested()) {
        const Frame frame = readFrame(in, options.frames);
        switch (frame.status) {
        case Frame::Status::EndOfStream:
            return 1;
        case Frame::Status::BadHeader:
            send(Server::frameError(frame));
            break;
        case Frame::Status::TooLarge:
            send(Server::frameError(frame));
            if (!discardBytes(in, frame.declaredLength)) return 1;
            break;
        case Frame::Status::Message:
            for (const auto& message : server.handle(frame.body)) send(message);
            break;
        }
    }
    return server.exitCode();
}

} // namespace quire::lsp
