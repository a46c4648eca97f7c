// Scrolling a 10-million-row result in the IDE's table view (offscreen platform).
// scrollJumps / scrollByPage: time per jump over a computed source (set the scroll bar, repaint the viewport,
// including fetching the newly visible page synchronously): the view and model alone.
// warehouseEndAndBack: the Data view over a real SQLite warehouse table (user_events of the sample warehouse,
// through EnginePreviewProvider::rowSource, pages fetched off the UI thread): jump to the last row, wait until
// the real rows are shown, jump back to the first. Counters: end_ms (jump to the real last rows on screen),
// back_ms, worst_stall_ms (the longest single UI-thread step: a scroll+repaint or one processEvents call;
// worst_stall_cpu_ms its UI-thread CPU time, what it would be on an idle machine),
// open_ms (rowSource on the UI thread: planning, opening the connection), counted_ms (until the row count,
// run on the source's worker, arrived), rows.
// QUIRE_BENCH_EVENTS sets the warehouse size (default 1,000,000); QUIRE_BENCH_WAREHOUSE=FILE reuses (or
// generates once into) that SQLite file, e.g. the one bench_preview_refresh generated.
#include "document_model.h"
#include "engine_preview_provider.h"
#include "paged_table_model.h"

#include <quire/connect/connection_registry.h>
#include <quire/connect/sample_warehouse.h>
#include <quire/doc/io.h>

#include <benchmark/benchmark.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QTableView>
#include <QThread>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <random>
#include <unistd.h>

