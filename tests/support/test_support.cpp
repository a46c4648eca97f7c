#include "test_support.h"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace quire::test {

static std::string envOr(const char* name, const char* fallback) {
    const char* value = std::getenv(name);
    return value && *value ? value : fallback;
}

std::string sourceDir() { return envOr("QUIRE_SOURCE_DIR", QUIRE_SOURCE_DIR); }
std::string binaryDir() { return envOr("QUIRE_BINARY_DIR", QUIRE_BINARY_DIR); }
std::string sharedDir() { return envOr("QUIRE_SHARED_DIR", QUIRE_SHARED_DIR); }

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::optional<std::string> postgresConnectionString() {
    if (const char* direct = std::getenv("QUIRE_PG_CONNSTR"); direct && *direct) return std::string(direct);
    std::string file = envOr("QUIRE_PG_ENV_FILE", (std::string(QUIRE_BINARY_DIR) + "/pgtest/connection.env").c_str());
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
        const std::string key = "QUIRE_PG_CONNSTR=";
        if (line.rfind(key, 0) == 0) return line.substr(key.size());
    }
    return std::nullopt;
}

std::string makeTempDir(const std::string& tag) {
    static std::atomic<int> counter{0};
    auto dir = std::filesystem::path(binaryDir()) / "test-tmp" /
               (tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir.string();
}

} // namespace quire::test
