#pragma once
// The one place a merge result is turned into bytes and written (`quire merge-driver`): ours' text patched at the
// spans that differ from the merged tree (doc::patchText), so comments and styling of everything untouched stay;
// the canonical text of the merged tree only when the patch cannot be made safely.
#include <quire/core/json.h>
#include <quire/doc/document.h>

#include <string>

namespace quire::cli {

// Writes mergedRoot to targetPath (atomically) in ours' format, after checking that the bytes load again.
// Returns "" on success, else why nothing was written.
std::string writeMergedDocument(const std::string& targetPath, const std::string& oursText, const doc::Document& ours,
                                const Json& mergedRoot);

} // namespace quire::cli
