#include "main_window.h"
#include "color_scheme.h"
#include "drill_navigator.h"

#include "canvas_widget.h"
#include "catalog_browser.h"
#include "changes_panel.h"
#include "conflict_panel.h"
#include "document_commands.h"
#include "element_templates.h"
#include "kind_style.h"
#include "outline_widget.h"
#include "palette_widget.h"
#include "paged_table_model.h"
#if HAVE_QUIRE_PUBLISH
#include "publish_dialog.h"
#endif
#include "connections_dialog.h"
#include "map_connection_dialog.h"
#include "control_look.h"
#include "control_value_dialog.h"
#include "engine_preview_provider.h"
#include "preview_data.h"
#include "chart_tooltips.h"
#include "preview_painter.h"
#include "problems_widget.h"
#include "property_panel.h"
#include "save_file.h"
#include "query_log.h"
#include "source_view.h"
#include "shortcut_reference.h"
#include "guided_dashboard.h"
#include "pull_dialog.h"
#include "start_page.h"
#include "workbook_templates.h"

#include <quire/doc/io.h>
#include <quire/doc/seed.h>
#include <quire/preview/access.h>
#include <quire/secrets/secret_store.h>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QScrollArea>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabBar>
#include <QTableView>
#include <QHash>
#include <QHeaderView>
#include <QTimer>
#include <QThread>

#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <QToolBar>
#include <QUndoView>
#include <QHBoxLayout>
#include <QVBoxLayout>

#include <exception>

namespace quire::ide {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), saver_(std::make_unique<DocumentSaver>(&model_)), recoveryDir_(RecoveryStore::defaultDir()),
      recovery_(recoveryDir_), recoveryWriter_(std::make_unique<RecoveryWriter>(&recovery_)) {
    connect(recoveryWriter_.get(), &RecoveryWriter::written, this, &MainWindow::recoveryWritten);
    connect(saver_.get(), &DocumentSaver::started, this,
            [this](const QString& path) { statusBar()->showMessage(tr("Saving %1…").arg(path)); });
    connect(saver_.get(), &DocumentSaver::finished, this, &MainWindow::saveFinished);
    setWindowTitle("Quire[*]");
    setWindowIcon(applicationIcon());
    resize(1440, 900);
    setDockNestingEnabled(true);

    auto* central = new QWidget;
    auto* vbox = new QVBoxLayout(central);
    vbox->setContentsMargins(0, 0, 0, 0);
    vbox->setSpacing(0);
    canvas_ = new CanvasWidget(&model_);
    canvasScroll_ = new QScrollArea;
    canvasScroll_->setWidget(canvas_);
    canvasScroll_->setWidgetResizable(true);
    canvasScroll_->setFrameShape(QFrame::NoFrame);
    pageTabs_ = new QTabBar;
    pageTabs_->setShape(QTabBar::RoundedSouth);
    pageTabs_->setExpanding(false);
    pageTabs_->setDocumentMode(true);
    pageTabs_->setDrawBase(true);
    pageTabs_->setMinimumHeight(28);
    // Viewing as a persona: a banner above the canvas says who, with the way back to the author's view.
    viewAsBanner_ = new QWidget;
    viewAsBanner_->setObjectName("view-as-banner");
    viewAsBanner_->setAutoFillBackground(true);
    viewAsBanner_->setStyleSheet("#view-as-banner { background: #fef3c7; border-bottom: 1px solid #f59e0b; }");
    auto* bannerRow = new QHBoxLayout(viewAsBanner_);
    bannerRow->setContentsMargins(10, 4, 10, 4);
    viewAsLabel_ = new QLabel;
    viewAsLabel_->setStyleSheet("color: #78350f;");
    viewAsLabel_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // a long name never widens the canvas
    auto* backToAuthor = new QPushButton(tr("Back to Author"));
    backToAuthor->setObjectName("view-as-author");
    connect(backToAuthor, &QPushButton::clicked, this, [this] { viewAs(QString()); });
    bannerRow->addWidget(viewAsLabel_, 1);
    bannerRow->addWidget(backToAuthor);
    viewAsBanner_->hide();
    vbox->addWidget(viewAsBanner_);
    vbox->addWidget(canvasScroll_, 1);
    vbox->addWidget(pageTabs_);
    startPage_ = new StartPage;
    // In a scroll area, so the start page never sets the window's minimum size (the canvas keeps its layout).
    startScroll_ = new QScrollArea;
    startScroll_->setWidget(startPage_);
    startScroll_->setWidgetResizable(true);
    startScroll_->setFrameShape(QFrame::NoFrame);
    centralStack_ = new QStackedWidget;
    centralStack_->addWidget(central);
    centralStack_->addWidget(startScroll_);
    setCentralWidget(centralStack_);
    connect(startPage_, &StartPage::openRecent, this, [this](const QString& path) { openFile(path); });
    connect(startPage_, &StartPage::openFileRequested, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open workbook"), QString(), tr("Workbooks (*.json *.yaml *.yml)"));
        if (!path.isEmpty()) openFile(path);
    });
    connect(startPage_, &StartPage::newBlank, this, [this] {
        newWorkbook();
        leaveStartPage();
    });
    connect(startPage_, &StartPage::newFromTemplate, this, [this](const QString& key) { newFromTemplate(key); });
    connect(startPage_, &StartPage::openFromSigma, this, &MainWindow::openFromSigma);
    connect(startPage_, &StartPage::guidedDashboard, this, [this] { startGuidedDashboard(); });
    connect(pageTabs_, &QTabBar::currentChanged, this, [this](int index) {
        if (!refreshingTabs_ && index >= 0) {
            canvas_->setRegion(pageTabs_->tabData(index).toString());
            refreshPreview();
        }
    });

    buildDocks();
    buildMenus();
    statusProblems_ = new QLabel;
    statusBar()->addPermanentWidget(statusProblems_);
    connect(problems_, &ProblemsWidget::countsChanged, this, [this](int errors, int warnings) {
        if (model_.validationPending()) return; // the counts of a first validation still running mean nothing
        statusProblems_->setText(tr("%1 errors, %2 warnings").arg(errors).arg(warnings));
        statusProblems_->setStyleSheet(errors ? toneStyle(Tone::Error) + " font-weight: bold;" : toneStyle(Tone::Ok));
    });
    connect(&model_, &DocumentModel::validationProgress, this, [this](int checked, int total) {
        statusProblems_->setText(tr("Validating: %1 of %2 elements checked…").arg(checked).arg(total));
        statusProblems_->setStyleSheet(QString());
    });
    connect(&model_, &DocumentModel::changed, this, &MainWindow::refreshPages);
    connect(&model_, &DocumentModel::changed, this, [this] { changesDiscarded_ = false; });
    connect(&model_, &DocumentModel::fileStateChanged, this, &MainWindow::updateTitle);
    connect(&model_, &DocumentModel::documentReplaced, this, [this] {
        if (pageTabs_->count() > 0) canvas_->setRegion(pageTabs_->tabData(0).toString());
    });

    autosave_ = new QTimer(this);
    autosave_->setInterval(5000);
    connect(autosave_, &QTimer::timeout, this, &MainWindow::autosave);
    autosave_->start();

    newWorkbook();
}

