// Preview engine micro-benchmarks without a warehouse: what a control change costs before any SQL runs
// (action, dependency walk, effective filters of every affected element) and a cached re-render.
#include <benchmark/benchmark.h>
#include <quire/doc/io.h>
#include <quire/preview/action_engine.h>
#include <quire/preview/effective_filters.h>
#include <quire/preview/result_cache.h>

using namespace quire;
using namespace quire::preview;

namespace {

// 30 elements: a base table, 20 tables in a tree below it, 6 charts/KPIs, a list control on the base, a
// button setting it, one unrelated table.
Json workbook30() {
    Json elements = Json::array();
    elements.push_back({{"id", "e0"}, {"kind", "table"}, {"name", "E0"},
                        {"source", {{"kind", "warehouse-table"}, {"connectionId", "c"}, {"path", {"main", "orders"}}}},
                        {"columns", Json::array({{{"id", "region"}, {"name", "Region"}, {"formula", "[orders/region]"}}})}});
    for (int i = 1; i <= 20; ++i)
        elements.push_back({{"id", "e" + std::to_string(i)}, {"kind", "table"}, {"name", "E" + std::to_string(i)},
                            {"source", {{"kind", "table"}, {"elementId", "e" + std::to_string((i - 1) / 2)}}},
                            {"filters", Json::array({{{"id", "f" + std::to_string(i)}, {"columnId", "region"},
                                                      {"kind", "date-range"}, {"mode", "last"}, {"value", 30},
                                                      {"unit", "day"}}})}});
    for (int i = 21; i <= 26; ++i)
        elements.push_back({{"id", "e" + std::to_string(i)}, {"kind", i % 2 ? "bar-chart" : "kpi-chart"},
                            {"source", {{"kind", "table"}, {"elementId", "e" + std::to_string(i - 20)}}}});
    elements.push_back({{"id", "lonely"}, {"kind", "table"},
                        {"source", {{"kind", "warehouse-table"}, {"connectionId", "c"}, {"path", {"main", "x"}}}}});
    elements.push_back({{"id", "ctl"}, {"kind", "control"}, {"controlId", "region"}, {"controlType", "list"},
                        {"mode", "include"}, {"selectionMode", "multiple"}, {"values", Json::array()},
                        {"filters", Json::array({{{"source", {{"kind", "table"}, {"elementId", "e0"}}}, {"columnId", "region"}}})}});
    elements.push_back({{"id", "btn"}, {"kind", "button"}, {"text", "West"},
                        {"actions", Json::array({{{"id", "a"}, {"trigger", "on-click"},
                                                  {"effects", Json::array({{{"kind", "set-control-value"}, {"control", "region"},
                                                                            {"value", {{"type", "constant"}, {"value", {{"type", "text-list"}, {"value", {"West"}}}}}}}})}}})}});
    elements.push_back({{"id", "t"}, {"kind", "text"}});
    return Json{{"pages", Json::array({{{"id", "p"}}})}, {"elements", elements}};
}

void BM_ControlChangeToPlanInputs(benchmark::State& state) {
    PreviewSession session(workbook30());
    ActionEngine engine(session);
    std::size_t affected = 0;
    for (auto _ : state) {
        const ActionRun run = engine.fire({"btn", "on-click", {}, {}});
        affected = run.rerun.size();
        for (const auto& id : run.rerun) benchmark::DoNotOptimize(effectiveFilters(session, id, "2024-06-30"));
    }
    state.counters["rerun_elements"] = static_cast<double>(affected);
}
BENCHMARK(BM_ControlChangeToPlanInputs)->Unit(benchmark::kMicrosecond);

void BM_CachedRerender1000Rows(benchmark::State& state) {
    ResultCache cache;
    auto result = std::make_shared<CachedResult>();
    result->columns = {"a", "b", "c"};
    for (int i = 0; i < 1000; ++i) result->rows.push_back(Json::array({i, "text " + std::to_string(i), 1.5 * i}));
    const QueryKey key{"c", "SELECT \"a\", \"b\", \"c\" FROM \"main\".\"orders\" WHERE \"region\" IN (?, ?) LIMIT 1000",
                       Json::array({"West", "East"})};
    cache.put(key, result);
    for (auto _ : state) benchmark::DoNotOptimize(cache.find(key));
}
BENCHMARK(BM_CachedRerender1000Rows)->Unit(benchmark::kMicrosecond);

void BM_OpenSessionMarketing(benchmark::State& state) {
    const auto loaded = doc::loadDocument(std::string(QUIRE_SOURCE_DIR) + "/resources/examples/marketing.yaml");
    if (!loaded.ok()) {
        state.SkipWithError("marketing.yaml did not load");
        return;
    }
    for (auto _ : state) benchmark::DoNotOptimize(PreviewSession(*loaded.document->contents()));
}
BENCHMARK(BM_OpenSessionMarketing)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
