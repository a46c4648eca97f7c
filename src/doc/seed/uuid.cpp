// Deterministic name-derived UUIDs for seed import (connection names -> connectionId).
#include <quire/doc/seed.h>

#include <array>
#include <cstdint>
#include <cstdio>

namespace quire::doc {
namespace {

std::uint64_t fnv1a(std::string_view text, std::uint64_t basis) {
    std::uint64_t h = basis;
    for (unsigned char c : text) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

} // namespace

std::string deterministicUuid(std::string_view name) {
    std::array<unsigned char, 16> bytes{};
    const std::uint64_t hi = fnv1a(name, 0xcbf29ce484222325ULL);
    const std::uint64_t lo = fnv1a(name, hi ^ 0x9e3779b97f4a7c15ULL);
    for (int i = 0; i < 8; ++i) {
        bytes[i] = static_cast<unsigned char>(hi >> (56 - 8 * i));
        bytes[8 + i] = static_cast<unsigned char>(lo >> (56 - 8 * i));
    }
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x80); // version 8 (custom)
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80); // RFC variant
    std::string out;
    char hex[3];
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        std::snprintf(hex, sizeof hex, "%02x", bytes[i]);
        out += hex;
    }
    return out;
}

} // namespace quire::doc
