#pragma once
// SHA-256 (FIPS 180-4) for the audit log's hash chain. quire_governance links no Qt, so it has its own small
// implementation (checked against the FIPS test vectors in tests/governance/test_audit_log.cpp).
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace quire::governance {

class Sha256 {
public:
    Sha256();
    void update(std::string_view bytes);
    std::array<std::uint8_t, 32> finish(); // the object is spent afterwards

private:
    void block(const std::uint8_t* p);
    std::array<std::uint32_t, 8> state_;
    std::array<std::uint8_t, 64> buffer_{};
    std::size_t buffered_ = 0;
    std::uint64_t length_ = 0; // bytes hashed
};

// Lowercase hex of the SHA-256 of `bytes`.
std::string sha256Hex(std::string_view bytes);

} // namespace quire::governance
