#pragma once
#include <quire/doc/document.h>
#include <quire/doc/io.h>

namespace quire::doc::detail {
// Strict JSON (RFC 8259) reader that records the position of every value and rejects duplicate keys,
// invalid UTF-8, bad escapes and nesting deeper than limits.maxDepth.
LoadResult readJson(std::string_view text, const std::string& path, const LoadLimits& limits);
} // namespace quire::doc::detail
