#pragma once
// The Data view's rows of one element over its warehouse (issue #15: scroll a 10M-row table to the end and
// back): each page is the element's planned query with LIMIT/OFFSET, run off the UI thread by a
// RefreshScheduler worker through the preview pipeline's fetchPlanned (typed batches, the persona's session
// settings applied first, one audit entry per page query) on the source's own connection, and handed back to
// the UI thread as QVariant rows. PagedTableModel decides which pages to ask for (the visible one and its
// neighbours); a fetch never blocks the caller.
#include "paged_table_model.h"

#include <QCoreApplication>

#include <quire/connect/odbc.h>
#include <quire/preview/planner.h>
#include <quire/preview/session.h>
#include <quire/sql/dialect.h>

#include <memory>
#include <string>

namespace quire::preview {
class RefreshScheduler;
}

namespace quire::ide {

class WarehouseRowSource : public RowSource {
    Q_DECLARE_TR_FUNCTIONS(WarehouseRowSource)
public:
    // `connection` is the source's own (the Data view may outlive the preview provider and its pool); `plan`
    // the element's whole query, counted first on the worker (rowCount() is -1 until then); `today` resolves
    // relative dates as the previews do; `auditWorkbook` is named in the audit entries.
    WarehouseRowSource(std::shared_ptr<preview::PreviewSession> session, std::string elementId, const sql::Dialect& dialect,
                       std::shared_ptr<connect::Connection> connection, const preview::PlannedQuery& plan, std::string today,
                       std::string auditWorkbook = {});
    ~WarehouseRowSource() override; // drops queued pages and waits for a running one before the connection goes

    QStringList columnNames() const override { return names_; }
    qint64 rowCount() const override { return total_; }
    void whenCounted(std::function<void()> counted) override;
    // Plans the page on the caller's thread and queues it; `done` runs later on the thread of the Qt event loop
    // (empty rows when the page failed: the view shows blank rows rather than stale data).
    void fetch(qint64 offset, int count, std::function<void(std::vector<std::vector<QVariant>>)> done) override;
    QString error() const override { return error_; }

private:
    struct Shared; // what the worker and the posted deliveries share with the source
    std::shared_ptr<Shared> shared_;
    std::unique_ptr<preview::RefreshScheduler> scheduler_;
    std::shared_ptr<preview::PreviewSession> session_;
    std::string elementId_;
    const sql::Dialect& dialect_;
    using Done = std::function<void(std::vector<std::vector<QVariant>>, QString error)>;
    void submit(std::shared_ptr<const preview::PlannedQuery> plan, int rows, Done done);
    QStringList names_;
    QString error_; // of the count or the last page
    qint64 total_ = -1;
    std::vector<std::function<void()>> counted_; // waiting for the count
    std::string today_;
};

} // namespace quire::ide
