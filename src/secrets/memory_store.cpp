// In-memory store for tests and for one-off sessions.
#include <quire/secrets/secret_store.h>

#include <map>
#include <mutex>

namespace quire::secrets {
namespace {
class MemoryStore final : public SecretStore {
public:
    Expected<std::optional<std::string>> read(const std::string& key) override {
        std::lock_guard lock(mutex_);
        auto it = values_.find(key);
        if (it == values_.end()) return std::optional<std::string>();
        return std::optional<std::string>(it->second);
    }
    Expected<void> write(const std::string& key, const std::string& value) override {
        if (key.empty()) return makeDiagnostic("secrets/store", "secret key must not be empty");
        std::lock_guard lock(mutex_);
        values_[key] = value;
        return {};
    }
    Expected<void> remove(const std::string& key) override {
        std::lock_guard lock(mutex_);
        values_.erase(key);
        return {};
    }
    std::string describe() const override { return "memory"; }

private:
    std::mutex mutex_;
    std::map<std::string, std::string> values_;
};
} // namespace

std::unique_ptr<SecretStore> makeMemorySecretStore() { return std::make_unique<MemoryStore>(); }

} // namespace quire::secrets
