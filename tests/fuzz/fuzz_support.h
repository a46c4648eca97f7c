#pragma once
// Shared by the libFuzzer targets: the input as text, and a per-process scratch file for readers that only
// take a path.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace quire::fuzz {

inline std::string_view asText(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// A file in $TMPDIR (or /tmp) unique to this process, rewritten with `bytes`; returns its path.
std::string writeScratchFile(std::string_view bytes, std::string_view suffix);

} // namespace quire::fuzz
