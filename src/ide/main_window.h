#pragma once
// The IDE's main window: canvas in the centre, docks for outline, palette, properties, problems, source,
// query log and catalog; File/Edit/View/Preview menus; autosave and crash recovery.
#include "document_model.h"

#include <QMainWindow>

#include <memory>

class QTabBar;
class QTableView;
class QDockWidget;
class QLabel;
class QTimer;
class QScrollArea;

namespace quire::ide {

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
    QueryLog* queryLog() { return queryLog_; }

    // File operations (return false and show a message on failure; `quiet` suppresses dialogs for tests).
    bool openFile(const QString& path, bool quiet = false);
    bool saveTo(const QString& path, doc::Format format, bool quiet = false);
    bool importSeed(const QString& path, bool quiet = false);
    void newWorkbook();
    void showRegion(const QString& regionId);
    QString recoveryFile() const;
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
    PreviewPainter* previewPainter() const { return previewPainter_.get(); }
    // Shows every row of an element in the Data dock (paged on demand); false with a status message if not.
    bool showAllRows(const QString& elementId);
    void writeRecovery();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void buildDocks();
    void refreshPages();
    void updateTitle();
    bool maybeSave();
    void addRecent(const QString& path);
    void rebuildRecentMenu();
    void offerRecovery();

    DocumentModel model_;
    CanvasWidget* canvas_ = nullptr;
    QScrollArea* canvasScroll_ = nullptr;
    QTabBar* pageTabs_ = nullptr;
    PaletteWidget* palette_ = nullptr;
    OutlineWidget* outline_ = nullptr;
    PropertyPanel* properties_ = nullptr;
    ProblemsWidget* problems_ = nullptr;
    SourceView* source_ = nullptr;
    QueryLog* queryLog_ = nullptr;
    CatalogBrowser* catalog_ = nullptr;
    QLabel* statusProblems_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QTimer* autosave_ = nullptr;
    bool refreshingTabs_ = false;
    PreviewProvider* preview_ = nullptr;
    QTimer* previewDebounce_ = nullptr;
    QTableView* dataView_ = nullptr;
    QDockWidget* dataDock_ = nullptr;
    std::unique_ptr<PreviewPainter> previewPainter_;
};

} // namespace quire::ide
