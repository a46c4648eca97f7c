// quire audit-access FILE [--personas F] [--format text|json|csv]
// Who sees what: for every persona of the personas file, each page, element and column of the workbook is
// visible, masked (column security, or it reads a masked column), hidden (a page hidden from the persona, or
// an element on one) or leaks (Quire masks it, but the validator's security/leak rule says Sigma would show
// it: the column reads a restricted one without carrying the restriction). Exit 0, or 1 when anything leaks,
// 2 when a file cannot be read. docs/governance.md.
#include "command_registry.h"

#include <quire/doc/io.h>
#include <quire/governance/personas.h>
#include <quire/preview/access.h>
#include <quire/preview/session.h>
#include <quire/validate/validator.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <set>

namespace quire::cli {
namespace {

struct AuditArgs {
    std::string file, personas, format = "text";
};

struct Row {
    std::string kind;     // page, element, column
    std::string id;       // page id, element id, column id
    std::string element;  // the element of a column
    std::string name;
    std::vector<std::string> access; // per persona
};

std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

int run(const AuditArgs& args) {
    auto loaded = doc::loadDocument(args.file);
    for (const auto& d : loaded.diagnostics) std::cerr << formatDiagnostic(d) << "\n";
    if (!loaded.ok() || !loaded.document->contents()) return 2;
    const Json& contents = *loaded.document->contents();
    const auto path = governance::findPersonasFile(args.file, args.personas);
    if (!path) {
        std::cerr << "quire audit-access: no personas file: " << governance::kPersonasFileName
                  << " next to the workbook or in the repository root, or --personas FILE\n";
        return 2;
    }
    const auto personas = governance::loadPersonas(*path);
    for (const auto& d : personas.diagnostics) std::cerr << formatDiagnostic(d) << "\n";
    if (!personas.ok()) return 2;

    // Columns the validator says leak (pointer /elements/N/columns/M below the body).
    std::set<std::pair<std::string, std::string>> leaking;
    const std::string base = loaded.document->contentsPointer() + "/elements/";
    const Json* elements = contents.contains("elements") && contents["elements"].is_array() ? &contents["elements"] : nullptr;
    for (const auto& d : validate::validate(*loaded.document)) {
        if (d.rule != "security/leak" || d.pointer.rfind(base, 0) != 0 || !elements) continue;
        std::size_t e = 0, c = 0;
        if (std::sscanf(d.pointer.c_str() + base.size(), "%zu/columns/%zu", &e, &c) != 2 || e >= elements->size()) continue;
        const Json& el = (*elements)[e];
        if (!el.contains("columns") || !el["columns"].is_array() || c >= el["columns"].size()) continue;
        leaking.insert({el.value("id", ""), el["columns"][c].value("id", "")});
    }

    std::vector<Row> rows;
    const preview::PreviewSession layout(contents);
    if (contents.contains("pages") && contents["pages"].is_array())
        for (const Json& p : contents["pages"])
            if (p.is_object()) rows.push_back({"page", p.value("id", ""), "", p.value("name", p.value("id", "")), {}});
    if (elements)
        for (const Json& el : *elements) {
            if (!el.is_object() || el.value("kind", "") == "control") continue;
            const std::string id = el.value("id", "");
            rows.push_back({"element", id, "", el.contains("name") && el["name"].is_string() ? el["name"].get<std::string>() : id, {}});
            if (el.contains("columns") && el["columns"].is_array())
                for (const Json& c : el["columns"])
                    if (c.is_object()) rows.push_back({"column", c.value("id", ""), id, c.value("name", c.value("id", "")), {}});
        }
    bool anyLeak = false;
    for (const auto& persona : personas.set->personas) {
        const preview::PersonaView view = preview::viewAs(contents, &persona.user);
        for (Row& row : rows) {
            std::string status = "visible";
            const std::string element = row.kind == "column" ? row.element : row.id;
            const auto page = row.kind == "page" ? std::optional<std::string>(row.id) : layout.pageOf(element);
            if (page && view.hiddenPages.count(*page)) status = "hidden";
            else if (row.kind == "element" && view.withheld.count(row.id)) status = "masked";
            else if (row.kind == "column") {
                for (const auto& m : view.masked)
                    if (m.elementId == row.element && m.columnId == row.id)
                        status = !m.restricted && leaking.count({row.element, row.id}) ? "leaks" : "masked";
                if (status == "visible" && view.withheld.count(row.element)) status = "masked";
            }
            anyLeak |= status == "leaks";
            row.access.push_back(status);
        }
    }

    const auto& list = personas.set->personas;
    if (args.format == "json") {
        Json out = {{"personas", Json::array()}, {"rows", Json::array()}};
        for (const auto& p : list) out["personas"].push_back(p.email());
        for (const Row& row : rows) {
            Json r = {{"kind", row.kind}, {"id", row.id}, {"name", row.name}, {"access", Json::object()}};
            if (!row.element.empty()) r["element"] = row.element;
            for (std::size_t i = 0; i < list.size(); ++i) r["access"][list[i].email()] = row.access[i];
            out["rows"].push_back(std::move(r));
        }
        std::cout << out.dump(2) << "\n";
    } else if (args.format == "csv") {
        std::cout << "kind,id,element,name";
        for (const auto& p : list) std::cout << "," << csvField(p.email());
        std::cout << "\n";
        for (const Row& row : rows) {
            std::cout << row.kind << "," << csvField(row.id) << "," << csvField(row.element) << "," << csvField(row.name);
            for (const auto& a : row.access) std::cout << "," << a;
            std::cout << "\n";
        }
    } else {
        std::size_t width = 8;
        auto label = [](const Row& row) {
            return row.kind == "page" ? "page " + row.name : row.kind == "element" ? "  " + row.id : "    [" + row.name + "]";
        };
        for (const Row& row : rows) width = std::max(width, label(row).size());
        std::cout << std::string(width, ' ');
        for (const auto& p : list) std::cout << "  " << p.email();
        std::cout << "\n";
        for (const Row& row : rows) {
            const std::string l = label(row);
            std::cout << l << std::string(width - l.size(), ' ');
            for (std::size_t i = 0; i < list.size(); ++i)
                std::cout << "  " << row.access[i] << std::string(list[i].email().size() > row.access[i].size() ? list[i].email().size() - row.access[i].size() : 0, ' ');
            std::cout << "\n";
        }
    }
    return anyLeak ? 1 : 0;
}

} // namespace

QUIRE_CLI_COMMAND("audit-access", 41, [](CLI::App& app, const GlobalOptions&) {
    auto args = std::make_shared<AuditArgs>();
    auto* cmd = app.add_subcommand("audit-access", "Matrix of persona x page/element/column: visible, masked, hidden or leaks");
    cmd->add_option("file", args->file, "workbook file (.json, .yaml)")->required();
    cmd->add_option("--personas", args->personas,
                    "Personas file (default: quire.personas.yaml next to the workbook or in the repository root)");
    cmd->add_option("--format", args->format, "text, json or csv")->check(CLI::IsMember({"text", "json", "csv"}));
    cmd->callback([args] {
        if (int rc = run(*args); rc != 0) throw ExitCode{rc};
    });
});

} // namespace quire::cli