MainWindow::~MainWindow() {
    // The model (a member) is destroyed before the child widgets (QWidget's destructor): silence it first so
    // no widget is notified about a model that is going away.
    model_.blockSignals(true);
    model_.undoStack()->blockSignals(true);
}

void MainWindow::buildDocks() {
    auto dock = [this](const QString& title, QWidget* widget, Qt::DockWidgetArea area, const char* name) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(name);
        d->setWidget(widget);
        addDockWidget(area, d);
        return d;
    };
    palette_ = new PaletteWidget;
    outline_ = new OutlineWidget(&model_);
    properties_ = new PropertyPanel(&model_);
    properties_->setRegionSource([this] { return canvas_ ? canvas_->region() : QString(); });
    connect(canvas_, &CanvasWidget::regionChanged, properties_, [this] { properties_->showRegion(); });
    problems_ = new ProblemsWidget(&model_);
    source_ = new SourceView(&model_);
    queryLog_ = new QueryLog;
    catalog_ = new CatalogBrowser;
    changes_ = new ChangesPanel(&model_);
    auto* outlineDock = dock(tr("Outline"), outline_, Qt::LeftDockWidgetArea, "outline");
    auto* paletteDock = dock(tr("Elements"), palette_, Qt::LeftDockWidgetArea, "palette");
    auto* catalogDock = dock(tr("Catalog"), catalog_, Qt::LeftDockWidgetArea, "catalog");
    tabifyDockWidget(paletteDock, catalogDock);
    paletteDock->raise();
    splitDockWidget(outlineDock, paletteDock, Qt::Vertical);
    auto* propertiesScroll = new QScrollArea;
    propertiesScroll->setWidget(properties_);
    propertiesScroll->setWidgetResizable(true);
    auto* propDock = dock(tr("Properties"), propertiesScroll, Qt::RightDockWidgetArea, "properties");
    auto* sourceDock = dock(tr("Source"), source_, Qt::RightDockWidgetArea, "source");
    connect(sourceDock, &QDockWidget::visibilityChanged, source_, &SourceView::setOnScreen);
    source_->setOnScreen(false); // behind Properties (raised below) until its tab is chosen
    tabifyDockWidget(propDock, sourceDock);
    changesDock_ = dock(tr("Changes"), changes_, Qt::RightDockWidgetArea, "changes");
    tabifyDockWidget(sourceDock, changesDock_);
    propDock->raise();
    dataView_ = new QTableView;
    dataView_->verticalHeader()->setDefaultSectionSize(22);
    dataView_->setAlternatingRowColors(true);
    auto* problemsDock = dock(tr("Problems"), problems_, Qt::BottomDockWidgetArea, "problems");
    auto* logDock = dock(tr("Query log"), queryLog_, Qt::BottomDockWidgetArea, "querylog");
    tabifyDockWidget(problemsDock, logDock);
    dataDock_ = dock(tr("Data"), dataView_, Qt::BottomDockWidgetArea, "data");
    tabifyDockWidget(logDock, dataDock_);
    problemsDock->raise();
    resizeDocks({outlineDock, propDock}, {260, 360}, Qt::Horizontal);
    resizeDocks({problemsDock}, {150}, Qt::Vertical);

    connect(palette_, &PaletteWidget::entryActivated, this, [this](const QString& key) {
        int bottom = 1;
        for (const auto& n : canvas_->placedNodes())
            if (n.depth == 0) bottom = std::max(bottom, n.node->gridRow().value_or(doc::GridSpan{1, 2}).end);
        const QString id = canvas_->addFromPalette(key, 1, bottom);
        if (!id.isEmpty()) model_.setSelection({id});
    });
    connect(outline_, &OutlineWidget::regionActivated, this, &MainWindow::showRegion);
    // Selecting an element off screen (outline, problems, --select) scrolls the canvas to its card; a card that
    // is already partly visible stays put, so clicking or dragging never scrolls.
    connect(&model_, &DocumentModel::selectionChanged, this, [this](const QStringList& ids) {
        if (ids.size() == 1) revealElement(ids.front());
    });
    connect(problems_, &ProblemsWidget::jumpToLine, this, [this, sourceDock](int line, int column) {
        if (line <= 0) return;
        sourceDock->raise();
        source_->showLine(line, column);
    });
    connect(changes_, &ChangesPanel::reloadRequested, this, &MainWindow::reloadFromDisk);
    connect(changes_, &ChangesPanel::statusMessage, this, [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    changes_->conflicts()->setSaveHandler([this] { return saveTo(model_.filePath(), model_.format(), true); });
    connect(canvas_, &CanvasWidget::elementActivated, this, [this, propDock](const QString& id) {
        if (!activateInPreview(id)) propDock->raise();
    });
}

void MainWindow::buildMenus() {
    auto* file = menuBar()->addMenu(tr("&File"));
    auto* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName("main-toolbar");
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto* newAction = file->addAction(actionIcon("new"), tr("&New"), QKeySequence::New, this, [this] {
        if (maybeSave()) newWorkbook();
    });
    auto* openAction = file->addAction(actionIcon("open"), tr("&Open…"), QKeySequence::Open, this, [this] {
        if (!maybeSave()) return;
        const QString path = QFileDialog::getOpenFileName(this, tr("Open workbook"), QString(), tr("Workbooks (*.json *.yaml *.yml)"));
        if (!path.isEmpty()) openFile(path);
    });
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    auto* templates = file->addMenu(tr("New from &Template"));
    for (const auto& t : workbookTemplates())
        markListEntry(templates->addAction(t.title, this, [this, key = t.key] { // a list, like Open Recent
            if (maybeSave()) newFromTemplate(key);
        }));
    file->addAction(tr("Start Pa&ge"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H), this, [this] {
        if (maybeSave()) showStartPage();
    });
#if HAVE_QUIRE_PUBLISH
    file->addAction(tr("Open from &Sigma…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G), this, [this] {
        if (maybeSave()) openFromSigma();
    });
#endif
    file->addAction(tr("Open &Personas…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open personas file"), QFileInfo(model_.filePath()).absolutePath(),
                                                          tr("Personas (*.yaml *.yml *.json)"));
        if (!path.isEmpty()) loadPersonas(path);
    });
    auto* saveAction = file->addAction(actionIcon("save"), tr("&Save"), QKeySequence::Save, this, [this] {
        if (model_.filePath().isEmpty()) {
            const QString path = QFileDialog::getSaveFileName(this, tr("Save workbook"), "workbook.yaml", tr("YAML (*.yaml);;JSON (*.json)"));
            if (!path.isEmpty()) startSave(path, path.endsWith(".json") ? doc::Format::Json : doc::Format::Yaml);
        } else {
            startSave(QString(), model_.format()); // its own file, after any Save As still queued
        }
    });
    file->addAction(tr("Save As &YAML…"), standardKey(QKeySequence::SaveAs, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save as YAML"), QString(), tr("YAML (*.yaml *.yml)"));
        if (!path.isEmpty()) startSave(path, doc::Format::Yaml);
    });
    file->addAction(tr("Save As &JSON…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_J), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save as JSON"), QString(), tr("JSON (*.json)"));
        if (!path.isEmpty()) startSave(path, doc::Format::Json);
    });
    file->addSeparator();
    file->addAction(tr("&Import Seed YAML…"), QKeySequence(Qt::CTRL | Qt::Key_I), this, [this] {
        if (!maybeSave()) return;
        const QString path = QFileDialog::getOpenFileName(this, tr("Import compact seed YAML"), QString(), tr("YAML (*.yaml *.yml)"));
        if (!path.isEmpty()) importSeed(path);
    });
