// One edit in a big workbook, to validated and repainted (issue #15): the IDE's main window on the benchmarks'
// generated workbook (bench/doc/generate_workbook.h; 50 / 500 / 5,000 elements, 20 columns each — the
// argument), then per iteration: rename one element through the undo stack (what the property panel does),
// let the window's queued updates run (validation, outline, problems, source), and repaint the canvas.
// The workbook's first validation (in slices for a big one) is done before the first iteration.
// QUIRE_BENCH_ELEMENTS=20000 runs one more size (its open alone takes minutes: scripts/bench-ide-open.sh).
// Also the autosave and the save (Ctrl+S) of a workbook one rename changed: the time the UI thread spends in
// them (what the user waits for), with the rename not timed; an autosave's write on its worker thread is waited
// for outside the timing and reported as `background_ms`. The save runs on a worker thread too (`save_async`:
// the UI thread's part timed, `saved_ms` = wall time from Ctrl+S to "Saved" with the event loop running, as in
// the window; `report_ms` = the UI thread's handling of the events that ended it: the save's report, the model
// marked saved, the status bar, the recent files);
// `save` is a save waited for (closing, synchronous callers); `save_on_ui_thread_before` is the
// code the worker replaced (the preserving save of the model's tree, its two reads of the text, on the UI thread).
// Offscreen platform, no live previews.
#include "../doc/generate_workbook.h"
#include "canvas_widget.h"
#include "document_commands.h"
#include "main_window.h"

#include <quire/core/file_io.h>
#include <quire/doc/io.h>

#include <benchmark/benchmark.h>

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>

#include <cstdlib>

namespace {

// The generated workbook of `elements` elements, open in a shown window and validated.
bool openGenerated(quire::ide::MainWindow& window, const QTemporaryDir& dir, int elements) {
    const QString path = dir.filePath("big.yaml");
    {
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(QByteArray::fromStdString(quire::bench::generateWorkbook(elements, 20).yaml));
    }
    window.resize(1400, 900);
    if (!window.openFile(path, true)) return false;
    window.show();
    QApplication::processEvents();
    // A big workbook's first validation runs in slices after it opens: measure once it is done.
    while (window.model()->validationPending()) QApplication::processEvents();
    return true;
}

std::string namePointer(quire::ide::MainWindow& window, int elements) {
    return window.model()->bodyPointer() + "/elements/" + std::to_string(elements / 2) + "/name";
}

// One rename through the undo stack ("Renamed <serial>", a new name each time) and the updates it queues.
void pushRename(quire::ide::DocumentModel* model, const std::string& pointer, int& serial) {
    model->undoStack()->push(quire::ide::makeSetValue(model, pointer, quire::Json("Renamed " + std::to_string(++serial)), "Rename"));
    QApplication::processEvents();
}

// The generated workbook open in a window, and the element name the benchmarks rename.
struct OpenWorkbook {
    QTemporaryDir dir;
    quire::ide::MainWindow window;
    quire::ide::DocumentModel* model = nullptr;
    std::string pointer;
    int serial = 0;

