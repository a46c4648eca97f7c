#pragma once
#include <quire/doc/document.h>
#include <quire/doc/io.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace quire::doc::detail {
// Strict JSON (RFC 8259) reader that records the position of every value and rejects duplicate keys,
// invalid UTF-8, bad escapes and nesting deeper than limits.maxDepth.
// `source` is the whole text; the document keeps it (Document::sourceText) and so does its lazy SourceMap.
LoadResult readJson(std::shared_ptr<const std::string> source, const std::string& path, const LoadLimits& limits);

// The value of a number's text, shared by the JSON and YAML readers so both accept exactly the same numbers.
// `text` is an optional sign, digits, and (unless `integral`) an optional fraction and exponent. Integers
// become int64 or uint64; others a double. Returns the reason instead when the value cannot be held
// exactly: an integer outside [-2^63, 2^64), a float that overflows or underflows to zero.
std::optional<std::string> numberFromText(std::string_view text, bool integral, Json& out);
} // namespace quire::doc::detail
