#include <quire/doc/io.h>
#include <quire/core/rules.h>
#include <quire/publish/env_mapping.h>

#include <set>
#include <utility>

namespace quire::publish {
namespace {

constexpr std::size_t kMaxDepth = 512;

bool startsWith(const Json& path, const std::vector<std::string>& prefix) {
    if (!path.is_array() || path.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (!path[i].is_string() || path[i].get<std::string>() != prefix[i]) return false;
    return true;
}

} // namespace

Mapping mappingTo(const Environment& environment) {
    return Mapping{"source -> " + environment.name, environment.connections, environment.paths};
}

MappingResult invertMapping(const Environment& from, Mapping& inverse) {
    MappingResult result;
    inverse = Mapping{from.name + " -> source", std::nullopt, {}};
    if (from.connections) {
        inverse.connections.emplace();
        std::map<std::string, std::set<std::string>> sources;
        for (const auto& [source, target] : *from.connections) sources[target].insert(source);
        for (const auto& [target, ids] : sources) {
            if (ids.size() > 1) {
                std::string list;
                for (const auto& id : ids) list += (list.empty() ? "" : ", ") + id;
                result.diagnostics.push_back(Diagnostic{Severity::Error, RuleCode("deploy/ambiguous-mapping"),
                                                        "environment '" + from.name + "' maps several source connections (" + list +
                                                            ") to " + target + ", so a workbook from it cannot be mapped back",
                                                        "", {}, std::nullopt});
                continue;
            }
            (*inverse.connections)[target] = *ids.begin();
        }
    }
    for (const PathRule& rule : from.paths) {
        std::string connection = rule.connection;
        if (!connection.empty() && from.connections) {
            auto it = from.connections->find(connection);
            if (it != from.connections->end()) connection = it->second;
        }
        inverse.paths.push_back(PathRule{connection, rule.to, rule.from});
    }
    return result;
}

MappingResult applyMapping(const Json& contents, const Mapping& mapping, const doc::Document* located) {
    MappingResult result;
    result.contents = contents;
    const std::string base = located ? located->contentsPointer() : std::string();
    std::set<std::string> reported;
    // Iterative walk (pointer, value, depth): the body may be as deep as the loader allows.
    std::vector<std::tuple<std::string, Json*, std::size_t>> stack{{"", &result.contents, 0}};
    while (!stack.empty()) {
        auto [pointer, value, depth] = stack.back();
        stack.pop_back();
        if (depth > kMaxDepth) {
            result.diagnostics.push_back(Diagnostic{Severity::Error, RuleCode("deploy/too-deep"), "the workbook body is nested deeper than 512 levels",
                                                    base + pointer, located ? located->locate(base + pointer) : SourceLocation{}, std::nullopt});
            return result;
        }
        if (value->is_object()) {
            auto id = value->find("connectionId");
            if (id != value->end() && id->is_string()) {
                const std::string original = id->get<std::string>();
                if (auto path = value->find("path"); path != value->end())
                    for (const PathRule& rule : mapping.paths) {
                        if ((!rule.connection.empty() && rule.connection != original) || !startsWith(*path, rule.from)) continue;
                        Json rewritten = Json::array();
                        for (const std::string& part : rule.to) rewritten.push_back(part);
                        for (std::size_t i = rule.from.size(); i < path->size(); ++i) rewritten.push_back((*path)[i]);
                        *path = std::move(rewritten);
                        ++result.pathsMapped;
                        break;
                    }
                if (mapping.connections) {
                    auto target = mapping.connections->find(original);
                    if (target != mapping.connections->end()) {
                        *id = target->second;
                        ++result.connectionsMapped;
                    } else if (reported.insert(original).second) {
                        const std::string where = base + pointer + "/connectionId";
                        result.diagnostics.push_back(
                            Diagnostic{Severity::Error, RuleCode("deploy/unmapped-connection"),
                                       "connection '" + original.substr(0, 256) + "' has no mapping in " + mapping.description +
                                           " (add it to `connections` in quire.yaml, mapped to itself if it is shared)",
                                       where, located ? located->locate(where) : SourceLocation{}, std::nullopt});
                    }
                }
            }
            for (auto it = value->begin(); it != value->end(); ++it)
                if (it.value().is_structured())
                    stack.emplace_back(pointer + "/" + doc::escapePointerToken(it.key()), &it.value(), depth + 1);
        } else if (value->is_array()) {
            for (std::size_t i = 0; i < value->size(); ++i)
                if ((*value)[i].is_structured()) stack.emplace_back(pointer + "/" + std::to_string(i), &(*value)[i], depth + 1);
        }
    }
    return result;
}

} // namespace quire::publish
