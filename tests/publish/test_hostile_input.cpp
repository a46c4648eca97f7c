// Hostile text from users and servers (issue #10): ids, URLs and error messages of any length, overflowing
// indexes, deep or malformed sidecars. Nothing may crash (std::regex's recursive matcher overflowed the stack
// on long input) and nothing may throw a bare library message.
#include <quire/doc/io.h>
#include <quire/publish/api_error.h>
#include <quire/publish/body.h>
#include <quire/publish/regions.h>
#include <quire/publish/sidecar.h>

#include <catch2/catch.hpp>

#include <string>

#include "test_support.h"

using namespace quire;
using namespace quire::publish;

namespace {

doc::Document minimalDocument() {
    auto loaded = doc::loadDocument(test::sourceDir() + "/tests/corpus/minimal.json");
    REQUIRE(loaded.ok());
    return *loaded.document;
}

} // namespace

TEST_CASE("workbook ids and URLs of any length are scanned linearly", "[publish][hostile]") {
    for (std::size_t length : {std::size_t(40000), std::size_t(1000000)}) {
        const std::string id(length, 'a');
        CHECK_FALSE(parseWorkbookRef(id)); // longer than any workbook id
        CHECK_FALSE(parseWorkbookRef(id + " "));
        const std::string slugUrl = "https://app.sigmacomputing.com/acme/workbook/" + std::string(length, 'S') + "-4kaP2YhJ3r5H";
        auto slug = parseWorkbookRef(slugUrl);
        REQUIRE(slug);
        CHECK(slug->urlId == "4kaP2YhJ3r5H");
        const std::string uuidUrl = "https://app.sigmacomputing.com/" + std::string(length, '0') + "/0b1f2c3d-0000-4000-8000-000000000001";
        auto uuid = parseWorkbookRef(uuidUrl);
        REQUIRE(uuid);
        CHECK(uuid->workbookId == "0b1f2c3d-0000-4000-8000-000000000001");
        CHECK_FALSE(parseWorkbookRef("https://example.com/" + std::string(length, '-')));
    }
    const std::string longest(maxWorkbookIdLength, 'b');
    CHECK(parseWorkbookRef(longest)->workbookId == longest);
    // The scanners keep the old patterns' meaning.
    CHECK(parseWorkbookRef("https://x/workbook/a/workbook/Sales-abc123")->urlId == "abc123");
    CHECK_FALSE(parseWorkbookRef("https://x/workbook/Sales-abc12"));    // 5 characters: no URL id
    CHECK(parseWorkbookRef("HTTPS://x/workbook/abcdef#frag")->urlId == "abcdef");
}

TEST_CASE("server messages of any length: located linearly, never a crash", "[publish][hostile]") {
    const doc::Document document = minimalDocument();
    for (std::size_t length : {std::size_t(50000), std::size_t(1000000)}) {
        // A long tail after a real body path: the path is still found.
        ApiError tail;
        tail.kind = ApiError::Kind::Http;
        tail.status = 400;
        tail.message = "contents.elements[0].columns[1].formula: Invalid string " + std::string(length, 'x');
        locate(tail, document);
        CHECK(tail.elementId == "sales-table");
        CHECK(tail.location.line == 19);
        const std::string shown = tail.describe();
        CHECK(shown.size() < 3000); // cut for display, with the count of the rest
        CHECK(shown.find("more characters)") != std::string::npos);

        // Long identifiers, long quoted names, long digit runs: no place named, no crash.
        for (const std::string& message :
             {"contents." + std::string(length, 'a'), "element '" + std::string(length, 'x') + "'",
              "Element id '" + std::string(length, 'y'), "contents.elements[" + std::string(length, '9') + "]",
              std::string(length, '[') + "document", std::string(length, 'e') + "lement '"}) {
            ApiError e;
            e.kind = ApiError::Kind::Http;
            e.message = message;
            REQUIRE_NOTHROW(locate(e, document));
            CHECK(e.elementId.empty());
            CHECK(e.message == message);
        }
        CHECK(bodyPointerInMessage("contents." + std::string(length, 'a')) == "/" + std::string(length, 'a'));
        ApiError unknown;
        unknown.message = "contents." + std::string(length, 'a') + ": Invalid";
        locate(unknown, document);
        CHECK(unknown.pointer == "/contents"); // only places the file has
    }
}

