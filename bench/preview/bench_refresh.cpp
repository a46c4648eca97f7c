// End-to-end preview refresh on the embedded warehouse: the SQLite sample through the SQLite3 ODBC driver.
// BM_ControlChangeToLastResult: on a 30-element workbook over the sample, set the date control (a
// set-control-value action) -> dependency walk -> plan every affected element -> RefreshScheduler (2 workers,
// pooled ODBC connections, streamed 1000-row windows) -> time until the last element's result arrives. The
// cache is cleared first, so every element queries the warehouse. BM_ElementCold / BM_ElementCached: one
// element re-rendered from the warehouse vs from the ResultCache (planning included in both).
// QUIRE_BENCH_EVENTS sets the warehouse size (user_events rows; default 1,000,000 like `quire warehouse generate`).
// QUIRE_BENCH_WAREHOUSE=FILE keeps the generated SQLite file there and reuses it on the next run (a 10M-event
// warehouse takes minutes to generate); the file must have been generated with the same QUIRE_BENCH_EVENTS.
// QUIRE_BENCH_SHOW_SQL=1 prints each planned element query and its parameters to stderr (to time them alone).
#include <benchmark/benchmark.h>

#include <quire/connect/sample_warehouse.h>
#include <quire/connect/sqlite_extension.h>
#include <quire/doc/io.h>
#include <quire/preview/action_engine.h>
#include <quire/preview/planner.h>
#include <quire/preview/warehouse_refresh.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <thread>
#include <filesystem>
#include <sys/resource.h>
#include <mutex>
#include <stdexcept>
#include <tuple>
#include <unistd.h>

using namespace quire;
using namespace quire::preview;
using Clock = std::chrono::steady_clock;

namespace {

const char* kToday = "2025-06-01";

// CPU time of the whole process (every thread; SQLite runs in-process behind the ODBC driver), in seconds:
// with other work on the machine, wall time stretches but this does not.
double processCpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}
// CPU time of the calling thread: a refresh worker's own share (its queries run on it, SQLite included).
double threadCpuSeconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}
constexpr std::size_t kWindow = 1000;

struct Warehouse {
    std::string odbc;
    std::int64_t events = 0;
    std::filesystem::path dir; // a temporary directory removed at exit; empty when the file is kept
    Warehouse() {
        const char* env = std::getenv("QUIRE_BENCH_EVENTS");
        events = env ? std::atoll(env) : connect::SampleOptions{}.eventRows;
        std::string db;
        if (const char* kept = std::getenv("QUIRE_BENCH_WAREHOUSE"); kept && *kept) {
            db = kept;
        } else {
            dir = std::filesystem::temp_directory_path() / ("quire-bench-refresh-" + std::to_string(::getpid()));
            std::filesystem::create_directories(dir);
            db = (dir / "marketing.db").string();
        }
        if (!std::filesystem::exists(db)) connect::generateSqlite(db, {events, connect::SampleOptions{}.seed});
        odbc = connect::sqliteConnectionString(db); // as the embedded warehouse: with the Quire extension loaded
    }
    ~Warehouse() {
        if (!dir.empty()) std::filesystem::remove_all(dir);
    }
};

Warehouse& warehouse() {
    static Warehouse w;
    return w;
}

Json column(const std::string& id, const std::string& name, const std::string& formula) {
    return {{"id", id}, {"name", name}, {"formula", formula}};
}

// `columns` is a std::vector, not a Json: `Json columns = {column(...)}` with one element is that object itself
// under clang (not a one-element array), which no planner takes as a column list.
Json sourced(const std::string& id, const std::string& kind, const std::string& parent, std::vector<Json> columns) {
    return {{"id", id}, {"kind", kind}, {"name", id}, {"source", {{"kind", "table"}, {"elementId", parent}}}, {"columns", columns}};
}

