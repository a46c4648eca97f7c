// quire audit show [--since DATE] [--format text|json] [--log FILE]
// quire audit verify [--log FILE]
// The local audit log (docs/governance.md "Audit log"): `show` prints its entries, `verify` checks every line
// and the hash chain and names the first bad entry. Exit status: 0 intact / shown, 1 a bad entry (verify) or
// lines that are not entries (show), 2 an unreadable log or a bad --since.
#include "command_registry.h"

#include <quire/governance/audit_log.h>

#include <iostream>

namespace {
using namespace quire;
namespace audit = quire::governance::audit;

std::string field(const Json& entry, const char* key) {
    if (!entry.contains(key)) return {};
    const Json& v = entry[key];
    return v.is_string() ? v.get<std::string>() : v.dump();
}

void printText(const audit::ShownEntry& shown) {
    const Json& e = shown.entry;
    std::cout << field(e, "time") << "  " << field(e, "user") << "  " << field(e, "action") << "  " << field(e, "outcome");
    for (const char* key : {"workbook", "workbookId", "environment", "element", "persona", "rows", "sqlHash", "target", "sigmaIdentity"}) {
        const std::string value = field(e, key);
        if (value.empty()) continue;
        // A hash is long and only needs to be recognisable here; `--format json` has it whole.
        std::cout << "  " << key << "=" << (std::string_view(key) == "sqlHash" ? value.substr(0, 12) : value);
    }
    std::cout << "\n";
}

QUIRE_CLI_COMMAND("audit", 75, [](CLI::App& app, const quire::cli::GlobalOptions&) {
    auto* cmd = app.add_subcommand("audit", "The local audit log of publishes, pulls, merges, connections and preview queries");
    cmd->require_subcommand(1);
    auto log = std::make_shared<std::string>();
    const auto addLogOption = [log](CLI::App* sub) {
        sub->add_option("--log", *log, "The audit log (default: $QUIRE_AUDIT_LOG, else $XDG_DATA_HOME/quire/audit.jsonl)");
    };
    const auto path = [log] { return log->empty() ? audit::defaultLogPath() : *log; };

    auto* show = cmd->add_subcommand("show", "Print the log's entries");
    auto since = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>("text");
    show->add_option("--since", *since, "Only entries at or after this UTC date or time (YYYY-MM-DD[THH:MM[:SS]])");
    show->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
    addLogOption(show);
    show->callback([=] {
        if (!since->empty() && !audit::isIsoDateOrTime(*since)) {
            std::cerr << "quire audit: --since expects YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS], got '" << since->substr(0, 80) << "'\n";
            throw quire::cli::ExitCode{2};
        }
        auto read = audit::read(path(), *since);
        if (!read) {
            std::cerr << formatDiagnostic(read.error()) << "\n";
            throw quire::cli::ExitCode{2};
        }
        if (*format == "json") {
            Json out = Json::array();
            for (const auto& e : read->entries) out.push_back(e.entry);
            std::cout << out.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
        } else {
            for (const auto& e : read->entries) printText(e);
        }
        for (const auto& d : read->problems) std::cerr << formatDiagnostic(d) << "\n";
        if (!read->problems.empty()) {
            std::cerr << "quire audit: some lines are not entries; run `quire audit verify`\n";
            throw quire::cli::ExitCode{1};
        }
    });

    auto* verify = cmd->add_subcommand("verify", "Check every entry and the hash chain; name the first bad entry");
    addLogOption(verify);
    verify->callback([=] {
        const std::string file = path();
        auto report = audit::verify(file);
        if (!report) {
            std::cerr << formatDiagnostic(report.error()) << "\n";
            throw quire::cli::ExitCode{2};
        }
        for (const auto& note : report->notes) std::cout << note << "\n";
        if (report->problem) {
            std::cout << formatDiagnostic(*report->problem) << "\n";
            throw quire::cli::ExitCode{1};
        }
        if (!report->notes.empty() && report->entries == 0) return; // no log yet: the note says so
        std::cout << file << ": " << report->entries << (report->entries == 1 ? " entry" : " entries") << ", chain intact\n";
    });
});

} // namespace
