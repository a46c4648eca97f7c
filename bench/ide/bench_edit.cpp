// One edit in a big workbook, to validated and repainted (issue #15): the IDE's main window on the benchmarks'
// generated workbook (bench/doc/generate_workbook.h; 50 / 500 / 5,000 elements, 20 columns each — the
// argument), then per iteration: rename one element through the undo stack (what the property panel does),
// let the window's queued updates run (validation, outline, problems, source), and repaint the canvas.
// The workbook's first validation (in slices for a big one) is done before the first iteration.
// QUIRE_BENCH_ELEMENTS=20000 runs one more size (its open alone takes minutes: scripts/bench-ide-open.sh).
// Offscreen platform, no live previews.
#include "../doc/generate_workbook.h"
#include "canvas_widget.h"
#include "document_commands.h"
#include "main_window.h"

#include <benchmark/benchmark.h>

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <cstdlib>

namespace {

void renameElement(benchmark::State& state) {
    QTemporaryDir dir;
    const QString path = dir.filePath("big.yaml");
    {
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(QByteArray::fromStdString(quire::bench::generateWorkbook(int(state.range(0)), 20).yaml));
    }
    quire::ide::MainWindow window;
    window.resize(1400, 900);
    if (!window.openFile(path, true)) {
        state.SkipWithError("the generated workbook does not open");
        return;
    }
    window.show();
    QApplication::processEvents();
    auto* model = window.model();
    // A big workbook's first validation runs in slices after it opens: measure edits once it is done.
    while (model->validationPending()) QApplication::processEvents();
    const std::string pointer = model->bodyPointer() + "/elements/" + std::to_string(state.range(0) / 2) + "/name";
    int serial = 0;
    // The first edit that makes a finding also builds the file's position index (lazily, once per file, for
    // the findings' line:col): that one is timed apart and reported as a counter, the loop times the next ones.
    {
        QElapsedTimer first;
        first.start();
        model->undoStack()->push(quire::ide::makeSetValue(model, pointer, quire::Json("Renamed " + std::to_string(++serial)), "Rename"));
        QApplication::processEvents();
        window.canvas()->repaint();
        state.counters["first_edit_ms"] = double(first.elapsed());
    }
    for (auto _ : state) {
        model->undoStack()->push(quire::ide::makeSetValue(model, pointer, quire::Json("Renamed " + std::to_string(++serial)), "Rename"));
        QApplication::processEvents();
        window.canvas()->repaint();
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
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
