#pragma once
// The IDE's main window: canvas in the centre, docks for outline, palette, properties, problems, source,
// query log and catalog; File/Edit/View/Preview menus; autosave and crash recovery.
#include "document_model.h"
#include "document_saver.h"
#include "recovery_prompt.h"
#include "recovery_store.h"
#include "recovery_writer.h"

#include <quire/doc/io.h>
#include <quire/governance/personas.h>

#include <QMainWindow>

#include <memory>
#include <optional>

class QTabBar;
class QTableView;
class QDockWidget;
class QLabel;
class QTimer;
class QScrollArea;
class QComboBox;
class QStackedWidget;

namespace quire::ide {

class DrillNavigator;

class CanvasWidget;
class PaletteWidget;
class OutlineWidget;
class PropertyPanel;
class ProblemsWidget;
class SourceView;
class QueryLog;
class CatalogBrowser;
class PreviewProvider;
class PreviewPainter;
class ChangesPanel;
class StartPage;
class GuidedDashboard;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // Scrolls the canvas to an element's card when none of it is visible (selection from the outline, --select).
    void revealElement(const QString& id);
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    DocumentModel* model() { return &model_; }
    CanvasWidget* canvas() { return canvas_; }
    SourceView* sourceView() { return source_; }
    PropertyPanel* properties() { return properties_; }
    ProblemsWidget* problems() { return problems_; }
    OutlineWidget* outline() { return outline_; }
    QueryLog* queryLog() { return queryLog_; }
    ChangesPanel* changes() { return changes_; }

    // What a start opens: `file` (may be empty), or the unsaved work that a session which did not close cleanly
    // left in the recovery folder. With `ask`, the recovery prompt decides; a recovery of that same file
    // (canonical paths) is offered first. Without `ask` (headless, --screenshot) nothing is asked and every
    // recovery file stays where it is. false when what was chosen could not be opened.
    // With `background`, a file is read by openFileInBackground (when no recovery is offered): start() returns
    // before it is open, and `opened` says how it went.
    bool start(const QString& file, bool ask, bool quiet = false, bool background = false);
    // Replaces the recovery dialog (tests answer without a modal).
    void setRecoveryPrompt(RecoveryPrompt prompt) { recoveryPrompt_ = std::move(prompt); }
    // Opens a recovery file's workbook, modified (unsaved); this window then autosaves into that file and
    // deletes it once the workbook is saved or closed without changes.
    bool recover(const RecoveryEntry& entry, bool quiet = false);

    // File operations (return false and show a message on failure; `quiet` suppresses dialogs for tests).
    // A failed save leaves the file on disk as it was, the workbook modified, and says why in the status bar.
    bool openFile(const QString& path, bool quiet = false);
    // openFile with the file read on a worker thread: the window stays responsive (and disabled, so nothing is
    // edited that the opened workbook would replace) until the document is in; then `opened(ok)`. Returns
    // false only when a load is already running. A conflicted file is opened at once, as openFile does.
    bool openFileInBackground(const QString& path, bool quiet = false);
    bool isOpening() const { return opening_; }
    // A file with git conflict markers, or conflicted in a merge in progress: opens the local side and shows
    // the element-level three-way merge in the Changes dock. false (and why) when it cannot be merged so.
    bool openConflicted(const QString& path, bool quiet = false);
    // After a branch switch or pull: reopens the file from disk (or says it does not exist there).
    void reloadFromDisk();
    // Save and Save As (the menu, Ctrl+S): the file is made and written on a worker thread from a snapshot
    // (document_saver.h) while the window stays usable; the status bar says "Saving <file>…", then "Saved".
    // `path` "" is the document's own file. Queued behind a save under way. false only when the source view has
    // errors (nothing is saved then).
    bool startSave(const QString& path, doc::Format format, bool quiet = false);
    bool saveBusy() const { return saver_->busy(); }
    bool waitForSaves() { return saver_->wait().ok; } // the last save's result
    // The same save, waited for (closing, the guided dashboard, the conflict panel, tests): true when it wrote.
    bool saveTo(const QString& path, doc::Format format, bool quiet = false);
    bool importSeed(const QString& path, bool quiet = false);
    void newWorkbook();

    // The start page (File > Start Page; what start() shows without a file): it covers the canvas and the docks
    // until a workbook is opened, created or pulled.
    void showStartPage();
    bool startPageShown() const;
    StartPage* startPage() const { return startPage_; }
    // A starting dashboard (workbook_templates.h) as a new untitled workbook; false for an unknown key.
    bool newFromTemplate(const QString& key);
    // A new workbook and the guided first dashboard beside it (non-modal; owned by this window).
    GuidedDashboard* startGuidedDashboard();
    // Open from Sigma: the pull dialog, then the pulled file.
    void openFromSigma();
    void showRegion(const QString& regionId);
    QString recoveryDir() const { return recoveryDir_; }
    QString recoveryFile() const { return recovery_.file(); } // "" until the first autosave
    // Live preview: the canvas draws what the provider computes; the query log lists its queries.
    void setPreviewProvider(PreviewProvider* provider);
    PreviewProvider* previewProvider() const { return preview_; }
    void refreshPreview();
    // Double-click in the canvas during preview: edit a control's value, or run a button's on-click actions.
    // false when the element has nothing to do in preview (the property panel is shown instead).
    bool activateInPreview(const QString& elementId);
    // A click on a preview mark (table row, bar, slice, stage, point): runs the element's on-select actions
    // with the rows under `pos` (canvas coordinates) as the selection. false when nothing was selected.
    bool selectInPreview(const QString& elementId, const QPoint& pos);
    // A click on a drill target's card: a bar/slice/row goes one level down, a breadcrumb crumb back up.
    bool drillInPreview(const QString& elementId, const QPoint& pos);
    DrillNavigator* drillNavigator() const { return drill_; }
    // A click on a card's "Map connection..." button (true when pos was on it): opens mapConnection.
    bool clickMapConnection(const QString& elementId, const QPoint& pos);
    // Asks which local profile stands for a workbook's Sigma connectionId, saves the mapping in the connections
    // file and refreshes the previews; true when a mapping was saved.
    bool mapConnection(const QString& connectionId);
    PreviewPainter* previewPainter() const { return previewPainter_.get(); }
    // Shows every row of an element in the Data dock (paged on demand); false with a status message if not.
    bool showAllRows(const QString& elementId);
    // Autosave (every 5 s): the modified workbook to this window's recovery file, written on a worker thread
    // (recovery_writer.h); nothing when it did not change since the last one. false (the status bar says why,
    // the previous copy stays) when the file cannot be created. autosave() returns at once; writeRecovery()
    // waits for the write and is false when it failed.
    bool autosave();
    bool writeRecovery();
    bool autosaveBusy() const { return recoveryWriter_->busy(); }

