#include "changes_panel.h"
#include "color_scheme.h"

#include "conflict_panel.h"
#include "version_diff_view.h"

#include <quire/doc/io.h>
#include <quire/vcs/repository.h>

#include <QComboBox>
#include <QDateTime>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace quire::ide {
namespace {

constexpr int kPathRole = Qt::UserRole;
constexpr int kCommitRole = Qt::UserRole;

QString describe(const vcs::FileStatus& f) {
    if (f.conflicted) return QObject::tr("conflicted");
    QStringList parts;
    if (f.staged != vcs::Change::None) parts << QObject::tr("%1, staged").arg(QString::fromUtf8(vcs::changeName(f.staged).data()));
    if (f.unstaged == vcs::Change::New) parts << QObject::tr("untracked");
    else if (f.unstaged != vcs::Change::None) parts << QString::fromUtf8(vcs::changeName(f.unstaged).data());
    return parts.join(" · ");
}

QString message(const std::optional<Diagnostic>& error) {
    return error ? QString::fromStdString(error->message) : QString();
}

} // namespace

ChangesPanel::ChangesPanel(DocumentModel* model, QWidget* parent) : QWidget(parent), model_(model) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(4, 4, 4, 4);
    repoLabel_ = new QLabel;
    repoLabel_->setWordWrap(true);
    outer->addWidget(repoLabel_);
    tabs_ = new QTabWidget;
    outer->addWidget(tabs_, 1);

    // Changes: branch, status, commit.
    auto* changes = new QWidget;
    auto* v = new QVBoxLayout(changes);
    v->setContentsMargins(4, 4, 4, 4);
    auto* branchRow = new QHBoxLayout;
    branchRow->addWidget(new QLabel(tr("Branch")));
    branches_ = new QComboBox;
    branches_->setMinimumContentsLength(12);
    branchRow->addWidget(branches_, 1);
    pullButton_ = new QPushButton(tr("Pull"));
    pushButton_ = new QPushButton(tr("Push"));
    pullButton_->setToolTip(tr("Fetch and merge the branch's upstream (ssh-agent credentials only)"));
    pushButton_->setToolTip(tr("Push this branch to its upstream (ssh-agent credentials only)"));
    branchRow->addWidget(pullButton_);
    branchRow->addWidget(pushButton_);
    v->addLayout(branchRow);
    status_ = new QTreeWidget;
    status_->setHeaderLabels({tr("File"), tr("Status")});
    status_->setRootIsDecorated(false);
    status_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    status_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    status_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    v->addWidget(status_, 1);
    auto* stageRow = new QHBoxLayout;
    auto* stageButton = new QPushButton(tr("Stage"));
    auto* unstageButton = new QPushButton(tr("Unstage"));
    auto* stageAll = new QPushButton(tr("Stage All"));
    auto* refreshButton = new QPushButton(tr("Refresh"));
    for (auto* b : {stageButton, unstageButton, stageAll}) stageRow->addWidget(b);
    stageRow->addStretch(1);
    stageRow->addWidget(refreshButton);
    v->addLayout(stageRow);
    message_ = new QPlainTextEdit;
    message_->setPlaceholderText(tr("Commit message"));
    message_->setMaximumHeight(80);
    v->addWidget(message_);
    commitButton_ = new QPushButton(tr("Commit"));
    v->addWidget(commitButton_);
    tabs_->addTab(changes, tr("Changes"));

    // History of the open file.
    auto* historyPage = new QWidget;
    auto* h = new QVBoxLayout(historyPage);
    h->setContentsMargins(4, 4, 4, 4);
    auto* hint = new QLabel(tr("Select one version to compare with the working copy, or two to compare them."));
    hint->setWordWrap(true);
    h->addWidget(hint);
    history_ = new QTreeWidget;
    history_->setHeaderLabels({tr("Version"), tr("Summary"), tr("Date")});
    history_->setRootIsDecorated(false);
    history_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    history_->header()->setStretchLastSection(false);
    history_->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    h->addWidget(history_, 1);
    compareButton_ = new QPushButton(tr("Compare"));
    h->addWidget(compareButton_);
    tabs_->addTab(historyPage, tr("History"));

    conflicts_ = new ConflictPanel(model_);
    tabs_->addTab(conflicts_, tr("Conflicts"));
    connect(tabs_, &QTabWidget::currentChanged, this, [this](int index) {
        if (index == 1 && historyStale_) fillHistory();
    });

    feedback_ = new QLabel;
    feedback_->setWordWrap(true);
    feedback_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    outer->addWidget(feedback_);

    auto selectedPaths = [this] {
        QStringList paths;
        for (auto* item : status_->selectedItems()) paths << item->data(0, kPathRole).toString();
        return paths;
    };
    connect(stageButton, &QPushButton::clicked, this, [this, selectedPaths] { stage(selectedPaths()); });
    connect(unstageButton, &QPushButton::clicked, this, [this, selectedPaths] { unstage(selectedPaths()); });
    connect(stageAll, &QPushButton::clicked, this, [this] {
        QStringList paths;
        for (int i = 0; i < status_->topLevelItemCount(); ++i) paths << status_->topLevelItem(i)->data(0, kPathRole).toString();
        stage(paths);
    });
    connect(refreshButton, &QPushButton::clicked, this, &ChangesPanel::refresh);
    connect(status_, &QTreeWidget::itemChanged, this, &ChangesPanel::statusItemChanged);
    connect(commitButton_, &QPushButton::clicked, this, [this] { commit(message_->toPlainText()); });
    connect(branches_, &QComboBox::activated, this, [this](int index) { switchBranch(branches_->itemText(index)); });
    connect(pullButton_, &QPushButton::clicked, this, &ChangesPanel::pull);
    connect(pushButton_, &QPushButton::clicked, this, &ChangesPanel::push);
    connect(compareButton_, &QPushButton::clicked, this, [this] {
        auto items = history_->selectedItems();
        if (items.isEmpty() || items.size() > 2) {
            report(false, tr("Select one or two versions"));
            return;
        }
        // Older first: the list is newest first.
        std::sort(items.begin(), items.end(), [this](QTreeWidgetItem* a, QTreeWidgetItem* b) {
            return history_->indexOfTopLevelItem(a) > history_->indexOfTopLevelItem(b);
        });
        const QString from = items.front()->data(0, kCommitRole).toString();
        const QString to = items.size() == 2 ? items.back()->data(0, kCommitRole).toString() : QString();
        if (from.isEmpty() && to.isEmpty()) {
            report(false, tr("Select a commit to compare the working copy with"));
            return;
        }
        compare(from, to);
    });
    connect(history_, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
        if (const QString id = item->data(0, kCommitRole).toString(); !id.isEmpty()) compare(id, {});
    });
    connect(conflicts_, &ConflictPanel::resolved, this, [this](const QString& text) {
        refresh();
        // Next step: commit the merge, with the message git prepared for it.
        tabs_->setCurrentIndex(0);
        if (message_->toPlainText().trimmed().isEmpty() && repo_)
            message_->setPlainText(QString::fromStdString(repo_->preparedMessage()).trimmed());
        report(true, text);
    });
    connect(model_, &DocumentModel::documentReplaced, this, &ChangesPanel::refresh);
    connect(model_, &DocumentModel::fileStateChanged, this, &ChangesPanel::refresh);
    refresh();
}

