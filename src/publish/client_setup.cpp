#include <quire/publish/client_setup.h>
#include <quire/publish/credentials.h>
#include <quire/publish/regions.h>

#include <cstdlib>

namespace quire::publish {

std::optional<ClientConfig> makeClientConfig(const ClientSetup& setup, secrets::SecretStore& store, std::string& problem) {
    auto env = [](const char* name) {
        const char* value = std::getenv(name);
        return std::string(value ? value : "");
    };
    std::string host;
    if (!setup.baseUrl.empty()) {
        auto url = resolveBaseUrl(setup.baseUrl);
        if (!url || url->rfind("http", 0) != 0) {
            problem = "--base-url must be an http(s) URL, got '" + setup.baseUrl + "'";
            return std::nullopt;
        }
        host = *url;
    } else if (!setup.region.empty()) {
        auto url = resolveBaseUrl(setup.region);
        if (!url) {
            problem = "unknown region '" + setup.region + "'; regions: " + regionNames();
            return std::nullopt;
        }
        host = *url;
    } else if (!setup.sidecarBaseUrl.empty()) {
        host = setup.sidecarBaseUrl;
    } else if (!env("QUIRE_SIGMA_BASE_URL").empty()) {
        host = *resolveBaseUrl(env("QUIRE_SIGMA_BASE_URL"));
    } else if (!env("QUIRE_SIGMA_REGION").empty()) {
        auto url = resolveBaseUrl(env("QUIRE_SIGMA_REGION"));
        if (!url) {
            problem = "unknown region '" + env("QUIRE_SIGMA_REGION") + "' in QUIRE_SIGMA_REGION; regions: " + regionNames();
            return std::nullopt;
        }
        host = *url;
    } else {
        problem = "no Sigma API host: pass --region (" + regionNames() + ") or --base-url, or set QUIRE_SIGMA_REGION";
        return std::nullopt;
    }
    auto credentials = loadCredentials(store, setup.profile, &problem);
    if (!credentials) return std::nullopt;
    ClientConfig config;
    config.baseUrl = host;
    config.credentials = *credentials;
    config.timeout = std::chrono::milliseconds(std::max(1, setup.timeoutSeconds) * 1000LL);
    return config;
}

} // namespace quire::publish
