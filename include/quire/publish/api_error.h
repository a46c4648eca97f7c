#pragma once
// A failed Sigma API call, with the API's own error text and, when the text names a place in the body
// (`contents.elements[3].columns[0].formula: ...`), the element id and the local file position.
#include <quire/core/diagnostic.h>
#include <quire/doc/document.h>

#include <optional>
#include <string>

namespace quire::publish {

struct ApiError {
    enum class Kind { None, Network, Timeout, Http, Malformed, Credentials };
    Kind kind = Kind::None;
    int status = 0;            // HTTP status (0 when no response arrived)
    std::string code;          // the API's error code, when it sent one
    std::string message;       // the API's error text (or the transport's)
    std::string requestId;     // the API's request id, when it sent one
    std::string method;        // "PUT"
    std::string path;          // "/v2/workbooks/abc/contents"
    int attempts = 0;          // requests sent for this call (retries included)
    std::optional<long long> retryAfterSeconds; // a 429/503 asked for a longer wait than the client allows
    // Filled by locate(): JSON pointer into the local document, element id, file:line:col.
    std::string pointer;
    std::string elementId;
    SourceLocation location;

    explicit operator bool() const { return kind != Kind::None; }
    // "PUT /v2/workbooks/abc/contents: HTTP 400: contents.elements[2].kind: Invalid kind (element 'rev',
    //  wb.yaml:40:7) [request id r-1]" plus a hint for 401/403/404/429. A message longer than 2,000
    //  characters is cut there (with the count of the rest).
    std::string describe() const;
    Diagnostic toDiagnostic() const; // rule "publish/api"
};

// Error text of an API reply body: `message`, `error` (string or {message}), `errors[].summary`/`message`,
// `detail`; the raw text (shortened) when none of these exist. The body is read with the document reader's
// limits (a hostile body is shown as text, never parsed without bounds).
std::string errorTextFromBody(const std::string& body);
// The same for a body already parsed (null when it was not JSON); `body` is the raw text.
std::string errorTextFromJson(const Json& parsed, const std::string& body);

// Fills pointer/elementId/location when the message names `contents.<path>` (or `document.<path>`):
// `contents.elements[N]...` is mapped to the id of the N-th element of `document` and to the position of
// the named value in its source file. Linear in the message's length; a path whose index does not fit
// (`elements[99999999999999999999]`) names no place: the message is kept, no location is set.
void locate(ApiError& error, const doc::Document& document);

// "contents.elements[2].columns[0].formula" -> "/elements/2/columns/0/formula" (relative to the body);
// nullopt when the text names no body path.
std::optional<std::string> bodyPointerInMessage(const std::string& message);

} // namespace quire::publish
