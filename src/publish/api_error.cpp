#include <quire/publish/api_error.h>
#include <quire/core/rules.h>

#include "limited_json.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string_view>

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

// Server messages can be of any length; the scanners below are linear (no std::regex, whose recursive
// matcher overflows the stack on long text).
bool isWordChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}
bool isDigit(char c) { return c >= '0' && c <= '9'; }

// A decimal index that fits std::size_t; nullopt for an empty or overflowing one.
std::optional<std::size_t> parseIndex(std::string_view digits) {
    std::size_t value = 0;
    if (digits.empty()) return std::nullopt;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
    return value;
}

// `.name` / `[N]` steps from `at`: "/name/N..."; "" when there is none. `overflow` is set when an index
// does not fit (the text names no place Quire can find then).
std::string stepsAt(std::string_view s, std::size_t at, bool& overflow) {
    std::string pointer;
    std::size_t i = at;
    while (i < s.size()) {
        if (s[i] == '.' && i + 1 < s.size() && (isWordChar(s[i + 1]) && !isDigit(s[i + 1]))) {
            std::size_t end = i + 1;
            while (end < s.size() && isWordChar(s[end])) ++end;
            pointer.append("/").append(s.substr(i + 1, end - i - 1));
            i = end;
        } else if (s[i] == '[' && i + 1 < s.size() && isDigit(s[i + 1])) {
            std::size_t end = i + 1;
            while (end < s.size() && isDigit(s[end])) ++end;
            if (end >= s.size() || s[end] != ']') break;
            const std::string_view digits = s.substr(i + 1, end - i - 1);
            if (!parseIndex(digits)) {
                overflow = true;
                return {};
            }
            pointer.append("/").append(digits);
            i = end + 1;
        } else {
            break;
        }
    }
    return pointer;
}

// The first `[Ee]lement 'name'` or `[Ee]lement id 'name'`.
std::optional<std::string> quotedElementName(std::string_view s) {
    static constexpr std::string_view word = "lement";
    for (std::size_t at = s.find(word); at != std::string_view::npos; at = s.find(word, at + 1)) {
        if (at == 0 || (s[at - 1] != 'E' && s[at - 1] != 'e')) continue;
        std::size_t open = at + word.size();
        if (s.substr(open, 5) == " id '") open += 3;
        if (s.substr(open, 2) != " '") continue;
        const std::size_t begin = open + 2;
        const std::size_t close = s.find('\'', begin);
        if (close == std::string_view::npos) return std::nullopt; // no later candidate can close either
        if (close > begin) return std::string(s.substr(begin, close - begin));
    }
    return std::nullopt;
}

constexpr std::size_t maxShownMessage = 2000;

// The longest prefix of `relative` ("/elements/3/kind") that names a value under `contents`: a message may
// name places the file does not have (or of any length), and the pointer shown must be one in the file.
std::string existingPrefix(const Json* contents, const std::string& relative) {
    std::string kept;
    const Json* at = contents;
    std::size_t i = 0;
    while (at && i < relative.size()) {
        const std::size_t end = std::min(relative.find('/', i + 1), relative.size());
        const std::string token = relative.substr(i + 1, end - i - 1);
        const Json* next = nullptr;
        if (at->is_object()) {
            auto it = at->find(token);
            if (it != at->end()) next = &*it;
        } else if (at->is_array()) {
            if (auto index = parseIndex(token); index && *index < at->size()) next = &(*at)[*index];
        }
        if (!next) break;
        kept.append(relative, i, end - i);
        at = next;
        i = end;
    }
    return kept;
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
    if (message.size() > maxShownMessage)
        text += ": " + message.substr(0, maxShownMessage) + "... (" + std::to_string(message.size() - maxShownMessage) +
                " more characters)";
    else if (!message.empty())
        text += ": " + message;
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
    if (retryAfterSeconds)
        text += " (the server asked to retry after " + std::to_string(*retryAfterSeconds) + " s, longer than Quire waits)";
    if (kind == Kind::Http) {
        const std::string hint = hintFor(status);
        if (!hint.empty()) text += " - " + hint;
    }
    return text;
}

Diagnostic ApiError::toDiagnostic() const {
    Diagnostic d;
    d.severity = Severity::Error;
    d.rule = RuleCode("publish/api");
    d.message = describe();
    d.pointer = pointer;
    d.location = location;
    return d;
}

std::string errorTextFromBody(const std::string& body) {
    detail::LimitedJson parsed = detail::parseLimitedValue(body);
    return errorTextFromJson(parsed.value ? *parsed.value : Json(), body);
}

std::string errorTextFromJson(const Json& parsed, const std::string& body) {
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
    const std::string_view s = message;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i > 0 && isWordChar(s[i - 1])) continue;
        std::size_t after = 0;
        if (s.compare(i, 8, "contents") == 0 || s.compare(i, 8, "document") == 0) after = i + 8;
        else continue;
        bool overflow = false;
        std::string pointer = stepsAt(s, after, overflow);
        if (overflow) return std::nullopt;
        if (!pointer.empty()) return pointer;
    }
    return std::nullopt;
}

void locate(ApiError& error, const doc::Document& document) {
    const Json* contents = document.contents();
    const std::string prefix = document.contentsPointer().empty() ? "/contents" : document.contentsPointer();
    const Json* elements = contents && contents->is_object() && contents->contains("elements") ? &(*contents)["elements"] : nullptr;
    if (auto relative = bodyPointerInMessage(error.message)) {
        error.pointer = prefix + existingPrefix(contents, *relative);
        static constexpr std::string_view elementsStep = "/elements/";
        const std::string_view rest = std::string_view(*relative).substr(std::min(relative->size(), elementsStep.size()));
        const auto index = relative->rfind(elementsStep, 0) == 0 ? parseIndex(rest.substr(0, rest.find('/'))) : std::nullopt;
        if (index && elements && elements->is_array()) {
            if (*index < elements->size() && (*elements)[*index].is_object() && (*elements)[*index].contains("id") &&
                (*elements)[*index]["id"].is_string())
                error.elementId = (*elements)[*index]["id"].get<std::string>();
        }
    } else if (elements && elements->is_array()) {
        // "element 'rev' is not placed in layout", "Duplicate layout element id 'rev'"
        if (auto name = quotedElementName(error.message)) {
            for (std::size_t i = 0; i < elements->size(); ++i) {
                const Json& e = (*elements)[i];
                if (e.is_object() && e.contains("id") && e["id"] == *name) {
                    error.elementId = *name;
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