ChangesPanel::~ChangesPanel() = default;

QString ChangesPanel::messageText() const { return feedback_->text(); }

QTreeWidget* ChangesPanel::historyList() {
    if (historyStale_) fillHistory();
    return history_;
}

void ChangesPanel::report(bool ok, const QString& text) {
    feedback_->setStyleSheet(toneStyle(ok ? Tone::Ok : Tone::Error));
    feedback_->setText(text);
    emit statusMessage(text);
}

void ChangesPanel::refresh() {
    const QString path = model_->filePath();
    if (conflicts_->active() && conflicts_->path() != path) conflicts_->clear(); // another workbook was opened
    repo_.reset();
    relative_.clear();
    if (!path.isEmpty()) {
        auto found = vcs::Repository::discover(path.toStdString());
        if (found.ok()) {
            repo_ = std::make_unique<vcs::Repository>(std::move(*found));
            relative_ = QString::fromStdString(repo_->relativePath(path.toStdString()).value_or(""));
        }
    }
    const bool enabled = repo_ != nullptr;
    for (QWidget* w : std::initializer_list<QWidget*>{tabs_->widget(0), tabs_->widget(1)}) w->setEnabled(enabled);
    if (!repo_) {
        repoLabel_->setText(path.isEmpty() ? tr("Save the workbook in a git repository to see its changes here.")
                                           : tr("%1 is not in a git repository (git init, or quire init-repo).")
                                                 .arg(QFileInfo(path).fileName()));
    } else {
        const QString merging = repo_->mergeInProgress() ? tr(" — <b style='color:%1'>merge in progress</b>").arg(toneColor(Tone::Warning).name()) : QString();
        repoLabel_->setText(tr("<b>%1</b> in %2%3")
                                .arg(relative_.toHtmlEscaped(), QString::fromStdString(repo_->workdir()).toHtmlEscaped(), merging));
    }
    fillBranches();
    fillStatus();
    historyStale_ = true;
    if (tabs_->currentIndex() == 1) fillHistory(); // the history walk runs only when the tab is looked at
}

void ChangesPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    refresh(); // git may have run in a terminal meanwhile
}

void ChangesPanel::fillStatus() {
    filling_ = true;
    status_->clear();
    if (repo_) {
        auto status = repo_->status();
        if (!status.ok()) report(false, message(status.error()));
        else
            for (const auto& f : *status) {
                auto* item = new QTreeWidgetItem(status_, {QString::fromStdString(f.path), describe(f)});
                item->setData(0, kPathRole, QString::fromStdString(f.path));
                item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
                const bool staged = f.staged != vcs::Change::None, unstaged = f.unstaged != vcs::Change::None;
                item->setCheckState(0, f.conflicted || !staged ? Qt::Unchecked : unstaged ? Qt::PartiallyChecked : Qt::Checked);
                if (f.conflicted) item->setForeground(1, onBase(QColor("#b91c1c")));
                if (QString::fromStdString(f.path) == relative_) {
                    QFont bold = item->font(0);
                    bold.setBold(true);
                    item->setFont(0, bold);
                }
            }
        if (status.ok() && status->empty()) {
            auto* clean = new QTreeWidgetItem(status_, {tr("Nothing to commit, working tree clean")});
            clean->setFlags(Qt::NoItemFlags);
        }
    }
    filling_ = false;
}

void ChangesPanel::fillBranches() {
    branches_->clear();
    if (!repo_) return;
    auto branches = repo_->branches();
    if (!branches.ok()) {
        report(false, message(branches.error()));
        return;
    }
    for (const auto& b : *branches) {
        branches_->addItem(QString::fromStdString(b.name));
        if (b.current) branches_->setCurrentIndex(branches_->count() - 1);
    }
    if (repo_->currentBranch().empty()) {
        branches_->addItem(tr("(detached HEAD)"));
        branches_->setCurrentIndex(branches_->count() - 1);
    }
}

void ChangesPanel::fillHistory() {
    historyStale_ = false;
    history_->clear();
    if (!repo_ || relative_.isEmpty()) return;
    auto* working = new QTreeWidgetItem(history_, {tr("Working copy"), model_->isModified() ? tr("the open workbook, unsaved changes") : tr("the open workbook"), {}});
    working->setData(0, kCommitRole, QString());
    QFont italic = working->font(0);
    italic.setItalic(true);
    working->setFont(0, italic);
    auto history = repo_->fileHistory(relative_.toStdString(), 200);
    if (!history.ok()) {
        report(false, message(history.error()));
        return;
    }
    for (const auto& c : *history) {
        const QDateTime when = QDateTime::fromSecsSinceEpoch(c.time);
        auto* item = new QTreeWidgetItem(history_, {QString::fromStdString(c.shortId), QString::fromStdString(c.summary),
                                                    when.toString("yyyy-MM-dd")});
        item->setData(0, kCommitRole, QString::fromStdString(c.id));
        const QString tip = tr("%1\n%2, %3").arg(QString::fromStdString(c.summary), QString::fromStdString(c.author),
                                                 when.toString("yyyy-MM-dd HH:mm"));
        for (int column = 0; column < 3; ++column) item->setToolTip(column, tip);
    }
    history_->resizeColumnToContents(0);
    history_->resizeColumnToContents(2);
}

void ChangesPanel::statusItemChanged(QTreeWidgetItem* item) {
    if (filling_ || !item) return;
    const QString path = item->data(0, kPathRole).toString();
    const Qt::CheckState state = item->checkState(0);
    if (path.isEmpty() || state == Qt::PartiallyChecked) return;
    // Staging rebuilds the list, which deletes this item: not while Qt is still inside its change signal.
    QMetaObject::invokeMethod(this, [this, path, state] { state == Qt::Checked ? stage({path}) : unstage({path}); },
                              Qt::QueuedConnection);
}

bool ChangesPanel::stage(const QStringList& paths) {
    if (!repo_ || paths.isEmpty()) return false;
    for (const QString& p : paths)
        if (auto r = repo_->stage(p.toStdString()); !r.ok()) {
            report(false, message(r.error));
            refresh();
            return false;
        }
    report(true, paths.size() == 1 ? tr("Staged %1").arg(paths.front()) : tr("Staged %1 files").arg(paths.size()));
    refresh();
    return true;
}

