#pragma once
// Building a SigmaClient configuration the way the CLI (and a CI job) does: the API host from an explicit
// base URL, a region name, the file's sidecar, or QUIRE_SIGMA_BASE_URL / QUIRE_SIGMA_REGION; credentials from
// QUIRE_SIGMA_CLIENT_ID/SECRET or the secret store (profile).
#include <quire/publish/sigma_client.h>
#include <quire/secrets/secret_store.h>

#include <optional>
#include <string>

namespace quire::publish {

struct ClientSetup {
    std::string baseUrl;       // --base-url
    std::string region;        // --region
    std::string sidecarBaseUrl; // from the file's sidecar, if any
    std::string profile = "default";
    int timeoutSeconds = 60;
};

// nullopt with `problem` (no secret values in it) when the host or the credentials are missing.
std::optional<ClientConfig> makeClientConfig(const ClientSetup& setup, secrets::SecretStore& store, std::string& problem);

} // namespace quire::publish
