#include "pointer.h"

#include <quire/doc/io.h>

#include <charconv>

namespace quire::validate {

std::string escapePointerToken(std::string_view token) { return doc::escapePointerToken(token); }

std::string unescapePointerToken(std::string_view token) { return doc::unescapePointerToken(token); }

// Built in one allocation: rules make a pointer for every column and formula they look at.
std::string child(const std::string& pointer, std::string_view key) {
    std::string out;
    out.reserve(pointer.size() + 1 + key.size() + 2);
    out += pointer;
    out += '/';
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::string child(const std::string& pointer, std::size_t index) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, index).ptr;
    std::string out;
    out.reserve(pointer.size() + 1 + std::size_t(end - digits));
    out += pointer;
    out += '/';
    out.append(digits, end);
    return out;
}

const Json* resolvePointer(const Json& root, const std::string& pointer) {
    const Json* current = &root;
    std::size_t pos = 0;
    while (pos < pointer.size()) {
        if (pointer[pos] != '/') return nullptr;
        std::size_t next = pointer.find('/', pos + 1);
        std::string token = unescapePointerToken(
            std::string_view(pointer).substr(pos + 1, next == std::string::npos ? std::string::npos : next - pos - 1));
        if (current->is_object()) {
            auto it = current->find(token);
            if (it == current->end()) return nullptr;
            current = &*it;
        } else if (current->is_array()) {
            std::size_t index = 0;
            auto [p, ec] = std::from_chars(token.data(), token.data() + token.size(), index);
            if (ec != std::errc() || p != token.data() + token.size() || index >= current->size()) return nullptr;
            current = &(*current)[index];
        } else {
            return nullptr;
        }
        pos = next == std::string::npos ? pointer.size() : next;
    }
    return current;
}

} // namespace quire::validate
