// quire verify FILE (--env NAME | --workbook-id ID) [--connections F] [--format text|json] [--tolerance T]
//               [--max-rows N] [--region R | --base-url URL] [--profile P]
// Sigma as the oracle: for each data element of the published workbook, fetches Sigma's compiled SQL
// (GET /v2/workbooks/{id}/elements/{eid}/query) and, where the element's connection is in the local
// registry, runs it and Quire's own SQL for the element on that warehouse (read-only) and compares the
// results. Prints a per-element status and the element accuracy. Exit status: 0 every compared element
// matches, 1 otherwise, 2 setup problem.
#include <quire/connect/connection_registry.h>
#include <quire/connect/odbc.h>
#include <quire/doc/io.h>
#include <quire/preview/connect_params.h>
#include <quire/preview/planner.h>
#include <quire/preview/session.h>
#include <quire/publish/sidecar.h>
#include <quire/secrets/secret_store.h>
#include <quire/sql/dialect.h>

#include <QCoreApplication>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include "command_registry.h"
#include "terminal_progress.h"
#include "deploy_cli.h"
#include "result_compare.h"
#include "control_values.h"

namespace quire::cli {
namespace {

struct VerifyArgs {
    std::string file;
    std::string environment;
    std::string workbookId;
    std::string connections;
    std::string format = "text";
    double tolerance = 1e-6;
    std::size_t maxRows = 100000;
    std::string progress = "auto";
    deploy::HostFlags host;
};

struct ElementReport {
    std::string id;
    std::string name;
    std::string status; // match, differs, no-local-connection, sigma-error, quire-error
    std::string detail;
};

std::string clip(const std::string& text, std::size_t max = 300) {
    std::string out = text.size() > max ? text.substr(0, max) + "... (" + std::to_string(text.size() - max) + " more characters)" : text;
    for (char& c : out)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return out;
}

// Runs `sql` on the open connection; nullopt with `problem` on failure or past `maxRows` rows.
std::optional<connect::ResultSet> runQuery(connect::Connection& connection, const std::string& sql, const std::vector<connect::Param>& params,
                                           std::size_t maxRows, std::string& problem) {
    connect::ExecuteOptions options;
    options.maxRows = maxRows + 1;
    try {
        connect::ResultSet result = connection.query(sql, params, options);
        if (result.rowCount() > maxRows) {
            problem = "more than " + std::to_string(maxRows) + " rows (raise --max-rows)";
            return std::nullopt;
        }
        return result;
    } catch (const std::exception& e) {
        problem = clip(e.what());
        return std::nullopt;
    }
}

// Positions in `outputColumns` (names) of the element's sort columns; empty when one cannot be found.
std::vector<std::size_t> sortColumns(const Json& element, const std::vector<std::string>& outputColumns) {
    std::vector<std::size_t> positions;
    if (!element.contains("columns") || !element["columns"].is_array()) return {};
    for (const Json& sort : element["sort"]) {
        if (!sort.is_object() || !sort.contains("columnId") || !sort["columnId"].is_string()) return {};
        std::string name;
        for (const Json& column : element["columns"])
            if (column.is_object() && column.value("id", Json()) == sort["columnId"] && column.contains("name") && column["name"].is_string())
                name = column["name"].get<std::string>();
        const auto at = std::find(outputColumns.begin(), outputColumns.end(), name);
        if (name.empty() || at == outputColumns.end()) return {};
        positions.push_back(std::size_t(at - outputColumns.begin()));
    }
    return positions;
}

class Verifier {
public:
    Verifier(const VerifyArgs& args, const Json& contents, publish::SigmaClient& client, const std::string& workbookId,
             connect::ConnectionRegistry registry)
        : args_(args), session_(contents), client_(client), workbookId_(workbookId), registry_(std::move(registry)),
          store_(secrets::makeDefaultSecretStore()) {
        session_.setTablePathResolver(preview::registryPathResolver(registry_));
    }

    // Only data elements have a query (controls, text and containers have no connection).
    bool hasQuery(const std::string& elementId) const { return !preview::connectionIdOf(session_, elementId).empty(); }

