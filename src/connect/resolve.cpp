#include <quire/connect/connection_registry.h>
#include <quire/connect/sample_warehouse.h>
#include <quire/secrets/secret_store.h>

namespace quire::connect {

Expected<std::string> resolveConnectionString(const RegistryEntry& entry, secrets::SecretStore& store) {
    if (entry.builtIn && entry.profile.name == kSampleProfileName &&
        entry.profile.field("database") == defaultSampleWarehousePath()) {
        try {
            ensureSampleWarehouse();
        } catch (const std::exception& e) { // the generator reports SQLite's and the file system's failures by throwing
            return makeDiagnostic("connect/sample-warehouse", std::string("cannot create the sample warehouse: ") + e.what());
        }
    }
    return buildConnectionString(entry.profile, store);
}

Expected<std::string> resolveConnectionString(const ConnectionRegistry& registry, const std::string& target,
                                              secrets::SecretStore& store) {
    if (auto entry = registry.find(target)) return resolveConnectionString(*entry, store);
    if (target.find('=') != std::string::npos) return target;
    std::string known;
    for (const auto& e : registry.entries()) known += (known.empty() ? "" : ", ") + e.profile.name;
    return makeDiagnostic("connect/unknown-connection",
                          "unknown connection '" + target + "' (known: " + known + "; mapping file " + registry.file() + ")");
}

} // namespace quire::connect