#if HAVE_QUIRE_PUBLISH
    auto* publishAction = file->addAction(actionIcon("publish"), tr("&Publish to Sigma…"),
                                          QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), this, [this] {
        if (!source_->applyNow()) {
            QMessageBox::warning(this, tr("Source has errors"), source_->errorText());
            return;
        }
        if (model_.filePath().isEmpty()) {
            QMessageBox::information(this, tr("Publish to Sigma"), tr("Save the workbook to a file first: the file remembers its Sigma workbook."));
            return;
        }
        PublishDialog dialog(model_.document(), this);
        dialog.exec();
    });
#endif
    file->addAction(tr("&Copy Sigma JSON to Clipboard"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), this, [this] {
        QApplication::clipboard()->setText(QString::fromStdString(doc::saveDocument(model_.document(), doc::Format::Json)));
        statusBar()->showMessage(tr("Sigma JSON copied to the clipboard"), 3000);
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), standardKey(QKeySequence::Quit, QKeySequence(Qt::CTRL | Qt::Key_Q)), this, &QWidget::close);

    auto* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = model_.undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setIcon(actionIcon("undo"));
    QAction* redo = model_.undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    redo->setIcon(actionIcon("redo"));
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(actionIcon("delete"), tr("&Delete"), QKeySequence::Delete, this, [this] {
        if (auto* c = makeDeleteElements(&model_, model_.selection())) {
            model_.undoStack()->push(c);
            model_.setSelection({});
        }
    });
    edit->addAction(actionIcon("duplicate"), tr("D&uplicate"), QKeySequence(Qt::CTRL | Qt::Key_D), this, [this] {
        if (model_.selection().size() != 1) return;
        const Json* e = model_.findElement(model_.selection().front().toStdString());
        auto tree = model_.layout();
        const auto* node = tree.find(model_.selection().front().toStdString());
        if (!e || !node) return;
        Json copy = *e;
        copy["id"] = model_.uniqueElementId(e->value("id", "element"));
        auto col = node->gridColumn().value_or(doc::GridSpan{1, 13});
        auto row = node->gridRow().value_or(doc::GridSpan{1, 5});
        doc::GridSpan below{row.end, row.end + row.size()};
        if (auto* c = makeAddElement(&model_, copy, canvas_->region().toStdString(), col, below)) {
            model_.undoStack()->push(c);
            model_.setSelection({QString::fromStdString(copy["id"].get<std::string>())});
        }
    });
    edit->addAction(tr("Add &Page"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Add page"), tr("Page name"), QLineEdit::Normal, tr("New page"), &ok);
        if (ok && !name.isEmpty())
            if (auto* c = makeAddPage(&model_, name.toStdString())) model_.undoStack()->push(c);
    });

    auto* view = menuBar()->addMenu(tr("&View"));
    view->addMenu(ColorSchemeController::instance().makeMenu(view));
    view->addSeparator();
    // Alt+1… toggles the docks in the order the View menu lists them (as Qt Creator numbers its panes).
    int dockKey = 0;
    for (auto* d : findChildren<QDockWidget*>()) {
        QAction* toggle = d->toggleViewAction();
        if (dockKey < 9) toggle->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + dockKey++)));
        view->addAction(toggle);
    }

    auto* preview = menuBar()->addMenu(tr("&Preview"));
    preview->addAction(actionIcon("connections"), tr("C&onnections…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K), this, [this] {
        auto store = secrets::makeDefaultSecretStore();
        ConnectionsDialog dialog(QString(), *store, this);
        dialog.exec();
        refreshPreview();
    });
    auto* refreshAction = preview->addAction(actionIcon("refresh"), tr("&Refresh"), QKeySequence::Refresh,
                                             this, &MainWindow::refreshPreview);
    preview->addAction(tr("Show &All Rows of the Selection"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D), this, [this] {
        if (model_.selection().size() == 1) showAllRows(model_.selection().front());
        else statusBar()->showMessage(tr("Select one element first"), 4000);
    });
    auto* cancelAction = preview->addAction(actionIcon("cancel"), tr("&Cancel"), QKeySequence(Qt::CTRL | Qt::Key_Period),
                                            this, [this] { emit queryLog_->cancelRequested(); });

    auto* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard Shortcuts"), QKeySequence(Qt::CTRL | Qt::Key_Slash), this, [this] {
        ShortcutReferenceDialog dialog(menuBar(), this);
        dialog.exec();
    });
    markWithoutShortcut(help->addAction(tr("&About Quire"), this, [this] {
        QMessageBox::about(this, tr("About Quire"),
                           tr("<b>Quire %1</b><p>Design, preview and validate Sigma workbooks as code.</p>")
                               .arg(QApplication::applicationVersion().toHtmlEscaped()));
    }));

    toolbar->addAction(newAction);
    toolbar->addAction(openAction);
    toolbar->addAction(saveAction);
    toolbar->addSeparator();
    toolbar->addAction(undo);
    toolbar->addAction(redo);
