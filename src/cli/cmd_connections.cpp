// quire connections list | test NAME | add NAME --type T --field k=v... | remove NAME
// Secrets are never taken from argv: `add` reads them from QUIRE_SECRET_* or prompts on the terminal.
#include "command_registry.h"
#include "connect_cli.h"

#include <quire/connect/connection_registry.h>
#include <quire/governance/audit_log.h>

#include <iostream>
#include <stdexcept>
#include <termios.h>
#include <unistd.h>

namespace {
using namespace quire::connect;

// The audit log entry of a connection or secret change: names only, never a secret's value.
void auditConnection(const std::string& action, const std::string& name, const std::string& outcome) {
    quire::governance::audit::Entry entry;
    entry.action = action;
    entry.target = name;
    entry.outcome = outcome;
    quire::governance::audit::record(entry);
}

// A secret is one line, but standard input can be anything (a file, /dev/zero): read at most this much.
constexpr std::size_t kMaxSecretBytes = 64 * 1024;

std::string readSecretLine() {
    std::string line;
    for (auto c = std::cin.get(); c != std::char_traits<char>::eof() && c != '\n'; c = std::cin.get()) {
        if (line.size() == kMaxSecretBytes)
            throw std::runtime_error("the secret on standard input is longer than the limit of " +
                                     std::to_string(kMaxSecretBytes) + " bytes");
        line.push_back(static_cast<char>(c));
    }
    return line;
}

std::string promptSecret(const std::string& label) {
    if (!isatty(STDIN_FILENO)) return readSecretLine();
    std::cerr << label << ": " << std::flush;
    termios old{};
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    std::string line;
    try {
        line = readSecretLine();
    } catch (...) {
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
        throw;
    }
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
    return line;
}

QUIRE_CLI_COMMAND("connections", 61, [](CLI::App& app, const quire::cli::GlobalOptions&) {
    auto* cmd = app.add_subcommand("connections", "Warehouse connection profiles (Sigma connectionId -> ODBC)");
    cmd->require_subcommand(1);
    auto file = std::make_shared<std::string>();
    quire::cli::connect_support::addConnectionsFileOption(cmd, file);

    auto* list = cmd->add_subcommand("list", "List profiles, ODBC drivers and DSNs");
    list->callback([file] {
        auto registry = quire::cli::valueOrExit(ConnectionRegistry::load(*file));
        std::cout << "profiles (" << registry.file() << "):\n";
        for (const auto& e : registry.entries())
            std::cout << "  " << e.profile.name << "  " << warehouseKindName(e.profile.kind)
                      << (e.connectionId.empty() ? "" : "  connectionId=" + e.connectionId)
                      << (e.builtIn ? "  (built in)" : "") << "\n";
        auto env = Environment::shared();
        std::cout << "ODBC drivers:\n";
        for (const auto& d : env->drivers()) std::cout << "  " << d.name << "\n";
        auto dsns = env->dataSources();
        std::cout << "DSNs:" << (dsns.empty() ? " (none)" : "") << "\n";
        for (const auto& d : dsns) std::cout << "  " << d.name << "  " << d.driver << (d.system ? "  (system)" : "") << "\n";
    });

    auto* test = cmd->add_subcommand("test", "Connect and run a trivial query");
    auto testName = std::make_shared<std::string>();
    test->add_option("name", *testName, "Profile name or connectionId")->required();
    test->callback([file, testName] {
        const auto t0 = std::chrono::steady_clock::now();
        try {
            auto c = quire::cli::connect_support::openTarget(*file, *testName, 5);
            auto r = c->query("SELECT 1");
            const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
            std::cout << *testName << ": OK (" << c->dbmsName() << ", driver " << c->driverName() << ", " << static_cast<int>(ms)
                      << " ms)\n";
            auditConnection("connection-test", *testName, r.rowCount() == 1 ? "ok" : "failed");
            if (r.rowCount() != 1) throw quire::cli::ExitCode{1};
        } catch (const OdbcError& e) {
            auditConnection("connection-test", *testName, "failed");
            std::cerr << *testName << ": FAILED: " << e.what() << "\n";
            throw quire::cli::ExitCode{1};
        }
    });

    auto* add = cmd->add_subcommand("add", "Add or replace a profile (secrets from QUIRE_SECRET_* or a prompt)");
    auto name = std::make_shared<std::string>();
    auto type = std::make_shared<std::string>();
    auto connectionId = std::make_shared<std::string>();
    auto dsn = std::make_shared<std::string>();
    auto driver = std::make_shared<std::string>();
    auto fields = std::make_shared<std::vector<std::string>>();
    auto values = std::make_shared<std::map<std::string, std::string>>();
    add->add_option("name", *name, "Profile name")->required();
    add->add_option("--type", *type, "snowflake, bigquery, redshift, databricks, postgresql, sqlite")->required();
    add->add_option("--connection-id", *connectionId, "The Sigma connectionId this profile serves");
    add->add_option("--dsn", *dsn, "Use this ODBC DSN");
    add->add_option("--driver", *driver, "ODBC driver name (default: the warehouse's usual driver)");
    for (const char* f : {"host", "port", "database", "user", "server", "warehouse", "schema", "role", "authenticator",
                          "private-key-file", "project", "dataset", "email", "key-file", "http-path", "sslmode", "region",
                          "cluster", "iam"}) {
        std::string key(f);
        std::replace(key.begin(), key.end(), '-', '_');
        add->add_option(std::string("--") + f, (*values)[key], "Profile field " + key);
    }
    add->add_option("--field", *fields, "Other non-secret field as key=value");
    add->callback([=] {
        auto kind = parseWarehouseKind(*type);
        if (!kind) quire::cli::succeedOrExit(quire::makeDiagnostic("cli/argument", "unknown --type '" + *type + "'"));
        RegistryEntry entry;
        entry.profile.name = *name;
        entry.profile.kind = *kind;
        entry.profile.dsn = *dsn;
        entry.profile.driver = *driver;
        entry.connectionId = *connectionId;
        for (const auto& [k, v] : *values)
            if (!v.empty()) entry.profile.fields[k] = v;
        for (const auto& kv : *fields) {
            auto eq = kv.find('=');
            if (eq == std::string::npos) quire::cli::succeedOrExit(quire::makeDiagnostic("cli/argument", "--field expects key=value, got '" + kv + "'"));
            entry.profile.fields[kv.substr(0, eq)] = kv.substr(eq + 1);
        }
        (void)quire::cli::valueOrExit(profileFromJson(*name, profileToJson(entry.profile))); // rejects secret-looking fields
        auto store = quire::secrets::makeDefaultSecretStore();
        for (const auto& secret : entry.profile.secretNames()) {
            const std::string key = ConnectionProfile::secretKey(*name, secret);
            if (auto found = store->read(key); found && *found) {
                std::cerr << "secret " << key << ": found in " << store->describe() << "\n";
                continue;
            }
            const std::string value = promptSecret("Secret '" + secret + "' for " + *name);
            if (auto written = store->write(key, value)) {
                auditConnection("secret-set", key, "ok");
            } else {
                auditConnection("secret-set", key, "failed");
                std::cerr << "quire: warning: " << written.message() << "\n";
            }
        }
        auto registry = quire::cli::valueOrExit(ConnectionRegistry::load(*file));
        registry.put(entry);
        quire::cli::succeedOrExit(registry.save());
        auditConnection("connection-add", *name, "ok");
        std::cout << "saved " << *name << " to " << registry.file() << "\n";
    });

    auto* remove = cmd->add_subcommand("remove", "Remove a profile");
    auto removeName = std::make_shared<std::string>();
    remove->add_option("name", *removeName, "Profile name")->required();
    remove->callback([file, removeName] {
        auto registry = quire::cli::valueOrExit(ConnectionRegistry::load(*file));
        if (!registry.remove(*removeName)) {
            auditConnection("connection-remove", *removeName, "no such profile");
            std::cerr << "quire: no removable profile '" << *removeName << "'\n";
            throw quire::cli::ExitCode{1};
        }
        quire::cli::succeedOrExit(registry.save());
        auditConnection("connection-remove", *removeName, "ok");
        std::cout << "removed " << *removeName << "\n";
    });
});

} // namespace
