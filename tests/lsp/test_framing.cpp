// Content-Length framing: good frames, and every malformed or hostile frame read without a crash.
#include <quire/lsp/framing.h>

#include <catch2/catch.hpp>

#include <sstream>

using namespace quire::lsp;

namespace {

std::string frame(const std::string& body) { return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body; }

} // namespace

TEST_CASE("frames are read one by one, other headers ignored", "[lsp][framing]") {
    std::istringstream in(frame("{\"a\":1}") + "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: 2\r\n\r\n{}");
    Frame first = readFrame(in);
    REQUIRE(first.status == Frame::Status::Message);
    CHECK(first.body == "{\"a\":1}");
    Frame second = readFrame(in);
    REQUIRE(second.status == Frame::Status::Message);
    CHECK(second.body == "{}");
    CHECK(readFrame(in).status == Frame::Status::EndOfStream);
}

TEST_CASE("a header block without a usable Content-Length is reported and the stream goes on", "[lsp][framing]") {
    std::istringstream in("Content-Type: x\r\n\r\n"
                          "Content-Length: 12abc\r\n\r\n"
                          "Content-Length: 99999999999999999999999999\r\n\r\n"
                          "garbage line\r\n\r\n" +
                          frame("{}"));
    for (int i = 0; i < 4; ++i) {
        Frame bad = readFrame(in);
        CHECK(bad.status == Frame::Status::BadHeader);
        CHECK_FALSE(bad.error.empty());
    }
    Frame good = readFrame(in);
    REQUIRE(good.status == Frame::Status::Message);
    CHECK(good.body == "{}");
}

TEST_CASE("an oversized Content-Length is refused before reading the body, which can then be dropped", "[lsp][framing]") {
    FrameLimits limits;
    limits.maxContentBytes = 16;
    const std::string big(40, 'x');
    std::istringstream in(frame(big) + frame("{}"));
    Frame tooLarge = readFrame(in, limits);
    REQUIRE(tooLarge.status == Frame::Status::TooLarge);
    CHECK(tooLarge.declaredLength == 40);
    CHECK(tooLarge.body.empty());
    REQUIRE(discardBytes(in, tooLarge.declaredLength));
    Frame next = readFrame(in, limits);
    REQUIRE(next.status == Frame::Status::Message);
    CHECK(next.body == "{}");
}

TEST_CASE("an endless header line and a body cut short end cleanly", "[lsp][framing]") {
    FrameLimits limits;
    limits.maxHeaderBytes = 64;
    std::istringstream longLine(std::string(1000, 'H') + "\r\n\r\n" + frame("{}"));
    CHECK(readFrame(longLine, limits).status == Frame::Status::BadHeader);

    std::istringstream cut("Content-Length: 100\r\n\r\n{\"partial\":");
    Frame partial = readFrame(cut);
    CHECK(partial.status == Frame::Status::EndOfStream);
    CHECK(partial.body.empty());

    std::istringstream huge("Content-Length: 1000000000000\r\n\r\n");
    Frame refused = readFrame(huge);
    REQUIRE(refused.status == Frame::Status::TooLarge);
    CHECK_FALSE(discardBytes(huge, refused.declaredLength)); // the input ends long before: no allocation, no hang
}

TEST_CASE("writeFrame writes the byte length of the body", "[lsp][framing]") {
    std::ostringstream out;
    writeFrame(out, "{\"é\":1}");
    CHECK(out.str() == "Content-Length: 8\r\n\r\n{\"é\":1}"); // é is two bytes
}