#if HAVE_QUIRE_PUBLISH
    toolbar->addAction(publishAction);
#endif
    toolbar->addSeparator();
    toolbar->addAction(refreshAction);
    toolbar->addAction(cancelAction);
    toolbar->addSeparator();
    auto* viewAsCaption = new QLabel(tr(" View as: "));
    toolbar->addWidget(viewAsCaption);
    viewAsBox_ = new QComboBox;
    viewAsBox_->setObjectName("view-as");
    viewAsBox_->setMinimumContentsLength(24);
    viewAsBox_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    viewAsBox_->setToolTip(tr("Preview the workbook as a persona of quire.personas.yaml (File > Open Personas… picks another file)"));
    viewAsBox_->addItem(tr("Author"), QString());
    viewAsBox_->setEnabled(false);
    connect(viewAsBox_, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0) viewAs(viewAsBox_->itemData(index).toString());
    });
    toolbar->addWidget(viewAsBox_);
}

void MainWindow::refreshPages() {
    const QString current = canvas_->region();
    // The tabs as they should be: (label, region id). A page viewers do not see (spec §2 `visibility`) is
    // marked on its tab; viewing as a persona that may not see it, it has no tab at all.
    std::vector<std::pair<QString, QString>> tabs;
    const Json* pagesBody = model_.body();
    QHash<QString, std::pair<bool, bool>> hiddenById; // id -> (hidden, hidden from the persona), any page of that id
    if (pagesBody && pagesBody->contains("pages") && (*pagesBody)["pages"].is_array())
        for (const auto& page : (*pagesBody)["pages"])
            if (page.is_object() && page.contains("id") && page["id"].is_string()) {
                auto& flags = hiddenById[QString::fromStdString(page["id"].get<std::string>())];
                flags.first = flags.first || page.contains("visibility");
                flags.second = flags.second || (persona_ && !preview::pageVisibleTo(page, persona_->user));
            }
    for (const auto& [id, name] : model_.pages()) {
        const auto flags = hiddenById.value(QString::fromStdString(id));
        if (flags.second) continue;
        tabs.emplace_back(QString::fromStdString(name) + (flags.first ? QStringLiteral(" ⊘") : QString()), QString::fromStdString(id));
    }
    if (const Json* body = model_.body(); body && body->contains("overlays") && (*body)["overlays"].is_array())
        for (const auto& o : (*body)["overlays"]) {
            if (!o.is_object()) continue;
            tabs.emplace_back(QString::fromStdString("◳ " + o.value("name", o.value("id", ""))), QString::fromStdString(o.value("id", "")));
        }
    // Most edits leave the tabs as they are: then nothing is rebuilt (a workbook may have hundreds of pages).
    bool same = int(tabs.size()) == pageTabs_->count();
    for (int i = 0; same && i < pageTabs_->count(); ++i)
        same = pageTabs_->tabText(i) == tabs[std::size_t(i)].first && pageTabs_->tabData(i).toString() == tabs[std::size_t(i)].second;
    refreshingTabs_ = true;
    if (!same) {
        while (pageTabs_->count()) pageTabs_->removeTab(0);
        for (const auto& [label, id] : tabs) pageTabs_->setTabData(pageTabs_->addTab(label), id);
    }
    int select = -1;
    for (int i = 0; i < pageTabs_->count(); ++i)
        if (pageTabs_->tabData(i).toString() == current) select = i;
    refreshingTabs_ = false;
    if (select < 0 && pageTabs_->count() > 0) {
        select = 0;
        canvas_->setRegion(pageTabs_->tabData(0).toString());
    }
    pageTabs_->setCurrentIndex(select);
}

void MainWindow::setPreviewProvider(PreviewProvider* provider) {
    preview_ = provider;
    if (!previewPainter_) previewPainter_ = std::make_unique<PreviewPainter>();
    canvas_->setContentPainter([this](QPainter& p, const QRect& area, const Json& element) {
        if (!preview_) return false;
        if (element.value("kind", "") == "control") {
            auto* engine = dynamic_cast<EnginePreviewProvider*>(preview_);
            if (!engine) return false;
            const QString summary = engine->controlSummary(QString::fromStdString(element.value("controlId", "")));
            paintControlLook(p, area, controlLook(element, summary, [this](const std::string& id) { return model_.findElement(id); }));
            return true;
        }
        const QString id = QString::fromStdString(element.value("id", ""));
        const Json* drilled = drill_ ? drill_->shown(id) : nullptr; // a drill target, at its current level
        const QRect content = drilled ? drill_->paintBreadcrumb(p, area, id) : area;
        return previewPainter_->paint(p, content, drilled ? *drilled : element, preview_->data(id));
    });
    canvas_->setToolTipText([this](const QString& id, const QPoint& pos) {
        const Json* element = model_.findElement(id.toStdString());
        const ChartHit* hit = previewPainter_->hitAt(id, pos);
        if (!preview_ || !element || !hit) return QString();
        const Json* drilled = drill_ ? drill_->shown(id) : nullptr;
        return markToolTip(drilled ? *drilled : *element, preview_->data(id), *hit);
    });
    connect(provider, &PreviewProvider::updated, this, [this](const QString& id) {
        previewPainter_->invalidate(id);
        canvas_->update();
    });
    connect(provider, &PreviewProvider::queryFinished, queryLog_, &QueryLog::addEntry);
    delete drill_;
    drill_ = nullptr;
    if (auto* engine = dynamic_cast<EnginePreviewProvider*>(provider)) {
        drill_ = new DrillNavigator(&model_, engine, this);
        connect(engine, &EnginePreviewProvider::controlsChanged, canvas_, qOverload<>(&QWidget::update));
        engine->setViewAs(persona_, authorUser());
    }
    connect(queryLog_, &QueryLog::cancelRequested, provider, &PreviewProvider::cancelAll);
    canvas_->setBusyQuery([this](const QString& id) { return preview_ && preview_->data(id).state == PreviewData::State::Busy; });
    connect(canvas_, &CanvasWidget::cancelQueryRequested, provider, &PreviewProvider::cancelElement);
    connect(canvas_, &CanvasWidget::contentClicked, this, &MainWindow::selectInPreview, Qt::UniqueConnection);
    connect(canvas_, &CanvasWidget::contentClicked, this, &MainWindow::drillInPreview, Qt::UniqueConnection);
    connect(canvas_, &CanvasWidget::contentClicked, this, &MainWindow::clickMapConnection, Qt::UniqueConnection);
    // Re-run previews shortly after edits settle (the provider caches unchanged queries).
    if (!previewDebounce_) {
        previewDebounce_ = new QTimer(this);
        previewDebounce_->setSingleShot(true);
        previewDebounce_->setInterval(400);
        connect(previewDebounce_, &QTimer::timeout, this, &MainWindow::refreshPreview);
        connect(&model_, &DocumentModel::changed, previewDebounce_, qOverload<>(&QTimer::start));
    }
    refreshPreview();
}

