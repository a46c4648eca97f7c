#pragma once
// Rewriting a workbook body for a deployment environment (project.h): every `connectionId` in the body is
// mapped through the environment's `connections`, and table paths (`path` next to a connectionId) through
// its `paths` prefix rules. The file on disk is never changed; the mapped copy is what gets published.
//
// Promotion maps what is live in one environment to another through the source ids: `from`'s mapping is
// inverted (environment id -> source id), then `to`'s is applied.
#include <quire/core/diagnostic.h>
#include <quire/core/json.h>
#include <quire/doc/document.h>
#include <quire/publish/project.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace quire::publish {

struct Mapping {
    std::string description;                                    // "source -> staging", for messages
    std::optional<std::map<std::string, std::string>> connections; // set: every connectionId must be listed
    std::vector<PathRule> paths;                                // first matching rule wins; connection in the input's ids
};

struct MappingResult {
    Json contents;
    std::vector<Diagnostic> diagnostics; // deploy/unmapped-connection, deploy/too-deep, deploy/ambiguous-mapping
    int connectionsMapped = 0;
    int pathsMapped = 0;
    bool ok() const { return !hasErrors(diagnostics); }
};

// The source workbook -> environment mapping.
Mapping mappingTo(const Environment& environment);
// Environment `from` -> source: connections inverted (two source ids mapped to one environment id must come
// back to the same target, else a deploy/ambiguous-mapping error), path rules reversed.
MappingResult invertMapping(const Environment& from, Mapping& inverse);

// Applies `mapping` to a copy of `contents`. An unlisted connectionId is an error located in `located` (the
// file the body came from; pass nullptr for a body that has no file) under `contentsPointer`. Nesting deeper
// than 512 levels is an error, not a recursion.
MappingResult applyMapping(const Json& contents, const Mapping& mapping, const doc::Document* located = nullptr);

} // namespace quire::publish
