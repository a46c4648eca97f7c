// Load + validate a generated workbook of 50 / 500 / 5,000 / 20,000 elements (20 columns each) from JSON and
// from YAML text; the argument is the element count (issue #15's row is the 500-element one:
// --benchmark_filter=/500$). Targets at 500: < 40 ms load+validate, YAML <= 2x JSON.
#include <quire/doc/io.h>
#include <quire/validate/validator.h>

#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <stdexcept>

#include "generate_workbook.h"
#include "yaml_reader.h"

namespace {

const quire::bench::GeneratedWorkbook& workbook(int elements) {
    static std::map<int, quire::bench::GeneratedWorkbook> generated;
    auto it = generated.find(elements);
    if (it == generated.end()) it = generated.emplace(elements, quire::bench::generateWorkbook(elements, 20)).first;
    return it->second;
}

const std::string& text(const benchmark::State& state, quire::doc::Format format) {
    const auto& w = workbook(int(state.range(0)));
    return format == quire::doc::Format::Json ? w.json : w.yaml;
}

quire::doc::Document load(const std::string& text, quire::doc::Format format) {
    auto result = quire::doc::parseDocument(text, format, "bench");
    if (!result.document) throw std::runtime_error("benchmark workbook does not load");
    return std::move(*result.document);
}

void loadAndValidate(benchmark::State& state, quire::doc::Format format) {
    const std::string& text = ::text(state, format);
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
    const auto document = load(text(state, format), format);
    for (auto _ : state) benchmark::DoNotOptimize(quire::validate::validate(document));
}

void loadOnly(benchmark::State& state, quire::doc::Format format) {
    const std::string& source = text(state, format);
    for (auto _ : state) benchmark::DoNotOptimize(load(source, format));
}

// The load and then the position index (what the first diagnostic with a line:col costs).
void loadWithPositions(benchmark::State& state, quire::doc::Format format) {
    const std::string& source = text(state, format);
    for (auto _ : state) {
        auto document = load(source, format);
        benchmark::DoNotOptimize(document.positions.size());
    }
}

// The YAML reader with its fast path off: libyaml reads every text (issue #15's before, side by side);
// `positions`: the position index is built too.
void loadLibyaml(benchmark::State& state, bool positions) {
    auto source = std::make_shared<const std::string>(text(state, quire::doc::Format::Yaml));
    for (auto _ : state) {
        auto result = quire::doc::detail::readYaml(source, "bench", {}, false);
        if (!result.document) throw std::runtime_error("benchmark workbook does not load");
        if (positions) benchmark::DoNotOptimize(result.document->positions.size());
        benchmark::DoNotOptimize(result);
    }
}

} // namespace

BENCHMARK_CAPTURE(loadAndValidate, json, quire::doc::Format::Json)->Arg(50)->Arg(500)->Arg(5000)->Arg(20000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(loadAndValidate, yaml, quire::doc::Format::Yaml)->Arg(50)->Arg(500)->Arg(5000)->Arg(20000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(loadOnly, json, quire::doc::Format::Json)->Arg(50)->Arg(500)->Arg(5000)->Arg(20000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(loadOnly, yaml, quire::doc::Format::Yaml)->Arg(50)->Arg(500)->Arg(5000)->Arg(20000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(loadLibyaml, load, false)->Name("loadOnly/yaml_libyaml")->Arg(50)->Arg(500)->Arg(5000)->Arg(20000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(loadWithPositions, json, quire::doc::Format::Json)->Arg(500)->Arg(20000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(loadWithPositions, yaml, quire::doc::Format::Yaml)->Arg(500)->Arg(20000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(loadLibyaml, positions, true)->Name("loadWithPositions/yaml_libyaml")->Arg(500)->Arg(20000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(validateOnly, json, quire::doc::Format::Json)->Arg(50)->Arg(500)->Arg(5000)->Arg(20000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(validateOnly, yaml, quire::doc::Format::Yaml)->Arg(50)->Arg(500)->Arg(5000)->Arg(20000)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
