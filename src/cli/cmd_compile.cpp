// quire compile FILE --element ID --dialect D: SQL for a table element of row-level formulas over a
// warehouse-table source (the planner extends this to groupings, filters and chained elements).
#include <quire/doc/io.h>
#include <quire/sql/table_select.h>

#include <iostream>

#include "command_registry.h"

namespace quire::cli {
namespace {

struct CompileArgs {
    std::string file, element, dialect = "postgresql";
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
    const Json* source = element->contains("source") ? &(*element)["source"] : nullptr;
    if (element->value("kind", std::string()) != "table" || !source || !source->is_object() ||
        source->value("kind", std::string()) != "warehouse-table" || !source->contains("path") || !(*source)["path"].is_array()) {
        std::cerr << args.file << ": error [compile/unsupported-element]: " << pointer
                  << ": only table elements over a warehouse-table source compile here\n";
        return 1;
    }
    std::vector<std::string> path;
    for (const auto& part : (*source)["path"]) path.push_back(part.is_string() ? part.get<std::string>() : part.dump());
    std::vector<sql::TableColumn> columns;
    if (auto cols = element->find("columns"); cols != element->end() && cols->is_array())
        for (std::size_t i = 0; i < cols->size(); ++i) {
            const Json& c = (*cols)[i];
            if (!c.is_object()) continue;
            columns.push_back({c.value("name", c.value("id", std::string())), c.value("formula", std::string()),
                               pointer + "/columns/" + std::to_string(i) + "/formula"});
        }
    auto select = sql::buildTableSelect(path, columns, sql::dialect(*dialectId));
    for (auto d : select.diagnostics) {
        d.location.file = args.file;
        std::cerr << formatDiagnostic(d);
        if (!d.pointer.empty()) std::cerr << " (" << d.pointer << ")";
        if (d.formulaSpan) std::cerr << " [formula offset " << d.formulaSpan->first << ", length " << d.formulaSpan->second << "]";
        std::cerr << "\n";
    }
    if (!select.ok()) return 1;
    std::cout << select.sql << "\n";
    return 0;
}

} // namespace

QUIRE_CLI_COMMAND("compile", 40, [](CLI::App& app, const GlobalOptions&) {
    auto args = std::make_shared<CompileArgs>();
    auto* cmd = app.add_subcommand("compile", "Print the SQL of a table element (row-level formulas over a warehouse table)");
    cmd->add_option("file", args->file, "workbook file (.json, .yaml)")->required();
    cmd->add_option("--element", args->element, "element id")->required();
    cmd->add_option("--dialect", args->dialect, "snowflake, bigquery, redshift, databricks, postgresql, sqlite");
    cmd->callback([args] {
        if (int rc = run(*args); rc != 0) throw ExitCode{rc};
    });
});

} // namespace quire::cli
