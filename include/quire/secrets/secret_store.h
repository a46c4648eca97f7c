#pragma once
// Where Quire keeps passwords, tokens and API client secrets: the system keychain (qtkeychain), with an
// explicit environment-variable fallback for headless CI. Secrets never go into workbooks, settings files,
// logs or command lines.
//
// Keys are '/'-separated, e.g. "connection/<profile>/password", "sigma/<profile>/client-secret".
// The environment fallback for key K is QUIRE_SECRET_<K upper-cased, every non-alphanumeric -> '_'>,
// e.g. connection/local-pg/password -> QUIRE_SECRET_CONNECTION_LOCAL_PG_PASSWORD.
#include <quire/core/expected.h>

#include <memory>
#include <optional>
#include <string>

namespace quire::secrets {

// Each call answers with the error convention of docs/architecture.md: a store that cannot do it (no keychain,
// a read-only store, a backend that refuses) is secrets/store with the reason and what to do instead.
class SecretStore {
public:
    virtual ~SecretStore() = default;
    // The secret; an empty optional when the store has none under `key`.
    virtual Expected<std::optional<std::string>> read(const std::string& key) = 0;
    virtual Expected<void> write(const std::string& key, const std::string& value) = 0;
    virtual Expected<void> remove(const std::string& key) = 0; // removing what is not there succeeds
    virtual std::string describe() const = 0; // "system keychain", "environment", ...
};

std::string environmentVariableFor(const std::string& key);

// Environment first (CI), then the system keychain when one is reachable.
std::unique_ptr<SecretStore> makeDefaultSecretStore();
// Only the environment (read-only: write/remove are secrets/store).
std::unique_ptr<SecretStore> makeEnvironmentSecretStore();
// In-memory store for tests.
std::unique_ptr<SecretStore> makeMemorySecretStore();

} // namespace quire::secrets
