#include "save_job.h"

#include "save_file.h"

#include <exception>
#include <utility>

namespace quire::ide {

namespace {

QString reformattedReason(const doc::PreservingSave& saved, const doc::Document& document, doc::Format format) {
    // Only a document with a text of the same format was expected to keep its style.
    if (saved.preserved || !document.sourceText || format != document.format) return {};
    return QString::fromStdString(saved.fallbackReason);
}

} // namespace

std::string saveText(const doc::Document& document, doc::Format format, QString* reformatted) {
    doc::PreservingSave saved = doc::saveDocumentPreserving(document, format);
    if (reformatted) *reformatted = reformattedReason(saved, document, format);
    return std::move(saved.text);
}

SaveOutcome runSave(const SaveSnapshot& snapshot, const doc::LoadLimits& limits) {
    SaveOutcome outcome;
    doc::Document document;
    document.path = snapshot.documentPath;
    document.format = snapshot.sourceFormat;
    document.sourceText = snapshot.sourceText;
    const EditLog& log = snapshot.log;
    std::string error;
    try {
        doc::PreservingSave saved;
        const bool textIsBase = log.baseText && log.baseText == snapshot.sourceText && log.baseFormat == snapshot.sourceFormat;
        if (textIsBase && log.entries.empty() && snapshot.format == snapshot.sourceFormat) {
            saved.text = *snapshot.sourceText; // nothing set since the text was read or saved: the same bytes
            saved.preserved = true;
        } else if (textIsBase) {
            doc::LoadResult loaded = doc::parseDocument(*snapshot.sourceText, snapshot.sourceFormat, snapshot.documentPath, limits);
            if (!loaded.document) {
                outcome.rebuildFailed = true;
                outcome.error = loaded.diagnostics.empty() ? QStringLiteral("the base text does not read")
                                                           : QString::fromStdString(formatDiagnostic(loaded.diagnostics.front()));
                return outcome;
            }
            const Json& before = loaded.document->root;
            document.root = before; // a copy costs less than a second read of the text
            if (!log.applyEntries(document.root, &error, limits)) {
                outcome.rebuildFailed = true;
                outcome.error = QString::fromStdString(error);
                return outcome;
            }
            saved = snapshot.format == snapshot.sourceFormat ? doc::saveDocumentPreserving(document, snapshot.format, before, limits)
                                                             : doc::saveDocumentPreserving(document, snapshot.format, limits);
        } else {
            // The log starts from a tree (a new workbook, a source edit): rebuilt from it; the document's text,
            // if any, is read by the preserving save itself (once).
            std::optional<Json> rebuilt = log.replay(&error, limits);
            if (!rebuilt) {
                outcome.rebuildFailed = true;
                outcome.error = QString::fromStdString(error);
                return outcome;
            }
            document.root = std::move(*rebuilt);
            saved = doc::saveDocumentPreserving(document, snapshot.format, limits);
        }
        outcome.reformatted = reformattedReason(saved, document, snapshot.format);
        outcome.text = std::make_shared<const std::string>(std::move(saved.text));
    } catch (const std::exception& e) { // a value the writer refuses (e.g. invalid UTF-8 in a string)
        outcome.error = QString::fromUtf8(e.what());
        return outcome;
    }
    // The old file stays as it was unless every byte of the new one reached the disk.
    outcome.ok = writeFileSafely(snapshot.path, *outcome.text, &outcome.error);
    return outcome;
}

} // namespace quire::ide
