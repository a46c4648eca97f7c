#pragma once
// Building a SigmaClient configuration the way the CLI (and a CI job) does: the API host from --base-url,
// --region, QUIRE_SIGMA_BASE_URL_<ENV> (for a quire.yaml environment), QUIRE_SIGMA_BASE_URL,
// QUIRE_SIGMA_REGION, then the environment's region in quire.yaml, and only then the file's sidecar. The
// committed files (quire.yaml, sidecar) are used only when they name one of Sigma's region hosts (a committed
// file never chooses where secrets go); https only, plain http only to loopback. Credentials from
// QUIRE_SIGMA_CLIENT_ID/SECRET or the secret store (profile).
#include <quire/core/expected.h>
#include <quire/publish/sigma_client.h>
#include <quire/secrets/secret_store.h>

#include <optional>
#include <string>

namespace quire::publish {

struct ClientSetup {
    std::string baseUrl;       // --base-url
    std::string region;        // --region
    std::string sidecarBaseUrl; // from the file's sidecar, if any (untrusted: a region host or nothing)
    std::string environment;    // quire.yaml environment name ("" = none): enables QUIRE_SIGMA_BASE_URL_<ENV>
    std::string projectHost;    // the host quire.yaml names for it (untrusted: a region host or nothing)
    std::string profile = "default";
    int timeoutSeconds = 60;
};

// "QUIRE_SIGMA_BASE_URL_STAGING" for "staging" ('-' becomes '_').
std::string environmentBaseUrlVariable(const std::string& environment);

// The configuration, or why not (no secret values in it): `publish/host` when the host is missing or refused,
// `publish/credentials` when the client id or secret is missing.
Expected<ClientConfig> makeClientConfig(const ClientSetup& setup, secrets::SecretStore& store);

} // namespace quire::publish
