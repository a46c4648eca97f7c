#include <catch2/catch.hpp>
#include <quire/preview/refresh_scheduler.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

using namespace quire;
using namespace quire::preview;
using namespace std::chrono_literals;

namespace {
std::shared_ptr<const CachedResult> rowsOf(int n, const std::string& text = "x") {
    auto r = std::make_shared<CachedResult>();
    r->columns = {"a"};
    for (int i = 0; i < n; ++i) r->rows.push_back(Json::array({text}));
    return r;
}
} // namespace

TEST_CASE("cache: keys distinguish connection, SQL and typed parameters", "[preview][cache]") {
    ResultCache cache;
    const QueryKey a{"c1", "select ?", Json::array({1})};
    const QueryKey b{"c1", "select ?", Json::array({"1"})};
    const QueryKey c{"c2", "select ?", Json::array({1})};
    cache.put(a, rowsOf(1));
    CHECK(cache.find(a));
    CHECK_FALSE(cache.find(b));
    CHECK_FALSE(cache.find(c));
    CHECK(cache.hits() == 1);
    CHECK(cache.misses() == 2);
    CHECK(QueryKey{"ab", "c", Json::array()}.text() != QueryKey{"a", "bc", Json::array()}.text());
    cache.put(c, rowsOf(2));
    cache.invalidateConnection("c1");
    CHECK_FALSE(cache.find(a));
    CHECK(cache.find(c));
    CHECK(cache.entries() == 1);
}

TEST_CASE("cache: least recently used entries go first past the byte budget", "[preview][cache]") {
    const std::size_t one = rowsOf(10)->approximateBytes();
    ResultCache cache(one * 2 + 1);
    const QueryKey k1{"c", "1", Json::array()}, k2{"c", "2", Json::array()}, k3{"c", "3", Json::array()};
    cache.put(k1, rowsOf(10));
    cache.put(k2, rowsOf(10));
    REQUIRE(cache.find(k1)); // k1 now most recent
    cache.put(k3, rowsOf(10));
    CHECK(cache.find(k1));
    CHECK_FALSE(cache.find(k2));
    CHECK(cache.find(k3));
    CHECK(cache.bytes() <= one * 2 + 1);
    cache.put(QueryKey{"c", "huge", Json::array()}, rowsOf(1000));
    CHECK(cache.entries() == 2); // too big to cache: ignored
}

TEST_CASE("scheduler: a new refresh cancels the in-flight query of the same element", "[preview][scheduler]") {
    std::atomic<int> calls{0};
    std::atomic<int> cancelHooks{0};
    std::mutex m;
    std::vector<RefreshOutcome> seen;
    RefreshScheduler scheduler(
        [&](const std::string& id, const CancelToken& token) -> std::shared_ptr<const CachedResult> {
            const int call = ++calls;
            token.onCancel([&] { ++cancelHooks; });
            if (id == "slow" && call == 1) {
                for (int i = 0; i < 2000 && !token.cancelled(); ++i) std::this_thread::sleep_for(1ms);
                if (!token.cancelled()) throw std::runtime_error("was never cancelled");
                return nullptr;
            }
            if (id == "bad") throw std::runtime_error("syntax error near FROM");
            return rowsOf(call, id);
        },
        [&](const RefreshOutcome& o) { std::lock_guard lock(m); seen.push_back(o); });
    scheduler.refresh({"slow"});
    while (calls.load() == 0) std::this_thread::sleep_for(1ms);
    scheduler.refresh({"slow", "bad", "fast"});
    REQUIRE(scheduler.waitIdle(5s));
    const auto slow = scheduler.outcome("slow");
    REQUIRE(slow);
    CHECK(slow->status == RefreshOutcome::Status::Done);
    CHECK(slow->generation == 2);
    CHECK(slow->result->rows.front()[0] == "slow");
    CHECK(scheduler.outcome("bad")->status == RefreshOutcome::Status::Failed);
    CHECK(scheduler.outcome("bad")->error == "syntax error near FROM");
    CHECK(scheduler.outcome("fast")->status == RefreshOutcome::Status::Done);
    CHECK(cancelHooks.load() == 1);
    std::lock_guard lock(m);
    int cancelled = 0;
    for (const auto& o : seen) cancelled += o.status == RefreshOutcome::Status::Cancelled;
    CHECK(cancelled == 1);
    CHECK(seen.size() == 4);
}

TEST_CASE("scheduler: destruction cancels running work without hanging", "[preview][scheduler]") {
    std::atomic<bool> started{false};
    {
        RefreshScheduler scheduler([&](const std::string&, const CancelToken& token) -> std::shared_ptr<const CachedResult> {
            started = true;
            while (!token.cancelled()) std::this_thread::sleep_for(1ms);
            return nullptr;
        });
        scheduler.refresh({"a", "b", "c"});
        while (!started.load()) std::this_thread::sleep_for(1ms);
        CHECK_FALSE(scheduler.waitIdle(20ms));
    }
    CHECK(started.load());
}

