// SARIF 2.1.0 (OASIS) for GitHub code scanning: github/codeql-action/upload-sarif needs version, $schema,
// runs[].tool.driver.name and rules, results[].ruleId, level, message.text and physical locations with
// repository-relative URIs to annotate the right lines.
#include <quire/validate/report.h>
#include <quire/validate/validator.h>

#include <cctype>
#include <filesystem>
#include <map>

namespace quire::validate {
namespace {

std::string level(Severity severity) {
    switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: break;
    }
    return "note";
}

// Codes the loader reports before any rule runs; they are not in the validator's catalogue.
// Codes outside the catalogue (none are expected: every code Quire reports is declared in quire/core/rules.h).
std::string loaderDescription(const std::string&) { return "a finding reported by quire"; }

// RFC 3986: unreserved characters and '/' stay, everything else is %XX (spaces, '#', '%', non-ASCII bytes).
std::string percentEncode(const std::string& path) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (char c : path) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            out += c;
        } else {
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 15];
        }
    }
    return out;
}

// {"uri": ..., "uriBaseId": "%SRCROOT%"} for files under the working directory, else an absolute file URI.
Json artifactLocation(const std::string& file, const std::string& workingDirectory) {
    namespace fs = std::filesystem;
    fs::path path(file.empty() ? std::string("unknown") : file);
    if (path.is_absolute() && !workingDirectory.empty()) {
        const fs::path relative = path.lexically_normal().lexically_relative(fs::path(workingDirectory).lexically_normal());
        if (!relative.empty() && *relative.begin() != "..") path = relative;
    }
    if (path.is_absolute()) return Json{{"uri", "file://" + percentEncode(path.lexically_normal().generic_string())}};
    std::string relative = path.lexically_normal().generic_string();
    return Json{{"uri", percentEncode(relative)}, {"uriBaseId", "%SRCROOT%"}};
}

Json ruleEntry(const std::string& id, const std::string& description, Severity severity) {
    return Json{{"id", id},
                {"shortDescription", {{"text", description}}},
                {"fullDescription", {{"text", "Rule " + id + ": " + description + " (docs/rules.md)."}}},
                {"defaultConfiguration", {{"level", level(severity)}}},
                {"properties", {{"tags", Json::array({id.substr(0, id.find('/'))})}}}};
}

} // namespace

Json toSarif(const std::vector<Diagnostic>& diagnostics, const SarifOptions& options) {
    Json rules = Json::array();
    std::map<std::string, std::size_t> ruleIndex;
    for (const RuleInfo& rule : ruleCatalogue()) {
        ruleIndex.emplace(std::string(rule.code), rules.size());
        rules.push_back(ruleEntry(std::string(rule.code), std::string(rule.description), rule.severity));
    }
    Json results = Json::array();
    for (const Diagnostic& d : diagnostics) {
        const std::string id = d.rule.empty() ? "quire/other" : d.rule;
        auto known = ruleIndex.find(id);
        if (known == ruleIndex.end()) {
            known = ruleIndex.emplace(id, rules.size()).first;
            rules.push_back(ruleEntry(id, loaderDescription(id), d.severity));
        }
        Json region = {{"startLine", d.location.line > 0 ? d.location.line : 1}};
        if (d.location.line > 0 && d.location.column > 0) region["startColumn"] = d.location.column;
        Json result = {{"ruleId", id},
                       {"ruleIndex", known->second},
                       {"level", level(d.severity)},
                       {"message", {{"text", d.message.empty() ? id : d.message}}},
                       {"locations", Json::array({Json{{"physicalLocation",
                                                        {{"artifactLocation", artifactLocation(d.location.file, options.workingDirectory)},
                                                         {"region", std::move(region)}}}}})}};
        if (!d.pointer.empty()) result["properties"] = {{"pointer", d.pointer}};
        results.push_back(std::move(result));
    }
    Json driver = {{"name", "quire"}, {"rules", std::move(rules)}};
    if (!options.toolVersion.empty()) {
        driver["version"] = options.toolVersion;
        driver["semanticVersion"] = options.toolVersion;
    }
    Json run = {{"tool", {{"driver", std::move(driver)}}},
                {"columnKind", "unicodeCodePoints"},
                {"invocations", Json::array({Json{{"executionSuccessful", true}, {"exitCode", options.exitCode}}})},
                {"results", std::move(results)}};
    if (!options.workingDirectory.empty()) {
        std::string root = percentEncode(std::filesystem::path(options.workingDirectory).lexically_normal().generic_string());
        if (root.empty() || root.back() != '/') root += '/';
        run["originalUriBaseIds"] = {{"%SRCROOT%", {{"uri", "file://" + root}}}};
    }
    return Json{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                {"version", "2.1.0"},
                {"runs", Json::array({std::move(run)})}};
}

} // namespace quire::validate
