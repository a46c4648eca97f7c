#include <quire/doc/io.h>
#include <quire/doc/seed.h>

#include "seed_model.h"

namespace quire::doc {

bool isConverterEnvelope(const Json& root) {
    if (!root.is_object() || !root.contains("workbook") || !root["workbook"].is_object()) return false;
    const Json& w = root["workbook"];
    for (const char* key : {"contents", "document", "schemaVersion", "pages", "layout", "folderId"})
        if (w.contains(key)) return true;
    return false;
}

bool isCompactSeed(const Json& root) {
    if (!root.is_object() || !root.contains("workbook") || !root["workbook"].is_object() || root.contains("contents") ||
        root.contains("document") || isConverterEnvelope(root))
        return false;
    const Json& w = root["workbook"];
    for (auto it = w.begin(); it != w.end(); ++it)
        if (it.key() != "name" && it.key() != "version" && it.key() != "description" && it.key() != "data_sources" &&
            it.key() != "elements" && it.key() != "actions")
            return false;
    return w.contains("data_sources") || w.contains("elements");
}

SeedImportResult importSeed(const Document& seedDocument, const SeedImportOptions& options) {
    seed::Diagnostics diagnostics(seedDocument);
    SeedImportResult result;
    // Anything but a compact seed is refused: importing a converter envelope or a Sigma document as a seed would
    // silently write an empty workbook.
    if (!isCompactSeed(seedDocument.root)) {
        const Json& root = seedDocument.root;
        std::string why = "a compact seed starts with a `workbook:` mapping of name, version, description, data_sources, "
                          "elements and actions";
        std::string pointer;
        if (isConverterEnvelope(root))
            why = "this is a Sigma workbook document wrapped in a converter envelope `{workbook: {...}}`, not a compact "
                  "seed; unwrap it with `quire convert FILE --migrate`",
            pointer = "/workbook";
        else if (root.is_object() && (root.contains("contents") || root.contains("document")))
            why = "this is already a Sigma workbook document (it has `contents`), not a compact seed";
        else if (root.is_object() && root.contains("workbook") && root["workbook"].is_object()) {
            pointer = "/workbook";
            for (auto it = root["workbook"].begin(); it != root["workbook"].end(); ++it)
                if (it.key() != "name" && it.key() != "version" && it.key() != "description" && it.key() != "data_sources" &&
                    it.key() != "elements" && it.key() != "actions") {
                    why = "`workbook` has the key `" + it.key() + "`, which a compact seed does not have";
                    pointer = "/workbook/" + escapePointerToken(it.key());
                    break;
                }
            if (pointer == "/workbook") why = "`workbook` has neither `data_sources` nor `elements`: nothing to import";
        }
        diagnostics.error("seed/not-a-seed", pointer, why);
        result.diagnostics = diagnostics.take();
        return result;
    }
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