    // View as (docs/governance.md): the toolbar's selector offers "Author" and every persona of the personas
    // file — quire.personas.yaml next to the workbook or in the repository root (read when a workbook opens), or
    // one chosen with File > Open Personas…. Errors of the file are located findings in Problems. false when
    // the file could not be read (the selector then offers the author only).
    bool loadPersonas(const QString& path);
    // Views the workbook as the persona with this email ("" = the author): every element re-plans and re-runs
    // as it, pages hidden from it leave the page tabs, a banner says who is viewed as. View state: no undo
    // step, nothing saved. false when there is no such persona.
    bool viewAs(const QString& email);
    QString viewingAs() const; // the persona's email, "" for the author
    QComboBox* viewAsSelector() const { return viewAsBox_; }
    QString viewAsBannerText() const;     // "" while the banner is hidden
    QString personasFile() const { return personas_ ? QString::fromStdString(personas_->path) : QString(); }

signals:
    void fileRead();      // openFileInBackground: the worker has read the file; the views are built next
    void opened(bool ok); // after openFileInBackground

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void recoveryWritten(bool ok, const QString& error); // an autosave ended (status bar)
    void saveFinished(const DocumentSaver::Report& report); // a save ended (status bar, recovery, recent files)
    void buildMenus();
    void buildDocks();
    void refreshPages();
    void updateTitle();
    bool maybeSave();
    void addRecent(const QString& path);
    void rebuildRecentMenu();
    void leaveStartPage();
    bool applyOpened(const QString& path, doc::LoadResult loaded, bool quiet); // the second half of openFile
    void leaveRecovery(); // before the open workbook is replaced
    void findPersonas();  // the workbook's personas file, if any (after a workbook opens)
    void setPersonas(std::optional<governance::PersonaSet> set, std::vector<Diagnostic> diagnostics);
    void applyViewAs();   // the provider, page tabs and banner follow the chosen persona
    std::optional<sql::CurrentUser> authorUser() const;

    DocumentModel model_;
    std::unique_ptr<DocumentSaver> saver_; // after model_: joined before the model goes
    CanvasWidget* canvas_ = nullptr;
    QScrollArea* canvasScroll_ = nullptr;
    QTabBar* pageTabs_ = nullptr;
    QStackedWidget* centralStack_ = nullptr;
    StartPage* startPage_ = nullptr;
    QScrollArea* startScroll_ = nullptr;
    QByteArray dockState_; // the docks as they were before the start page hid them
    GuidedDashboard* guide_ = nullptr;
    PaletteWidget* palette_ = nullptr;
    OutlineWidget* outline_ = nullptr;
    PropertyPanel* properties_ = nullptr;
    ProblemsWidget* problems_ = nullptr;
    SourceView* source_ = nullptr;
    QueryLog* queryLog_ = nullptr;
    CatalogBrowser* catalog_ = nullptr;
    ChangesPanel* changes_ = nullptr;
    QDockWidget* changesDock_ = nullptr;
    QLabel* statusProblems_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QTimer* autosave_ = nullptr;
    bool refreshingTabs_ = false;
    bool opening_ = false; // a background open is reading the file
    PreviewProvider* preview_ = nullptr;
    DrillNavigator* drill_ = nullptr; // with an engine provider: drill-down view state
    QTimer* previewDebounce_ = nullptr;
    QTableView* dataView_ = nullptr;
    QDockWidget* dataDock_ = nullptr;
    std::unique_ptr<PreviewPainter> previewPainter_;
    QString recoveryDir_;
    RecoverySlot recovery_;
    std::unique_ptr<RecoveryWriter> recoveryWriter_; // after recovery_: joined before the slot goes
    std::uint64_t postedRevision_ = 0;               // the model revision last handed to the writer
    RecoveryPrompt recoveryPrompt_;
    QString autosaveError_;
    bool changesDiscarded_ = false; // the user chose Discard for the current edits: no autosave of them
    QComboBox* viewAsBox_ = nullptr;
    QWidget* viewAsBanner_ = nullptr;
    QLabel* viewAsLabel_ = nullptr;
    std::optional<governance::PersonaSet> personas_;
    std::optional<governance::Persona> persona_; // who the workbook is viewed as; nullopt = the author
};

} // namespace quire::ide
