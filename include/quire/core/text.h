#pragma once
// Small text helpers shared by every module. ASCII only on purpose: formula keywords, SQL keywords, host names
// and rule codes are ASCII, and the C library's tolower/toupper follow the process locale (the IDE sets it
// from the environment), which must not change how a formula or a host name compares.
#include <string>
#include <string_view>

namespace quire {

inline char asciiLower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }
inline char asciiUpper(char c) { return c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c; }

inline std::string asciiLower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = asciiLower(c);
    return out;
}

inline std::string asciiUpper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = asciiUpper(c);
    return out;
}

// `s` without leading and trailing characters from `chars` (spaces by default).
inline std::string_view trimmed(std::string_view s, std::string_view chars = " ") {
    const auto first = s.find_first_not_of(chars);
    if (first == std::string_view::npos) return {};
    return s.substr(first, s.find_last_not_of(chars) - first + 1);
}

} // namespace quire
