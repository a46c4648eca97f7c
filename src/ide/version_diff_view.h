#pragma once
// Two versions of a workbook side by side in one view: the newer version's page on a read-only canvas with the
// added, changed, moved and removed elements marked (removed ones as outlines where they were), the
// property-level differences (quire_diff), and the SQL of each changed element diffed line by line.
#include "canvas_widget.h"
#include "document_model.h"

#include <quire/diff/workbook_diff.h>

#include <QWidget>

class QLabel;
class QTabBar;
class QTextEdit;
class QTreeWidget;

namespace quire::ide {

class VersionDiffView : public QWidget {
    Q_OBJECT
public:
    VersionDiffView(doc::Document before, doc::Document after, const QString& beforeLabel, const QString& afterLabel,
                    QWidget* parent = nullptr);

    CanvasWidget* canvas() const { return canvas_; }
    QTreeWidget* differences() const { return differences_; }
    QTextEdit* sqlView() const { return sql_; }
    const diff::WorkbookDiff& workbookDiff() const { return diff_; }
    // The marks the canvas shows, by element id (a pure function of the two versions).
    static QHash<QString, DiffMark> marksFor(const diff::WorkbookDiff& diff);

    void showRegion(const QString& regionId);
    // Shows the SQL diff of one element ("" = every changed element) and selects its card.
    void focusElement(const QString& elementId);

private:
    void fillDifferences();
    std::vector<GhostCard> ghosts(const QString& regionId, int width) const;
    QString regionOf(const QString& elementId) const;

    doc::Document before_;
    DocumentModel after_; // the newer version, read only: the canvas paints it
    diff::WorkbookDiff diff_;
    QHash<QString, DiffMark> marks_;
    CanvasWidget* canvas_ = nullptr;
    QTabBar* pages_ = nullptr;
    QTreeWidget* differences_ = nullptr;
    QTextEdit* sql_ = nullptr;
    QLabel* summary_ = nullptr;
};

} // namespace quire::ide
