// Drawing a line or scatter chart of 10k / 100k / 1M points offscreen (issue #15): the IDE's chart preview
// (renderQtChart: LTTB to 2,000 points for lines, a dot per 3-pixel cell for scatter, plus the note) against
// handing every point to Qt Charts, both rendered into an 800x300 QImage. The reduction's own cost is
// lttbOnly. The data is built once per size, outside the timed loop (the fetch is bench_connect_fetch's).
#include "qt_charts.h"

#include <quire/preview/downsample.h>

#include <benchmark/benchmark.h>

#include <QApplication>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QtCharts/QChart>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>

#include <cmath>

namespace {
using quire::ide::PreviewData;
const QSize kSize(800, 300);

double signal(std::size_t i) { return 100 + 10 * std::sin(double(i) / 5000.0) + double((i * 7919) % 13); }

PreviewData series(std::size_t n) {
    PreviewData d;
    d.state = PreviewData::State::Ready;
    d.columnIds = {"x", "y"};
    d.columnNames = {"X", "Y"};
    d.rows.reserve(n);
    for (std::size_t i = 0; i < n; ++i) d.rows.push_back({QVariant(qlonglong(i)), QVariant(signal(i))});
    d.totalRows = qint64(n);
    return d;
}

quire::Json element(const char* kind) {
    return quire::Json{{"id", "c"}, {"kind", kind}, {"xAxis", {{"columnId", "x"}}}, {"yAxis", {{"columnIds", quire::Json::array({"y"})}}}};
}

void downsampled(benchmark::State& state, const char* kind) {
    const PreviewData data = series(std::size_t(state.range(0)));
    const quire::Json e = element(kind);
    QImage image(kSize, QImage::Format_ARGB32_Premultiplied);
    for (auto _ : state) {
        quire::ide::ChartHits hits;
        quire::ide::ChartMarks marks;
        const auto pixmap = quire::ide::renderQtChart(kSize, e, data, hits, marks);
        QPainter p(&image);
        p.drawPixmap(0, 0, *pixmap);
        benchmark::DoNotOptimize(hits.size());
    }
}

// Every point to Qt Charts (what the preview would cost without the reduction), same axes and size.
void everyPoint(benchmark::State& state, bool scatter) {
    const std::size_t n = std::size_t(state.range(0));
    QList<QPointF> points;
    points.reserve(qsizetype(n));
    for (std::size_t i = 0; i < n; ++i) points.append(QPointF(double(i), signal(i)));
    QImage image(kSize, QImage::Format_ARGB32_Premultiplied);
    for (auto _ : state) {
        auto* chart = new QChart;
        chart->setAnimationOptions(QChart::NoAnimation);
        QXYSeries* s = scatter ? static_cast<QXYSeries*>(new QScatterSeries) : static_cast<QXYSeries*>(new QLineSeries);
        if (auto* dots = qobject_cast<QScatterSeries*>(s)) dots->setMarkerSize(5);
        s->replace(points);
        chart->addSeries(s);
        chart->createDefaultAxes();
        chart->legend()->hide();
        QGraphicsScene scene;
        scene.addItem(chart);
        chart->setGeometry(QRectF(QPointF(0, 0), QSizeF(kSize)));
        image.fill(Qt::transparent);
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        scene.render(&p, QRectF(QPointF(0, 0), QSizeF(kSize)), QRectF(QPointF(0, 0), QSizeF(kSize)));
    }
}

void lttbOnly(benchmark::State& state) {
    const std::size_t n = std::size_t(state.range(0));
    std::vector<double> x(n), y(n);
    for (std::size_t i = 0; i < n; ++i) x[i] = double(i), y[i] = signal(i);
    for (auto _ : state) benchmark::DoNotOptimize(quire::preview::lttb(x, y, 2000).size());
}

// What PreviewProvider::data() costs per call for such a result: it returns PreviewData by value, a deep copy
// of the rows (the canvas calls it on every paint of the card and every tooltip).
void previewDataCopy(benchmark::State& state) {
    const PreviewData data = series(std::size_t(state.range(0)));
    for (auto _ : state) {
        PreviewData copy = data;
        benchmark::DoNotOptimize(copy.rows.data());
    }
}

void lineDownsampled(benchmark::State& state) { downsampled(state, "line-chart"); }
void scatterDownsampled(benchmark::State& state) { downsampled(state, "scatter-chart"); }
void lineEveryPoint(benchmark::State& state) { everyPoint(state, false); }
void scatterEveryPoint(benchmark::State& state) { everyPoint(state, true); }
} // namespace

BENCHMARK(lineDownsampled)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(lineEveryPoint)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(scatterDownsampled)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(scatterEveryPoint)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(previewDataCopy)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(lttbOnly)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