TEST_CASE("an index that does not fit names no place: the server's text, no location, no stoul", "[publish][hostile]") {
    const doc::Document document = minimalDocument();
    ApiError e;
    e.kind = ApiError::Kind::Http;
    e.status = 400;
    e.message = "contents.elements[99999999999999999999].kind: Invalid kind";
    REQUIRE_NOTHROW(locate(e, document));
    CHECK(e.pointer.empty());
    CHECK(e.elementId.empty());
    CHECK(e.location.line == 0);
    CHECK(e.describe().find("HTTP 400: contents.elements[99999999999999999999].kind: Invalid kind") != std::string::npos);
    CHECK_FALSE(bodyPointerInMessage(e.message));
    // The largest index that fits is a place, past the end: the pointer stops at what the file has.
    ApiError fits;
    fits.message = "contents.elements[18446744073709551615].kind: Invalid kind";
    locate(fits, document);
    CHECK(fits.pointer == "/contents/elements");
    CHECK(fits.elementId.empty());
    CHECK(fits.location.line > 0);
}

TEST_CASE("reply numbers: documentVersion only when it is a whole number that fits", "[publish][hostile]") {
    CHECK(documentVersionOf(Json::parse(R"({"documentVersion": 18446744073709551615})")) == std::nullopt);
    CHECK(documentVersionOf(Json{{"documentVersion", "99999999999999999999"}}) == std::nullopt);
    CHECK(documentVersionOf(Json{{"documentVersion", "12abc"}}) == std::nullopt);
    CHECK(documentVersionOf(Json{{"documentVersion", ""}}) == std::nullopt);
    CHECK(documentVersionOf(Json{{"documentVersion", 2.5}}) == std::nullopt);
    CHECK(documentVersionOf(Json{{"documentVersion", "42"}}) == std::optional<long long>(42));
    CHECK(documentVersionOf(Json{{"documentVersion", 9223372036854775807LL}}) == std::optional<long long>(9223372036854775807LL));
}

TEST_CASE("error bodies: deep or huge ones are text, bare strings are messages", "[publish][hostile]") {
    const std::string deep = std::string(200000, '[') + std::string(200000, ']');
    CHECK(errorTextFromBody(deep).size() < 600); // shown as (shortened) text, not parsed without limits
    CHECK(errorTextFromBody(R"("plain message")") == "plain message");
    CHECK(errorTextFromBody(R"({"message": "m", "message": "twice"})").find("twice") != std::string::npos); // raw text
    const std::string huge(1000000, 'z');
    CHECK(errorTextFromBody("{\"message\": \"" + huge + "\"}") == huge);
}

TEST_CASE("a hostile sidecar is refused with a clear message", "[publish][hostile]") {
    const std::string dir = test::makeTempDir("publish-hostile-sidecar");
    const std::string file = dir + "/wb.yaml";
    auto refused = [&](const std::string& sidecarText) {
        doc::writeFileAtomically(sidecarPathFor(file), sidecarText);
        const auto loaded = loadSidecar(file);
        if (loaded) return std::string("accepted");
        CHECK(loaded.error().rule == "publish/sidecar");
        CHECK(loaded.error().location.file == sidecarPathFor(file));
        return loaded.message();
    };
    CHECK(refused("{\"workbookId\": \"w\", \"x\": " + std::string(200000, '[') + std::string(200000, ']') + "}")
              .find("deeper than") != std::string::npos);
    CHECK(refused(R"({"workbookId": "w", "baseUrl": 5})").find("`baseUrl` must be a string") != std::string::npos);
    CHECK(refused(R"({"workbookId": "w", "documentVersion": 18446744073709551615})").find("`documentVersion`") != std::string::npos);
    CHECK(refused(R"({"workbookId": "w", "base": {"path": "../../etc/passwd"}})").find("`base.path`") != std::string::npos);
    CHECK(refused(R"({"workbookId": "w", "documentVersion": null, "url": "u"})") == "accepted");
}
