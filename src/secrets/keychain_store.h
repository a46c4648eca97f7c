#pragma once
// The system keychain through qtkeychain (Secret Service / KWallet on Linux). Jobs run in a local QEventLoop;
// without a QCoreApplication one is created for the duration of the call.
#include <quire/secrets/secret_store.h>

namespace quire::secrets {

// The keychain store, or secrets/store saying why there is none (no D-Bus session, or no backend answers
// within a few seconds).
Expected<std::unique_ptr<SecretStore>> makeKeychainSecretStore();

} // namespace quire::secrets