    ElementReport check(const Json& element) {
        ElementReport report;
        report.id = element["id"].get<std::string>();
        report.name = element.contains("name") && element["name"].is_string() ? element["name"].get<std::string>() : "";
        const std::string connectionId = preview::connectionIdOf(session_, report.id);
        const auto entry = registry_.find(connectionId);
        if (!entry) return with(report, "no-local-connection", "connection " + clip(connectionId, 80) + " is not in the local registry");

        publish::ApiResult reply = client_.elementQuery(workbookId_, report.id);
        if (!reply.ok()) return with(report, "sigma-error", clip(reply.error.describe()));
        if (!reply.body.is_object() || !reply.body.contains("sql") || !reply.body["sql"].is_string())
            return with(report, "sigma-error", "the reply has no `sql` text: " + clip(reply.body.dump(), 120));
        const std::string sigmaSql = reply.body["sql"].get<std::string>();
        if (std::string why = verify::readOnlyProblem(sigmaSql); !why.empty())
            return with(report, "sigma-error", "not run: Sigma's SQL is not a single read-only query (" + why + ")");

        preview::PlanOptions options;
        options.today = todayIso();
        const preview::PlannedQuery plan = preview::planElement(session_, report.id, sql::dialect(entry->profile.dialect()), options);
        if (!plan.ok()) {
            std::string why = "Quire cannot plan the element";
            for (const Diagnostic& d : plan.diagnostics)
                if (d.severity == Severity::Error) {
                    why = d.rule + ": " + d.message;
                    break;
                }
            return with(report, "quire-error", clip(why));
        }

        std::string problem;
        connect::Connection* connection = open(connectionId, problem);
        if (!connection) return with(report, "no-local-connection", "cannot connect: " + problem);
        const auto sigma = runQuery(*connection, sigmaSql, {}, args_.maxRows, problem);
        if (!sigma) return with(report, "sigma-error", "Sigma's SQL failed: " + problem);
        const auto quire = runQuery(*connection, plan.sql, preview::toConnectParams(plan.parameters), args_.maxRows, problem);
        if (!quire) return with(report, "quire-error", "Quire's SQL failed: " + problem);

        verify::CompareOptions compare;
        compare.tolerance = args_.tolerance;
        compare.ordered = element.contains("sort") && element["sort"].is_array() && !element["sort"].empty();
        if (compare.ordered) compare.orderColumns = sortColumns(element, plan.columns);
        const std::string difference = verify::firstDifference(*sigma, *quire, compare);
        if (!difference.empty()) return with(report, "differs", difference);
        return with(report, "match", std::to_string(sigma->rowCount()) + " rows, " + std::to_string(sigma->columns.size()) + " columns");
    }

private:
    static ElementReport with(ElementReport report, std::string status, std::string detail) {
        report.status = std::move(status);
        report.detail = std::move(detail);
        return report;
    }

    // One read-only connection per connection id, opened on first use.
    connect::Connection* open(const std::string& connectionId, std::string& problem) {
        auto it = connections_.find(connectionId);
        if (it == connections_.end()) {
            std::shared_ptr<connect::Connection> connection;
            std::string error;
            if (auto connectionString = connect::resolveConnectionString(registry_, connectionId, *store_)) {
                try {
                    connect::ConnectOptions options;
                    options.readOnly = true;
                    connection = connect::Connection::open(*connectionString, options);
                } catch (const std::exception& e) { // the driver's refusal (connect::OdbcError)
                    error = clip(e.what());
                }
            } else {
                error = clip(connectionString.message());
            }
            it = connections_.emplace(connectionId, std::make_pair(connection, error)).first;
        }
        problem = it->second.second;
        return it->second.first.get();
    }