bool ChangesPanel::unstage(const QStringList& paths) {
    if (!repo_ || paths.isEmpty()) return false;
    for (const QString& p : paths)
        if (auto r = repo_->unstage(p.toStdString()); !r.ok()) {
            report(false, message(r.error));
            refresh();
            return false;
        }
    report(true, paths.size() == 1 ? tr("Unstaged %1").arg(paths.front()) : tr("Unstaged %1 files").arg(paths.size()));
    refresh();
    return true;
}

bool ChangesPanel::refuseWhenModified(const QString& action) {
    if (!model_->isModified()) return false;
    report(false, tr("The open workbook has unsaved changes: save it (Ctrl+S) before you %1.").arg(action));
    return true;
}

bool ChangesPanel::commit(const QString& text) {
    if (!repo_) return false;
    if (refuseWhenModified(tr("commit (a commit takes the files on disk)"))) return false;
    auto r = repo_->commit(text.toStdString());
    if (!r.ok()) {
        report(false, message(r.error));
        return false;
    }
    message_->clear();
    report(true, QString::fromStdString(r.message));
    refresh();
    return true;
}

bool ChangesPanel::switchBranch(const QString& name) {
    if (!repo_) return false;
    auto restore = [this] { fillBranches(); };
    if (refuseWhenModified(tr("switch branches"))) {
        restore();
        return false;
    }
    auto r = repo_->switchBranch(name.toStdString());
    if (!r.ok()) {
        report(false, message(r.error));
        restore();
        return false;
    }
    report(true, QString::fromStdString(r.message));
    emit reloadRequested();
    refresh();
    return true;
}

bool ChangesPanel::pull() {
    if (!repo_) return false;
    if (refuseWhenModified(tr("pull"))) return false;
    auto r = repo_->pull();
    if (!r.ok()) {
        report(false, message(r.error));
        return false;
    }
    report(true, QString::fromStdString(r.message));
    emit reloadRequested();
    refresh();
    return true;
}

bool ChangesPanel::push() {
    if (!repo_) return false;
    auto r = repo_->push();
    if (!r.ok()) {
        report(false, message(r.error));
        return false;
    }
    report(true, QString::fromStdString(r.message));
    return true;
}

std::optional<doc::Document> ChangesPanel::version(const QString& id, QString* label) {
    if (id.isEmpty()) {
        *label = model_->isModified() ? tr("working copy (unsaved)") : tr("working copy");
        return model_->document();
    }
    auto bytes = repo_->fileAtCommit(id.toStdString(), relative_.toStdString());
    if (!bytes.ok()) {
        report(false, message(bytes.error()));
        return std::nullopt;
    }
    const std::string path = model_->filePath().toStdString();
    auto loaded = doc::parseDocument(*bytes, doc::detectFormat(path, *bytes), path);
    if (!loaded.document) {
        report(false, tr("The version %1 of %2 does not parse: %3")
                          .arg(id.left(7), relative_,
                               loaded.diagnostics.empty() ? QString() : QString::fromStdString(formatDiagnostic(loaded.diagnostics.front()))));
        return std::nullopt;
    }
    QString summary;
    for (int i = 0; i < history_->topLevelItemCount(); ++i)
        if (history_->topLevelItem(i)->data(0, kCommitRole).toString() == id) summary = history_->topLevelItem(i)->text(1);
    *label = summary.isEmpty() ? id.left(7) : QString("%1 “%2”").arg(id.left(7), summary);
    return std::move(*loaded.document);
}

VersionDiffView* ChangesPanel::compare(const QString& fromId, const QString& toId) {
    if (!repo_ || relative_.isEmpty()) return nullptr;
    QString fromLabel, toLabel;
    auto before = version(fromId, &fromLabel);
    if (!before) return nullptr;
    auto after = version(toId, &toLabel);
    if (!after) return nullptr;
    auto* view = new VersionDiffView(std::move(*before), std::move(*after), fromLabel, toLabel, window());
    view->setWindowFlag(Qt::Window);
    view->setAttribute(Qt::WA_DeleteOnClose);
    view->show();
    lastDiff_ = view;
    report(true, tr("Comparing %1 with %2").arg(fromLabel, toLabel));
    return view;
}

void ChangesPanel::showConflicts() { tabs_->setCurrentWidget(conflicts_); }

} // namespace quire::ide
