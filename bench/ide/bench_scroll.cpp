// Scrolling a 10-million-row result in the IDE's table view: time per jump (set the scroll bar, repaint the
// viewport, including fetching the newly visible page from the row source). Offscreen platform.
#include "paged_table_model.h"

#include <benchmark/benchmark.h>

#include <QApplication>
#include <QScrollBar>
#include <QTableView>

#include <random>

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
} // namespace

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
