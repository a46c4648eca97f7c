#pragma once
// The system keychain through qtkeychain (Secret Service / KWallet on Linux). Jobs run in a local QEventLoop;
// without a QCoreApplication one is created for the duration of the call.
#include <quire/secrets/secret_store.h>

namespace quire::secrets {

// nullptr (and a reason) when no keychain backend answers within a few seconds.
Expected<std::unique_ptr<SecretStore>> makeKeychainSecretStore(); // secrets/store with why there is none

} // namespace quire::secrets
