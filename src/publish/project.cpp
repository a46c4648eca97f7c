#include <quire/core/file_io.h>
#include <quire/core/rules.h>
#include <quire/core/text.h>
#include <quire/doc/io.h>
#include <quire/publish/client_setup.h>
#include <quire/publish/project.h>
#include <quire/publish/regions.h>
#include <quire/validate/schema.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace quire::publish {
namespace {

namespace fs = std::filesystem;

bool isLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// [a-z][a-z0-9_-]{0,31}: also safe in file names (snapshots) and environment variable suffixes.
bool validEnvironmentName(const std::string& name) {
    if (name.empty() || name.size() > 32 || !(name[0] >= 'a' && name[0] <= 'z')) return false;
    return std::all_of(name.begin(), name.end(), [](char c) { return isLowerAlnum(c) || c == '-' || c == '_'; });
}

bool validProfile(const std::string& profile) {
    return !profile.empty() && profile.size() <= 64 && std::all_of(profile.begin(), profile.end(), [](char c) {
        return isLowerAlnum(c) || (c >= 'A' && c <= 'Z') || c == '.' || c == '-' || c == '_';
    });
}

// Every '{' starts "{name}" and every '}' ends one (linear scan).
bool validNamePattern(const std::string& pattern) {
    static constexpr std::string_view placeholder = "{name}";
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{') {
            if (pattern.compare(i, placeholder.size(), placeholder) != 0) return false;
            i += placeholder.size() - 1;
        } else if (pattern[i] == '}') {
            return false;
        }
    }
    return true;
}

std::string text(const Json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> strings(const Json& array) {
    std::vector<std::string> out;
    if (array.is_array())
        for (const Json& item : array)
            if (item.is_string()) out.push_back(item.get<std::string>());
    return out;
}

// `sharing` entries (the schema has checked their shape) with their places in the file.
std::vector<GrantSpec> parseSharing(const doc::Document& document, const Json& list, const std::string& pointer,
                                    std::vector<Diagnostic>& diagnostics) {
    std::vector<GrantSpec> out;
    if (!list.is_array()) return out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Json& g = list[i];
        GrantSpec spec;
        spec.pointer = pointer + "/" + std::to_string(i);
        spec.location = document.locate(spec.pointer);
        spec.kind = g.contains("team") ? GranteeKind::Team : GranteeKind::User;
        spec.name = text(g, spec.kind == GranteeKind::Team ? "team" : "user");
        spec.permission = text(g, "permission");
        if (auto f = g.find("files"); f != g.end()) spec.files = strings(*f);
        for (const GrantSpec& earlier : out)
            if (earlier.kind == spec.kind && asciiLower(earlier.name) == asciiLower(spec.name))
                diagnostics.push_back(Diagnostic{Severity::Error, RuleCode("sharing/duplicate-grantee"),
                                                 std::string(spec.kind == GranteeKind::Team ? "team '" : "user '") + spec.name.substr(0, 120) +
                                                     "' is already granted at " + earlier.pointer + "; name each grantee once",
                                                 spec.pointer, spec.location, std::nullopt});
        out.push_back(std::move(spec));
    }
    return out;
}

bool appliesTo(const GrantSpec& spec, const fs::path& root, const std::string& workbookFile) {
    if (spec.files.empty()) return true;
    std::error_code ec;
    const fs::path wanted = fs::weakly_canonical(fs::absolute(workbookFile, ec), ec);
    for (const std::string& f : spec.files) {
        std::error_code ec2;
        if (fs::weakly_canonical(fs::absolute(root / f, ec2), ec2) == wanted) return true;
    }
    return false;
}

template <typename Check>
std::optional<std::string> walkUp(const std::string& startDir, int maxDepth, Check check) {
    std::error_code ec;
    fs::path dir = fs::absolute(startDir.empty() ? fs::path(".") : fs::path(startDir), ec);
    if (ec) return std::nullopt;
    dir = dir.lexically_normal();
    for (int depth = 0; depth < maxDepth; ++depth) {
        if (auto found = check(dir)) return found;
        if (fs::exists(dir / ".git", ec)) return std::nullopt; // the repository root ends the search
        if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
        dir = dir.parent_path();
    }
    return std::nullopt;
}

} // namespace

