#include "warehouse_row_source.h"

#include "engine_preview_provider.h"

#include <quire/governance/audit_log.h>
#include <quire/preview/connect_params.h>
#include <quire/preview/planner.h>
#include <quire/preview/refresh_scheduler.h>
#include <quire/preview/warehouse_refresh.h>

#include <QCoreApplication>

#include <map>
#include <mutex>
#include <stdexcept>

namespace quire::ide {

using Rows = std::vector<std::vector<QVariant>>;

struct WarehouseRowSource::Shared {
    struct Request {
        std::shared_ptr<const preview::PlannedQuery> plan;
        std::size_t rows = 0;
        std::function<void(Rows)> done;
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
        QMetaObject::invokeMethod(
            qApp, [self, done = std::move(request.done), rows = std::move(rows)]() mutable {
                if (self.lock()) done(std::move(rows));
            },
            Qt::QueuedConnection);
    }
};

WarehouseRowSource::WarehouseRowSource(std::shared_ptr<preview::PreviewSession> session, std::string elementId, const sql::Dialect& dialect,
                                       std::shared_ptr<connect::Connection> connection, QStringList names, qint64 total, std::string today,
                                       std::string auditWorkbook)
    : shared_(std::make_shared<Shared>()), session_(std::move(session)), elementId_(std::move(elementId)), dialect_(dialect),
      names_(std::move(names)), total_(total), today_(std::move(today)) {
    shared_->connection = std::move(connection);
    shared_->elementId = elementId_;
    shared_->auditWorkbook = std::move(auditWorkbook);
    Shared* shared = shared_.get();
    const std::weak_ptr<Shared> weak = shared_;
    // One worker: the pages share one connection, and an ODBC connection runs one statement at a time.
    scheduler_ = std::make_unique<preview::RefreshScheduler>(
        [shared](const std::string& key, const preview::CancelToken&) { return shared->run(key); },
        [shared, weak](const preview::RefreshOutcome& outcome) { shared->deliver(outcome, weak); }, 1);
}

WarehouseRowSource::~WarehouseRowSource() { scheduler_.reset(); }

void WarehouseRowSource::fetch(qint64 offset, int count, std::function<void(Rows)> done) {
    auto plan = std::make_shared<preview::PlannedQuery>(preview::planElement(*session_, elementId_, dialect_, {today_, count, offset}));
    if (!plan->ok() || count <= 0) {
        done({});
        return;
    }
    static std::uint64_t sequence = 0; // UI thread only: every request has its own key
    const std::string key = elementId_ + "#rows " + std::to_string(offset) + "+" + std::to_string(count) + " " + std::to_string(++sequence);
    {
        std::lock_guard lock(shared_->mutex);
        shared_->requests[key] = Shared::Request{std::move(plan), std::size_t(count), std::move(done)};
    }
    scheduler_->refresh({key});
}

} // namespace quire::ide
