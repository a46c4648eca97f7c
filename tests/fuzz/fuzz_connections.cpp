// The connections file (~/.config/quire/connections.json): load, list, look up, resolve, save.
#include "fuzz_support.h"

#include <quire/connect/connection_registry.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace quire;
    const std::string path = fuzz::writeScratchFile(fuzz::asText(data, size), "-connections.json");
    // A refused file is connect/connections-file with a message by contract: no exception may escape, and
    // crashes and sanitizer reports are bugs.
    auto registry = connect::ConnectionRegistry::load(path);
    if (!registry) {
        if (registry.message().empty()) __builtin_trap(); // a refusal always says why
        return 0;
    }
    for (const auto& entry : registry->entries()) (void)registry->find(entry.profile.name);
    (void)registry->find("6a1e3c2b-5d4f-4e8a-9b7c-0d1f2e3a4b5c");
    return 0;
}
