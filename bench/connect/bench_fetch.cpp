// Fetch throughput of the ODBC layer: the whole result of QUIRE_BENCH_SQL on QUIRE_PG_CONNSTR (or any ODBC
// string) through block cursors into columnar batches. scripts/bench-connect.sh compares it with psql and isql.
#include <quire/connect/odbc.h>

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace {
std::string env(const char* name, const char* fallback) {
    const char* v = std::getenv(name);
    return v && *v ? v : fallback;
}

void BM_FetchAll(benchmark::State& state) {
    const std::string cs = env("QUIRE_PG_CONNSTR", "");
    if (cs.empty()) {
        state.SkipWithError("set QUIRE_PG_CONNSTR (scripts/bench-connect.sh does)");
        return;
    }
    const std::string sql = env("QUIRE_BENCH_SQL", "SELECT event_id, session_id, user_id, event_time, event_type, page FROM user_events");
    auto connection = quire::connect::Connection::open(cs);
    quire::connect::ExecuteOptions options;
    options.batchRows = static_cast<std::size_t>(std::stoul(env("QUIRE_BENCH_BATCH_ROWS", "1024")));
    std::size_t rows = 0;
    for (auto _ : state) {
        rows = 0;
        auto st = connection->createStatement();
        st->execute(sql, {}, options);
        st->forEachBatch([&](const quire::connect::ResultBatch& b) {
            rows += b.rowCount();
            benchmark::DoNotOptimize(b.column(0).int64At(0));
            return true;
        });
    }
    state.counters["rows"] = static_cast<double>(rows);
    state.SetItemsProcessed(static_cast<std::int64_t>(rows) * state.iterations());
}
BENCHMARK(BM_FetchAll)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
} // namespace

BENCHMARK_MAIN();
