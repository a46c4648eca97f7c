#pragma once
// Import of the compact seed format (shared/seed roadmap): `workbook: {name, version, description,
// data_sources, elements, actions}` -> a wrapped Sigma document (`{name, description, contents}`) with
// warehouse-table sources, table elements with `[TABLE/COLUMN]` formulas, one page, a 24-column layout, and a
// `date-range` control element for each date filter action.
#include <quire/core/diagnostic.h>
#include <quire/doc/document.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quire::doc {

// True when root looks like a compact seed: an object with a `workbook` object that holds only the seed's keys
// (name, version, description, data_sources, elements, actions) and at least data_sources or elements, and no
// `contents`/`document` beside it.
bool isCompactSeed(const Json& root);
// True when root is a converter envelope: `{workbook: {...}}` around a Sigma document (the inner object has
// `contents`, `document`, `schemaVersion`, `pages`, `layout` or `folderId`). Not a compact seed.
bool isConverterEnvelope(const Json& root);

struct SeedImportResult {
    std::optional<Document> document;   // nullopt when the seed has errors
    std::vector<Diagnostic> diagnostics; // located in the seed file (seed.locate(pointer)); warnings too
    bool ok() const { return document.has_value(); }
};

struct SeedImportOptions {
    std::string folderId; // written to the envelope when not empty (Sigma needs it to create the workbook)
};

// seed: a loaded compact seed (positions are used for diagnostics). The result is an in-memory document
// (format copied from the seed, path empty, no positions).
SeedImportResult importSeed(const Document& seed, const SeedImportOptions& options = {});

// A deterministic RFC 9562 version-8 UUID derived from name (two FNV-1a 64-bit hashes): the same connection
// name always gives the same connectionId.
std::string deterministicUuid(std::string_view name);

} // namespace quire::doc
