// Everything Quire decodes from a Sigma API server: reply bodies (through the limited JSON reader, as the
// client reads them), error texts and the body paths they name, workbook references, document versions.
#include "fuzz_support.h"

#include <quire/doc/io.h>
#include <quire/publish/api_error.h>
#include <quire/publish/body.h>
#include <quire/publish/regions.h>

#include "limited_json.h" // src/publish: how the client reads every reply body

namespace {

const quire::doc::Document& localDocument() {
    static const quire::doc::Document document = [] {
        auto loaded = quire::doc::parseDocument(
            "name: wb\ncontents:\n  pages:\n    - id: p\n      elements:\n        - id: e1\n          kind: table\n"
            "          columns:\n            - id: c\n              formula: '[A]'\n",
            quire::doc::Format::Yaml, "wb.yaml");
        return *loaded.document;
    }();
    return document;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace quire;
    const std::string text(fuzz::asText(data, size));
    const auto reply = publish::detail::parseLimitedObject(text);
    if (reply.value) {
        const Json pulled = publish::documentFromReply(*reply.value);
        (void)publish::documentVersionOf(*reply.value);
        (void)doc::toJsonText(pulled);
    }
    (void)publish::detail::parseLimitedValue(text);
    (void)publish::errorTextFromBody(text);
    (void)publish::bodyPointerInMessage(text);
    (void)publish::parseWorkbookRef(text);
    publish::ApiError error;
    error.kind = publish::ApiError::Kind::Http;
    error.status = 400;
    error.message = publish::errorTextFromBody(text);
    publish::locate(error, localDocument());
    (void)error.describe();
    return 0;
}
