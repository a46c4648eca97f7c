// quire info FILE [--format text|json]: what a workbook holds — pages, elements by kind, controls, connections.
#include <quire/doc/io.h>

#include <iostream>
#include <map>
#include <set>

#include "command_registry.h"

namespace quire::cli {
namespace {

std::string str(const Json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Every {connectionId, path} source in an element, including nested join/union legs.
void collectConnections(const Json& value, std::map<std::string, std::set<std::string>>& out) {
    if (value.is_object()) {
        if (value.contains("connectionId") && value["connectionId"].is_string()) {
            std::string path;
            if (auto p = value.find("path"); p != value.end() && p->is_array())
                for (const auto& part : *p) path += (path.empty() ? "" : ".") + (part.is_string() ? part.get<std::string>() : part.dump());
            out[value["connectionId"].get<std::string>()].insert(path);
        }
        for (const auto& [key, child] : value.items()) collectConnections(child, out);
    } else if (value.is_array()) {
        for (const auto& child : value) collectConnections(child, out);
    }
}

Json summarize(const doc::Document& document) {
    Json info = Json::object();
    info["file"] = document.path;
    info["name"] = str(document.root, "name");
    const Json* contents = document.contents();
    info["body"] = document.contentsPointer().empty() ? "none" : document.contentsPointer().substr(1);
    Json pages = Json::array(), overlays = Json::array(), panels = Json::array(), controls = Json::array();
    std::map<std::string, int> kinds;
    std::map<std::string, std::set<std::string>> connections;
    std::size_t columns = 0;
    if (contents) {
        for (const char* key : {"pages", "overlays", "panels"}) {
            auto it = contents->find(key);
            if (it == contents->end() || !it->is_array()) continue;
            Json& target = std::string(key) == "pages" ? pages : std::string(key) == "overlays" ? overlays : panels;
            for (const auto& p : *it)
                if (p.is_object()) target.push_back({{"id", str(p, "id")}, {"name", str(p, "name")}, {"type", str(p, "type")}});
        }
        if (auto it = contents->find("elements"); it != contents->end() && it->is_array()) {
            for (const auto& e : *it) {
                if (!e.is_object()) continue;
                kinds[str(e, "kind")]++;
                if (auto c = e.find("columns"); c != e.end() && c->is_array()) columns += c->size();
                if (str(e, "kind") == "control")
                    controls.push_back({{"id", str(e, "id")}, {"controlId", str(e, "controlId")}, {"controlType", str(e, "controlType")}});
                collectConnections(e.value("source", Json()), connections);
            }
        }
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
