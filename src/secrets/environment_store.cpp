// Read-only store over QUIRE_SECRET_<KEY> environment variables (CI, headless machines).
#include <quire/secrets/secret_store.h>

#include <cctype>
#include <cstdlib>

namespace quire::secrets {

std::string environmentVariableFor(const std::string& key) {
    std::string name = "QUIRE_SECRET_";
    for (unsigned char c : key) name.push_back(std::isalnum(c) ? static_cast<char>(std::toupper(c)) : '_');
    return name;
}

namespace {
class EnvironmentStore final : public SecretStore {
public:
    Expected<std::optional<std::string>> read(const std::string& key) override {
        const char* v = std::getenv(environmentVariableFor(key).c_str());
        if (!v) return std::optional<std::string>();
        return std::optional<std::string>(v);
    }
    Expected<void> write(const std::string& key, const std::string&) override {
        return makeDiagnostic("secrets/store", "the environment secret store is read-only: set " + environmentVariableFor(key) +
                                                   " in the environment instead");
    }
    Expected<void> remove(const std::string& key) override {
        return makeDiagnostic("secrets/store", "the environment secret store is read-only: unset " + environmentVariableFor(key) +
                                                   " instead");
    }
    std::string describe() const override { return "environment (QUIRE_SECRET_*)"; }
};
} // namespace

std::unique_ptr<SecretStore> makeEnvironmentSecretStore() { return std::make_unique<EnvironmentStore>(); }

} // namespace quire::secrets
