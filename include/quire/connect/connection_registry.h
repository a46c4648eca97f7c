#pragma once
// The local mapping file: Sigma connectionId (and friendly profile names) -> ConnectionProfile.
// Location: --connections FILE, else $QUIRE_CONNECTIONS_FILE, else $XDG_CONFIG_HOME/quire/connections.json
// (~/.config/quire/connections.json). Format:
//   { "version": 1,
//     "connections": { "<name>": { "type": "postgresql", "connectionId": "<sigma uuid>", "host": ..., ... } },
//     "mappings": { "<another sigma uuid>": "<name>" } }
// "mappings" (optional) sends further connectionIds to a profile: a workbook from another organisation names its
// own connection ids, and the IDE's "Map connection..." records here which local profile stands for each.
// Built in (present even without a file): "sample" = the embedded SQLite marketing warehouse, under the
// connectionId kSampleConnectionId used by resources/examples/marketing.yaml.
#include <quire/connect/connection_profile.h>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace quire::connect {

inline constexpr const char* kSampleConnectionId = "6a1e3c2b-5d4f-4e8a-9b7c-0d1f2e3a4b5c";
inline constexpr const char* kSampleProfileName = "sample";
// A larger connections file is refused (read at most this size + 1 bytes): profiles are a few hundred bytes each.
inline constexpr std::size_t kMaxConnectionsFileBytes = std::size_t(16) << 20;

struct RegistryEntry {
    ConnectionProfile profile;
    std::string connectionId; // Sigma connection UUID ("" if none)
    bool builtIn = false;
};

std::string defaultConnectionsFile();

class ConnectionRegistry {
public:
    // Loads `file` (empty = defaultConnectionsFile()); a missing file is an empty registry; a file that cannot
    // be read, does not parse or holds a bad profile is connect/connections-file, naming the file.
    static Expected<ConnectionRegistry> load(const std::string& file = {});
    const std::string& file() const { return file_; }
    std::vector<RegistryEntry> entries() const; // built-ins first, then the file's, by name
    // By profile name or by Sigma connectionId.
    std::optional<RegistryEntry> find(const std::string& nameOrConnectionId) const;
    void put(const RegistryEntry& entry);       // add or replace by name
    bool remove(const std::string& name);       // false if absent (built-ins cannot be removed)
    // Sends `connectionId` to the profile `name` (a "mappings" entry); connect/unknown-connection for an unknown profile.
    Expected<void> mapConnection(const std::string& connectionId, const std::string& name);
    const std::map<std::string, std::string>& mappings() const { return mappings_; }
    Expected<void> save() const;                // atomic write, creates the directory (connect/connections-file)

private:
    std::string file_;
    std::vector<RegistryEntry> entries_;
    std::map<std::string, std::string> mappings_; // connectionId -> profile name
};

} // namespace quire::connect

namespace quire::secrets { class SecretStore; }

namespace quire::connect {
// The ODBC connection string for an entry, secrets read from `store` at this moment (never stored). The built-in
// sample generates its SQLite warehouse on first use (connect/sample-warehouse when it cannot).
Expected<std::string> resolveConnectionString(const RegistryEntry& entry, secrets::SecretStore& store);
// `target` is a profile name, a Sigma connectionId, or a literal ODBC connection string (contains '=');
// connect/unknown-connection otherwise.
Expected<std::string> resolveConnectionString(const ConnectionRegistry& registry, const std::string& target,
                                              secrets::SecretStore& store);
} // namespace quire::connect