std::string Environment::namedHost() const {
    if (!region.empty()) {
        for (const Region& r : regions())
            if (r.name == region) return r.baseUrl;
        return {};
    }
    return apiHost.empty() ? std::string() : normalizeBaseUrl(apiHost);
}

std::string Environment::workbookNameFor(const std::string& name) const {
    if (workbookName.empty()) return name;
    std::string out;
    static constexpr std::string_view placeholder = "{name}";
    for (std::size_t i = 0; i < workbookName.size(); ++i) {
        if (workbookName.compare(i, placeholder.size(), placeholder) == 0) {
            out += name;
            i += placeholder.size() - 1;
        } else {
            out += workbookName[i];
        }
    }
    return out;
}

const Environment* Project::find(const std::string& name) const {
    for (const Environment& e : environments)
        if (e.name == name) return &e;
    return nullptr;
}

std::string Project::environmentNames() const {
    std::string names;
    for (const Environment& e : environments) names += (names.empty() ? "" : ", ") + e.name;
    return names;
}

std::optional<std::vector<GrantSpec>> Project::sharingFor(const std::string& workbookFile, const Environment* environment) const {
    if (!declaresSharing) return std::nullopt;
    std::vector<GrantSpec> out;
    const fs::path base(root);
    if (environment)
        for (const GrantSpec& g : environment->sharing)
            if (appliesTo(g, base, workbookFile)) out.push_back(g);
    for (const GrantSpec& g : sharing) {
        if (!appliesTo(g, base, workbookFile)) continue;
        const bool overridden = std::any_of(out.begin(), out.end(), [&](const GrantSpec& e) {
            return e.kind == g.kind && asciiLower(e.name) == asciiLower(g.name);
        });
        if (!overridden) out.push_back(g);
    }
    return out;
}

std::optional<std::string> findProjectFile(const std::string& startDir, int maxDepth) {
    return walkUp(startDir, maxDepth, [](const fs::path& dir) -> std::optional<std::string> {
        std::error_code ec;
        const fs::path candidate = dir / kProjectFileName;
        if (!fs::is_regular_file(candidate, ec)) return std::nullopt;
        // Shown in messages: relative to the working directory when it is below it.
        const fs::path shown = fs::proximate(candidate, ec);
        return (ec || shown.empty() || *shown.begin() == "..") ? candidate.string() : shown.string();
    });
}

std::optional<std::string> findRepositoryRoot(const std::string& startDir, int maxDepth) {
    return walkUp(startDir, maxDepth, [](const fs::path& dir) -> std::optional<std::string> {
        std::error_code ec;
        if (fs::exists(dir / ".git", ec)) return dir.string();
        return std::nullopt;
    });
}

