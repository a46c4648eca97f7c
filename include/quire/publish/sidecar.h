#pragma once
// Which server workbook a local file belongs to: `<file>.sigma.json` next to the file, plus the last pulled
// or published server body (the merge base) in `<file>.sigma-base.json`. Never stored in the workbook.
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
};

std::string sidecarPathFor(const std::string& documentPath);   // "<file>.sigma.json"
std::string snapshotPathFor(const std::string& documentPath);  // "<file>.sigma-base.json"

// nullopt when there is no sidecar; throws std::runtime_error when one exists but cannot be read.
std::optional<Sidecar> loadSidecar(const std::string& documentPath);
// Writes the snapshot (the server body, canonical JSON) and the sidecar, both atomically.
void saveSidecar(const std::string& documentPath, Sidecar sidecar, const Json& baseContents);
// The snapshot body; nullopt when missing or when its hash does not match the sidecar (edited by hand).
std::optional<Json> loadSnapshot(const std::string& documentPath, const Sidecar& sidecar, std::string* problem = nullptr);

} // namespace quire::publish
