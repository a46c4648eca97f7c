#include <quire/publish/credentials.h>

#include <quire/core/rules.h>

#include <cctype>
#include <cstdlib>

namespace quire::publish {

std::string clientIdKey(const std::string& profile) { return "sigma/" + profile + "/client-id"; }
std::string clientSecretKey(const std::string& profile) { return "sigma/" + profile + "/client-secret"; }

Expected<Credentials> loadCredentials(secrets::SecretStore& store, const std::string& profile,
                                      const std::string& environment) {
    auto env = [](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());
        if (!value || !*value) return std::nullopt;
        return std::string(value);
    };
    std::string suffix;
    for (char c : environment) suffix += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::optional<std::string> id, secret;
    if (!suffix.empty()) {
        id = env("QUIRE_SIGMA_CLIENT_ID_" + suffix);
        secret = env("QUIRE_SIGMA_CLIENT_SECRET_" + suffix);
    }
    if (!id) id = env("QUIRE_SIGMA_CLIENT_ID");
    if (!secret) secret = env("QUIRE_SIGMA_CLIENT_SECRET");
    for (auto [value, key] : {std::pair{&id, clientIdKey(profile)}, std::pair{&secret, clientSecretKey(profile)}}) {
        if (*value) continue;
        auto read = store.read(key);
        if (!read)
            return makeDiagnostic("publish/credentials",
                                  std::string("cannot read the secret store (") + store.describe() + "): " + read.message());
        *value = std::move(*read);
    }
    if (id && secret && !id->empty() && !secret->empty()) return Credentials{*id, *secret};
    return makeDiagnostic("publish/credentials",
                          std::string("no Sigma API credentials: set QUIRE_SIGMA_CLIENT_ID and QUIRE_SIGMA_CLIENT_SECRET, or store ") +
                              clientIdKey(profile) + " and " + clientSecretKey(profile) + " in " + store.describe() +
                              " (missing: " + (!id ? "client id" : "") + (!id && !secret ? ", " : "") +
                              (!secret ? "client secret" : "") + ")");
}

} // namespace quire::publish
