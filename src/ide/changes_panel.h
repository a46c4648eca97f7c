#pragma once
// The Changes dock: the git repository of the open workbook. A status list (tick to stage, untick to unstage),
// a commit message and Commit, the branch to switch to, Pull and Push; a History tab with the versions of the
// open file to compare (two commits, or one against the working copy) in a VersionDiffView; a Conflicts tab
// (ConflictPanel). Repository work goes through quire_vcs; the document only through DocumentModel.
#include "document_model.h"
#include "version_diff_view.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace quire::vcs {
class Repository;
}

namespace quire::ide {

class ConflictPanel;

class ChangesPanel : public QWidget {
    Q_OBJECT
public:
    explicit ChangesPanel(DocumentModel* model, QWidget* parent = nullptr);
    ~ChangesPanel() override;

    // Re-finds the repository of the open file and re-reads status, branches and the file's history.
    void refresh();
    bool hasRepository() const { return repo_ != nullptr; }
    QString relativePath() const { return relative_; } // the open file in its repository

    // What the buttons do; false with the reason shown (messageText()).
    bool stage(const QStringList& paths);
    bool unstage(const QStringList& paths);
    bool commit(const QString& message);
    bool switchBranch(const QString& name);
    bool pull();
    bool push();
    // Opens a comparison window: commit ids, "" = the open workbook (working copy). nullptr on failure.
    VersionDiffView* compare(const QString& fromId, const QString& toId);

    ConflictPanel* conflicts() const { return conflicts_; }
    void showConflicts();

    QTabWidget* tabs() const { return tabs_; }
    QTreeWidget* statusList() const { return status_; }
    QPlainTextEdit* messageEdit() const { return message_; }
    QPushButton* commitButton() const { return commitButton_; }
    QComboBox* branchCombo() const { return branches_; }
    // The History tab's list (filled when the tab is shown, or now when it is stale).
    QTreeWidget* historyList();
    QString messageText() const;
    VersionDiffView* lastComparison() const { return lastDiff_; }

protected:
    void showEvent(QShowEvent* event) override;

signals:
    // The file on disk may have changed under the open document (branch switch, pull): reopen it.
    void reloadRequested();
    void statusMessage(const QString& text);

private:
    void fillStatus();
    void fillBranches();
    void fillHistory();
    void report(bool ok, const QString& text);
    bool refuseWhenModified(const QString& action);
    void statusItemChanged(QTreeWidgetItem* item);
    std::optional<doc::Document> version(const QString& id, QString* label);

    DocumentModel* model_;
    std::unique_ptr<vcs::Repository> repo_;
    QString relative_;
    bool filling_ = false;
    bool historyStale_ = true;
    QTabWidget* tabs_ = nullptr;
    QLabel* repoLabel_ = nullptr;
    QTreeWidget* status_ = nullptr;
    QPlainTextEdit* message_ = nullptr;
    QPushButton* commitButton_ = nullptr;
    QComboBox* branches_ = nullptr;
    QPushButton* pullButton_ = nullptr;
    QPushButton* pushButton_ = nullptr;
    QLabel* feedback_ = nullptr;
    QTreeWidget* history_ = nullptr;
    QPushButton* compareButton_ = nullptr;
    ConflictPanel* conflicts_ = nullptr;
    QPointer<VersionDiffView> lastDiff_;
};

} // namespace quire::ide
