// Load + validate a 500-element / 10,000-column workbook from JSON and from YAML text.
// Targets: < 50 ms JSON, < 150 ms YAML (load and validate together).
#include <quire/doc/io.h>
#include <quire/validate/validator.h>

#include <benchmark/benchmark.h>

#include <stdexcept>

#include "generate_workbook.h"

namespace {

const quire::bench::GeneratedWorkbook& workbook() {
    static const auto generated = quire::bench::generateWorkbook(500, 20);
    return generated;
}

quire::doc::Document load(const std::string& text, quire::doc::Format format) {
    auto result = quire::doc::parseDocument(text, format, "bench");
    if (!result.document) throw std::runtime_error("benchmark workbook does not load");
    return std::move(*result.document);
}

void loadAndValidate(benchmark::State& state, quire::doc::Format format) {
    const std::string& text = format == quire::doc::Format::Json ? workbook().json : workbook().yaml;
    // The generated workbook must be valid, or the benchmark measures error paths.
    if (!quire::validate::validate(load(text, format)).empty()) {
        state.SkipWithError("generated workbook has diagnostics");
        return;
    }
    for (auto _ : state) {
        auto document = load(text, format);
        auto diagnostics = quire::validate::validate(document);
        benchmark::DoNotOptimize(diagnostics);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}

void validateOnly(benchmark::State& state, quire::doc::Format format) {
    const auto document = load(format == quire::doc::Format::Json ? workbook().json : workbook().yaml, format);
    for (auto _ : state) benchmark::DoNotOptimize(quire::validate::validate(document));
}

void loadOnly(benchmark::State& state, quire::doc::Format format) {
    const std::string& text = format == quire::doc::Format::Json ? workbook().json : workbook().yaml;
    for (auto _ : state) benchmark::DoNotOptimize(load(text, format));
}

} // namespace

BENCHMARK_CAPTURE(loadAndValidate, json, quire::doc::Format::Json)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(loadAndValidate, yaml, quire::doc::Format::Yaml)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(loadOnly, json, quire::doc::Format::Json)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(loadOnly, yaml, quire::doc::Format::Yaml)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(validateOnly, json, quire::doc::Format::Json)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(validateOnly, yaml, quire::doc::Format::Yaml)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
