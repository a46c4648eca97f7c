#include <quire/lsp/text_lines.h>

#include <algorithm>

namespace quire::lsp {
namespace {

bool isContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Length in bytes of the UTF-8 sequence starting with `lead` (1 for invalid leads, so every byte advances).
std::size_t sequenceLength(unsigned char lead) {
    if (lead >= 0xF0 && lead < 0xF8) return 4;
    if (lead >= 0xE0) return lead < 0xF0 ? 3 : 1;
    if (lead >= 0xC0) return 2;
    return 1;
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

} // namespace

LineIndex::LineIndex(std::string_view text) : text_(text) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n') starts_.push_back(i + 1);
}

std::string_view LineIndex::line(int line) const {
    if (line < 0 || static_cast<std::size_t>(line) >= starts_.size()) return {};
    const std::size_t begin = starts_[static_cast<std::size_t>(line)];
    std::size_t end = static_cast<std::size_t>(line) + 1 < starts_.size() ? starts_[static_cast<std::size_t>(line) + 1] - 1 : text_.size();
    if (end > begin && text_[end - 1] == '\r') --end;
    return text_.substr(begin, end - begin);
}

std::size_t LineIndex::offset(Position position) const {
    if (position.line < 0) return 0;
    if (static_cast<std::size_t>(position.line) >= starts_.size()) return text_.size();
    const std::string_view text = line(position.line);
    const std::size_t begin = starts_[static_cast<std::size_t>(position.line)];
    int units = 0;
    std::size_t i = 0;
    while (i < text.size() && units < position.character) {
        const std::size_t length = std::min(sequenceLength(static_cast<unsigned char>(text[i])), text.size() - i);
        units += length == 4 ? 2 : 1;
        i += length;
    }
    return begin + i;
}

Position LineIndex::position(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
    const std::size_t line = static_cast<std::size_t>(it - starts_.begin()) - 1;
    int units = 0;
    for (std::size_t i = starts_[line]; i < offset; ++i) {
        const auto c = static_cast<unsigned char>(text_[i]);
        if (isContinuation(c)) continue;
        units += sequenceLength(c) == 4 ? 2 : 1;
    }
    return {static_cast<int>(line), units};
}

std::size_t LineIndex::offsetOfCodePoint(int line1, int column1) const {
    if (line1 < 1) return 0;
    if (static_cast<std::size_t>(line1) > starts_.size()) return text_.size();
    const std::string_view text = line(line1 - 1);
    const std::size_t begin = starts_[static_cast<std::size_t>(line1 - 1)];
    std::size_t i = 0;
    for (int column = 1; column < column1 && i < text.size(); ++column)
        i += std::min(sequenceLength(static_cast<unsigned char>(text[i])), text.size() - i);
    return begin + i;
}

std::size_t tokenEnd(std::string_view line, std::size_t start) {
    if (start >= line.size()) return line.size();
    const char quote = line[start];
    if (quote == '"' || quote == '\'') {
        for (std::size_t i = start + 1; i < line.size(); ++i) {
            if (quote == '"' && line[i] == '\\') {
                ++i;
                continue;
            }
            if (line[i] == quote) {
                if (quote == '\'' && i + 1 < line.size() && line[i + 1] == '\'') {
                    ++i;
                    continue;
                }
                return i + 1;
            }
        }
        return line.size();
    }
    std::size_t i = start;
    for (; i < line.size(); ++i) {
        const char c = line[i];
        if (c == ',' || c == ']' || c == '}') break;
        if (c == ':' && (i + 1 == line.size() || line[i + 1] == ' ')) break;
        if (c == '#' && i > start && line[i - 1] == ' ') break;
    }
    while (i > start && line[i - 1] == ' ') --i;
    return i;
}

LineMember scanLineMember(std::string_view line, std::size_t from) {
    LineMember member;
    std::size_t i = from;
    auto skipSpaces = [&] {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    };
    skipSpaces();
    while (i + 1 <= line.size() && i < line.size() && line[i] == '-' && (i + 1 == line.size() || line[i + 1] == ' ')) {
        ++i;
        skipSpaces();
    }
    if (i < line.size() && (line[i] == '{' || line[i] == ',')) {
        ++i;
        skipSpaces();
    }
    if (i >= line.size()) return member;
    const std::size_t keyToken = i;
    const std::size_t keyTokenEnd = tokenEnd(line, keyToken);
    if (keyTokenEnd == keyToken) return member;
    if (line[keyToken] == '"' || line[keyToken] == '\'') {
        member.keyStart = keyToken + 1;
        member.keyEnd = keyTokenEnd > member.keyStart && line[keyTokenEnd - 1] == line[keyToken] ? keyTokenEnd - 1 : keyTokenEnd;
    } else {
        member.keyStart = keyToken;
        member.keyEnd = keyTokenEnd;
    }
    i = keyTokenEnd;
    skipSpaces();
    if (i >= line.size() || line[i] != ':') return member;
    ++i;
    skipSpaces();
    member.key = std::string(line.substr(member.keyStart, member.keyEnd - member.keyStart));
    member.found = true;
    if (i < line.size() && (line[i] == '"' || line[i] == '\'')) {
        member.quote = line[i];
        member.valueStart = i + 1;
        const std::size_t end = tokenEnd(line, i);
        const bool closed = end > i + 1 && line[end - 1] == member.quote;
        member.valueEnd = closed ? end - 1 : end;
    } else {
        member.valueStart = i;
        std::size_t end = i;
        // A plain scalar runs to ` #` or the line end (a JSON number or literal stops at `,` `}` `]`).
        for (; end < line.size(); ++end) {
            if (line[end] == '#' && end > i && line[end - 1] == ' ') break;
        }
        while (end > i && (line[end - 1] == ' ' || line[end - 1] == ',' || line[end - 1] == '\r')) --end;
        member.valueEnd = end;
    }
    return member;
}

DecodedScalar decodeScalar(std::string_view raw, char quote) {
    DecodedScalar out;
    out.text.reserve(raw.size());
    out.rawOffsets.reserve(raw.size() + 1);
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (quote == '"' && c == '\\' && i + 1 < raw.size()) {
            const char e = raw[i + 1];
            if (e == 'u' && i + 5 < raw.size() && hexValue(raw[i + 2]) >= 0 && hexValue(raw[i + 5]) >= 0) {
                out.text.push_back('?'); // one placeholder per escape: the offsets around it stay right
                out.rawOffsets.push_back(i);
                i += 5;
                continue;
            }
            const char decoded = e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
            out.text.push_back(decoded);
            out.rawOffsets.push_back(i);
            ++i;
            continue;
        }
        if (quote == '\'' && c == '\'' && i + 1 < raw.size() && raw[i + 1] == '\'') {
            out.text.push_back('\'');
            out.rawOffsets.push_back(i);
            ++i;
            continue;
        }
        out.text.push_back(c);
        out.rawOffsets.push_back(i);
    }
    out.rawOffsets.push_back(raw.size());
    return out;
}

std::string pathFromUri(std::string_view uri) {
    constexpr std::string_view scheme = "file://";
    if (uri.substr(0, scheme.size()) != scheme) return {};
    uri.remove_prefix(scheme.size());
    std::string path;
    for (std::size_t i = 0; i < uri.size(); ++i) {
        if (uri[i] == '%' && i + 2 < uri.size() && hexValue(uri[i + 1]) >= 0 && hexValue(uri[i + 2]) >= 0) {
            path.push_back(static_cast<char>(hexValue(uri[i + 1]) * 16 + hexValue(uri[i + 2])));
            i += 2;
        } else {
            path.push_back(uri[i]);
        }
    }
    return path;
}

} // namespace quire::lsp