    bool open(benchmark::State& state) {
        if (!openGenerated(window, dir, int(state.range(0)))) {
            state.SkipWithError("the generated workbook does not open");
            return false;
        }
        model = window.model();
        pointer = namePointer(window, int(state.range(0)));
        return true;
    }
    void rename() { pushRename(model, pointer, serial); }
    // One rename outside an iteration's timed part (what the iteration then times needs a change to act on).
    void renameUntimed(benchmark::State& state) {
        state.PauseTiming();
        rename();
        state.ResumeTiming();
    }
};

void renameElement(benchmark::State& state) {
    OpenWorkbook w;
    if (!w.open(state)) return;
    // The first edit that makes a finding also builds the file's position index (lazily, once per file, for
    // the findings' line:col): that one is timed apart and reported as a counter, the loop times the next ones.
    {
        QElapsedTimer first;
        first.start();
        w.rename();
        w.window.canvas()->repaint();
        state.counters["first_edit_ms"] = double(first.elapsed());
    }
    for (auto _ : state) {
        w.rename();
        w.window.canvas()->repaint();
    }
}

// Autosave (`autosave`) or save (`save`) after one rename, per iteration; only the UI thread's part is timed.
void saveAfterRename(benchmark::State& state, bool autosave) {
    OpenWorkbook w;
    if (!w.open(state)) return;
    double background = 0;
    for (auto _ : state) {
        w.renameUntimed(state);
        if (autosave) {
            w.window.autosave(); // the timer's tick: a snapshot handed to the worker thread
        } else if (!w.window.saveTo(w.window.model()->filePath(), w.window.model()->format(), true)) {
            state.SkipWithError("the save failed");
            return;
        }
        state.PauseTiming();
        QElapsedTimer wait;
        wait.start();
        if (autosave && !w.window.writeRecovery()) { // waits for the worker's write
            state.SkipWithError("the autosave failed");
            return;
        }
        background += double(wait.elapsed());
        state.ResumeTiming();
    }
    state.counters["background_ms"] = benchmark::Counter(background, benchmark::Counter::kAvgIterations);
}

void autosaveAfterRename(benchmark::State& state) { saveAfterRename(state, true); }

// What the autosave did on the UI thread before it wrote from the edit log on a worker thread (the code it
// replaced, for comparison side by side): the canonical text of the whole workbook and the source text in one
// JSON envelope, written atomically.
void autosaveWholeTextBefore(benchmark::State& state) {
    OpenWorkbook w;
    if (!w.open(state)) return;
    for (auto _ : state) {
        w.renameUntimed(state);
        const quire::doc::Document& document = w.model->document();
        quire::Json envelope = {{"quireRecovery", 1}, {"path", document.path}, {"format", "yaml"}, {"written", "now"},
                                {"text", quire::doc::saveDocument(document, document.format)}};
        if (document.sourceText) envelope["sourceText"] = *document.sourceText;
        quire::writeFileAtomically(w.dir.filePath("recovery.json").toStdString(), envelope.dump());
    }
}
void saveAfterRenameToFile(benchmark::State& state) { saveAfterRename(state, false); }

// Ctrl+S as the window runs it: the snapshot and the worker's start timed (the UI thread), then the event loop
// runs until the save has reported back (not timed; its wall time from Ctrl+S is `saved_ms`).
void saveAsync(benchmark::State& state) {
    OpenWorkbook w;
    if (!w.open(state)) return;
    double saved = 0;
    double report = 0;
    for (auto _ : state) {
        state.PauseTiming();
        w.rename();
        QElapsedTimer wall;
        wall.start();
        state.ResumeTiming();
        w.window.startSave(QString(), w.model->format(), true);
        state.PauseTiming();
        while (w.window.saveBusy()) {
            QThread::msleep(1);
            QElapsedTimer events;
            events.start();
            QApplication::processEvents();
            if (!w.window.saveBusy()) report += double(events.nsecsElapsed()) / 1e6; // the events that ended it
        }
        saved += double(wall.elapsed());
        if (w.model->isModified()) {
            state.SkipWithError("the save failed");
            return;
        }
        state.ResumeTiming();
    }
    state.counters["saved_ms"] = benchmark::Counter(saved, benchmark::Counter::kAvgIterations);
    state.counters["report_ms"] = benchmark::Counter(report, benchmark::Counter::kAvgIterations);
}

// What Ctrl+S did before it had a worker thread: all of it on the UI thread.
void saveOnUiThreadBefore(benchmark::State& state) {
    OpenWorkbook w;
    if (!w.open(state)) return;
    for (auto _ : state) {
        w.renameUntimed(state);
        quire::doc::PreservingSave saved = quire::doc::saveDocumentPreserving(w.model->document(), w.model->format());
        quire::writeFileAtomically(w.model->filePath().toStdString(), saved.text);
        w.model->markSaved(w.model->filePath(), w.model->format(), std::move(saved.text));
    }
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    // Settings and recovery files out of the user's home.
    const QString home = QDir::tempPath() + "/quire-bench-edit-home";
    qputenv("XDG_CONFIG_HOME", (home + "/config").toUtf8());
    qputenv("XDG_DATA_HOME", (home + "/data").toUtf8());
    QApplication app(argc, argv);
    auto* bench = benchmark::RegisterBenchmark("renameElement", renameElement)->Arg(50)->Arg(500)->Arg(5000);
    if (const char* extra = std::getenv("QUIRE_BENCH_ELEMENTS")) bench->Arg(std::atoi(extra));
    bench->Unit(benchmark::kMillisecond);
    for (auto* saving : {benchmark::RegisterBenchmark("autosave", autosaveAfterRename),
                         benchmark::RegisterBenchmark("autosave_whole_text_before", autosaveWholeTextBefore),
                         benchmark::RegisterBenchmark("save", saveAfterRenameToFile),
                         benchmark::RegisterBenchmark("save_async", saveAsync),
                         benchmark::RegisterBenchmark("save_on_ui_thread_before", saveOnUiThreadBefore)}) {
        saving->Arg(500)->Arg(5000)->Iterations(3)->Unit(benchmark::kMillisecond); // each also renames (not timed)
        if (const char* extra = std::getenv("QUIRE_BENCH_ELEMENTS")) saving->Arg(std::atoi(extra));
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
