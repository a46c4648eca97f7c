#pragma once
// The expensive part of a save (Ctrl+S), for a worker thread: the workbook rebuilt from a snapshot of the edit
// log (edit_log.h), its text made (format-preserving when it can be, checked by reading it back once) and
// written atomically. It reads nothing but the snapshot, whose parts are immutable and shared with the model.
#include "edit_log.h"

#include <quire/doc/io.h>

#include <QString>

#include <memory>
#include <string>

namespace quire::ide {

struct SaveSnapshot {
    QString path;                          // where to write
    doc::Format format = doc::Format::Yaml; // how
    std::shared_ptr<const std::string> sourceText; // the document's text: what a preserving save patches
    doc::Format sourceFormat = doc::Format::Yaml;
    std::string documentPath;
    EditLog log; // rebuilds the tree to save
};

struct SaveOutcome {
    bool ok = false;
    QString error;                          // why not (the file on disk is then unchanged)
    bool rebuildFailed = false;             // the log did not rebuild the tree: nothing was written
    std::shared_ptr<const std::string> text; // the bytes written
    QString reformatted; // why the file had to be written in canonical style, if it had to
};

// Any thread. When the log's base is the document's text, that text is read once: the tree it reads as is both
// the preserving save's "as loaded" tree and, with the log's values set, the tree to save.
SaveOutcome runSave(const SaveSnapshot& snapshot, const doc::LoadLimits& limits = {});

// What to write for `document` in `format` (the synchronous path: the tree at hand); throws on a value the
// writers refuse. *reformatted: why the style could not be kept, if it could not.
std::string saveText(const doc::Document& document, doc::Format format, QString* reformatted);

} // namespace quire::ide
