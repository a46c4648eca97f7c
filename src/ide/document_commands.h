#pragma once
// Every change to the workbook is one of these QUndoCommands. Each records the exact values it replaces,
// so undo restores the document bit for bit.
#include "document_model.h"

#include <QUndoCommand>

#include <optional>
#include <string>
#include <vector>

namespace quire::ide {

// Sets (or with nullopt removes) values at JSON pointers, in order; undo restores the old values in
// reverse order. Commands with the same non-negative mergeId and the same pointers merge (typing, dragging).
class EditCommand : public QUndoCommand {
public:
    struct Change {
        std::string pointer;
        std::optional<Json> newValue;
        std::optional<Json> oldValue; // filled on first redo
    };
    EditCommand(DocumentModel* model, QString text, std::vector<Change> changes, int mergeId = -1);

    void redo() override;
    void undo() override;
    int id() const override { return mergeId_; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    DocumentModel* model_;
    std::vector<Change> changes_;
    int mergeId_;
    bool captured_ = false;
};

enum MergeIds { MergeTyping = 2, MergeDragBase = 1000 }; // drags use MergeDragBase + a serial number

// Builders for the common edits (they return nullptr when there is nothing to do).
QUndoCommand* makeSetValue(DocumentModel* model, const std::string& pointer, const Json& value, const QString& text,
                           int mergeId = -1);
QUndoCommand* makeReplaceDocument(DocumentModel* model, const Json& newRoot, const QString& text);
// Moves/resizes one placed element (layout handle) to the given grid spans.
// mergeId: commands of one drag share an id so the whole drag is one undo step (-1: no merging).
QUndoCommand* makeSetGeometry(DocumentModel* model, const std::string& handle, doc::GridSpan column, doc::GridSpan row,
                              int mergeId = -1);
// Adds an element and places it in a region (page/overlay id) at the given spans.
QUndoCommand* makeAddElement(DocumentModel* model, const Json& element, const std::string& regionId,
                             doc::GridSpan column, doc::GridSpan row);
// Removes elements and their layout nodes (children of removed containers go with them).
QUndoCommand* makeDeleteElements(DocumentModel* model, const QStringList& ids);
QUndoCommand* makeAddPage(DocumentModel* model, const std::string& name);

} // namespace quire::ide
