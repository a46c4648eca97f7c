// quire warehouse generate|load-postgres: the embedded "Marketing Analytics" sample warehouse.
#include "command_registry.h"
#include "terminal_progress.h"

#include <quire/connect/sample_warehouse.h>

#include <chrono>
#include <iostream>

namespace {
using namespace quire::connect;

void printCounts(const SampleCounts& c, double seconds) {
    std::cout << "users " << c.users << ", channels " << c.channels << ", campaigns " << c.campaigns << ", sessions "
              << c.sessions << ", user_events " << c.events << ", conversions " << c.conversions << ", orders "
              << c.orders << " (" << seconds << " s)\n";
}
double since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

QUIRE_CLI_COMMAND("warehouse", 60, [](CLI::App& app, const quire::cli::GlobalOptions&) {
    auto* cmd = app.add_subcommand("warehouse", "The embedded Marketing Analytics sample warehouse");
    cmd->require_subcommand(1);

    auto* gen = cmd->add_subcommand("generate", "Write the sample warehouse as a SQLite file (deterministic)");
    auto rowsGen = std::make_shared<std::int64_t>(SampleOptions{}.eventRows);
    auto out = std::make_shared<std::string>();
    gen->add_option("--rows", *rowsGen, "user_events rows (other tables scale from it)")->capture_default_str();
    gen->add_option("-o,--output", *out, "SQLite file (default: $XDG_DATA_HOME/quire/marketing.db)");
    auto progressGen = std::make_shared<std::string>("auto");
    gen->add_option("--progress", *progressGen, "Progress bar on stderr: auto (on a terminal), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    gen->callback([rowsGen, out, progressGen] {
        const std::string path = out->empty() ? defaultSampleWarehousePath() : *out;
        const auto t0 = std::chrono::steady_clock::now();
        quire::cli::TerminalProgress bar("sample warehouse", quire::cli::parseProgressMode(*progressGen));
        SampleOptions options{*rowsGen, SampleOptions{}.seed, {}};
        if (bar.enabled())
            options.progress = [&bar](const SampleProgress& p) {
                bar.update(p.rows, p.expectedRows, p.table);
                return true;
            };
        auto counts = generateSqlite(path, options);
        bar.finish();
        std::cout << path << ": ";
        printCounts(counts, since(t0));
    });

    auto* load = cmd->add_subcommand("load-postgres", "Load the same sample data into PostgreSQL (COPY through psql)");
    auto env = std::make_shared<std::string>();
    auto rowsPg = std::make_shared<std::int64_t>(200'000);
    auto schema = std::make_shared<std::string>();
    load->add_option("--env-file", *env, "File with QUIRE_PG_HOST/PORT/DATABASE/USER/PASSWORD lines")->required();
    load->add_option("--rows", *rowsPg, "user_events rows (smaller default than SQLite: fast fixture start)")
        ->capture_default_str();
    load->add_option("--schema", *schema, "Load into this schema (created if missing) instead of the search_path");
    auto progressPg = std::make_shared<std::string>("auto");
    load->add_option("--progress", *progressPg, "Progress bar on stderr: auto (on a terminal), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    load->callback([env, rowsPg, schema, progressPg] {
        const auto t0 = std::chrono::steady_clock::now();
        auto target = readPostgresEnvFile(*env);
        target.schema = *schema;
        quire::cli::TerminalProgress bar("sample warehouse", quire::cli::parseProgressMode(*progressPg));
        SampleOptions options{*rowsPg, SampleOptions{}.seed, {}};
        if (bar.enabled())
            options.progress = [&bar](const SampleProgress& p) {
                bar.update(p.rows, p.expectedRows, p.table);
                return true;
            };
        auto counts = loadPostgres(target, options);
        bar.finish();
        std::cout << target.host << ":" << target.port << "/" << target.database << ": ";
        printCounts(counts, since(t0));
    });
});

} // namespace