// marketing.yaml without its grouped table and join (18 elements: 4 tables, 2 controls, 3 buttons, 4 KPIs,
// 4 charts, 1 pivot; dropped so the workbook and its measured numbers stay what docs/preview.md reports) plus
// 12 more: a status list control on orders, 4 KPIs, 3 charts, 2 pivots and 2 child tables -> 30 elements.
Json workbook30() {
    const auto loaded = doc::loadDocument(std::string(QUIRE_SOURCE_DIR) + "/resources/examples/marketing.yaml");
    if (!loaded.ok()) throw std::runtime_error("marketing.yaml did not load");
    Json contents = *loaded.document->contents();
    Json& e = contents["elements"];
    for (const char* id : {"revenue-by-channel", "orders-by-acquisition"}) {
        auto it = std::find_if(e.begin(), e.end(), [&](const Json& el) { return el.value("id", "") == id; });
        if (it == e.end()) throw std::runtime_error(std::string("marketing.yaml has no element ") + id);
        e.erase(it);
    }
    e.push_back({{"id", "ctl-status"}, {"kind", "control"}, {"controlId", "order-status"}, {"controlType", "list"},
                 {"mode", "include"}, {"selectionMode", "multiple"}, {"values", Json::array()},
                 {"filters", Json::array({{{"source", {{"kind", "table"}, {"elementId", "orders"}}}, {"columnId", "or-status"}}})}});
    e.push_back(sourced("kpi-duration", "kpi-chart", "sessions", {column("d", "Avg duration", "Avg([Sessions/Duration Seconds])")}));
    e.push_back(sourced("kpi-pages", "kpi-chart", "sessions", {column("p", "Pages", "Sum([Sessions/Pages Viewed])")}));
    e.push_back(sourced("kpi-orders", "kpi-chart", "orders", {column("o", "Orders", "Count([Orders/Order Id])")}));
    e.push_back(sourced("kpi-items", "kpi-chart", "orders", {column("i", "Items", "Sum([Orders/Items])")}));
    e.push_back(sourced("sessions-by-device", "bar-chart", "sessions",
                        {column("dv", "Device", "[Sessions/Device]"), column("n", "Sessions", "Count([Sessions/Session Id])")}));
    e.push_back(sourced("revenue-by-status", "bar-chart", "orders",
                        {column("st", "Status", "[Orders/Status]"), column("r", "Revenue", "Sum([Orders/Revenue])")}));
    e.push_back(sourced("sessions-weekly", "line-chart", "sessions",
                        {column("wk", "Week", "DateTrunc(\"week\", [Sessions/Session Start])"),
                         column("n", "Sessions", "Count([Sessions/Session Id])")}));
    e.push_back(sourced("device-by-type", "pivot-table", "sessions",
                        {column("dv", "Device", "[Sessions/Device]"), column("ty", "Channel Type", "[Sessions/Channel Type]"),
                         column("d", "Avg duration", "Avg([Sessions/Duration Seconds])")}));
    e.push_back(sourced("items-by-month", "pivot-table", "orders",
                        {column("m", "Month", "DateTrunc(\"month\", [Orders/Order Date])"), column("st", "Status", "[Orders/Status]"),
                         column("i", "Items", "Sum([Orders/Items])")}));
    // The pivot planner needs the pivot's layout: rows, columns and values.
    for (auto& el : e) {
        const std::string id = el.value("id", "");
        if (id == "device-by-type") {
            el["rowsBy"] = Json::array({{{"columnId", "dv"}}});
            el["columnsBy"] = Json::array({{{"columnId", "ty"}}});
            el["values"] = Json::array({"d"});
        } else if (id == "items-by-month") {
            el["rowsBy"] = Json::array({{{"columnId", "m"}}});
            el["columnsBy"] = Json::array({{{"columnId", "st"}}});
            el["values"] = Json::array({"i"});
        }
    }
    e.push_back(sourced("session-detail", "table", "sessions",
                        {column("id", "Session Id", "[Sessions/Session Id]"), column("ch", "Channel", "[Sessions/Channel]"),
                         column("v", "Conversion Value", "[Sessions/Conversion Value]")}));
    e.push_back(sourced("order-detail", "table", "orders",
                        {column("id", "Order Id", "[Orders/Order Id]"), column("r", "Revenue", "[Orders/Revenue]"),
                         column("st", "Status", "[Orders/Status]")}));
    return contents;
}

bool queries(const PreviewSession& session, const std::string& id) {
    const Json* element = session.element(id);
    return element && element->contains("source") && element->value("kind", "") != "control";
}

PlanOptions windowOptions() {
    PlanOptions options;
    options.today = kToday;
    options.limit = static_cast<long long>(kWindow) + 1; // one more than the window: the fetch can tell a complete result
    return options;
}

Json setDates(const std::string& start, const std::string& end) {
    return {{"id", "bench-set-dates"}, {"trigger", "on-click"},
            {"effects", Json::array({{{"kind", "set-control-value"}, {"control", "session-dates"},
                                      {"value", {{"type", "constant"}, {"value", {{"type", "date-range"}, {"value", {start, end}}}}}}}})}};
}

