#pragma once
// `quire convert --migrate`: the legacy and converter shapes Sigma does not read, rewritten to the document it does.
//   - a converter envelope `{workbook: {name, folderId, contents ...}}` is unwrapped to its inner document;
//   - the legacy body key `document` becomes `contents` (Sigma's API ignores `document` and creates a blank workbook).
// The text is patched where that can be done exactly (the key renamed in place; a JSON envelope's inner object
// kept byte for byte; a YAML envelope's block dedented), checked by reading it back; otherwise canonical text.
#include <quire/doc/document.h>

#include <string>
#include <vector>

namespace quire::doc {

struct Migration {
    Json root;                         // the migrated tree
    std::string text;                  // in the document's own format
    std::vector<std::string> changes;  // one line per change made; empty = nothing to migrate
    bool preserved = false;            // text keeps the original bytes outside the changes
};

Migration migrateDocument(const Document& document);

} // namespace quire::doc
