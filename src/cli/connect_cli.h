#pragma once
// Shared by the connector commands (connections, catalog, sql): the --connections option and opening a
// connection by profile name, Sigma connectionId or literal ODBC string.
#include <CLI/CLI.hpp>

#include "command_registry.h"

#include <quire/connect/connection_registry.h>
#include <quire/connect/odbc.h>
#include <quire/secrets/secret_store.h>

#include <memory>
#include <string>

namespace quire::cli::connect_support {

inline void addConnectionsFileOption(CLI::App* cmd, std::shared_ptr<std::string> file) {
    cmd->add_option("--connections", *file,
                    "Connection mapping file (default: $QUIRE_CONNECTIONS_FILE or $XDG_CONFIG_HOME/quire/connections.json)");
}

inline std::shared_ptr<quire::connect::Connection> openTarget(const std::string& file, const std::string& target,
                                                               int loginTimeoutSeconds = 10) {
    const auto registry = valueOrExit(quire::connect::ConnectionRegistry::load(file));
    auto store = quire::secrets::makeDefaultSecretStore();
    const std::string cs = valueOrExit(quire::connect::resolveConnectionString(registry, target, *store));
    quire::connect::ConnectOptions options;
    options.loginTimeout = std::chrono::seconds(loginTimeoutSeconds);
    return quire::connect::Connection::open(cs, options);
}

} // namespace quire::cli::connect_support
