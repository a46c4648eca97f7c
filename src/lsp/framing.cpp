#include <quire/lsp/framing.h>

#include <charconv>
#include <vector>

namespace quire::lsp {
namespace {

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
    return text;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

} // namespace

bool discardBytes(std::istream& in, unsigned long long count) {
    std::vector<char> chunk(64 * 1024);
    while (count > 0) {
        const auto step = static_cast<std::streamsize>(std::min<unsigned long long>(count, chunk.size()));
        in.read(chunk.data(), step);
        if (in.gcount() != step) return false;
        count -= static_cast<unsigned long long>(step);
    }
    return true;
}

Frame readFrame(std::istream& in, const FrameLimits& limits) {
    Frame frame;
    // Header lines up to an empty line. Blank lines before a header block (stray separators) are skipped.
    std::string line;
    std::size_t headerBytes = 0;
    bool sawHeader = false;
    bool lengthKnown = false;
    bool lengthBad = false;
    unsigned long long length = 0;
    while (true) {
        line.clear();
        int c = 0;
        while ((c = in.get()) != std::char_traits<char>::eof() && c != '\n') {
            if (++headerBytes > limits.maxHeaderBytes) {
                // Drop the rest of this over-long line so the next read starts fresh.
                while ((c = in.get()) != std::char_traits<char>::eof() && c != '\n') {}
                frame.status = Frame::Status::BadHeader;
                frame.error = "header block longer than " + std::to_string(limits.maxHeaderBytes) + " bytes";
                return frame;
            }
            line.push_back(static_cast<char>(c));
        }
        if (c == std::char_traits<char>::eof() && line.empty()) {
            frame.status = Frame::Status::EndOfStream;
            return frame;
        }
        const std::string_view text = trimmed(line);
        if (text.empty()) {
            if (!sawHeader) {
                if (c == std::char_traits<char>::eof()) return frame; // EndOfStream
                continue;
            }
            break;
        }
        sawHeader = true;
        const std::size_t colon = text.find(':');
        if (colon == std::string_view::npos) {
            lengthBad = true;
            frame.error = "header line without ':'";
        } else if (equalsIgnoringCase(trimmed(text.substr(0, colon)), "Content-Length")) {
            const std::string_view value = trimmed(text.substr(colon + 1));
            const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), length);
            if (ec != std::errc() || end != value.data() + value.size() || value.empty()) {
                lengthBad = true;
                frame.error = "Content-Length is not a number that fits";
            } else {
                lengthKnown = true;
            }
        } // other headers (Content-Type) are ignored
        if (c == std::char_traits<char>::eof()) {
            frame.status = Frame::Status::EndOfStream;
            return frame;
        }
    }
    if (lengthBad || !lengthKnown) {
        frame.status = Frame::Status::BadHeader;
        if (frame.error.empty()) frame.error = "no Content-Length header";
        return frame;
    }
    if (length > limits.maxContentBytes) {
        frame.status = Frame::Status::TooLarge;
        frame.declaredLength = length;
        frame.error = "message of " + std::to_string(length) + " bytes is above the limit of " +
                      std::to_string(limits.maxContentBytes) + " bytes";
        return frame;
    }
    frame.body.resize(static_cast<std::size_t>(length));
    in.read(frame.body.data(), static_cast<std::streamsize>(length));
    if (static_cast<unsigned long long>(in.gcount()) != length) {
        frame.body.clear();
        frame.status = Frame::Status::EndOfStream;
        frame.error = "input ended inside a message";
        return frame;
    }
    frame.status = Frame::Status::Message;
    return frame;
}

void writeFrame(std::ostream& out, std::string_view body) {
    out << "Content-Length: " << body.size() << "\r\n\r\n";
    out.write(body.data(), static_cast<std::streamsize>(body.size()));
    out.flush();
}

} // namespace quire::lsp
