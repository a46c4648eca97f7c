// quire-ide [FILE] [--offscreen] [--screenshot FILE.png] [--page ID] [--select ELEMENT]
#include "canvas_widget.h"
#include "color_scheme.h"
#include "engine_preview_provider.h"
#include "main_window.h"
#include "recovery_store.h"
#include "sample_warehouse_progress.h"

#include <QApplication>
#include <QGuiApplication>
#include <QDockWidget>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QStatusBar>
#include <QTimer>

#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
    QElapsedTimer startup;
    startup.start();
    // --offscreen must take effect before QApplication picks a platform.
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--offscreen") == 0 || std::strcmp(argv[i], "--headless") == 0) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName("Quire");
    QApplication::setOrganizationName("Quire");
    QApplication::setApplicationVersion(QUIRE_VERSION);
    // The desktop entry (resources/desktop): lets Wayland shells match the window to its icon and name.
    QGuiApplication::setDesktopFileName("org.quire.Quire");
    QApplication::setStyle("Fusion");
    quire::ide::ColorSchemeController::instance().start(); // light or dark, as the desktop or the user chose

    QCommandLineParser parser;
    parser.setApplicationDescription("Quire: design, preview and validate Sigma workbooks as code");
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument("file", "Workbook to open (.json, .yaml)");
    QCommandLineOption offscreen({"offscreen", "headless"}, "Run without a display (Qt offscreen platform)");
    QCommandLineOption screenshot("screenshot", "Render the main window to a PNG file and exit", "png");
    QCommandLineOption page("page", "Show this page or overlay id", "id");
    QCommandLineOption select("select", "Select this element id", "id");
    QCommandLineOption dock("show-dock", "Raise this dock (problems, source, querylog, catalog, properties, changes)", "name");
    QCommandLineOption connections("connections", "Connections file (default: ~/.config/quire/connections.json)", "file");
    QCommandLineOption noPreview("no-preview", "Do not run live previews");
    QCommandLineOption showRows("show-rows", "Show every row of this element in the Data dock", "id");
    parser.addOptions({offscreen, screenshot, page, select, dock, connections, noPreview, showRows});
    parser.process(app);

    quire::ide::MainWindow window;
    const QStringList files = parser.positionalArguments();
    // A run without a display (or one that only renders a PNG) must never wait on a dialog: it opens the file
    // as asked and leaves unsaved work of crashed sessions where it is, for the next interactive start.
    const bool headless = parser.isSet(offscreen) || parser.isSet(screenshot) || QGuiApplication::platformName() == "offscreen";
    if (headless)
        for (const auto& entry : quire::ide::RecoveryStore(window.recoveryDir()).orphans())
            std::fprintf(stderr, "quire-ide: unsaved work of %s is kept in %s; start quire-ide with a display to recover it\n",
                         entry.documentPath.isEmpty() ? "an untitled workbook" : qPrintable(entry.documentPath),
                         qPrintable(entry.file));
    // A file is read on a worker thread: the window comes up at once and is usable once the workbook is in;
    // a big workbook's Problems fill in when its first validation (in slices) is done.
    if (!window.start(files.value(0), !headless, headless, true) && parser.isSet(screenshot)) return 1;
    quire::ide::EnginePreviewProvider provider(window.model(), parser.value(connections));
    bool failed = false;
    auto afterOpen = [&] {
        if (parser.isSet(page)) window.showRegion(parser.value(page));
        if (parser.isSet(dock))
            for (auto* d : window.findChildren<QDockWidget*>())
                if (d->objectName() == parser.value(dock)) d->raise();
        if (!parser.isSet(noPreview)) {
            // The first start writes the sample warehouse before any card asks for it: with a progress dialog and
            // Cancel on a display, silently when headless.
            const auto sample = quire::ide::ensureSampleWarehouseWithProgress(headless ? nullptr : &window);
            if (sample.state == quire::ide::SampleWarehouseState::Cancelled || sample.state == quire::ide::SampleWarehouseState::Failed) {
                window.statusBar()->showMessage(sample.message);
                std::fprintf(stderr, "quire-ide: %s\n", qPrintable(sample.message));
            }
            window.setPreviewProvider(&provider);
        }
        if (parser.isSet(showRows)) window.showAllRows(parser.value(showRows));
        if (parser.isSet(select)) window.model()->setSelection({parser.value(select)});
        if (parser.isSet(select)) // once the window has its size, so the card can be scrolled to
            QTimer::singleShot(0, &window, [&window, id = parser.value(select)] { window.revealElement(id); });
        // Back in the event loop: the window answers input and shows the workbook's page.
        QTimer::singleShot(0, &window, [&startup] {
            std::fprintf(stderr, "quire-ide: interactive after %lld ms\n", static_cast<long long>(startup.elapsed()));
        });
    };
    QObject::connect(&window, &quire::ide::MainWindow::fileRead, &window, [&startup] {
        std::fprintf(stderr, "quire-ide: file read after %lld ms\n", static_cast<long long>(startup.elapsed()));
    });
    QObject::connect(window.model(), &quire::ide::DocumentModel::validationFinished, &window, [&startup] {
        std::fprintf(stderr, "quire-ide: validated after %lld ms\n", static_cast<long long>(startup.elapsed()));
    });
    window.show();
    std::fprintf(stderr, "quire-ide: first window after %lld ms\n", static_cast<long long>(startup.elapsed()));
    if (window.isOpening())
        QObject::connect(&window, &quire::ide::MainWindow::opened, &window, [&](bool ok) {
            failed = !ok;
            if (ok) afterOpen();
            else if (parser.isSet(screenshot)) QApplication::exit(1);
        });
    else
        afterOpen();

    if (parser.isSet(screenshot)) {
        const QString out = parser.value(screenshot);
        auto* poll = new QTimer(&window);
        poll->setInterval(100);
        QObject::connect(poll, &QTimer::timeout, &window, [&window, &provider, &failed, out, poll, &startup] {
            // The workbook in and validated (Problems filled), then the previews finished (the first run may
            // generate the sample warehouse).
            if (failed || window.isOpening() || window.model()->validationPending() || startup.elapsed() < 500) return;
            poll->stop();
            provider.waitIdle(120000);
            QApplication::processEvents();
            const bool ok = window.grab().save(out);
            std::fprintf(stderr, "quire-ide: %s %s\n", ok ? "wrote" : "could not write", qPrintable(out));
            QApplication::exit(ok ? 0 : 1);
        });
        poll->start();
    }
    return QApplication::exec();
}
