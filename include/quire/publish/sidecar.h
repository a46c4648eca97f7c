#pragma once
// Which server workbook a local file belongs to: `<file>.sigma.json` next to the file, plus the last pulled
// or published server body (the merge base) in `<file>.sigma-base.json`. Never stored in the workbook.
//
// Deployment environments (project.h) each have their own target in the same sidecar, under
// `environments.<name>` with the same fields, and their own snapshot `<file>.sigma-base.<name>.json`. The
// top-level fields stay the default target (`quire publish FILE` without --env), so a sidecar written before
// environments existed reads and updates exactly as before.
#include <quire/core/expected.h>
#include <quire/core/json.h>

#include <optional>
#include <string>

namespace quire::publish {

struct Sidecar {
    std::string workbookId;
    std::string url;
    std::optional<long long> documentVersion; // the server version the base snapshot is
    std::string baseUrl;                      // API host the workbook lives on
    std::string basePath;                     // snapshot file name, relative to the sidecar's directory
    std::string baseSha256;                   // hex SHA-256 of the snapshot file's bytes
    std::string environment;                  // "" = the default target, else a quire.yaml environment
};

std::string sidecarPathFor(const std::string& documentPath);   // "<file>.sigma.json"
// "<file>.sigma-base.json", or "<file>.sigma-base.<environment>.json".
std::string snapshotPathFor(const std::string& documentPath, const std::string& environment = {});

// The target of `environment` ("" = the default one); an empty optional when the sidecar or that target is
// missing; publish/sidecar (the message starts with the sidecar's path) when it exists but cannot be used.
Expected<std::optional<Sidecar>> loadSidecar(const std::string& documentPath, const std::string& environment = {});
// Writes the snapshot (the server body, canonical JSON) and the sidecar's target `sidecar.environment`, both
// atomically; the other targets in the sidecar are kept as they are.
void saveSidecar(const std::string& documentPath, Sidecar sidecar, const Json& baseContents);
// The snapshot body; publish/base-snapshot when it is missing, does not match its hash in the sidecar (edited by
// hand) or does not parse.
Expected<Json> loadSnapshot(const std::string& documentPath, const Sidecar& sidecar);

} // namespace quire::publish