TEST_CASE("cache: erase drops one query only", "[preview][cache]") {
    ResultCache cache;
    const QueryKey a{"c", "select 1", Json::array()}, b{"c", "select 2", Json::array()};
    cache.put(a, rowsOf(1));
    cache.put(b, rowsOf(2));
    cache.erase(a);
    CHECK_FALSE(cache.find(a));
    CHECK(cache.find(b));
    CHECK(cache.entries() == 1);
    CHECK(cache.bytes() == rowsOf(2)->approximateBytes());
    cache.erase(a); // absent: nothing happens
    CHECK(cache.entries() == 1);
}

TEST_CASE("scheduler: cancel stops one element's running or queued generation only", "[preview][scheduler]") {
    std::atomic<bool> slowStarted{false};
    std::atomic<int> queuedRuns{0};
    std::mutex m;
    std::vector<RefreshOutcome> seen;
    // One worker: `slow` runs (until cancelled), `queued` and `other` wait behind it.
    RefreshScheduler scheduler(
        [&](const std::string& id, const CancelToken& token) -> std::shared_ptr<const CachedResult> {
            if (id == "slow") {
                slowStarted = true;
                for (int i = 0; i < 5000 && !token.cancelled(); ++i) std::this_thread::sleep_for(1ms);
                return rowsOf(1, "too late"); // a result despite the cancel: must not count
            }
            if (id == "queued") ++queuedRuns;
            return rowsOf(2, id);
        },
        [&](const RefreshOutcome& o) { std::lock_guard lock(m); seen.push_back(o); }, 1);
    const auto generations = scheduler.refresh({"slow", "queued", "other"});
    CHECK(generations == std::vector<std::uint64_t>{1, 1, 1});
    while (!slowStarted.load()) std::this_thread::sleep_for(1ms);

    CHECK(scheduler.cancel("queued")); // dropped from the queue: never runs
    CHECK(scheduler.cancel("slow"));   // running: its token is cancelled
    CHECK_FALSE(scheduler.cancel("slow")); // already cancelled
    CHECK_FALSE(scheduler.cancel("nothing-here"));
    REQUIRE(scheduler.waitIdle(5s));
    CHECK(queuedRuns.load() == 0);
    CHECK_FALSE(scheduler.outcome("slow"));
    CHECK_FALSE(scheduler.outcome("queued"));
    const auto other = scheduler.outcome("other");
    REQUIRE(other);
    CHECK(other->status == RefreshOutcome::Status::Done);
    CHECK(other->result->rows.front()[0] == "other");
    CHECK_FALSE(scheduler.cancel("other")); // finished: nothing to cancel

    std::lock_guard lock(m);
    std::map<std::string, RefreshOutcome::Status> status;
    for (const auto& o : seen) status[o.elementId] = o.status;
    CHECK(seen.size() == 3);
    CHECK(status["slow"] == RefreshOutcome::Status::Cancelled);
    CHECK(status["queued"] == RefreshOutcome::Status::Cancelled);
    CHECK(status["other"] == RefreshOutcome::Status::Done);
}

TEST_CASE("scheduler: a job's cache flag reaches the outcome", "[preview][scheduler]") {
    RefreshScheduler scheduler([&](const std::string& id, const CancelToken&) { return JobResult(rowsOf(1, id), id == "hit"); });
    scheduler.refresh({"hit", "miss"});
    REQUIRE(scheduler.waitIdle(5s));
    CHECK(scheduler.outcome("hit")->cached);
    CHECK_FALSE(scheduler.outcome("miss")->cached);
}

// A control change re-runs the same elements: the second refresh queues the quick ones (under a quarter of the
// mean, here 38 ms) first (results at once),
// then the element never run, then the rest by their last query time, longest first, so no long query starts
// last.
TEST_CASE("scheduler: a refresh queues quick elements first, then the longest last query first", "[preview][scheduler]") {
    const std::map<std::string, std::chrono::milliseconds> cost{{"b", 150ms}, {"quick", 0ms}, {"c", 400ms}, {"a", 60ms},
                                                               {"fresh", 0ms}};
    std::mutex mutex;
    std::vector<std::string> started;
    RefreshScheduler scheduler([&](const std::string& id, const CancelToken&) {
        {
            std::lock_guard lock(mutex);
            started.push_back(id);
        }
        std::this_thread::sleep_for(cost.at(id));
        return JobResult(rowsOf(1, id));
    }, {}, 1);
    const auto gens1 = scheduler.refresh({"b", "quick", "c", "a"});
    REQUIRE(scheduler.waitIdle(10s));
    CHECK(started == std::vector<std::string>{"b", "quick", "c", "a"}); // nothing measured yet: as given
    {
        std::lock_guard lock(mutex);
        started.clear();
    }
    const auto gens2 = scheduler.refresh({"b", "quick", "c", "a", "fresh"});
    REQUIRE(scheduler.waitIdle(10s));
    CHECK(started == std::vector<std::string>{"quick", "fresh", "c", "b", "a"});
    // Generations come back in the given order whatever the queue order.
    REQUIRE(gens2.size() == 5);
    CHECK(gens2[0] == gens1[0] + 1);
    CHECK(gens2[2] == gens1[2] + 1);
    CHECK(gens2[4] == 1);
    CHECK(scheduler.outcome("c")->generation == gens2[2]);
}
