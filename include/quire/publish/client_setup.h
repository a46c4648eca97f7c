#pragma once
// Building a SigmaClient configuration the way the CLI (and a CI job) does: the API host from --base-url,
// --region, QUIRE_SIGMA_BASE_URL, QUIRE_SIGMA_REGION, and only then the file's sidecar, which is used only
// when it names one of Sigma's region hosts (a committed file never chooses where secrets go); https only,
// plain http only to loopback. Credentials from QUIRE_SIGMA_CLIENT_ID/SECRET or the secret store (profile).
#include <quire/publish/sigma_client.h>
#include <quire/secrets/secret_store.h>

#include <optional>
#include <string>

namespace quire::publish {

struct ClientSetup {
    std::string baseUrl;       // --base-url
    std::string region;        // --region
    std::string sidecarBaseUrl; // from the file's sidecar, if any (untrusted: a region host or nothing)
    std::string profile = "default";
    int timeoutSeconds = 60;
};

// nullopt with `problem` (no secret values in it) when the host or the credentials are missing.
std::optional<ClientConfig> makeClientConfig(const ClientSetup& setup, secrets::SecretStore& store, std::string& problem);

} // namespace quire::publish
