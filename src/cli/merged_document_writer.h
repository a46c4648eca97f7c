#pragma once
// The one place a merge result is turned into bytes and written (`quire merge-driver`). Today it writes the
// canonical text of the merged tree (doc::saveDocument: comments and styling of ours are not kept); it takes
// ours' original text and document so a format-preserving writer (patch ours' text at the changed spans) can
// replace the body without touching any caller.
#include <quire/core/json.h>
#include <quire/doc/document.h>

#include <string>

namespace quire::cli {

// Writes mergedRoot to targetPath (atomically) in ours' format, after checking that the bytes load again.
// Returns "" on success, else why nothing was written.
std::string writeMergedDocument(const std::string& targetPath, const std::string& oursText, const doc::Document& ours,
                                const Json& mergedRoot);

} // namespace quire::cli
