#pragma once
// The Language Server Protocol's base protocol: messages framed by a `Content-Length: N` header block
// ("\r\n\r\n" ends it) and N bytes of JSON. Reading is defensive: a header block, a declared length and a body
// are each bounded, and a malformed frame is reported (the caller answers it with a JSON-RPC error) instead of
// ending the stream.
#include <cstddef>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>

namespace quire::lsp {

struct FrameLimits {
    std::size_t maxHeaderBytes = 8 * 1024;          // one header block
    std::size_t maxContentBytes = 64 * 1024 * 1024; // one message body
};

struct Frame {
    enum class Status {
        Message,     // body holds one message
        BadHeader,   // no usable Content-Length (missing, not a number, header block too long); body skipped none
        TooLarge,    // Content-Length above the limit: nothing of the body read yet (see discardBytes)
        EndOfStream  // the input ended (cleanly between messages or inside one)
    };
    Status status = Status::EndOfStream;
    std::string body;
    std::string error; // for BadHeader / TooLarge: what was wrong
    unsigned long long declaredLength = 0; // TooLarge: the bytes the sender announced
};

// Reads the next frame from `in`.
Frame readFrame(std::istream& in, const FrameLimits& limits = {});
// Drops `count` bytes of input in bounded chunks, never holding them: the body of a TooLarge frame, after the
// caller has answered it. false when the input ends first.
bool discardBytes(std::istream& in, unsigned long long count);
// Writes one message with its header and flushes.
void writeFrame(std::ostream& out, std::string_view body);

} // namespace quire::lsp
