#include <quire/preview/refresh_scheduler.h>

#include <algorithm>
#include <exception>

namespace quire::preview {

void CancelToken::cancel() const {
    std::vector<std::function<void()>> hooks;
    {
        std::lock_guard lock(state_->mutex);
        if (state_->cancelled.exchange(true)) return;
        hooks.swap(state_->hooks);
    }
    for (auto& hook : hooks) hook();
}

void CancelToken::onCancel(std::function<void()> hook) const {
    {
        std::lock_guard lock(state_->mutex);
        if (!state_->cancelled.load()) {
            state_->hooks.push_back(std::move(hook));
            return;
        }
    }
    hook();
}

RefreshScheduler::RefreshScheduler(Job job, Listener listener, unsigned workers)
    : job_(std::move(job)), listener_(std::move(listener)) {
    workers = std::max(1u, workers);
    for (unsigned i = 0; i < workers; ++i) workers_.emplace_back([this] { work(); });
}

RefreshScheduler::~RefreshScheduler() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        for (auto& p : queue_) p.token.cancel();
        queue_.clear();
        for (auto& [id, token] : inFlight_) token.cancel();
    }
    wake_.notify_all();
    for (auto& t : workers_) t.join();
}

namespace {
RefreshOutcome cancelledOutcome(const std::string& elementId, std::uint64_t generation) {
    RefreshOutcome o;
    o.elementId = elementId;
    o.generation = generation;
    o.status = RefreshOutcome::Status::Cancelled;
    return o;
}
} // namespace

bool RefreshScheduler::dropQueuedLocked(const std::string& elementId, std::vector<RefreshOutcome>& dropped) {
    bool any = false;
    for (auto it = queue_.begin(); it != queue_.end();) {
        if (it->elementId == elementId) {
            it->token.cancel();
            dropped.push_back(cancelledOutcome(elementId, it->generation));
            it = queue_.erase(it);
            any = true;
        } else {
            ++it;
        }
    }
    return any;
}

void RefreshScheduler::dropQueuedIn(std::vector<Pending>& batch, const std::string& elementId, std::vector<RefreshOutcome>& dropped) {
    for (auto it = batch.begin(); it != batch.end();) {
        if (it->elementId == elementId) {
            it->token.cancel();
            dropped.push_back(cancelledOutcome(elementId, it->generation));
            it = batch.erase(it);
        } else {
            ++it;
        }
    }
}

void RefreshScheduler::orderByLastQuery(std::vector<Pending>& batch) const {
    using Duration = std::chrono::steady_clock::duration;
    Duration total{};
    std::size_t measured = 0;
    for (const auto& p : batch)
        if (const auto it = lastQuery_.find(p.elementId); it != lastQuery_.end()) {
            total += it->second;
            ++measured;
        }
    if (measured == 0) return;
    const Duration quick = total / static_cast<Duration::rep>(4 * measured); // a quarter of the mean
    // Rank 0: quick, 1: never measured, 2: the rest, longest first; ties keep the given order.
    const auto rank = [&](const Pending& p) -> std::pair<int, Duration> {
        const auto it = lastQuery_.find(p.elementId);
        if (it == lastQuery_.end()) return {1, Duration::zero()};
        if (it->second < quick) return {0, Duration::zero()};
        return {2, -it->second};
    };
    std::stable_sort(batch.begin(), batch.end(), [&](const Pending& a, const Pending& b) { return rank(a) < rank(b); });
}

std::vector<std::uint64_t> RefreshScheduler::refresh(const std::vector<std::string>& elementIds) {
    std::vector<RefreshOutcome> dropped;
    std::vector<std::uint64_t> generations;
    {
        std::lock_guard lock(mutex_);
        std::vector<Pending> batch;
        for (const auto& id : elementIds) {
            const std::uint64_t gen = ++generation_[id];
            generations.push_back(gen);
            outcomes_.erase(id);
            if (const auto it = inFlight_.find(id); it != inFlight_.end()) it->second.cancel();
            dropQueuedLocked(id, dropped);
            dropQueuedIn(batch, id, dropped); // the same id twice in one call: the last one counts
            batch.push_back({id, gen, CancelToken{}});
        }
        orderByLastQuery(batch);
        for (auto& p : batch) queue_.push_back(std::move(p));
    }
    wake_.notify_all();
    if (listener_)
        for (const auto& o : dropped) listener_(o);
    return generations;
}

bool RefreshScheduler::cancel(const std::string& elementId) {
    std::vector<RefreshOutcome> dropped;
    bool any = false;
    {
        std::lock_guard lock(mutex_);
        any = dropQueuedLocked(elementId, dropped);
        // The running job sees its token cancelled; work() then reports it as Cancelled whatever it returns.
        if (const auto it = inFlight_.find(elementId); it != inFlight_.end() && !it->second.cancelled()) {
            it->second.cancel();
            any = true;
        }
    }
    idle_.notify_all();
    if (listener_)
        for (const auto& o : dropped) listener_(o);
    return any;
}

std::optional<RefreshOutcome> RefreshScheduler::outcome(const std::string& elementId) const {
    std::lock_guard lock(mutex_);
    const auto it = outcomes_.find(elementId);
    if (it == outcomes_.end()) return std::nullopt;
    return it->second;
}

bool RefreshScheduler::waitIdle(std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    return idle_.wait_for(lock, timeout, [this] { return queue_.empty() && running_ == 0; });
}

void RefreshScheduler::work() {
    for (;;) {
        Pending job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            job = std::move(queue_.front());
            queue_.pop_front();
            // One query per element at a time: a newer generation waits until the cancelled one returns.
            if (inFlight_.count(job.elementId)) {
                queue_.push_back(std::move(job));
                lock.unlock();
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
                continue;
            }
            inFlight_.emplace(job.elementId, job.token);
            ++running_;
        }
        RefreshOutcome out;
        out.elementId = job.elementId;
        out.generation = job.generation;
        const auto start = std::chrono::steady_clock::now();
        try {
            JobResult done = job_(job.elementId, job.token);
            out.result = std::move(done.result);
            out.cached = done.cached;
            out.status = job.token.cancelled() ? RefreshOutcome::Status::Cancelled : RefreshOutcome::Status::Done;
        } catch (const std::exception& e) {
            out.status = job.token.cancelled() ? RefreshOutcome::Status::Cancelled : RefreshOutcome::Status::Failed;
            out.error = e.what();
        } catch (...) {
            out.status = RefreshOutcome::Status::Failed;
            out.error = "unknown error";
        }
        out.elapsed = std::chrono::steady_clock::now() - start;
        {
            std::lock_guard lock(mutex_);
            inFlight_.erase(job.elementId);
            if (generation_[job.elementId] != job.generation) out.status = RefreshOutcome::Status::Cancelled;
            if (out.status != RefreshOutcome::Status::Cancelled) outcomes_[job.elementId] = out;
            if (out.status == RefreshOutcome::Status::Done && !out.cached) lastQuery_[job.elementId] = out.elapsed;
        }
        if (listener_) listener_(out);
        {
            // Idle only once the listener has seen the outcome, so waitIdle() implies every outcome was delivered.
            std::lock_guard lock(mutex_);
            --running_;
        }
        idle_.notify_all();
        wake_.notify_all();
    }
}

} // namespace quire::preview