bool MainWindow::activateInPreview(const QString& elementId) {
    auto* engine = dynamic_cast<EnginePreviewProvider*>(preview_);
    const Json* element = model_.findElement(elementId.toStdString());
    if (!engine || !element) return false;
    const std::string kind = element->value("kind", "");
    if (kind == "control") {
        const QString controlId = QString::fromStdString(element->value("controlId", ""));
        const std::string type = element->value("controlType", "");
        QStringList choices;
        if (type == "list" || type == "segmented") {
            QString error;
            choices = engine->distinctValues(controlId, 500, &error);
            if (!error.isEmpty()) statusBar()->showMessage(tr("Values of %1: %2").arg(controlId, error), 8000);
        }
        ControlValueDialog dialog(QString::fromStdString(element->value("name", element->value("controlId", ""))), type,
                                  engine->controlFields(controlId), choices, this);
        if (dialog.exec() == QDialog::Accepted) engine->setControlFields(controlId, dialog.fields());
        return true;
    }
    if (kind == "button" || kind == "image") {
        const auto result = engine->fireClick(elementId);
        if (!result.errors.isEmpty()) QMessageBox::warning(this, tr("Action failed"), result.errors.join("\n"));
        for (const QString& external : result.external)
            QMessageBox::information(this, tr("Action leaves the IDE"),
                                     tr("In Sigma this action would now run:\n%1\n\nQuire does not open it from a preview.").arg(external));
        if (!result.navigateTo.isEmpty()) showRegion(result.navigateTo);
        statusBar()->showMessage(result.summaries.join("; "), 6000);
        return true;
    }
    return false;
}

bool MainWindow::clickMapConnection(const QString& elementId, const QPoint& pos) {
    if (!preview_ || !previewPainter_ || !previewPainter_->mapConnectionButton(elementId).contains(pos)) return false;
    const QString connectionId = preview_->data(elementId).unmappedConnection;
    if (connectionId.isEmpty()) return false;
    mapConnection(connectionId);
    return true;
}

bool MainWindow::mapConnection(const QString& connectionId) {
    auto* engine = dynamic_cast<EnginePreviewProvider*>(preview_);
    int elements = 0;
    for (const auto& node : canvas_->placedNodes())
        if (preview_ && preview_->data(QString::fromStdString(node.handle)).unmappedConnection == connectionId) ++elements;
    auto store = secrets::makeDefaultSecretStore();
    MapConnectionDialog dialog(engine ? engine->connectionsFile() : QString(), connectionId, std::max(1, elements), *store, this);
    if (dialog.exec() != QDialog::Accepted) return false;
    statusBar()->showMessage(tr("Connection %1 mapped; refreshing the previews").arg(connectionId), 6000);
    refreshPreview();
    return true;
}

bool MainWindow::selectInPreview(const QString& elementId, const QPoint& pos) {
    auto* engine = dynamic_cast<EnginePreviewProvider*>(preview_);
    const Json* element = model_.findElement(elementId.toStdString());
    if (!engine || !element || !previewPainter_) return false;
    bool hasOnSelect = false;
    for (const auto& action : element->value("actions", Json::array()))
        hasOnSelect = hasOnSelect || (action.is_object() && action.value("trigger", "") == "on-select");
    const std::vector<int> rows = hasOnSelect ? previewPainter_->hitTest(elementId, pos) : std::vector<int>();
    if (rows.empty()) return false;
    const auto result = engine->fireSelect(elementId, rows);
    if (!result.errors.isEmpty()) statusBar()->showMessage(tr("On-select failed: %1").arg(result.errors.join("; ")), 8000);
    else statusBar()->showMessage(result.summaries.join("; "), 6000);
    if (!result.navigateTo.isEmpty()) showRegion(result.navigateTo);
    return true;
}

bool MainWindow::drillInPreview(const QString& elementId, const QPoint& pos) {
    if (!drill_ || !previewPainter_ || !drill_->shown(elementId)) return false;
    return drill_->click(elementId, pos, previewPainter_->hitTest(elementId, pos));
}

bool MainWindow::showAllRows(const QString& elementId) {
    auto* engine = dynamic_cast<EnginePreviewProvider*>(preview_);
    if (!engine) return false;
    QString error;
    auto source = engine->rowSource(elementId, &error);
    if (!source) {
        statusBar()->showMessage(tr("Cannot show the rows of %1: %2").arg(elementId, error), 8000);
        return false;
    }
    auto* old = dataView_->model();
    auto* rows = new PagedTableModel(source, 500, 40, dataView_);
    dataView_->setModel(rows);
    delete old;
    // The count arrives from the source's worker (a count(*) of 10M rows is no UI-thread work).
    const auto title = [this, elementId, source] {
        if (!source->error().isEmpty()) dataDock_->setWindowTitle(tr("Data — %1 (%2)").arg(elementId, source->error()));
        else dataDock_->setWindowTitle(source->rowCount() < 0 ? tr("Data — %1 (counting rows…)").arg(elementId)
                                                              : tr("Data — %1 (%L2 rows)").arg(elementId).arg(source->rowCount()));
    };
    title();
    connect(rows, &QAbstractItemModel::modelReset, this, title);
    // A failed count or page is said, not shown as an empty table.
    connect(rows, &PagedTableModel::fetchFailed, this, [this, elementId, title](const QString& message) {
        title();
        statusBar()->showMessage(tr("Data — %1: %2").arg(elementId, message), 10000);
    });
    dataDock_->show();
    dataDock_->raise();
    return true;
}

