#pragma once
// The project file `quire.yaml` at the repository root: deployment environments (dev, staging, prod, ...),
// each with a Sigma region, a folder, a credential profile name, a workbook name pattern and the mapping of
// the source workbook's connection ids (and table path prefixes) to that environment's.
//
// It is a committed file, so it never decides where credentials go: an environment may name a Sigma region or
// one of Sigma's region API hosts, nothing else (client_setup.h applies the same host rules as for sidecars),
// and it names a credential *profile*, never a secret. docs/deploy.md describes the format.
#include <quire/core/diagnostic.h>
#include <quire/doc/document.h>
#include <quire/publish/grants.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace quire::publish {

inline constexpr const char* kProjectFileName = "quire.yaml";
inline constexpr int kMaxProjectSearchDepth = 64;        // directories walked up from the workbook
inline constexpr std::size_t kMaxProjectFileBytes = 1 << 20;

// A table path prefix rewrite for warehouse sources: `from` -> `to` (database/schema renames).
struct PathRule {
    std::string connection;          // only sources on this connectionId ("" = any)
    std::vector<std::string> from;
    std::vector<std::string> to;
};

struct Environment {
    std::string name;                 // "staging"
    std::string region;               // "aws-us" as written ("" = none)
    std::string apiHost;              // a Sigma region host as written ("" = none)
    std::string folderId;             // where new workbooks are created ("" = the usual default)
    std::string profile;              // credential profile ("" = default)
    std::string workbookName;         // "{name} (staging)"; "" = the file's name
    std::optional<std::map<std::string, std::string>> connections; // source id -> environment id
    std::vector<PathRule> paths;
    std::vector<GrantSpec> sharing;   // on top of the project's (docs/governance.md)

    // The API host the file names for this environment: the region's host, or apiHost; "" when none.
    // loadProject() has already refused anything that is not a Sigma region host.
    std::string namedHost() const;
    // The workbook name in this environment for a file whose workbook is called `name`.
    std::string workbookNameFor(const std::string& name) const;
};

struct Project {
    std::string path;                 // .../quire.yaml
    std::string root;                 // its directory
    std::vector<Environment> environments; // in file order
    std::vector<GrantSpec> sharing;   // every workbook's grants
    bool declaresSharing = false;     // a `sharing` key exists (top level or in any environment)
    const Environment* find(const std::string& name) const;
    std::string environmentNames() const; // "dev, staging, prod"
    // The grants for the workbook file `workbookFile` published to `environment` (nullptr: none): the
    // project's and the environment's whose `files` are empty or name it (relative to quire.yaml); an
    // environment's grant for a grantee replaces the project's. nullopt when no `sharing` applies at all, so
    // grants are left alone.
    std::optional<std::vector<GrantSpec>> sharingFor(const std::string& workbookFile, const Environment* environment) const;
};

struct ProjectLoad {
    std::optional<Project> project;
    std::vector<Diagnostic> diagnostics; // file:line:col; rules io/*, schema/*, project/*
    bool ok() const { return project.has_value() && !hasErrors(diagnostics); }
};

// Walks up from `startDir` looking for quire.yaml: stops at the first directory that has one, at a repository
// root (a directory with .git, which is still searched), at the filesystem root, or after `maxDepth`
// directories. nullopt when there is none.
std::optional<std::string> findProjectFile(const std::string& startDir, int maxDepth = kMaxProjectSearchDepth);
// The repository root above `startDir` (the directory holding .git), with the same bounds; nullopt outside one.
std::optional<std::string> findRepositoryRoot(const std::string& startDir, int maxDepth = kMaxProjectSearchDepth);

// Reads and checks quire.yaml: YAML/JSON with the loader's limits (1 MiB, 64 levels), the JSON Schema
// schemas/quire-project.schema.json, then environment names, profiles, name patterns and hosts.
ProjectLoad loadProject(const std::string& path);
ProjectLoad parseProject(std::string_view text, const std::string& path);

} // namespace quire::publish
