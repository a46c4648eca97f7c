#include <quire/publish/client_setup.h>
#include <quire/publish/credentials.h>
#include <quire/publish/regions.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace quire::publish {

namespace {

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return std::string(value ? value : "");
}

} // namespace

std::string environmentBaseUrlVariable(const std::string& environment) {
    std::string name = "QUIRE_SIGMA_BASE_URL_";
    for (char c : environment) name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return name;
}

// A file in the repository never chooses where the credentials go: the host comes from the user (flags,
// then the environment) or, failing both, from the sidecar only when that names one of Sigma's own region
// hosts. Every host must pass credentialHostProblem() (https; http only to loopback).
Expected<ClientConfig> makeClientConfig(const ClientSetup& setup, secrets::SecretStore& store) {
    auto refuse = [](std::string why) { return makeDiagnostic("publish/host", std::move(why)); };
    std::string problem;
    std::string host;
    std::string origin;
    auto fromRegion = [&](const std::string& region, const std::string& where) {
        auto url = resolveBaseUrl(region);
        if (!url) {
            problem = "unknown region '" + region + "'" + where + "; regions: " + regionNames();
            return false;
        }
        host = *url;
        return true;
    };
    auto fromUrl = [&](const std::string& text, const std::string& where) {
        auto url = resolveBaseUrl(text);
        if (!url || url->rfind("http", 0) != 0) {
            problem = where + " must be an http(s) URL, got '" + text + "'";
            return false;
        }
        host = *url;
        return true;
    };
    if (!setup.baseUrl.empty()) {
        origin = "--base-url";
        if (!fromUrl(setup.baseUrl, origin)) return refuse(problem);
    } else if (!setup.region.empty()) {
        origin = "--region";
        if (!fromRegion(setup.region, "")) return refuse(problem);
    } else if (!setup.environment.empty() && !env(environmentBaseUrlVariable(setup.environment).c_str()).empty()) {
        origin = environmentBaseUrlVariable(setup.environment);
        if (!fromUrl(env(origin.c_str()), origin)) return refuse(problem);
    } else if (!env("QUIRE_SIGMA_BASE_URL").empty()) {
        origin = "QUIRE_SIGMA_BASE_URL";
        if (!fromUrl(env("QUIRE_SIGMA_BASE_URL"), origin)) return refuse(problem);
    } else if (!env("QUIRE_SIGMA_REGION").empty()) {
        origin = "QUIRE_SIGMA_REGION";
        if (!fromRegion(env("QUIRE_SIGMA_REGION"), " in QUIRE_SIGMA_REGION")) return refuse(problem);
    } else if (!setup.projectHost.empty()) {
        // quire.yaml is checked when it is loaded (project.h); checked again here, whatever filled the field.
        if (!isRegionHost(setup.projectHost)) {
            problem = "quire.yaml names the API host '" + setup.projectHost +
                      "' for environment '" + setup.environment + "', which is not one of Sigma's region hosts; a file in "
                      "the repository cannot choose where credentials are sent: pass --region, or --base-url (or " +
                      environmentBaseUrlVariable(setup.environment) + ") if you trust it";
            return refuse(problem);
        }
        origin = "quire.yaml";
        host = normalizeBaseUrl(setup.projectHost);
    } else if (!setup.sidecarBaseUrl.empty()) {
        if (!isRegionHost(setup.sidecarBaseUrl)) {
            problem = "the sidecar names the API host '" + setup.sidecarBaseUrl +
                      "', which is not one of Sigma's region hosts; a file in the repository cannot choose where "
                      "credentials are sent: pass --region, or --base-url " + setup.sidecarBaseUrl + " if you trust it";
            return refuse(problem);
        }
        origin = "the sidecar";
        host = normalizeBaseUrl(setup.sidecarBaseUrl);
    } else {
        return refuse("no Sigma API host: pass --region (" + regionNames() + ") or --base-url, or set QUIRE_SIGMA_REGION");
    }
    if (std::string why = credentialHostProblem(host); !why.empty()) {
        return refuse("refusing to send credentials to " + origin + " host: " + why);
    }
    auto credentials = loadCredentials(store, setup.profile, setup.environment);
    if (!credentials) return credentials.error();
    ClientConfig config;
    config.baseUrl = host;
    config.credentials = *credentials;
    config.timeout = std::chrono::milliseconds(std::clamp(setup.timeoutSeconds, 1, 24 * 3600) * 1000LL);
    return config;
}

} // namespace quire::publish
