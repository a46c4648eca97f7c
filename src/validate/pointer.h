#pragma once
// RFC 6901 helpers used by the validator.
#include <quire/core/json.h>

#include <string>
#include <string_view>

namespace quire::validate {

std::string escapePointerToken(std::string_view token);   // "~" -> "~0", "/" -> "~1"
std::string unescapePointerToken(std::string_view token);
// pointer + "/" + escaped key / index.
std::string child(const std::string& pointer, std::string_view key);
std::string child(const std::string& pointer, std::size_t index);
// The value at pointer inside root, nullptr when it does not exist (never throws).
const Json* resolvePointer(const Json& root, const std::string& pointer);

} // namespace quire::validate
