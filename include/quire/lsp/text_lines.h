#pragma once
// Positions in an open document's text. LSP positions are (0-based line, UTF-16 code units); Quire's
// diagnostics are (1-based line, 1-based code points); the scanners below work in byte offsets.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace quire::lsp {

struct Position {
    int line = 0;      // 0-based
    int character = 0; // UTF-16 code units
    bool operator==(const Position&) const = default;
};

struct Range {
    Position start;
    Position end;
};

class LineIndex {
public:
    explicit LineIndex(std::string_view text);

    std::size_t lineCount() const { return starts_.size(); }
    // The line's text without its line break ("" past the end).
    std::string_view line(int line) const;
    // Byte offset of an LSP position (clamped to the line's end and the text's end).
    std::size_t offset(Position position) const;
    Position position(std::size_t offset) const;
    // Byte offset of a 1-based line and 1-based code-point column (Diagnostic, SourcePos); clamped.
    std::size_t offsetOfCodePoint(int line1, int column1) const;
    std::string_view text() const { return text_; }

private:
    std::string_view text_;
    std::vector<std::size_t> starts_;
};

// One `key: value` (YAML) or `"key": value` (JSON) on a line, found lexically: what the cursor is in when the
// document does not parse, and where a value starts for a position that names its key. Offsets are into the line.
struct LineMember {
    std::string key;
    std::size_t keyStart = 0, keyEnd = 0;     // the key's text, quotes excluded
    std::size_t valueStart = 0, valueEnd = 0; // the value's raw text, quotes excluded
    char quote = 0;                           // '"', '\'' or 0 (plain)
    bool found = false;
};
// The first member on the line at or after byte `from` (a YAML "- " item marker and spaces are skipped).
LineMember scanLineMember(std::string_view line, std::size_t from = 0);

// A quoted or plain scalar's raw text decoded (\" \\ \n \t \uXXXX in double quotes, '' in single quotes),
// with the raw offset of every decoded byte, so that an offset into the decoded text maps back to the line.
struct DecodedScalar {
    std::string text;
    std::vector<std::size_t> rawOffsets; // rawOffsets[i] = raw offset of text[i]; one extra entry for the end
};
DecodedScalar decodeScalar(std::string_view raw, char quote);

// End (exclusive byte offset) of the token that starts at `start` on the line: a quoted string through its
// closing quote, else up to `: `, `,`, `]`, `}`, ` #` or the line end.
std::size_t tokenEnd(std::string_view line, std::size_t start);

// Percent-decoded path of a file:// URI ("" for other schemes).
std::string pathFromUri(std::string_view uri);

} // namespace quire::lsp
