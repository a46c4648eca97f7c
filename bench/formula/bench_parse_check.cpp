// Parse + check throughput over a mix of realistic formulas (target: 1M formulas < 2 s).
#include "quire/formula/checker.h"
#include "quire/formula/parser.h"

#include <benchmark/benchmark.h>

namespace {
const char* const kFormulas[] = {
    "[Revenue] - [Cost]",
    "If([Order Date] > Date(\"2024-01-01\"), \"new\", \"old\")",
    "Sum([ORDERS/Amount]) / Count()",
    "DateTrunc(\"month\", [Order Date])",
    "Round([Revenue] / [Quantity], 2)",
    "CumulativeSum([Revenue])",
    "Upper(Left([Customer Name], 3)) & \"-\" & Text([Quantity])",
    "Coalesce([Discount], 0) * [Revenue]",
    "DateDiff(\"day\", [Order Date], [Ship Date])",
    "Switch([Region], \"East\", 1, \"West\", 2, 0)",
};

quire::formula::CheckContext context() {
    using quire::formula::Type;
    quire::formula::CheckContext c;
    c.columns = {{"Revenue", Type::Number},      {"Cost", Type::Number},       {"Order Date", Type::Date},
                 {"ORDERS/Amount", Type::Number}, {"Quantity", Type::Integer}, {"Customer Name", Type::Text},
                 {"Discount", Type::Number},     {"Ship Date", Type::Date},    {"Region", Type::Text}};
    return c;
}

void BM_ParseCheck(benchmark::State& state) {
    const auto ctx = context();
    std::size_t i = 0, errors = 0;
    for (auto _ : state) {
        auto r = quire::formula::checkFormula(kFormulas[i++ % std::size(kFormulas)], ctx);
        errors += r.ok() ? 0 : 1;
        benchmark::DoNotOptimize(r);
    }
    if (errors) state.SkipWithError("a benchmark formula failed to check");
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_ParseCheck);

void BM_ParseOnly(benchmark::State& state) {
    std::size_t i = 0;
    for (auto _ : state) benchmark::DoNotOptimize(quire::formula::parseFormula(kFormulas[i++ % std::size(kFormulas)]));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_ParseOnly);
} // namespace

BENCHMARK_MAIN();
