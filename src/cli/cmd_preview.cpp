// quire preview FILE --element ID [--control id=value ...] [--connections F] [--limit N] [--offset N]
//                    [--format table|csv|json] [--show-sql] [--as EMAIL] [--personas FILE]
// Plans one element with the current control values (all bound as parameters) and runs it on the element's
// connection through the IDE's preview pipeline (RefreshScheduler + WarehouseRefresh + pool + cache). Repeating --control for a list control selects several values; ranges take "low..high". Values
// are typed by the control's kind (control_values.h): a text control takes "00123" as text, a number control
// refuses "abc".
#include "command_registry.h"
#include "connect_cli.h"
#include "control_values.h"
#include "persona_cli.h"

#include <quire/connect/result_format.h>
#include <quire/doc/io.h>
#include <quire/connect/pool.h>
#include <quire/preview/cached_result_set.h>
#include <quire/preview/connect_params.h>
#include <quire/preview/planner.h>
#include <quire/preview/refresh_scheduler.h>
#include <quire/preview/warehouse_refresh.h>
#include <quire/secrets/secret_store.h>
#include <quire/sql/dialect.h>

#include <chrono>
#include <ctime>
#include <iostream>
#include <map>

namespace {
using namespace quire;

QUIRE_CLI_COMMAND("preview", 40, [](CLI::App& app, const quire::cli::GlobalOptions&) {
    auto* cmd = app.add_subcommand("preview", "Plan one element with control values and show its rows");
    auto file = std::make_shared<std::string>();
    auto element = std::make_shared<std::string>();
    auto controls = std::make_shared<std::vector<std::string>>();
    auto connections = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>("table");
    auto limit = std::make_shared<long long>(100);
    auto offset = std::make_shared<long long>(0);
    auto showSql = std::make_shared<bool>(false);
    auto personaArgs = std::make_shared<quire::cli::PersonaArgs>();
    cmd->add_option("file", *file, "Workbook (.json/.yaml)")->required();
    cmd->add_option("--element", *element, "Element id")->required();
    cmd->add_option("--control", *controls, "controlId=value (repeat for list values; ranges low..high)");
    cmd->add_option("--limit", *limit, "Rows per page (default 100)");
    cmd->add_option("--offset", *offset, "First row of the page");
    cmd->add_option("--format", *format, "table, csv or json")->check(CLI::IsMember({"table", "csv", "json"}));
    cmd->add_flag("--show-sql", *showSql, "Print the planned SQL and parameters to stderr");
    quire::cli::connect_support::addConnectionsFileOption(cmd, connections);
    quire::cli::addPersonaOptions(cmd, personaArgs);
    cmd->callback([=] {
        auto loaded = doc::loadDocument(*file);
        for (const auto& d : loaded.diagnostics) std::cerr << formatDiagnostic(d) << "\n";
        if (!loaded.ok() || !loaded.document->contents()) throw quire::cli::ExitCode{2};
        // As a persona: masked columns are gone from the body before anything is planned (docs/governance.md).
        auto as = quire::cli::viewElementAs(*file, *loaded.document, *element, *personaArgs);
        if (as.skip) return;
        preview::PreviewSession session(std::move(as.view.contents));
        if (as.persona) session.setCurrentUser(as.persona->user);
        std::map<std::string, std::vector<std::string>> byControl;
        for (const auto& c : *controls) {
            const auto eq = c.find('=');
            if (eq == std::string::npos || eq == 0) {
                std::cerr << "error: --control expects id=value, got '" << c << "'\n";
                throw quire::cli::ExitCode{2};
            }
            byControl[c.substr(0, eq)].push_back(c.substr(eq + 1));
        }
        for (const auto& [id, values] : byControl) {
            const auto* state = session.control(id);
            if (!state) {
                std::cerr << "error: no control with controlId '" << id << "'\n";
                throw quire::cli::ExitCode{2};
            }
            try {
                session.setControlFields(id, quire::cli::controlFieldsFromText(session, id, *state, values));
            } catch (const std::invalid_argument& e) {
                std::cerr << "error: --control " << id << ": " << e.what() << "\n";
                throw quire::cli::ExitCode{2};
            }
        }
        const std::string connectionId = preview::connectionIdOf(session, *element);
        const auto registry = quire::cli::valueOrExit(connect::ConnectionRegistry::load(*connections));
        session.setTablePathResolver(preview::registryPathResolver(registry));
        const auto entry = registry.find(connectionId);
        const auto dialectId = entry ? entry->profile.dialect() : sql::DialectId::SQLite;
        preview::PlanOptions options;
        options.today = quire::cli::todayIso();
        options.limit = *limit;
        if (*offset) options.offset = *offset;
        const auto plan = preview::planElement(session, *element, sql::dialect(dialectId), options);
        for (const auto& d : plan.diagnostics) std::cerr << formatDiagnostic(d) << "\n";
        if (!plan.ok()) throw quire::cli::ExitCode{1};
        if (*showSql) std::cerr << plan.sql << "\n-- parameters: " << plan.parametersJson().dump() << "\n";
        // The same pipeline as the IDE (docs/preview.md): the plan runs as a RefreshScheduler job of
        // WarehouseRefresh, on a pooled connection, through the result cache.
        const std::size_t rows = *limit > 0 ? std::size_t(*limit) : std::size_t(1) << 40;
        preview::ResultCache cache;
        connect::ConnectOptions connectOptions;
        connectOptions.loginTimeout = std::chrono::seconds(10);
        connect::ConnectionPool pool(1, connectOptions);
        auto store = secrets::makeDefaultSecretStore();
        preview::WarehouseRefresh refresh(
            cache, pool,
            [&](const std::string& id) { return connect::resolveConnectionString(registry, id, *store); },
            preview::FetchWindow{rows, 1024});
        refresh.setAuditWorkbook(*file); // WarehouseRefresh records the query in the audit log
        refresh.setPlan(*element, plan);
        preview::RefreshScheduler scheduler(refresh.job(), {}, 1);
        scheduler.refresh({*element});
        while (!scheduler.waitIdle(std::chrono::hours(1))) {
        }
        const auto outcome = scheduler.outcome(*element);
        // A failed query ends like any other command error ("quire: error: ...", exit 2).
        if (!outcome || outcome->status != preview::RefreshOutcome::Status::Done)
            throw std::runtime_error(outcome ? outcome->error : std::string("the query did not run"));
        const auto fmt = *format == "csv" ? connect::ResultFormat::Csv
                         : *format == "json" ? connect::ResultFormat::Json : connect::ResultFormat::Table;
        connect::writeResult(std::cout, quire::cli::withMaskedColumns(preview::toResultSet(*outcome->result), as.view.maskedNames(*element)), fmt);
    });
});

} // namespace
