// quire compile FILE --element ID --dialect D [--today YYYY-MM-DD]: the SQL the preview engine runs for an
// element (its planner), with the bound parameters listed after it; control values are never spliced in.
#include <quire/doc/io.h>
#include <quire/preview/planner.h>
#include <quire/preview/session.h>
#include <quire/sql/dialect.h>

#include <iostream>

#include "command_registry.h"
#include "persona_cli.h"

namespace quire::cli {
namespace {

struct CompileArgs {
    std::string file, element, dialect = "postgresql";
    std::shared_ptr<PersonaArgs> persona = std::make_shared<PersonaArgs>();
    std::string today = "2026-01-01"; // resolves relative date controls
};

// Finds the element with `id` in elements[] (or pages[].elements[]); sets its JSON pointer.
const Json* findElement(const Json& contents, const std::string& id, std::string& pointer) {
    if (auto els = contents.find("elements"); els != contents.end() && els->is_array())
        for (std::size_t e = 0; e < els->size(); ++e)
            if ((*els)[e].is_object() && (*els)[e].value("id", std::string()) == id) {
                pointer = "/elements/" + std::to_string(e);
                return &(*els)[e];
            }
    auto pages = contents.find("pages");
    if (pages == contents.end() || !pages->is_array()) return nullptr;
    for (std::size_t p = 0; p < pages->size(); ++p) {
        auto els = (*pages)[p].find("elements");
        if (els == (*pages)[p].end() || !els->is_array()) continue;
        for (std::size_t e = 0; e < els->size(); ++e) {
            const Json& el = (*els)[e];
            if (el.is_object() && el.value("id", std::string()) == id) {
                pointer = "/pages/" + std::to_string(p) + "/elements/" + std::to_string(e);
                return &el;
            }
        }
    }
    return nullptr;
}

int run(const CompileArgs& args) {
    auto dialectId = sql::parseDialectName(args.dialect);
    if (!dialectId) {
        std::cerr << "quire compile: unknown dialect '" << args.dialect
                  << "' (snowflake, bigquery, redshift, databricks, postgresql, sqlite)\n";
        return 2;
    }
    auto loaded = doc::loadDocument(args.file);
    for (const auto& d : loaded.diagnostics) std::cerr << formatDiagnostic(d) << "\n";
    if (!loaded.ok() || !loaded.document->contents()) return 1;
    const Json& contents = *loaded.document->contents();
    std::string pointer;
    const Json* element = findElement(contents, args.element, pointer);
    pointer = loaded.document->contentsPointer() + pointer;
    if (!element) {
        std::cerr << args.file << ": error [compile/unknown-element]: no element with id '" << args.element << "'\n";
        return 1;
    }
    // The full planner: sources (warehouse table, custom SQL, other elements), filters, controls, grouping.
    // As a persona (--as, or the default persona): masked columns are removed before planning.
    auto as = viewElementAs(args.file, *loaded.document, args.element, *args.persona);
    if (as.skip) return 0;
    preview::PreviewSession session(std::move(as.view.contents));
    if (as.persona) session.setCurrentUser(as.persona->user);
    preview::PlanOptions options;
    options.today = args.today;
    const auto plan = preview::planElement(session, args.element, sql::dialect(*dialectId), options);
    for (auto d : plan.diagnostics) {
        d.location = loaded.document->locate(pointer + d.pointer);
        d.pointer = pointer + d.pointer;
        std::cerr << formatDiagnostic(d);
        if (d.formulaSpan) std::cerr << " [formula offset " << d.formulaSpan->first << ", length " << d.formulaSpan->second << "]";
        std::cerr << "\n";
    }
    if (!plan.ok()) return 1;
    if (const auto masked = as.view.maskedNames(args.element); !masked.empty()) {
        std::string names;
        for (const auto& n : masked) names += (names.empty() ? "" : ", ") + n;
        std::cout << "-- masked for " << as.persona->email() << " (not selected): " << names << "\n";
    }
    std::cout << plan.sql << ";\n";
    if (!plan.parameters.empty()) std::cout << "-- parameters (in placeholder order): " << plan.parametersJson().dump() << "\n";
    return 0;
}

} // namespace

QUIRE_CLI_COMMAND("compile", 40, [](CLI::App& app, const GlobalOptions&) {
    auto args = std::make_shared<CompileArgs>();
    auto* cmd = app.add_subcommand("compile", "Print the SQL the preview engine runs for an element, with its bound parameters");
    cmd->add_option("file", args->file, "workbook file (.json, .yaml)")->required();
    cmd->add_option("--element", args->element, "element id")->required();
    cmd->add_option("--dialect", args->dialect, "snowflake, bigquery, redshift, databricks, postgresql, sqlite");
    cmd->add_option("--today", args->today, "date that relative date controls resolve against (YYYY-MM-DD)");
    addPersonaOptions(cmd, args->persona);
    cmd->callback([args] {
        if (int rc = run(*args); rc != 0) throw ExitCode{rc};
    });
});

} // namespace quire::cli
