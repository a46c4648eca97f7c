#include "merged_document_writer.h"

#include <quire/doc/io.h>

namespace quire::cli {

std::string writeMergedDocument(const std::string& targetPath, const std::string& oursText, const doc::Document& ours,
                                const Json& mergedRoot) {
    try {
        // Ours' text patched to the merged tree: comments and style of every untouched node are kept; the
        // canonical text only when the patch cannot be made safely.
        std::string why;
        const auto patched = doc::patchText(oursText, ours.format, ours.root, mergedRoot, &why);
        doc::Document merged;
        merged.root = mergedRoot;
        merged.format = ours.format;
        merged.path = ours.path;
        const std::string bytes = patched ? *patched : doc::saveDocument(merged, ours.format);
        doc::LoadResult back = doc::parseDocument(bytes, ours.format, ours.path);
        if (!back.ok()) {
            for (const Diagnostic& d : back.diagnostics)
                if (d.severity == Severity::Error) return "the merged document would not load again: " + formatDiagnostic(d);
            return "the merged document would not load again";
        }
        doc::writeFileAtomically(targetPath, bytes);
    } catch (const std::exception& e) {
        return e.what();
    }
    return {};
}

} // namespace quire::cli