void MainWindow::refreshPreview() {
    if (!preview_) return;
    QStringList ids;
    for (const auto& node : canvas_->placedNodes()) ids << QString::fromStdString(node.handle);
    preview_->refresh(ids);
}

void MainWindow::showRegion(const QString& regionId) {
    if (persona_ && model_.body() && model_.body()->contains("pages") && (*model_.body())["pages"].is_array())
        for (const auto& page : (*model_.body())["pages"])
            if (page.is_object() && page.value("id", "") == regionId.toStdString() && !preview::pageVisibleTo(page, persona_->user)) {
                statusBar()->showMessage(tr("Page %1 is hidden from %2").arg(regionId, viewingAs()), 6000);
                return;
            }
    for (int i = 0; i < pageTabs_->count(); ++i)
        if (pageTabs_->tabData(i).toString() == regionId) pageTabs_->setCurrentIndex(i);
    canvas_->setRegion(regionId);
}

void MainWindow::updateTitle() {
    const QString name = model_.filePath().isEmpty() ? tr("Untitled") : QFileInfo(model_.filePath()).fileName();
    setWindowTitle(QString("%1[*] — Quire").arg(name));
    setWindowModified(model_.isModified());
}

void MainWindow::newWorkbook() {
    leaveRecovery();
    model_.setDocument(newWorkbookDocument());
    findPersonas();
    refreshPages();
}

bool MainWindow::openFile(const QString& path, bool quiet) {
    if (ConflictPanel::needsResolution(path)) return openConflicted(path, quiet);
    return applyOpened(path, doc::loadDocument(path.toStdString()), quiet);
}

bool MainWindow::openFileInBackground(const QString& path, bool quiet) {
    if (opening_) return false;
    if (ConflictPanel::needsResolution(path)) {
        const bool ok = openConflicted(path, quiet);
        QTimer::singleShot(0, this, [this, ok] { emit opened(ok); });
        return true;
    }
    opening_ = true;
    setEnabled(false);
    statusBar()->showMessage(tr("Opening %1…").arg(path));
    auto result = std::make_shared<doc::LoadResult>();
    QThread* reader = QThread::create([result, file = path.toStdString()] { *result = doc::loadDocument(file); });
    connect(reader, &QThread::finished, this, [this, reader, result, path, quiet] {
        reader->deleteLater();
#ifdef __GLIBC__
        // The reader's malloc arena still holds the parser's freed tree (hundreds of MB for a 50 MB workbook);
        // the UI thread would not reuse it, so give it back before the views are built.
        malloc_trim(0);
#endif
        opening_ = false;
        setEnabled(true);
        emit fileRead();
        const bool ok = applyOpened(path, std::move(*result), quiet);
        emit opened(ok);
    });
    reader->start();
    return true;
}

bool MainWindow::applyOpened(const QString& path, doc::LoadResult loaded, bool quiet) {
    if (!loaded.document) {
        QString message;
        for (const auto& d : loaded.diagnostics) message += QString::fromStdString(formatDiagnostic(d)) + "\n";
        if (!quiet) QMessageBox::critical(this, tr("Cannot open workbook"), message);
        statusBar()->showMessage(message.trimmed(), 10000);
        return false;
    }
    leaveRecovery();
    // The document is its source text as read: the recovery file needs only the values set from here on.
    EditLog log;
    log.baseText = loaded.document->sourceText;
    log.baseFormat = loaded.document->format;
    model_.setDocument(std::move(*loaded.document), std::move(log));
    findPersonas();
    refreshPages();
    if (pageTabs_->count()) showRegion(pageTabs_->tabData(0).toString());
    addRecent(path);
    leaveStartPage();
    statusBar()->showMessage(tr("Opened %1").arg(path), 4000);
    return true;
}

bool MainWindow::openConflicted(const QString& path, bool quiet) {
    QString error;
    auto ours = changes_->conflicts()->prepare(path, &error);
    if (!ours) {
        if (!quiet) QMessageBox::critical(this, tr("Cannot resolve conflicts"), error);
        statusBar()->showMessage(error, 10000);
        return false;
    }
    leaveRecovery();
    model_.setDocument(std::move(*ours));
    findPersonas();
    refreshPages();
    if (pageTabs_->count()) showRegion(pageTabs_->tabData(0).toString());
    addRecent(path);
    changesDock_->show();
    changesDock_->raise();
    changes_->showConflicts();
    const auto count = changes_->conflicts()->threeWay() ? changes_->conflicts()->threeWay()->conflicts.size() : 0;
    statusBar()->showMessage(tr("%1 has conflicts: %2 element-level conflict(s) to decide in the Changes dock (the local side is open)")
                                 .arg(path).arg(count));
    return true;
}

void MainWindow::reloadFromDisk() {
    const QString path = model_.filePath();
    if (path.isEmpty()) return;
    if (!QFileInfo::exists(path)) {
        newWorkbook();
        statusBar()->showMessage(tr("%1 does not exist on this branch").arg(path), 8000);
        return;
    }
    openFile(path, true);
}

bool MainWindow::importSeed(const QString& path, bool quiet) {
    auto loaded = doc::loadDocument(path.toStdString());
    doc::SeedImportResult result;
    if (loaded.document) result = doc::importSeed(*loaded.document);
    else result.diagnostics = loaded.diagnostics;
    if (!result.document) {
        QString message;
        for (const auto& d : result.diagnostics) message += QString::fromStdString(formatDiagnostic(d)) + "\n";
        if (!quiet) QMessageBox::critical(this, tr("Cannot import seed"), message);
        return false;
    }
    doc::Document d = std::move(*result.document);
    d.path.clear();
    leaveRecovery();
    model_.setDocument(std::move(d));
    findPersonas();
    refreshPages();
    return true;
}

bool MainWindow::startSave(const QString& path, doc::Format format, bool quiet) {
    if (!source_->applyNow()) {
        statusBar()->showMessage(tr("Not saved: the source has errors (%1)").arg(source_->errorText()));
        if (!quiet) QMessageBox::warning(this, tr("Source has errors"), source_->errorText());
        return false;
    }
    saver_->request({path, format, quiet});
    return true;
}

bool MainWindow::saveTo(const QString& path, doc::Format format, bool quiet) {
    // The request is the last in the queue, so the last report is its own.
    return startSave(path, format, quiet) && saver_->wait().ok;
}

