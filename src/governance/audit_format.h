#pragma once
// The audit log's line and head formats, shared by its writer (audit_log.cpp) and reader (audit_read.cpp).
#include <quire/core/file_io.h>
#include <quire/core/json.h>
#include <quire/governance/sha256.h>

#include <optional>
#include <string>

namespace quire::governance::audit::detail {

inline const std::string kGenesis(64, '0'); // `prev` of the first entry
inline const std::string kHashKey = ",\"hash\":\"";
inline constexpr std::size_t kSealBytes = 9 + 64 + 2; // ,"hash":"<64 hex>"}

// `body` is the compact entry without `hash`; the line is the same object with `hash` as its last key.
inline std::string sealedLine(const std::string& body) {
    return body.substr(0, body.size() - 1) + kHashKey + sha256Hex(body) + "\"}";
}

// The hash a line claims and the hash its body really has; nullopt when the line does not end in a seal.
struct Seal {
    std::string claimed;
    std::string actual;
};
inline std::optional<Seal> unseal(const std::string& line) {
    if (line.size() < kSealBytes + 2 || line.compare(line.size() - kSealBytes, kHashKey.size(), kHashKey) != 0 ||
        line.compare(line.size() - 2, 2, "\"}") != 0)
        return std::nullopt;
    Seal seal;
    seal.claimed = line.substr(line.size() - 66, 64);
    seal.actual = sha256Hex(line.substr(0, line.size() - kSealBytes) + "}");
    return seal;
}

struct Head {
    long long entries = 0;
    std::string last; // SHA-256 of the last line
};
inline std::string headJson(long long entries, const std::string& last) {
    return Json{{"entries", entries}, {"last", last}}.dump();
}
inline std::optional<Head> readHead(const std::string& logPath) {
    const auto read = readFileBounded(logPath + ".head", 4096);
    if (!read.ok()) return std::nullopt;
    const Json j = Json::parse(read.bytes, nullptr, false);
    if (!j.is_object() || !j.contains("entries") || !j["entries"].is_number_integer() || !j.contains("last") ||
        !j["last"].is_string())
        return std::nullopt;
    return Head{j["entries"].get<long long>(), j["last"].get<std::string>()};
}

} // namespace quire::governance::audit::detail
