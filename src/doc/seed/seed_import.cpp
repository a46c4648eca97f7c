#include <quire/doc/seed.h>

#include "seed_model.h"

namespace quire::doc {

bool isCompactSeed(const Json& root) {
    return root.is_object() && root.contains("workbook") && root["workbook"].is_object() && !root.contains("contents") &&
           !root.contains("document");
}

SeedImportResult importSeed(const Document& seedDocument, const SeedImportOptions& options) {
    seed::Diagnostics diagnostics(seedDocument);
    SeedImportResult result;
    seed::Workbook workbook = seed::parse(seedDocument, diagnostics);
    if (!diagnostics.hasErrors()) {
        Json root = seed::build(workbook, options.folderId, diagnostics);
        if (!diagnostics.hasErrors()) {
            Document out;
            out.root = std::move(root);
            out.format = seedDocument.format;
            result.document = std::move(out);
        }
    }
    result.diagnostics = diagnostics.take();
    return result;
}

} // namespace quire::doc
