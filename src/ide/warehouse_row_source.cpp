#include "warehouse_row_source.h"

#include "engine_preview_provider.h"

#include <quire/governance/audit_log.h>
#include <quire/preview/connect_params.h>
#include <quire/preview/planner.h>
#include <quire/preview/refresh_scheduler.h>
#include <quire/preview/warehouse_refresh.h>

#include <QCoreApplication>

#include <algorithm>
#include <map>
#include <mutex>
#include <stdexcept>
#include <utility>

namespace quire::ide {

using Rows = std::vector<std::vector<QVariant>>;

struct WarehouseRowSource::Shared {
    struct Request {
        std::shared_ptr<const preview::PlannedQuery> plan;
        std::size_t rows = 0;
        std::function<void(Rows, QString)> done;
    };
    std::shared_ptr<connect::Connection> connection;
    std::string elementId, auditWorkbook;
    std::mutex mutex;
    std::map<std::string, Request> requests; // by scheduler key, until its outcome is posted
    std::string sessionKey = "\x1f?";        // the persona state the connection carries (worker thread only)

    // The scheduler job, on the worker thread: the page's planned query, streamed into a CachedResult.
    preview::JobResult run(const std::string& key) {
        Request request;
        {
            std::lock_guard lock(mutex);
            const auto it = requests.find(key);
            if (it == requests.end()) throw std::runtime_error("no such page request");
            request = it->second;
        }
        const preview::PlannedQuery& plan = *request.plan;
        governance::audit::Entry audit;
        audit.action = "preview-query";
        audit.workbook = auditWorkbook;
        audit.element = elementId;
        audit.sqlHash = governance::audit::sqlHash(plan.sql);
        audit.persona = plan.persona;
        try {
            if (sessionKey != plan.session.key) { // once per connection: the persona's role and settings
                for (const auto& s : plan.session.apply) connection->createStatement()->execute(s.sql, preview::toConnectParams(s.parameters));
                sessionKey = plan.session.key;
            }
            // Not the scheduler's token: a page is never cancelled mid-fetch (sqliteodbc does not survive SQLCancel
            // inside SQLFetchScroll); the destructor waits for the running page, queued ones are dropped.
            auto result = preview::fetchPlanned(*connection, plan, preview::CancelToken(), {request.rows, 1024});
            audit.rows = static_cast<long long>(result->rows.size());
            governance::audit::record(audit);
            return preview::JobResult(std::move(result));
        } catch (...) {
            audit.outcome = "failed";
            governance::audit::record(audit);
            throw;
        }
    }

    // The scheduler listener, on the worker thread: the rows become QVariants here, not on the UI thread.
    void deliver(const preview::RefreshOutcome& outcome, const std::weak_ptr<Shared>& self) {
        Request request;
        {
            std::lock_guard lock(mutex);
            const auto it = requests.find(outcome.elementId);
            if (it == requests.end()) return;
            request = std::move(it->second);
            requests.erase(it);
        }
        Rows rows;
        if (outcome.status == preview::RefreshOutcome::Status::Done && outcome.result) {
            const preview::CachedResult& result = *outcome.result;
            rows.reserve(result.rows.size());
            for (const Json& row : result.rows) {
                std::vector<QVariant> cells;
                for (std::size_t c = 0; row.is_array() && c < row.size(); ++c)
                    cells.push_back(previewCell(row[c], c < result.columnTypes.size() ? result.columnTypes[c] : std::string()));
                rows.push_back(std::move(cells));
            }
        }
        if (outcome.status == preview::RefreshOutcome::Status::Cancelled) return; // the source is going away
        QString error;
        if (outcome.status == preview::RefreshOutcome::Status::Failed)
            error = QString::fromStdString(outcome.error.empty() ? std::string("the query failed") : outcome.error);
        QMetaObject::invokeMethod(
            qApp, [self, done = std::move(request.done), rows = std::move(rows), error = std::move(error)]() mutable {
                if (self.lock()) done(std::move(rows), std::move(error));
            },
            Qt::QueuedConnection);
    }
};

WarehouseRowSource::WarehouseRowSource(std::shared_ptr<preview::PreviewSession> session, std::string elementId, const sql::Dialect& dialect,
                                       std::shared_ptr<connect::Connection> connection, const preview::PlannedQuery& plan, std::string today,
                                       std::string auditWorkbook)
    : shared_(std::make_shared<Shared>()), session_(std::move(session)), elementId_(std::move(elementId)), dialect_(dialect),
      today_(std::move(today)) {
    for (const auto& n : plan.columns) names_ << QString::fromStdString(n);
    shared_->connection = std::move(connection);
    shared_->elementId = elementId_;
    shared_->auditWorkbook = std::move(auditWorkbook);
    Shared* shared = shared_.get();
    const std::weak_ptr<Shared> weak = shared_;
    // One worker: the pages share one connection, and an ODBC connection runs one statement at a time.
    scheduler_ = std::make_unique<preview::RefreshScheduler>(
        [shared](const std::string& key, const preview::CancelToken&) { return shared->run(key); },
        [shared, weak](const preview::RefreshOutcome& outcome) { shared->deliver(outcome, weak); }, 1);
    // The count runs first, on the worker: a count(*) of 10M rows took 350 ms on the UI thread.
    auto count = std::make_shared<preview::PlannedQuery>(plan);
    count->sql = "SELECT count(*) FROM (" + plan.sql + ") n";
    count->columns = {"count"};
    count->valueTypeOf.clear();
    submit(std::move(count), 1, [this](std::vector<std::vector<QVariant>> rows, QString error) {
        error_ = error.isEmpty() ? QString() : tr("counting the rows failed: %1").arg(error);
        total_ = rows.empty() || rows[0].empty() ? 0 : std::max<qint64>(0, rows[0][0].toLongLong());
        for (auto& counted : std::exchange(counted_, {})) counted();
    });
}

WarehouseRowSource::~WarehouseRowSource() { scheduler_.reset(); }

void WarehouseRowSource::whenCounted(std::function<void()> counted) {
    if (total_ >= 0) counted();
    else counted_.push_back(std::move(counted));
}

void WarehouseRowSource::fetch(qint64 offset, int count, std::function<void(Rows)> done) {
    auto plan = std::make_shared<preview::PlannedQuery>(preview::planElement(*session_, elementId_, dialect_, {today_, count, offset}));
    if (!plan->ok() || count <= 0) {
        error_ = plan->ok() ? QString() : tr("planning rows %1-%2 failed").arg(offset + 1).arg(offset + count);
        done({});
        return;
    }
    submit(std::move(plan), count, [this, offset, count, done = std::move(done)](Rows rows, QString error) {
        error_ = error.isEmpty() ? QString() : tr("fetching rows %1-%2 failed: %3").arg(offset + 1).arg(offset + count).arg(error);
        done(std::move(rows));
    });
}

void WarehouseRowSource::submit(std::shared_ptr<const preview::PlannedQuery> plan, int rows, Done done) {
    static std::uint64_t sequence = 0; // UI thread only: every request has its own scheduler key
    const std::string key = elementId_ + "#rows " + std::to_string(++sequence);
    {
        std::lock_guard lock(shared_->mutex);
        shared_->requests[key] = Shared::Request{std::move(plan), std::size_t(rows), std::move(done)};
    }
    scheduler_->refresh({key});
}

} // namespace quire::ide
