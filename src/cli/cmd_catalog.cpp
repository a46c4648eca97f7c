// quire catalog CONNECTION [schema] [--table T] [--preview N]: tables and columns through SQLTables/SQLColumns.
#include "command_registry.h"
#include "connect_cli.h"

#include <quire/connect/catalog.h>
#include <quire/connect/result_format.h>

#include <iostream>

namespace {
using namespace quire::connect;

QUIRE_CLI_COMMAND("catalog", 63, [](CLI::App& app, const quire::cli::GlobalOptions&) {
    auto* cmd = app.add_subcommand("catalog", "List the tables (and their columns) of a connection");
    auto file = std::make_shared<std::string>();
    auto target = std::make_shared<std::string>();
    auto schema = std::make_shared<std::string>();
    auto table = std::make_shared<std::string>();
    auto preview = std::make_shared<std::size_t>(0);
    cmd->add_option("connection", *target, "Profile name, Sigma connectionId or ODBC connection string")->required();
    cmd->add_option("schema", *schema, "Only this schema");
    cmd->add_option("--table", *table, "Only this table, with its columns");
    cmd->add_option("--preview", *preview, "With --table: also print the first N rows");
    quire::cli::connect_support::addConnectionsFileOption(cmd, file);
    cmd->callback([=] {
        Catalog catalog(quire::cli::connect_support::openTarget(*file, *target));
        bool any = false;
        for (const auto& t : catalog.tables(*schema)) {
            if (!table->empty() && t.name != *table) continue;
            any = true;
            std::string qualified = t.schema.empty() ? t.name : t.schema + "." + t.name;
            std::cout << qualified << " (" << (t.kind.empty() ? "TABLE" : t.kind) << ")\n";
            for (const auto& c : catalog.columns(t.name, t.schema, t.catalog))
                std::cout << "  " << c.name << "  " << c.typeName << "  " << columnTypeName(c.type)
                          << (c.nullable ? "" : "  not null") << "\n";
            if (!table->empty() && *preview > 0) writeResult(std::cout, catalog.preview(t, *preview), ResultFormat::Table);
        }
        if (!any) {
            std::cerr << "quire: no " << (table->empty() ? "tables" : "table '" + *table + "'") << " found\n";
            throw quire::cli::ExitCode{1};
        }
    });
});

} // namespace