namespace {
class ComputedSource : public quire::ide::RowSource {
public:
    QStringList columnNames() const override { return {"event_id", "user", "channel", "revenue", "day", "converted"}; }
    qint64 rowCount() const override { return 10'000'000; }
    void fetch(qint64 offset, int count, std::function<void(std::vector<std::vector<QVariant>>)> done) override {
        std::vector<std::vector<QVariant>> rows;
        rows.reserve(std::size_t(count));
        for (qint64 r = offset; r < std::min<qint64>(rowCount(), offset + count); ++r)
            rows.push_back({QVariant(r), QVariant(QString("user-%1").arg(r % 50'000)), QVariant(QString("channel %1").arg(r % 7)),
                            QVariant(double(r % 1000) / 7.0), QVariant(QString("2026-%1-01").arg(1 + r % 12)), QVariant(r % 3 == 0)});
        done(std::move(rows));
    }
};

void scrollJumps(benchmark::State& state) {
    auto source = std::make_shared<ComputedSource>();
    quire::ide::PagedTableModel model(source, 500, 40);
    QTableView view;
    view.resize(1200, 800);
    view.setModel(&model);
    view.show();
    QApplication::processEvents();
    std::mt19937 rng(7);
    QScrollBar* bar = view.verticalScrollBar();
    std::uniform_int_distribution<int> pick(0, bar->maximum());
    for (auto _ : state) {
        bar->setValue(pick(rng));
        view.viewport()->repaint();
    }
}

void scrollByPage(benchmark::State& state) {
    auto source = std::make_shared<ComputedSource>();
    quire::ide::PagedTableModel model(source, 500, 40);
    QTableView view;
    view.resize(1200, 800);
    view.setModel(&model);
    view.show();
    QApplication::processEvents();
    QScrollBar* bar = view.verticalScrollBar();
    for (auto _ : state) {
        bar->setValue(bar->value() + bar->pageStep());
        view.viewport()->repaint();
    }
}
struct WarehouseTable {
    std::filesystem::path dir = std::filesystem::temp_directory_path() / ("quire-bench-scroll-" + std::to_string(::getpid()));
    std::string db, connections, workbook;
    WarehouseTable() {
        std::filesystem::create_directories(dir);
        const char* kept = std::getenv("QUIRE_BENCH_WAREHOUSE");
        db = kept && *kept ? std::string(kept) : (dir / "marketing.db").string();
        const char* events = std::getenv("QUIRE_BENCH_EVENTS");
        if (!std::filesystem::exists(db))
            quire::connect::generateSqlite(db, {events ? std::atoll(events) : quire::connect::SampleOptions::kDefaultEventRows});
        connections = (dir / "connections.json").string();
        const quire::Json profile = {{"type", "sqlite"}, {"connectionId", quire::connect::kSampleConnectionId}, {"database", db}};
        quire::doc::writeFileAtomically(connections, quire::Json{{"version", 1}, {"connections", {{"bench", profile}}}}.dump(2));
        workbook = (dir / "events.yaml").string();
        quire::doc::writeFileAtomically(workbook, std::string(R"YAML(name: Events
contents:
  schemaVersion: 1
  kind: workbook
  pages:
    - id: main
      name: Main
  elements:
    - id: events
      kind: table
      name: Events
      source: {kind: warehouse-table, connectionId: )YAML") + quire::connect::kSampleConnectionId + R"YAML(, path: [main, user_events]}
      columns:
        - {id: ev-id, name: Event Id, formula: "[user_events/event_id]"}
        - {id: ev-session, name: Session Id, formula: "[user_events/session_id]"}
        - {id: ev-user, name: User Id, formula: "[user_events/user_id]"}
        - {id: ev-time, name: Event Time, formula: "[user_events/event_time]"}
        - {id: ev-type, name: Event Type, formula: "[user_events/event_type]"}
        - {id: ev-page, name: Page, formula: "[user_events/page]"}
)YAML");
    }
    ~WarehouseTable() { std::filesystem::remove_all(dir); }
};

// The UI thread's CPU time in milliseconds: on a shared machine a step's wall time includes waiting for a core.
double threadCpuMs() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

struct Stall {
    double wall = 0, cpu = 0; // the longest single UI-thread step: wall time, and the CPU time of the longest by CPU
};

// Moves the scroll bar and runs the event loop until `row` holds real data; returns the milliseconds that took
// and raises `worst` to the longest single UI-thread step.
double jumpUntilShown(QTableView& view, quire::ide::PagedTableModel& model, int value, int row, Stall& worst) {
    QElapsedTimer total, step;
    total.start();
    auto timed = [&](auto&& work) {
        step.restart();
        const double cpu = threadCpuMs();
        work();
        worst.wall = std::max(worst.wall, double(step.nsecsElapsed()) / 1e6);
        worst.cpu = std::max(worst.cpu, threadCpuMs() - cpu);
    };
    timed([&] {
        view.verticalScrollBar()->setValue(value);
        view.viewport()->repaint();
    });
    while (!model.rowLoaded(row) && total.elapsed() < 120'000) {
        timed([] { QApplication::processEvents(); });
        QThread::msleep(1); // the UI thread is idle here, waiting for the worker
    }
    timed([&] { view.viewport()->repaint(); }); // the real rows on screen
    return double(total.nsecsElapsed()) / 1e6;
}

void warehouseEndAndBack(benchmark::State& state) {
    static WarehouseTable table;
    quire::ide::DocumentModel document;
    auto loaded = quire::doc::loadDocument(table.workbook);
    if (!loaded.document) {
        state.SkipWithError("the bench workbook did not load");
        return;
    }
    document.setDocument(std::move(*loaded.document));
    quire::ide::EnginePreviewProvider provider(&document, QString::fromStdString(table.connections));
    QElapsedTimer open;
    open.start();
    QString error;
    const auto source = provider.rowSource("events", &error);
    const double openMs = double(open.nsecsElapsed()) / 1e6;
    if (!source) {
        state.SkipWithError(error.toStdString().c_str());
        return;
    }
    // The count(*) runs on the source's worker: wait for it here, the UI thread idle meanwhile.
    bool counted = false;
    source->whenCounted([&] { counted = true; });
    while (!counted) {
        QApplication::processEvents();
        QThread::msleep(1);
    }
    const double countMs = double(open.nsecsElapsed()) / 1e6;
    Stall worst;
    double endMs = 0, backMs = 0;
    for (auto _ : state) {
        quire::ide::PagedTableModel model(source, 500, 40); // a fresh model: nothing held but what the view asks for
        QTableView view;
        view.resize(1200, 800);
        view.setModel(&model);
        view.show();
        Stall opening; // the first paint of a new view is not scrolling
        jumpUntilShown(view, model, 0, 0, opening);
        const int last = model.rowCount() - 1;
        const double end = jumpUntilShown(view, model, view.verticalScrollBar()->maximum(), last, worst);
        const double back = jumpUntilShown(view, model, 0, 0, worst);
        endMs += end;
        backMs += back;
        state.SetIterationTime((end + back) / 1000);
    }
    const double n = double(state.iterations());
    state.counters["end_ms"] = endMs / n;
    state.counters["back_ms"] = backMs / n;
    state.counters["worst_stall_ms"] = worst.wall;
    state.counters["worst_stall_cpu_ms"] = worst.cpu;
    state.counters["open_ms"] = openMs;
    state.counters["counted_ms"] = countMs;
    state.counters["rows"] = double(source->rowCount());
}
} // namespace

BENCHMARK(warehouseEndAndBack)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(scrollJumps)->Unit(benchmark::kMillisecond);
BENCHMARK(scrollByPage)->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
