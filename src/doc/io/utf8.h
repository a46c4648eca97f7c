#pragma once
// UTF-8 validation shared by the JSON and YAML readers.
#include <cstddef>
#include <string>
#include <string_view>

namespace quire::doc::detail {

// Length of the valid UTF-8 sequence starting at text[i], or 0 if the bytes there are not valid UTF-8
// (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::size_t utf8SequenceLength(std::string_view text, std::size_t i);

// Offset of the first invalid byte, or npos.
std::size_t findInvalidUtf8(std::string_view text);

// Appends the UTF-8 encoding of a code point (<= U+10FFFF, not a surrogate).
void appendUtf8(std::string& out, unsigned codePoint);

// 1-based line and column (in code points) of a byte offset.
void lineColumnAt(std::string_view text, std::size_t offset, int& line, int& column);

} // namespace quire::doc::detail
