#include <quire/publish/api_error.h>

#include <regex>

namespace quire::publish {
namespace {

std::string hintFor(int status) {
    switch (status) {
    case 401: return "the client credentials or the token were rejected; check sigma/<profile>/client-id and client-secret";
    case 403: return "permission denied (the API client's account type, folder access) or blocked by the firewall";
    case 404: return "not found: a wrong id, or the API host of another region (--region)";
    case 409:
    case 412: return "the workbook changed on the server since it was pulled";
    case 429: return "rate limited by Sigma; retried until the attempts ran out";
    default: return status >= 500 ? "Sigma server error; retried until the attempts ran out" : "";
    }
}

std::string shorten(std::string text, std::size_t max) {
    if (text.size() > max) text = text.substr(0, max) + "...";
    return text;
}

} // namespace

std::string ApiError::describe() const {
    std::string text;
    if (!method.empty()) text = method + " " + path + ": ";
    switch (kind) {
    case Kind::None: return text + "ok";
    case Kind::Timeout: text += "timed out"; break;
    case Kind::Network: text += "network error"; break;
    case Kind::Credentials: text += "credentials"; break;
    case Kind::Malformed: text += "malformed reply"; break;
    case Kind::Http: text += "HTTP " + std::to_string(status); break;
    }
    if (!message.empty()) text += ": " + message;
    if (!elementId.empty() || location.line > 0) {
        text += " (";
        if (!elementId.empty()) text += "element '" + elementId + "'";
        if (location.line > 0) {
            if (!elementId.empty()) text += ", ";
            text += (location.file.empty() ? std::string("line ") : location.file + ":") + std::to_string(location.line) +
                    ":" + std::to_string(location.column);
        }
        text += ")";
    }
    if (!code.empty()) text += " [code " + code + "]";
    if (!requestId.empty()) text += " [request id " + requestId + "]";
    if (attempts > 1) text += " after " + std::to_string(attempts) + " attempts";
    if (kind == Kind::Http) {
        const std::string hint = hintFor(status);
        if (!hint.empty()) text += " - " + hint;
    }
    return text;
}

Diagnostic ApiError::toDiagnostic() const {
    Diagnostic d;
    d.severity = Severity::Error;
    d.rule = "publish/api";
    d.message = describe();
    d.pointer = pointer;
    d.location = location;
    return d;
}

std::string errorTextFromBody(const std::string& body) {
    const Json parsed = Json::parse(body, nullptr, false);
    if (parsed.is_object()) {
        for (const char* key : {"message", "summary", "detail"})
            if (auto it = parsed.find(key); it != parsed.end() && it->is_string()) return it->get<std::string>();
        if (auto it = parsed.find("error"); it != parsed.end()) {
            if (it->is_string()) return it->get<std::string>();
            if (it->is_object() && it->contains("message") && (*it)["message"].is_string())
                return (*it)["message"].get<std::string>();
        }
        if (auto it = parsed.find("errors"); it != parsed.end() && it->is_array()) {
            std::string joined;
            for (const Json& e : *it) {
                std::string one;
                if (e.is_string()) one = e.get<std::string>();
                else if (e.is_object())
                    for (const char* key : {"summary", "message"})
                        if (e.contains(key) && e[key].is_string()) { one = e[key].get<std::string>(); break; }
                if (!one.empty()) joined += (joined.empty() ? "" : "; ") + one;
            }
            if (!joined.empty()) return joined;
        }
    }
    if (parsed.is_string()) return parsed.get<std::string>();
    return shorten(body, 500);
}

std::optional<std::string> bodyPointerInMessage(const std::string& message) {
    static const std::regex path(R"((?:^|[^A-Za-z0-9_])(?:contents|document)((?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])+))");
    std::smatch match;
    if (!std::regex_search(message, match, path)) return std::nullopt;
    const std::string steps = match[1].str();
    std::string pointer;
    static const std::regex step(R"(\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\])");
    for (auto it = std::sregex_iterator(steps.begin(), steps.end(), step); it != std::sregex_iterator(); ++it)
        pointer += "/" + ((*it)[1].matched ? (*it)[1].str() : (*it)[2].str());
    return pointer;
}

void locate(ApiError& error, const doc::Document& document) {
    const Json* contents = document.contents();
    const std::string prefix = document.contentsPointer().empty() ? "/contents" : document.contentsPointer();
    const Json* elements = contents && contents->is_object() && contents->contains("elements") ? &(*contents)["elements"] : nullptr;
    if (auto relative = bodyPointerInMessage(error.message)) {
        error.pointer = prefix + *relative;
        static const std::regex elementIndex(R"(^/elements/(\d+))");
        std::smatch match;
        if (std::regex_search(*relative, match, elementIndex) && elements && elements->is_array()) {
            const std::size_t index = std::stoul(match[1].str());
            if (index < elements->size() && (*elements)[index].is_object() && (*elements)[index].contains("id") &&
                (*elements)[index]["id"].is_string())
                error.elementId = (*elements)[index]["id"].get<std::string>();
        }
    } else if (elements && elements->is_array()) {
        // "element 'rev' is not placed in layout", "Duplicate layout element id 'rev'"
        static const std::regex quotedElement(R"([Ee]lement(?: id)? '([^']+)')");
        std::smatch match;
        if (std::regex_search(error.message, match, quotedElement)) {
            for (std::size_t i = 0; i < elements->size(); ++i) {
                const Json& e = (*elements)[i];
                if (e.is_object() && e.contains("id") && e["id"] == match[1].str()) {
                    error.elementId = match[1].str();
                    error.pointer = prefix + "/elements/" + std::to_string(i);
                    break;
                }
            }
        }
    }
    if (!error.pointer.empty()) error.location = document.locate(error.pointer);
    else error.location.file = document.path;
}

} // namespace quire::publish