void MainWindow::saveFinished(const DocumentSaver::Report& report) {
    if (!report.ok) {
        const QString message =
            tr("Could not save %1: %2. The file on disk is unchanged; your changes are still open, not saved.").arg(report.path, report.error);
        statusBar()->showMessage(message); // stays until the next message
        if (!report.quiet) QMessageBox::critical(this, tr("Cannot save"), message);
        return;
    }
    // Edits made during the save are not in the file: the recovery copy must go on covering them.
    if (!report.changedSince) recovery_.discard();
    addRecent(report.path);
    if (report.reformatted.isEmpty()) statusBar()->showMessage(tr("Saved %1").arg(report.path), 4000);
    else
        statusBar()->showMessage(
            tr("Saved %1 in canonical style (the formatting could not be kept: %2)").arg(report.path, report.reformatted));
}

bool MainWindow::maybeSave() {
    saver_->wait(); // a save under way ends first: what it wrote decides whether anything is unsaved
    if (!model_.isModified()) return true;
    auto answer = QMessageBox::question(this, tr("Unsaved changes"), tr("Save the changes to this workbook first?"),
                                        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Cancel) return false;
    if (answer == QMessageBox::Discard) {
        changesDiscarded_ = true; // no autosave while the Open dialog (say) is up, and no orphan afterwards
        recovery_.discard();
        return true;
    }
    if (model_.filePath().isEmpty()) {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save workbook"), "workbook.yaml");
        return !path.isEmpty() && saveTo(path, path.endsWith(".json") ? doc::Format::Json : doc::Format::Yaml);
    }
    return saveTo(model_.filePath(), model_.format());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (maybeSave()) {
        recovery_.discard();
        event->accept();
    } else {
        event->ignore();
    }
}

void MainWindow::showStartPage() {
    if (startPageShown()) return;
    newWorkbook();
    dockState_ = saveState();
    for (auto* d : findChildren<QDockWidget*>()) d->hide();
    startPage_->refresh();
    centralStack_->setCurrentWidget(startScroll_);
}

bool MainWindow::startPageShown() const { return centralStack_->currentWidget() == startScroll_; }

void MainWindow::leaveStartPage() {
    if (!startPageShown()) return;
    centralStack_->setCurrentIndex(0);
    restoreState(dockState_);
}

bool MainWindow::newFromTemplate(const QString& key) {
    auto document = loadWorkbookTemplate(key);
    if (!document) return false;
    leaveRecovery();
    model_.setDocument(std::move(*document));
    findPersonas();
    refreshPages();
    if (pageTabs_->count()) showRegion(pageTabs_->tabData(0).toString());
    leaveStartPage();
    refreshPreview();
    statusBar()->showMessage(tr("New workbook from the %1 template: save it to keep it").arg(findWorkbookTemplate(key)->title), 8000);
    return true;
}

GuidedDashboard* MainWindow::startGuidedDashboard() {
    newWorkbook();
    leaveStartPage();
    delete guide_;
    guide_ = new GuidedDashboard(&model_, [this](const QString& path) {
        return saveTo(path, path.endsWith(".json") ? doc::Format::Json : doc::Format::Yaml, true);
    }, this);
    connect(&model_, &DocumentModel::changed, guide_, [this] { refreshPreview(); });
    guide_->move(mapToGlobal(QPoint(width() - guide_->width() - 40, 80)));
    guide_->show();
    return guide_;
}

void MainWindow::openFromSigma() {
    PullDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted && !dialog.pulledPath().isEmpty()) openFile(dialog.pulledPath());
}

void MainWindow::addRecent(const QString& path) {
    QSettings settings("Quire", "Quire");
    QStringList recent = settings.value("recentFiles").toStringList();
    if (!recent.isEmpty() && recent.first() == QFileInfo(path).absoluteFilePath()) return; // every Ctrl+S: nothing to write
    recent.removeAll(QFileInfo(path).absoluteFilePath());
    recent.prepend(QFileInfo(path).absoluteFilePath());
    while (recent.size() > 10) recent.removeLast();
    settings.setValue("recentFiles", recent);
    rebuildRecentMenu();
    startPage_->refresh();
}

void MainWindow::rebuildRecentMenu() {
    recentMenu_->clear();
    QSettings settings("Quire", "Quire");
    for (const QString& path : settings.value("recentFiles").toStringList())
        markListEntry(recentMenu_->addAction(path, this, [this, path] {
            if (maybeSave()) openFile(path);
        }));
    recentMenu_->setEnabled(!recentMenu_->isEmpty());
}

void MainWindow::leaveRecovery() {
    saver_->wait(); // before the workbook is replaced: a save under way records itself in the model first
    // Saved, unchanged or discarded work needs no recovery copy; other unsaved work keeps its copy (unlocked,
    // so a later start offers it) rather than losing it silently.
    if (!model_.isModified() || changesDiscarded_) recovery_.discard();
    else recovery_.release();
}

bool MainWindow::autosave() {
    if (!model_.isModified()) recovery_.discard(); // undone back to the saved state
    if (!model_.isModified() || changesDiscarded_) return true;
    if (recovery_.isActive() && postedRevision_ == model_.revision() && autosaveError_.isEmpty()) return true;
    // No copy of the workbook: the snapshot shares the source text and the values set since (edit_log.h).
    QString error;
    if (!recoveryWriter_->post(recoverySnapshot(model_.document(), model_.editLog(), model_.revision()), &error)) {
        recoveryWritten(false, error);
        return false;
    }
    postedRevision_ = model_.revision();
    return true;
}

bool MainWindow::writeRecovery() {
    return autosave() && recoveryWriter_->wait();
}

void MainWindow::recoveryWritten(bool ok, const QString& error) {
    if (!ok) {
        autosaveError_ = error;
        statusBar()->showMessage(
            tr("Autosave failed: %1. Your unsaved changes are only in memory; save them (to another disk if this one is full).")
                .arg(error));
        return;
    }
    if (!autosaveError_.isEmpty()) {
        autosaveError_.clear();
        statusBar()->showMessage(tr("Autosave works again"), 4000);
    }
}

