#pragma once
// The one owner of the open workbook in the IDE. Widgets read through it and change it only by pushing
// commands (document_commands.h) onto its undo stack; they listen to `changed` and never keep copies.
#include "edit_log.h"

#include <quire/core/diagnostic.h>
#include <quire/doc/document.h>
#include <quire/doc/layout.h>
#include <quire/validate/incremental.h>

#include <QObject>
#include <QString>
#include <QUndoStack>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

class QTimer;

namespace quire::ide {

class DocumentModel : public QObject {
    Q_OBJECT
public:
    explicit DocumentModel(QObject* parent = nullptr);
    ~DocumentModel() override;

    const doc::Document& document() const { return document_; }
    const Json& root() const { return document_.root; }
    QUndoStack* undoStack() { return &undoStack_; }

    // File state.
    QString filePath() const { return QString::fromStdString(document_.path); }
    doc::Format format() const { return document_.format; }
    // During a save on a worker thread the undo stack's clean state is already the one being written: the
    // document counts as modified until the file holds it (unless it was unmodified when the save began).
    bool isModified() const { return !undoStack_.isClean() || (saving_ && !savingClean_); }
    // New/open: clears undo history. `log` says what text the document was read from (an opened file: its
    // source text); without one, the tree as it is before the first edit is the recovery's base.
    void setDocument(doc::Document document, EditLog log = {});
    // A workbook recovered after a crash: like setDocument, but modified until it is saved.
    void setRecoveredDocument(doc::Document document, EditLog log = {});
    // After a successful save: the file is now `savedText`, which the next format-preserving save patches.
    void markSaved(const QString& path, doc::Format format, std::string savedText);

    // A save on a worker thread (document_saver.h), in two steps. beginSave() takes what the file will hold: the
    // source text and the edit log (shared, not copied; a document with no log base yet, i.e. new, from a
    // template or imported and not edited, gives its tree, copied once, as the base the first edit would take).
    // It seals that state: the undo stack's clean index moves to the current index (Qt then merges no later
    // edit into that step, and forgets it when a new edit replaces it after an undo) and the log's entries so
    // far are sealed. The user may go on editing. Then exactly one of:
    //   finishSave(): the file `path` now holds the snapshot's state as `savedText`. That text is the base of
    //   the next format-preserving save and of the edit log, which keeps the values set after the snapshot.
    //   Returns true when the document changed since the snapshot (it is then still modified; undoing back to
    //   the snapshot shows it clean).
    //   abandonSave(): nothing was saved; the clean state is what it was (or none, when edits since may have
    //   changed the step it marked).
    // Both do nothing for a ticket of a document replaced since (setDocument).
    struct SaveTicket {
        std::uint64_t generation = 0; // of the document (setDocument)
        std::uint64_t revision = 0;
        int index = 0;             // the undo stack's index at the snapshot
        int cleanIndexBefore = -1; // its clean index before
        bool wasClean = false;
        std::shared_ptr<const std::string> sourceText; // the document's text (what a preserving save patches)
        doc::Format sourceFormat = doc::Format::Json;
        std::string documentPath;
        EditLog log; // its base and the entries at the snapshot
    };
    SaveTicket beginSave();
    bool finishSave(const SaveTicket& ticket, const QString& path, doc::Format format, std::shared_ptr<const std::string> savedText);
    void abandonSave(const SaveTicket& ticket);
    bool saving() const { return saving_; }

    // The base text and the values set since (what an autosave writes, recovery_store.h), and a number that
    // changes with every change of the document or its file state.
    const EditLog& editLog() const { return editLog_; }
    std::uint64_t revision() const { return revision_; }

    // Low-level edit used by commands only: replaces the value at pointer (creating object members).
    void applyValue(const std::string& pointer, const std::optional<Json>& value);
    void replaceRoot(const Json& root);

