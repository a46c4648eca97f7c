#include "merged_document_writer.h"

#include <quire/doc/io.h>

namespace quire::cli {

std::string writeMergedDocument(const std::string& targetPath, const std::string& /*oursText*/, const doc::Document& ours,
                                const Json& mergedRoot) {
    doc::Document merged;
    merged.root = mergedRoot;
    merged.format = ours.format;
    merged.path = ours.path;
    try {
        const std::string bytes = doc::saveDocument(merged, ours.format);
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
