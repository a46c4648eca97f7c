// The default store: environment variables first (CI), then the system keychain when one answers.
#include "keychain_store.h"

#include <quire/secrets/secret_store.h>

namespace quire::secrets {
namespace {
class LayeredStore final : public SecretStore {
public:
    LayeredStore(std::unique_ptr<SecretStore> env, std::unique_ptr<SecretStore> keychain, std::string reason)
        : env_(std::move(env)), keychain_(std::move(keychain)), reason_(std::move(reason)) {}
    Expected<std::optional<std::string>> read(const std::string& key) override {
        if (auto v = env_->read(key); !v || *v) return v;
        if (keychain_) return keychain_->read(key);
        return std::optional<std::string>();
    }
    Expected<void> write(const std::string& key, const std::string& value) override {
        if (!keychain_)
            return makeDiagnostic("secrets/store", "no system keychain is available (" + reason_ + "); set the environment variable " +
                                                       environmentVariableFor(key) + " instead");
        return keychain_->write(key, value);
    }
    Expected<void> remove(const std::string& key) override {
        if (!keychain_)
            return makeDiagnostic("secrets/store", "no system keychain is available (" + reason_ + "); unset " +
                                                       environmentVariableFor(key) + " instead");
        return keychain_->remove(key);
    }
    std::string describe() const override {
        return keychain_ ? "environment, then system keychain" : "environment only (keychain unavailable: " + reason_ + ")";
    }

private:
    std::unique_ptr<SecretStore> env_, keychain_;
    std::string reason_;
};
} // namespace

std::unique_ptr<SecretStore> makeDefaultSecretStore() {
    auto keychain = makeKeychainSecretStore();
    if (!keychain) return std::make_unique<LayeredStore>(makeEnvironmentSecretStore(), nullptr, keychain.message());
    return std::make_unique<LayeredStore>(makeEnvironmentSecretStore(), std::move(*keychain), std::string());
}

} // namespace quire::secrets
