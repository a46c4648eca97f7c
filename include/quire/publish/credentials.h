#pragma once
// Sigma API client credentials: QUIRE_SIGMA_CLIENT_ID / QUIRE_SIGMA_CLIENT_SECRET (CI) first, then the secret
// store keys sigma/<profile>/client-id and sigma/<profile>/client-secret. Never from arguments or files.
#include <quire/publish/sigma_client.h>
#include <quire/secrets/secret_store.h>

#include <optional>
#include <string>

namespace quire::publish {

std::string clientIdKey(const std::string& profile);     // "sigma/<profile>/client-id"
std::string clientSecretKey(const std::string& profile); // "sigma/<profile>/client-secret"

// nullopt with `problem` saying what is missing (names of the variables and keys, never values).
std::optional<Credentials> loadCredentials(secrets::SecretStore& store, const std::string& profile,
                                           std::string* problem = nullptr);

} // namespace quire::publish
