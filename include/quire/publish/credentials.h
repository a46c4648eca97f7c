#pragma once
// Sigma API client credentials: QUIRE_SIGMA_CLIENT_ID[_<ENV>] / QUIRE_SIGMA_CLIENT_SECRET[_<ENV>] (CI) first, then the secret
// store keys sigma/<profile>/client-id and sigma/<profile>/client-secret. Never from arguments or files.
#include <quire/core/expected.h>
#include <quire/publish/sigma_client.h>
#include <quire/secrets/secret_store.h>

#include <optional>
#include <string>

namespace quire::publish {

std::string clientIdKey(const std::string& profile);     // "sigma/<profile>/client-id"
std::string clientSecretKey(const std::string& profile); // "sigma/<profile>/client-secret"

// The credentials, or publish/credentials saying what is missing (names of the variables and keys, never
// values). With a quire.yaml `environment`, QUIRE_SIGMA_CLIENT_ID_<ENV> / QUIRE_SIGMA_CLIENT_SECRET_<ENV> (upper
// case, '-' as '_') come first, so one CI job can promote between two Sigma organisations.
Expected<Credentials> loadCredentials(secrets::SecretStore& store, const std::string& profile,
                                      const std::string& environment = {});

} // namespace quire::publish
