#pragma once
// Resolving a conflicted workbook element by element. The sides come from the index stages while git has a
// merge in progress, else from the conflict markers in the file. Items changed on one side only are merged
// automatically; for each item changed on both sides the user picks ours, theirs or base (all three shown).
// Resolving is one undoable command on the document, then the normal save, then `git add` of the file.
#include "document_model.h"

#include <quire/vcs/conflict_resolution.h>

#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QPushButton;
class QTableWidget;

namespace quire::ide {

class ConflictPanel : public QWidget {
    Q_OBJECT
public:
    explicit ConflictPanel(DocumentModel* model, QWidget* parent = nullptr);

    // Whether opening this file needs the resolver: conflict markers in it, or its repository is merging and
    // the index has it conflicted.
    static bool needsResolution(const QString& path);
    // Reads the three sides and finds the conflicts; the local side (ours) is returned for the editor to open.
    // nullopt with a message (naming the side that does not parse) when the file cannot be merged this way.
    std::optional<doc::Document> prepare(const QString& path, QString* error);
    bool active() const { return threeWay_.has_value(); }
    QString path() const { return path_; }
    const vcs::ThreeWay* threeWay() const { return threeWay_ ? &*threeWay_ : nullptr; }

    // Writes the open workbook (the normal save); false when it could not.
    void setSaveHandler(std::function<bool()> save) { save_ = std::move(save); }

    QTableWidget* table() const { return table_; }
    QTableWidget* fields() const { return fields_; }
    void pick(int row, vcs::Side side);
    // The merged workbook with the picks, as one undoable command; then save and stage. false with the reason.
    bool resolve(QString* error = nullptr);
    void clear();

signals:
    void resolved(const QString& message);

private:
    void fill();
    void showItem(int row);
    vcs::Picks picks() const;

    DocumentModel* model_;
    std::optional<vcs::ThreeWay> threeWay_;
    QString path_;
    std::function<bool()> save_;
    QLabel* header_ = nullptr;
    QTableWidget* table_ = nullptr;
    QTableWidget* fields_ = nullptr; // the conflicted item's differing fields: ours, base, theirs
    QPushButton* resolveButton_ = nullptr;
};

} // namespace quire::ide
