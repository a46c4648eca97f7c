#include <quire/connect/connection_registry.h>
#include <quire/connect/sample_warehouse.h>
#include <quire/secrets/secret_store.h>

namespace quire::connect {

std::string resolveConnectionString(const RegistryEntry& entry, secrets::SecretStore& store) {
    if (entry.builtIn && entry.profile.name == kSampleProfileName &&
        entry.profile.field("database") == defaultSampleWarehousePath())
        ensureSampleWarehouse();
    return buildConnectionString(entry.profile, store);
}

std::string resolveConnectionString(const ConnectionRegistry& registry, const std::string& target,
                                    secrets::SecretStore& store) {
    if (auto entry = registry.find(target)) return resolveConnectionString(*entry, store);
    if (target.find('=') != std::string::npos) return target;
    std::string known;
    for (const auto& e : registry.entries()) known += (known.empty() ? "" : ", ") + e.profile.name;
    throw ProfileError("unknown connection '" + target + "' (known: " + known + "; mapping file " + registry.file() + ")");
}

} // namespace quire::connect