bool MainWindow::start(const QString& file, bool ask, bool quiet, bool background) {
    auto openRequested = [&] {
        if (!file.isEmpty()) return background ? openFileInBackground(file, quiet) : openFile(file, quiet);
        showStartPage();
        return true;
    };
    const auto orphans = ask ? RecoveryStore(recoveryDir_).orphans() : std::vector<RecoveryEntry>();
    if (orphans.empty()) return openRequested();
    RecoveryOffer offer;
    offer.requestedFile = file;
    offer.entry = orphans.front(); // the newest
    if (!file.isEmpty()) {
        const QString wanted = canonicalPath(file);
        for (const auto& entry : orphans)
            if (!entry.documentPath.isEmpty() && canonicalPath(entry.documentPath) == wanted) {
                offer.entry = entry;
                offer.sameFile = true;
                break;
            }
    }
    switch (recoveryPrompt_ ? recoveryPrompt_(offer) : askAboutRecovery(this, offer)) {
    case RecoveryChoice::Recover:
        if (recover(offer.entry, quiet)) return true;
        return openRequested(); // an unreadable recovery file stays; the file asked for opens
    case RecoveryChoice::Discard:
        RecoveryStore::remove(offer.entry.file);
        return openRequested();
    case RecoveryChoice::Keep:
        break;
    }
    return openRequested();
}

bool MainWindow::recover(const RecoveryEntry& entry, bool quiet) {
    QString error;
    auto recovered = RecoveryStore::load(entry.file, &error);
    if (recovered) {
        leaveRecovery();
        if (!recovery_.adopt(entry.file)) error = tr("another Quire window is using it");
    }
    if (!error.isEmpty()) {
        const QString message = tr("Cannot recover from %1: %2 (the file is kept)").arg(entry.file, error);
        statusBar()->showMessage(message);
        if (!quiet) QMessageBox::warning(this, tr("Cannot recover"), message);
        return false;
    }
    model_.setRecoveredDocument(std::move(recovered->document), std::move(recovered->log));
    findPersonas();
    refreshPages();
    if (pageTabs_->count()) showRegion(pageTabs_->tabData(0).toString());
    const QString name = entry.documentPath.isEmpty() ? tr("an untitled workbook") : entry.documentPath;
    statusBar()->showMessage(tr("Recovered unsaved changes to %1; save to keep them").arg(name));
    return true;
}

void MainWindow::revealElement(const QString& id) {
    for (const auto& n : canvas_->placedNodes()) {
        if (QString::fromStdString(n.handle) != id) continue;
        const QRect visible(-canvas_->pos(), canvasScroll_->viewport()->size());
        if (!visible.intersects(n.rect)) {
            canvasScroll_->ensureVisible(n.rect.center().x(), n.rect.bottom(), 0, 12);
            canvasScroll_->ensureVisible(n.rect.center().x(), n.rect.top(), 0, 12);
        }
        return;
    }
}

std::optional<sql::CurrentUser> MainWindow::authorUser() const {
    // The author's view binds CurrentUser*() to the file's default persona, never to an empty string.
    const governance::Persona* fallback = personas_ ? personas_->defaultPersona() : nullptr;
    return fallback ? std::optional<sql::CurrentUser>(fallback->user) : std::nullopt;
}

void MainWindow::findPersonas() {
    const std::string workbook = model_.filePath().toStdString();
    const auto found = workbook.empty() ? std::nullopt : governance::findPersonasFile(workbook);
    if (found) loadPersonas(QString::fromStdString(*found));
    else setPersonas(std::nullopt, {});
}

bool MainWindow::loadPersonas(const QString& path) {
    auto loaded = governance::loadPersonas(path.toStdString());
    const bool ok = loaded.ok();
    setPersonas(ok ? std::move(loaded.set) : std::nullopt, std::move(loaded.diagnostics));
    if (ok) statusBar()->showMessage(tr("Personas from %1").arg(path), 4000);
    else statusBar()->showMessage(tr("The personas file %1 cannot be used (see Problems); viewing as the author").arg(path), 10000);
    return ok;
}

void MainWindow::setPersonas(std::optional<governance::PersonaSet> set, std::vector<Diagnostic> diagnostics) {
    const QString keep = viewingAs();
    personas_ = std::move(set);
    model_.setViewDiagnostics(std::move(diagnostics));
    persona_.reset();
    if (personas_ && !keep.isEmpty())
        if (const auto* again = personas_->find(keep.toStdString())) persona_ = *again;
    {
        const QSignalBlocker quiet(viewAsBox_);
        viewAsBox_->clear();
        viewAsBox_->addItem(tr("Author"), QString());
        if (personas_)
            for (const auto& p : personas_->personas) {
                const QString email = QString::fromStdString(p.email());
                const QString name = QString::fromStdString(p.user.fullName);
                viewAsBox_->addItem(name.isEmpty() ? email : QString("%1 <%2>").arg(name, email), email);
            }
        viewAsBox_->setEnabled(personas_ && !personas_->personas.empty());
    }
    applyViewAs();
}

bool MainWindow::viewAs(const QString& email) {
    if (email.isEmpty()) {
        persona_.reset();
    } else {
        const governance::Persona* chosen = personas_ ? personas_->find(email.toStdString()) : nullptr;
        if (!chosen) return false;
        persona_ = *chosen;
    }
    applyViewAs();
    return true;
}

QString MainWindow::viewingAs() const { return persona_ ? QString::fromStdString(persona_->email()) : QString(); }

QString MainWindow::viewAsBannerText() const { return viewAsBanner_->isHidden() ? QString() : viewAsLabel_->text(); }

void MainWindow::applyViewAs() {
    {
        const QSignalBlocker quiet(viewAsBox_);
        const int index = viewAsBox_->findData(viewingAs());
        viewAsBox_->setCurrentIndex(std::max(0, index));
    }
    if (persona_) {
        const auto& user = persona_->user;
        QString who = QString::fromStdString(user.fullName.empty() ? user.email : user.fullName + " <" + user.email + ">");
        QStringList teams;
        for (const auto& t : user.teams) teams << QString::fromStdString(t);
        viewAsLabel_->setText(tr("Viewing as %1%2 — restricted columns are masked, pages hidden from this persona are not listed")
                                  .arg(who, teams.isEmpty() ? QString() : tr(" (teams: %1)").arg(teams.join(", "))));
        viewAsLabel_->setToolTip(viewAsLabel_->text());
        viewAsBanner_->show();
    } else {
        viewAsLabel_->clear();
        viewAsBanner_->hide();
    }
    if (auto* engine = dynamic_cast<EnginePreviewProvider*>(preview_)) engine->setViewAs(persona_, authorUser());
    refreshPages();
    refreshPreview();
    canvas_->update();
}

} // namespace quire::ide
