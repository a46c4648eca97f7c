#pragma once
// Runs element refreshes off the caller's thread. refresh(ids) cancels whatever is in flight or queued for
// those elements and queues a new generation; a finished job of an outdated generation is reported as
// Cancelled, never as the element's result; cancel(id) stops one element's current generation. The job
// function does the querying; it must poll its CancelToken and may register a hook (e.g. ODBC
// Statement::cancel) that runs when the token is cancelled.
#include <quire/preview/result_cache.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace quire::preview {

class CancelToken {
public:
    CancelToken() : state_(std::make_shared<State>()) {}
    bool cancelled() const { return state_->cancelled.load(); }
    void cancel() const;
    // Runs hook at once if already cancelled; otherwise when cancel() is called (once).
    void onCancel(std::function<void()> hook) const;

private:
    struct State {
        std::atomic<bool> cancelled{false};
        std::mutex mutex;
        std::vector<std::function<void()>> hooks;
    };
    std::shared_ptr<State> state_;
};

// What a job returns: the rows, and whether they came from the ResultCache rather than from a query.
struct JobResult {
    JobResult(std::shared_ptr<const CachedResult> rows = nullptr, bool fromCache = false)
        : result(std::move(rows)), cached(fromCache) {}
    std::shared_ptr<const CachedResult> result;
    bool cached = false;
};

struct RefreshOutcome {
    enum class Status { Done, Cancelled, Failed };
    std::string elementId;
    std::uint64_t generation = 0;
    Status status = Status::Done;
    std::shared_ptr<const CachedResult> result; // Done only
    std::string error;                          // Failed only
    std::chrono::steady_clock::duration elapsed{};
    bool cached = false;                        // Done: answered from the ResultCache, no query ran
};

class RefreshScheduler {
public:
    using Job = std::function<JobResult(const std::string& elementId, const CancelToken&)>;
    using Listener = std::function<void(const RefreshOutcome&)>; // called on a worker thread

    explicit RefreshScheduler(Job job, Listener listener = {}, unsigned workers = 2);
    ~RefreshScheduler(); // cancels everything and joins the workers
    RefreshScheduler(const RefreshScheduler&) = delete;
    RefreshScheduler& operator=(const RefreshScheduler&) = delete;

    // Cancels in-flight/queued work of these elements and queues them. Returns the new generation of each element
    // (RefreshOutcome::generation of its result), in the given order. The queue order comes from each element's
    // last query time (a control change re-runs the same elements): quick ones (under a quarter of the
    // call's mean) first, so results start arriving at once, then elements never run, in the given order, then
    // the others longest first, so the workers end together instead of one of them finishing a long query
    // alone. Relative to the mean, so a loaded machine that stretches every query changes nothing.
    std::vector<std::uint64_t> refresh(const std::vector<std::string>& elementIds);
    // Cancels the element's current generation, queued (dropped) or running (its token is cancelled); either is
    // reported to the listener as Cancelled. Other elements are untouched. False when nothing was queued or running.
    bool cancel(const std::string& elementId);
    // Latest outcome of the element's current generation (nullopt while pending or never run).
    std::optional<RefreshOutcome> outcome(const std::string& elementId) const;
    // True when nothing is queued or running; false on timeout.
    bool waitIdle(std::chrono::milliseconds timeout) const;

private:
    struct Pending {
        std::string elementId;
        std::uint64_t generation;
        CancelToken token;
    };
    void work();
    // Removes the element's queued entries (mutex_ held), adding a Cancelled outcome for each to `dropped`.
    bool dropQueuedLocked(const std::string& elementId, std::vector<RefreshOutcome>& dropped);
    static void dropQueuedIn(std::vector<Pending>& batch, const std::string& elementId, std::vector<RefreshOutcome>& dropped);
    // Sorts one refresh call's entries by the last query time of their elements (mutex_ held; see refresh).
    void orderByLastQuery(std::vector<Pending>& batch) const;

    Job job_;
    Listener listener_;
    mutable std::mutex mutex_;
    mutable std::condition_variable wake_, idle_;
    std::deque<Pending> queue_;
    std::map<std::string, std::uint64_t> generation_;
    std::map<std::string, CancelToken> inFlight_;
    std::map<std::string, RefreshOutcome> outcomes_;
    // How long each element's last query took (Done outcomes that ran a query; cache hits say nothing of it).
    std::map<std::string, std::chrono::steady_clock::duration> lastQuery_;
    int running_ = 0;
    bool stopping_ = false;
    std::vector<std::thread> workers_;
};

} // namespace quire::preview