ProjectLoad parseProject(std::string_view bytes, const std::string& path) {
    ProjectLoad out;
    doc::LoadLimits limits;
    limits.maxDepth = 64;
    limits.maxBytes = kMaxProjectFileBytes;
    doc::LoadResult loaded = doc::parseDocument(bytes, doc::detectFormat(path, bytes), path, limits);
    out.diagnostics = loaded.diagnostics;
    if (!loaded.ok()) return out;
    const doc::Document& document = *loaded.document;
    auto error = [&](RuleCode rule, const std::string& message, const std::string& pointer) {
        out.diagnostics.push_back(Diagnostic{Severity::Error, rule, message, pointer, document.locate(pointer), std::nullopt});
    };
    if (!document.root.is_object()) {
        error("schema/type", "quire.yaml must be a mapping with `environments`", "");
        return out;
    }
    for (Diagnostic& d : validate::checkEmbeddedSchema(document, "quire-project.schema.json")) out.diagnostics.push_back(std::move(d));
    if (hasErrors(out.diagnostics)) return out;

    Project project;
    project.path = path;
    project.root = fs::path(path).parent_path().string();
    if (project.root.empty()) project.root = ".";
    if (document.root.contains("sharing")) {
        project.declaresSharing = true;
        project.sharing = parseSharing(document, document.root["sharing"], "/sharing", out.diagnostics);
    }
    const Json& environments = document.root["environments"];
    for (auto it = environments.begin(); it != environments.end(); ++it) {
        const std::string pointer = "/environments/" + doc::escapePointerToken(it.key());
        const Json& e = it.value();
        Environment env;
        env.name = it.key();
        if (!validEnvironmentName(env.name))
            error("project/environment-name",
                  "environment name '" + env.name.substr(0, 64) + "' must be a lower-case letter followed by at most 31 "
                  "lower-case letters, digits, '-' or '_'", pointer);
        env.region = text(e, "region");
        env.apiHost = text(e, "apiHost");
        env.folderId = text(e, "folderId");
        env.profile = text(e, "profile");
        env.workbookName = text(e, "workbookName");
        if (!env.profile.empty() && !validProfile(env.profile))
            error("project/profile", "profile '" + env.profile + "' may only contain letters, digits, '.', '-' and '_'",
                  pointer + "/profile");
        if (!env.workbookName.empty() && !validNamePattern(env.workbookName))
            error("project/name-pattern", "workbookName may contain the placeholder {name} and no other braces",
                  pointer + "/workbookName");
        // A committed file may name Sigma's own hosts only (docs/security.md).
        if (!env.region.empty() && env.namedHost().empty())
            error("project/unknown-region", "unknown Sigma region '" + env.region + "'; regions: " + regionNames(),
                  pointer + "/region");
        if (!env.apiHost.empty() && !isRegionHost(env.apiHost))
            error("project/untrusted-host",
                  "apiHost '" + env.apiHost.substr(0, 200) + "' is not one of Sigma's region API hosts; a file in the "
                  "repository cannot choose where credentials are sent: name a region, or give the host yourself "
                  "(--base-url, " + environmentBaseUrlVariable(env.name) + " or QUIRE_SIGMA_BASE_URL)",
                  pointer + "/apiHost");
        if (!env.region.empty() && !env.apiHost.empty() && !env.namedHost().empty() && isRegionHost(env.apiHost) &&
            !sameBaseUrl(env.namedHost(), normalizeBaseUrl(env.apiHost)))
            error("project/host-conflict", "region '" + env.region + "' and apiHost '" + env.apiHost + "' name different hosts",
                  pointer + "/apiHost");
        if (auto c = e.find("connections"); c != e.end()) {
            env.connections.emplace();
            for (auto m = c->begin(); m != c->end(); ++m) {
                if (m.key().empty()) error("project/connection-id", "a connection id to map is empty", pointer + "/connections");
                (*env.connections)[m.key()] = m.value().get<std::string>();
            }
        }
        if (auto s = e.find("sharing"); s != e.end()) {
            project.declaresSharing = true;
            env.sharing = parseSharing(document, *s, pointer + "/sharing", out.diagnostics);
        }
        if (auto p = e.find("paths"); p != e.end())
            for (const Json& rule : *p) env.paths.push_back(PathRule{text(rule, "connection"), strings(rule["from"]), strings(rule["to"])});
        project.environments.push_back(std::move(env));
    }
    if (!hasErrors(out.diagnostics)) out.project = std::move(project);
    return out;
}

ProjectLoad loadProject(const std::string& path) {
    FileReadResult read = readFileBounded(path, kMaxProjectFileBytes);
    if (!read.ok()) {
        ProjectLoad out;
        const char* rule = read.status == FileReadResult::Status::TooLarge ? "io/too-large" : "io/read-failed";
        out.diagnostics.push_back(Diagnostic{Severity::Error, rule, "cannot read " + path + ": " + read.message, "",
                                             SourceLocation{path, 0, 0}, std::nullopt});
        return out;
    }
    return parseProject(read.bytes, path);
}

} // namespace quire::publish
