// Format-preserving save of the large generated workbook (500 elements x 20 columns): load, then save after
// one title edit (scan + patch + the read-back check), next to the canonical writer. docs/document-model.md
// quotes the numbers.
#include <quire/doc/io.h>

#include <benchmark/benchmark.h>

#include <stdexcept>

#include "generate_workbook.h"

namespace {

const quire::bench::GeneratedWorkbook& workbook() {
    static const auto generated = quire::bench::generateWorkbook(500, 20);
    return generated;
}

const std::string& textOf(quire::doc::Format format) {
    return format == quire::doc::Format::Json ? workbook().json : workbook().yaml;
}

quire::doc::Document load(quire::doc::Format format) {
    auto result = quire::doc::parseDocument(textOf(format), format, "bench");
    if (!result.document) throw std::runtime_error("benchmark workbook does not load");
    return std::move(*result.document);
}

// One element's title changed, as the IDE's property panel does.
quire::doc::Document edited(quire::doc::Format format) {
    quire::doc::Document document = load(format);
    (*document.contents())["elements"][250]["name"] = "Renamed in the benchmark";
    return document;
}

void loadOnly(benchmark::State& state, quire::doc::Format format) {
    for (auto _ : state) benchmark::DoNotOptimize(load(format));
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(textOf(format).size()));
}

void savePreserving(benchmark::State& state, quire::doc::Format format) {
    const quire::doc::Document document = edited(format);
    if (!quire::doc::saveDocumentPreserving(document, format).preserved) {
        state.SkipWithError("the edit was not saved format-preserving");
        return;
    }
    for (auto _ : state) benchmark::DoNotOptimize(quire::doc::saveDocumentPreserving(document, format));
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(textOf(format).size()));
}

void saveCanonical(benchmark::State& state, quire::doc::Format format) {
    const quire::doc::Document document = edited(format);
    for (auto _ : state) benchmark::DoNotOptimize(quire::doc::saveDocument(document, format));
}

} // namespace

BENCHMARK_CAPTURE(loadOnly, yaml, quire::doc::Format::Yaml)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(savePreserving, yaml, quire::doc::Format::Yaml)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(saveCanonical, yaml, quire::doc::Format::Yaml)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(loadOnly, json, quire::doc::Format::Json)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(savePreserving, json, quire::doc::Format::Json)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(saveCanonical, json, quire::doc::Format::Json)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