void BM_ControlChangeToLastResult(benchmark::State& state) {
    Warehouse& wh = warehouse();
    PreviewSession session(workbook30());
    ActionEngine engine(session);
    ResultCache cache;
    connect::ConnectionPool pool(2);
    WarehouseRefresh refresher(cache, pool, [&](const std::string&) { return wh.odbc; }, {kWindow, 1024});
    std::mutex mutex;
    std::condition_variable done;
    int pending = 0, failed = 0;
    std::string failure;
    std::size_t rows = 0;
    Clock::time_point first{}, last{};
    std::map<std::thread::id, double> workerCpu; // each worker's CPU time at its latest outcome
    RefreshScheduler scheduler(refresher.job(), [&](const RefreshOutcome& o) {
        const auto now = Clock::now();
        const double cpu = threadCpuSeconds();
        std::lock_guard lock(mutex);
        workerCpu[std::this_thread::get_id()] = cpu;
        if (o.status == RefreshOutcome::Status::Cancelled) return;
        if (o.status == RefreshOutcome::Status::Failed) {
            ++failed;
            failure = o.elementId + ": " + o.error;
        } else {
            rows += o.result->rows.size();
        }
        if (first == Clock::time_point{}) first = now;
        last = now;
        if (--pending == 0) done.notify_all();
    }, 2);

    const auto refreshAll = [&](const Json& action) {
        const Clock::time_point t0 = Clock::now();
        const ActionRun run = engine.runAction(action, {"bench", "on-click", {}, {}});
        std::vector<std::string> ids;
        for (const auto& id : run.rerun) {
            if (!queries(session, id)) continue;
            auto plan = planElement(session, id, sql::dialect(sql::DialectId::SQLite), windowOptions());
            if (std::getenv("QUIRE_BENCH_SHOW_SQL")) std::fprintf(stderr, "-- %s\n%s;\n%s\n", id.c_str(), plan.sql.c_str(), plan.parametersJson().dump().c_str());
            refresher.setPlan(id, std::move(plan));
            ids.push_back(id);
        }
        {
            std::lock_guard lock(mutex);
            pending = static_cast<int>(ids.size());
            first = last = Clock::time_point{};
        }
        scheduler.refresh(ids);
        std::unique_lock lock(mutex);
        done.wait(lock, [&] { return pending == 0; });
        return std::make_tuple(t0, ids.size());
    };

    refreshAll(setDates("2024-01-01", "2024-12-31")); // warm up: connections open, the file in the page cache
    int flip = 0;
    std::size_t affected = 0;
    double firstSeconds = 0, cpuSeconds = 0, busiestWorkerSeconds = 0;
    for (auto _ : state) {
        const double cpu0 = processCpuSeconds();
        std::map<std::thread::id, double> workerCpu0;
        {
            std::lock_guard lock(mutex);
            workerCpu0 = workerCpu;
        }
        cache.clear(); // every element goes to the warehouse
        rows = 0;
        const bool secondHalf = flip++ % 2 == 1;
        const auto [t0, count] = refreshAll(secondHalf ? setDates("2024-07-01", "2024-12-31") : setDates("2024-01-01", "2024-06-30"));
        affected = count;
        state.SetIterationTime(std::chrono::duration<double>(last - t0).count());
        firstSeconds += std::chrono::duration<double>(first - t0).count();
        cpuSeconds += processCpuSeconds() - cpu0;
        // The workers wait on nothing but their queries, so the busier one's CPU is the wall time this refresh
        // takes with a core per worker, however loaded the machine is: it shows how well the queue is balanced.
        double busiest = 0;
        {
            std::lock_guard lock(mutex);
            for (const auto& [thread, seconds] : workerCpu) busiest = std::max(busiest, seconds - workerCpu0[thread]);
        }
        busiestWorkerSeconds += busiest;
    }
    if (failed) state.SkipWithError(("refresh failed: " + failure).c_str());
    state.counters["elements"] = static_cast<double>(affected);
    state.counters["rows"] = static_cast<double>(rows);
    state.counters["first_result_ms"] = 1000 * firstSeconds / static_cast<double>(state.iterations());
    state.counters["events"] = static_cast<double>(wh.events);
    state.counters["process_cpu_ms"] = 1000 * cpuSeconds / static_cast<double>(state.iterations());
    state.counters["busiest_worker_cpu_ms"] = 1000 * busiestWorkerSeconds / static_cast<double>(state.iterations());
}
BENCHMARK(BM_ControlChangeToLastResult)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(4);

// One element, unchanged controls: planned, then run and streamed from the warehouse (cold) ...
void BM_ElementCold(benchmark::State& state, const char* elementId) {
    Warehouse& wh = warehouse();
    PreviewSession session(workbook30());
    connect::ConnectionPool pool(1);
    std::size_t rows = 0;
    for (auto _ : state) {
        const auto plan = planElement(session, elementId, sql::dialect(sql::DialectId::SQLite), windowOptions());
        auto connection = pool.acquire(wh.odbc);
        rows = fetchPlanned(*connection, plan, CancelToken{}, {kWindow, 1024})->rows.size();
    }
    state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK_CAPTURE(BM_ElementCold, kpi_sessions, "kpi-sessions")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ElementCold, orders_table, "orders")->Unit(benchmark::kMillisecond);

// ... or re-rendered from the ResultCache (plan -> key -> hit).
void BM_ElementCached(benchmark::State& state, const char* elementId) {
    Warehouse& wh = warehouse();
    PreviewSession session(workbook30());
    ResultCache cache;
    {
        connect::ConnectionPool pool(1);
        const auto plan = planElement(session, elementId, sql::dialect(sql::DialectId::SQLite), windowOptions());
        auto connection = pool.acquire(wh.odbc);
        cache.put(cacheKey(plan), fetchPlanned(*connection, plan, CancelToken{}, {kWindow, 1024}));
    }
    std::size_t rows = 0;
    for (auto _ : state) {
        const auto plan = planElement(session, elementId, sql::dialect(sql::DialectId::SQLite), windowOptions());
        const auto hit = cache.find(cacheKey(plan));
        if (!hit) {
            state.SkipWithError("cache miss");
            break;
        }
        rows = hit->rows.size();
    }
    state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK_CAPTURE(BM_ElementCached, kpi_sessions, "kpi-sessions")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_ElementCached, orders_table, "orders")->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