    // Reading helpers.
    std::string bodyPointer() const; // "/contents", "/document" or "" (no body)
    const Json* body() const { return document_.contents(); }
    const Json* elements() const;
    const Json* findElement(const std::string& id, int* index = nullptr) const;
    std::vector<std::pair<std::string, std::string>> pages() const; // (id, name)
    // Parsed contents.layout (empty tree when absent or broken); parsed again only when the layout text changed.
    const doc::LayoutTree& layout() const;
    std::string uniqueElementId(const std::string& stem) const;

    // The validator's findings, then those of files the view reads beside the workbook (the personas file).
    // After an edit only what the edit can change is checked again (validate/incremental.h). A workbook of more
    // than backgroundValidationThreshold() elements is first validated in slices between UI events: until
    // that is done, validationPending() is true and the findings are those of the files beside it only.
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
    bool validationPending() const { return validationPending_; }
    static constexpr int kDefaultBackgroundValidationThreshold = 2000;
    int backgroundValidationThreshold() const { return backgroundThreshold_; }
    void setBackgroundValidationThreshold(int elements) { backgroundThreshold_ = elements; }
    // Findings about view state (not the document): shown in Problems, replaced as a whole, never undone.
    void setViewDiagnostics(std::vector<Diagnostic> diagnostics);
    std::size_t viewDiagnosticCount() const { return viewDiagnostics_.size(); } // the last ones of diagnostics()

    // What the command being announced by `changed` touched (valid while `changed` is emitted): the members of
    // elements it changed in place ("*" when not known member by member), or `structural` for anything else
    // (elements added, removed or moved, pages, layout, a new document). Views use it to update only those rows.
    struct Change {
        bool structural = true;
        std::map<std::size_t, std::set<std::string>> elements; // element index -> its changed top-level members
    };
    const Change& lastChange() const { return lastChange_; }

    // Selection is view state, not document state.
    QStringList selection() const { return selection_; }
    void setSelection(const QStringList& ids);

signals:
    void changed();            // anything in the document changed (after a command)
    void documentReplaced();   // a new file was opened/created
    void diagnosticsChanged();
    void validationProgress(int checked, int total); // while a first validation runs in slices
    void validationFinished();                        // diagnostics() is complete again
    void selectionChanged(const QStringList& ids);
    void fileStateChanged();

private:
    void revalidate();
    void startValidation();  // after a new document: now, or in slices for a big one
    void validateSlice();
    void noteChange(const std::string& pointer, const Json* newRoot); // which elements an edit touched
    void publishDiagnostics();
    void logValue(const std::string& pointer, const Json* value); // into editLog_, before it is set

    doc::Document document_;
    EditLog editLog_;
    std::uint64_t revision_ = 1;
    std::uint64_t generation_ = 1; // one per document set
    bool saving_ = false;          // between beginSave and finishSave/abandonSave
    bool savingClean_ = false;     // the document was unmodified at beginSave
    bool sealing_ = false;         // inside beginSave: the clean index moves, the file state does not change
    validate::IncrementalValidator validator_;
    std::set<std::size_t> changedElements_; // since the last validation
    bool changedAll_ = false;
    Change lastChange_;       // of the command being announced
    Change pendingChange_;    // collected while a command applies its values
    bool replacing_ = false; // inside setDocument
    bool validationPending_ = false;
    int backgroundThreshold_ = kDefaultBackgroundValidationThreshold;
    QTimer* sliceTimer_ = nullptr;
    std::size_t sliceElements_ = 100; // elements per slice, adjusted to the time one takes
    mutable std::string layoutText_; // what layoutTree_ was parsed from
    mutable doc::LayoutTree layoutTree_;
    mutable bool layoutParsed_ = false;
    QUndoStack undoStack_;
    std::vector<Diagnostic> validation_;     // of the document
    std::vector<Diagnostic> viewDiagnostics_;
    std::vector<Diagnostic> diagnostics_;    // both
    QStringList selection_;
};

// A minimal valid empty workbook with one page.
doc::Document newWorkbookDocument();

} // namespace quire::ide
