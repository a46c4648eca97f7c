#pragma once
// Preview refreshes against a real warehouse: the RefreshScheduler job that runs planned element queries over
// ODBC. Every query it sends to the warehouse is recorded in the audit log (element, SQL hash, rows, persona;
// never the SQL's bound values). Plans are made on the caller's thread (setPlan, fast and pure); the job, on a worker thread, answers
// from the ResultCache or borrows a pooled connection and streams the result batch by batch into a row window.
// Part of quire_preview_odbc (quire_preview itself does not depend on the ODBC layer).
#include <quire/connect/odbc.h>
#include <quire/core/expected.h>
#include <quire/connect/pool.h>
#include <quire/preview/planner.h>
#include <quire/preview/refresh_scheduler.h>
#include <quire/preview/result_cache.h>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace quire::preview {

struct FetchWindow {
    std::size_t maxRows = 1000;   // rows kept per element; more rows make the result incomplete
    std::size_t batchRows = 1024; // ODBC block size
};

// One ODBC value as a cached JSON cell: numbers, text, bool, null; dates "YYYY-MM-DD", timestamps ISO text.
Json cellJson(const connect::Value& value);

// Runs the plan on `connection`, streaming batches into a CachedResult until `window.maxRows` rows (complete =
// false when the result had more). A cancel of `token` cancels the ODBC statement (the fetch then throws).
std::shared_ptr<const CachedResult> fetchPlanned(connect::Connection& connection, const PlannedQuery& plan,
                                                 const CancelToken& token, const FetchWindow& window = {});

QueryKey cacheKey(const PlannedQuery& plan);

class WarehouseRefresh {
public:
    // Maps a Sigma connectionId to an ODBC connection string (the registry + secrets in the IDE and CLI), or why
    // there is none (the element's refresh then fails with that message).
    using ConnectionString = std::function<Expected<std::string>(const std::string& connectionId)>;
    WarehouseRefresh(ResultCache& cache, connect::ConnectionPool& pool, ConnectionString connectionString,
                     FetchWindow window = {});

    // The row window of the plans set from now on (a plan keeps the window it was set with).
    void setWindow(FetchWindow window);
    // The workbook file named in the audit log entry of every query this job runs (docs/governance.md).
    void setAuditWorkbook(std::string workbook);
    // The query the element's next refresh runs; set before RefreshScheduler::refresh.
    void setPlan(const std::string& elementId, PlannedQuery plan);
    // The scheduler job: cache hit (JobResult::cached), or fetch and store. Throws (-> Failed) for unplanned
    // elements.
    RefreshScheduler::Job job();

private:
    struct Planned {
        std::shared_ptr<const PlannedQuery> plan;
        FetchWindow window;
    };
    JobResult run(const std::string& elementId, const CancelToken& token);
    // Brings a pooled connection to the plan's persona state (reset first when it carries another one).
    void applySession(const std::shared_ptr<connect::Connection>& connection, const SessionSettings& settings);
    ResultCache& cache_;
    connect::ConnectionPool& pool_;
    ConnectionString connectionString_;
    std::mutex mutex_;
    FetchWindow window_;
    std::string auditWorkbook_;
    std::map<std::string, Planned> plans_;
    // Persona state per pooled connection (weak: a closed connection's address may be reused by a new one).
    std::map<const connect::Connection*, std::pair<std::weak_ptr<connect::Connection>, std::string>> sessionState_;
};

} // namespace quire::preview
