#pragma once
// The one owner of the open workbook in the IDE. Widgets read through it and change it only by pushing
// commands (document_commands.h) onto its undo stack; they listen to `changed` and never keep copies.
#include <quire/core/diagnostic.h>
#include <quire/doc/document.h>
#include <quire/doc/layout.h>

#include <QObject>
#include <QString>
#include <QUndoStack>

#include <optional>
#include <string>
#include <vector>

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
    bool isModified() const { return !undoStack_.isClean(); }
    void setDocument(doc::Document document); // new/open: clears undo history
    // A workbook recovered after a crash: like setDocument, but modified until it is saved.
    void setRecoveredDocument(doc::Document document);
    // After a successful save: the file is now `savedText`, which the next format-preserving save patches.
    void markSaved(const QString& path, doc::Format format, std::string savedText);

    // Low-level edit used by commands only: replaces the value at pointer (creating object members).
    void applyValue(const std::string& pointer, const std::optional<Json>& value);
    void replaceRoot(const Json& root);

    // Reading helpers.
    std::string bodyPointer() const; // "/contents", "/document" or "" (no body)
    const Json* body() const { return document_.contents(); }
    const Json* elements() const;
    const Json* findElement(const std::string& id, int* index = nullptr) const;
    std::vector<std::pair<std::string, std::string>> pages() const; // (id, name)
    doc::LayoutTree layout() const; // parsed contents.layout (empty tree when absent or broken)
    std::string uniqueElementId(const std::string& stem) const;

    // The validator's findings, then those of files the view reads beside the workbook (the personas file).
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
    // Findings about view state (not the document): shown in Problems, replaced as a whole, never undone.
    void setViewDiagnostics(std::vector<Diagnostic> diagnostics);
    std::size_t viewDiagnosticCount() const { return viewDiagnostics_.size(); } // the last ones of diagnostics()

    // Selection is view state, not document state.
    QStringList selection() const { return selection_; }
    void setSelection(const QStringList& ids);

signals:
    void changed();            // anything in the document changed (after a command)
    void documentReplaced();   // a new file was opened/created
    void diagnosticsChanged();
    void selectionChanged(const QStringList& ids);
    void fileStateChanged();

private:
    void revalidate();

    doc::Document document_;
    QUndoStack undoStack_;
    std::vector<Diagnostic> validation_;     // of the document
    std::vector<Diagnostic> viewDiagnostics_;
    std::vector<Diagnostic> diagnostics_;    // both
    QStringList selection_;
};

// A minimal valid empty workbook with one page.
doc::Document newWorkbookDocument();

} // namespace quire::ide