    const VerifyArgs& args_;
    preview::PreviewSession session_;
    publish::SigmaClient& client_;
    std::string workbookId_;
    connect::ConnectionRegistry registry_;
    std::unique_ptr<secrets::SecretStore> store_;
    std::map<std::string, std::pair<std::shared_ptr<connect::Connection>, std::string>> connections_;
};

void printText(const std::string& workbookId, const std::vector<ElementReport>& reports, int compared, int matched) {
    std::size_t width = 8;
    for (const auto& r : reports) width = std::max(width, std::min<std::size_t>(r.id.size(), 40) + 2);
    std::ostringstream table;
    table << "workbook " << workbookId << "\n";
    table << std::left << std::setw(int(width)) << "ELEMENT" << std::setw(21) << "STATUS" << "DETAIL\n";
    for (const auto& r : reports)
        table << std::left << std::setw(int(width)) << clip(r.id, 40) << std::setw(21) << r.status << r.detail << "\n";
    std::cout << table.str();
    const int unavailable = int(reports.size()) - compared;
    if (compared == 0) {
        std::cout << "element accuracy: n/a (no element could be compared";
    } else {
        char percent[16];
        std::snprintf(percent, sizeof percent, "%.1f", 100.0 * matched / compared);
        std::cout << "element accuracy: " << percent << "% (" << matched << " of " << compared << " compared elements match";
    }
    if (unavailable) std::cout << "; " << unavailable << " without a local connection";
    std::cout << ")\n";
}

int run(VerifyArgs& args) {
    auto loaded = doc::loadDocument(args.file);
    for (const auto& d : loaded.diagnostics) std::cerr << formatDiagnostic(d) << "\n";
    if (!loaded.ok() || !loaded.document->contents()) {
        std::cerr << "quire verify: " << args.file << " has no workbook body to verify\n";
        return 2;
    }
    std::optional<publish::Project> project;
    if (!deploy::loadProjectFor(args.file, !args.environment.empty(), project, "verify")) return 2;
    const publish::Environment* environment = nullptr;
    if (!args.environment.empty() && !(environment = deploy::findEnvironment(*project, args.environment, "verify"))) return 2;

    // The published workbook has the environment's connections: compare on those.
    doc::Document document = *loaded.document;
    if (environment) {
        std::vector<Diagnostic> problems;
        int connections = 0, paths = 0;
        auto mapped = deploy::mappedDocument(document, *environment, problems, connections, paths);
        for (const auto& d : problems) std::cerr << formatDiagnostic(d) << "\n";
        if (!mapped) return 2;
        document = std::move(*mapped);
    }

    std::optional<publish::Sidecar> sidecar;
    if (auto loaded = publish::loadSidecar(args.file, args.environment)) {
        sidecar = std::move(*loaded);
    } else if (args.workbookId.empty()) {
        std::cerr << "quire verify: " << loaded.message() << "\n";
        return 2;
    }
    std::string workbookId = args.workbookId;
    if (workbookId.empty() && sidecar) workbookId = sidecar->workbookId;
    if (workbookId.empty()) {
        std::cerr << "quire verify: no published workbook recorded for " << args.file
                  << (args.environment.empty() ? std::string() : " in environment '" + args.environment + "'")
                  << "; publish it first or name it with --workbook-id\n";
        return 2;
    }
    auto config = deploy::clientConfigFor(args.host, environment, sidecar ? sidecar->baseUrl : std::string());
    if (!config) {
        std::cerr << "quire verify: " << config.message() << "\n";
        return 2;
    }
    config->maxReplyBytes = 16LL << 20; // a compiled query, not a workbook
    auto app = deploy::ensureApplication();
    publish::SigmaClient client(*config);
    if (publish::ApiError error = client.ensureToken()) {
        std::cerr << "quire verify: " << error.describe() << "\n";
        return 2;
    }

    auto registry = connect::ConnectionRegistry::load(args.connections);
    if (!registry) {
        std::cerr << "quire verify: " << registry.message() << "\n";
        return 2;
    }
    const Json& contents = *document.contents();
    Verifier verifier(args, contents, client, workbookId, std::move(*registry));
    std::vector<const Json*> checked;
    if (contents.contains("elements") && contents["elements"].is_array())
        for (const Json& element : contents["elements"]) {
            if (!element.is_object() || !element.contains("id") || !element["id"].is_string()) continue;
            if (verifier.hasQuery(element["id"].get<std::string>())) checked.push_back(&element);
        }
    // Each element runs two queries (Sigma's and Quire's): a bar on a terminal says which one is running.
    TerminalProgress bar("verify", parseProgressMode(args.progress));
    std::vector<ElementReport> reports;
    for (std::size_t i = 0; i < checked.size(); ++i) {
        bar.update(std::int64_t(i), std::int64_t(checked.size()), (*checked[i])["id"].get<std::string>());
        reports.push_back(verifier.check(*checked[i]));
    }
    bar.update(std::int64_t(checked.size()), std::int64_t(checked.size()), "");
    bar.finish();

    int compared = 0, matched = 0;
    for (const auto& r : reports) {
        if (r.status == "no-local-connection") continue;
        ++compared;
        if (r.status == "match") ++matched;
    }
    if (args.format == "json") {
        Json out = {{"workbookId", workbookId}, {"elements", Json::array()}, {"compared", compared}, {"matched", matched}};
        for (const auto& r : reports)
            out["elements"].push_back({{"elementId", r.id}, {"name", r.name}, {"status", r.status}, {"detail", r.detail}});
        out["accuracy"] = compared ? Json(100.0 * matched / compared) : Json();
        std::cout << out.dump(2) << "\n";
    } else {
        printText(workbookId, reports, compared, matched);
    }
    return matched == compared ? 0 : 1;
}

} // namespace

QUIRE_CLI_COMMAND("verify", 74, [](CLI::App& app, const GlobalOptions&) {
    auto args = std::make_shared<VerifyArgs>();
    CLI::App* cmd = app.add_subcommand("verify", "Compare each element's results with Sigma's own compiled SQL (element accuracy)");
    cmd->add_option("file", args->file, "Workbook file")->required();
    cmd->add_option("--env", args->environment, "The quire.yaml environment whose published workbook to check");
    cmd->add_option("--workbook-id", args->workbookId, "The published workbook (default: the one recorded for FILE)");
    cmd->add_option("--connections", args->connections,
                    "Connection mapping file (default: $QUIRE_CONNECTIONS_FILE or $XDG_CONFIG_HOME/quire/connections.json)");
    cmd->add_option("--tolerance", args->tolerance, "Relative numeric tolerance (default 1e-6)");
    cmd->add_option("--max-rows", args->maxRows, "Compare at most this many rows per element (default 100000)");
    deploy::addHostFlags(cmd, args->host);
    cmd->add_option("--format", args->format, "Output format")->check(CLI::IsMember({"text", "json"}));
    cmd->add_option("--progress", args->progress, "Progress bar on stderr: auto (on a terminal), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    cmd->callback([args] {
        int code = run(*args);
        if (code != 0) throw ExitCode{code};
    });
});

} // namespace quire::cli
