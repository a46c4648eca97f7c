// quire info FILE [--format text|json]: what a workbook holds — pages, elements by kind, controls, connections.
#include <quire/doc/io.h>
#include <quire/doc/views.h>

#include <iostream>
#include <map>
#include <set>

#include "command_registry.h"

namespace quire::cli {
namespace {

// A readable example of what a source reads: its warehouse path, or its kind for SQL and other sources.
std::string sourceExample(const doc::SourceView& source) {
    if (!source.path().empty()) return source.pathText();
    if (source.kind() == "sql") return "(custom SQL)";
    return "(" + std::string(source.kind().empty() ? "source" : source.kind()) + ")";
}

Json summarize(const doc::Document& document) {
    const doc::WorkbookView workbook(document);
    Json info = Json::object();
    info["file"] = document.path;
    info["name"] = std::string(workbook.name());
    info["body"] = workbook.hasContents() ? workbook.contents().pointer().substr(1) : "none";
    Json pages = Json::array(), overlays = Json::array(), panels = Json::array(), controls = Json::array();
    for (const auto& p : workbook.pages())
        pages.push_back({{"id", std::string(p.id())}, {"name", std::string(p.name())}, {"type", std::string(p.type())}});
    for (const auto& o : workbook.overlays())
        overlays.push_back({{"id", std::string(o.id())}, {"name", std::string(o.name())}, {"type", std::string(o.type())}});
    for (const auto& p : workbook.panels())
        panels.push_back({{"id", std::string(p.id())}, {"name", std::string(p.title())}, {"type", std::string(p.type())}});
    std::map<std::string, int> kinds;
    std::map<std::string, std::set<std::string>> connections;
    std::size_t columns = 0;
    for (const auto& element : workbook.elements()) {
        kinds[std::string(element.kind())]++;
        columns += element.columns().size();
        if (element.isControl())
            controls.push_back({{"id", std::string(element.id())}, {"controlId", std::string(element.controlId())},
                                {"controlType", std::string(element.controlType())}});
        for (const auto& source : element.source().flatten())
            if (!source.connectionId().empty()) connections[std::string(source.connectionId())].insert(sourceExample(source));
    }
    info["pages"] = pages;
    info["overlays"] = overlays;
    info["panels"] = panels;
    Json kindJson = Json::object();
    for (const auto& [k, n] : kinds) kindJson[k.empty() ? "(no kind)" : k] = n;
    info["elementsByKind"] = kindJson;
    info["columns"] = columns;
    info["controls"] = controls;
    Json conn = Json::object();
    for (const auto& [id, paths] : connections) conn[id] = Json(std::vector<std::string>(paths.begin(), paths.end()));
    info["connections"] = conn;
    return info;
}

void printText(const Json& info) {
    std::cout << "Workbook:    " << info["name"].get<std::string>() << "  (" << info["file"].get<std::string>() << ")\n";
    std::cout << "Body:        " << info["body"].get<std::string>() << "\n";
    auto list = [](const Json& items) {
        std::string out;
        for (const auto& p : items) out += (out.empty() ? "" : ", ") + p["id"].get<std::string>() +
                                           (p["name"].get<std::string>().empty() ? "" : " (" + p["name"].get<std::string>() + ")");
        return out.empty() ? std::string("-") : out;
    };
    std::cout << "Pages:       " << info["pages"].size() << ": " << list(info["pages"]) << "\n";
    std::cout << "Overlays:    " << info["overlays"].size() << ": " << list(info["overlays"]) << "\n";
    std::cout << "Panels:      " << info["panels"].size() << ": " << list(info["panels"]) << "\n";
    int total = 0;
    for (const auto& [k, n] : info["elementsByKind"].items()) total += n.get<int>();
    std::cout << "Elements:    " << total << " (" << info["columns"].get<std::size_t>() << " columns)\n";
    for (const auto& [k, n] : info["elementsByKind"].items()) std::cout << "  " << k << ": " << n.get<int>() << "\n";
    std::cout << "Controls:    " << info["controls"].size() << "\n";
    for (const auto& c : info["controls"])
        std::cout << "  " << c["controlId"].get<std::string>() << " (" << c["controlType"].get<std::string>() << ", element "
                  << c["id"].get<std::string>() << ")\n";
    std::cout << "Connections: " << info["connections"].size() << "\n";
    for (const auto& [id, paths] : info["connections"].items()) {
        std::cout << "  " << id << "\n";
        for (const auto& p : paths) std::cout << "    " << p.get<std::string>() << "\n";
    }
}

QUIRE_CLI_COMMAND("info", 25, [](CLI::App& app, const GlobalOptions&) {
    struct Args {
        std::string file, format = "text";
    };
    auto args = std::make_shared<Args>();
    auto* sub = app.add_subcommand("info", "Summarize a workbook: pages, elements by kind, controls, connections");
    sub->add_option("FILE", args->file, "Workbook file")->required();
    sub->add_option("--format", args->format, "Output format")->check(CLI::IsMember({"text", "json"}));
    sub->callback([args] {
        auto loaded = doc::loadDocument(args->file);
        for (const auto& d : loaded.diagnostics) std::cerr << formatDiagnostic(d) << "\n";
        if (!loaded.document) throw ExitCode{2};
        Json info = summarize(*loaded.document);
        if (args->format == "json") std::cout << info.dump(2) << "\n";
        else printText(info);
    });
});

} // namespace
} // namespace quire::cli
