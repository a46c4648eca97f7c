// quire sql CONNECTION "SELECT ..." [--format table|csv|json] [--limit N] [--timeout S]
#include "command_registry.h"
#include "connect_cli.h"

#include <quire/connect/result_format.h>

#include <iostream>

namespace {
using namespace quire::connect;

QUIRE_CLI_COMMAND("sql", 62, [](CLI::App& app, const quire::cli::GlobalOptions&) {
    auto* cmd = app.add_subcommand("sql", "Run a SQL statement on a connection and print the result");
    auto file = std::make_shared<std::string>();
    auto target = std::make_shared<std::string>();
    auto sql = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>("table");
    auto limit = std::make_shared<std::size_t>(0);
    auto timeout = std::make_shared<int>(0);
    cmd->add_option("connection", *target, "Profile name, Sigma connectionId or ODBC connection string")->required();
    cmd->add_option("query", *sql, "SQL text")->required();
    cmd->add_option("--format", *format, "table, csv or json")->check(CLI::IsMember({"table", "csv", "json"}));
    cmd->add_option("--limit", *limit, "Fetch at most N rows (0 = all; table output defaults to 1000)");
    cmd->add_option("--timeout", *timeout, "Query timeout in seconds (0 = none)");
    quire::cli::connect_support::addConnectionsFileOption(cmd, file);
    cmd->callback([=] {
        auto connection = quire::cli::connect_support::openTarget(*file, *target);
        ExecuteOptions options;
        options.timeout = std::chrono::seconds(*timeout);
        options.maxRows = *limit ? *limit : (*format == "table" ? 1000 : 0);
        if (*format == "table") {
            auto result = connection->query(*sql, {}, options);
            if (result.columns.empty()) {
                std::cout << "OK" << (result.affectedRows >= 0 ? " (" + std::to_string(result.affectedRows) + " rows affected)" : "") << "\n";
                return;
            }
            writeResult(std::cout, result, ResultFormat::Table);
            return;
        }
        // csv/json stream batch by batch: constant memory for any result size.
        auto st = connection->createStatement();
        const bool json = *format == "json";
        if (!st->execute(*sql, {}, options)) {
            if (json) std::cout << "[]\n";
            return;
        }
        if (json) std::cout << "[";
        bool first = true;
        std::size_t rows = 0;
        st->forEachBatch([&](const ResultBatch& b) {
            if (json) writeJsonRows(std::cout, st->columns(), b, first);
            else writeCsv(std::cout, st->columns(), b, first);
            rows += b.rowCount();
            first = first && b.rowCount() == 0;
            return true;
        });
        if (json) std::cout << (rows ? "\n]\n" : "]\n");
        else if (first) writeCsv(std::cout, st->columns(), ResultBatch(st->columns()), true);
    });
});

} // namespace
