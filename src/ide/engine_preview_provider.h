#pragma once
// Live previews from Quire's preview engine: a thin Qt adapter over quire_preview's refresh pipeline. Each
// element is planned on the UI thread into one SQL statement for its connection's dialect and handed to
// WarehouseRefresh; the RefreshScheduler runs it on a worker thread, answered from the ResultCache when the same
// query (connection, SQL, parameters) ran before, else on a connection borrowed from the ConnectionPool; the
// outcome comes back to the UI thread as PreviewData. A newer refresh makes older results stale; Cancel stops
// the running statement. A refresh that repeats the previous one with nothing changed (same elements, document
// and control values: Preview > Refresh) bypasses the cache; a changed connections file empties it.
#include "document_model.h"
#include "paged_table_model.h"
#include "preview_data.h"

#include <quire/connect/connection_registry.h>
#include <quire/connect/pool.h>
#include <quire/governance/personas.h>
#include <quire/preview/access.h>
#include <quire/preview/drill.h>
#include <quire/preview/result_cache.h>

#include <QByteArray>
#include <QHash>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>

namespace quire::preview {
class PreviewSession;
class RefreshScheduler;
class WarehouseRefresh;
struct RefreshOutcome;
struct Selection;
} // namespace quire::preview
namespace quire::secrets {
class SecretStore;
}

namespace quire::ide {

class EnginePreviewProvider : public PreviewProvider {
    Q_OBJECT
public:
    // connectionsFile: the connections registry (empty = the user's default file, with the built-in sample).
    EnginePreviewProvider(DocumentModel* model, QString connectionsFile = {}, QObject* parent = nullptr);
    ~EnginePreviewProvider() override;

    const PreviewData& data(const QString& elementId) const override;
    void refresh(const QStringList& elementIds) override;
    void cancelAll() override;
    // Stops only this element's query (queued or running in the driver); false when it was not busy.
    bool cancelElement(const QString& elementId) override;
    // Blocks until the queued work is done and its results are delivered (tests, screenshots); false on timeout.
    bool waitIdle(int milliseconds);

    const QString& connectionsFile() const { return connectionsFile_; }

    int rowLimit = 200; // rows fetched per element (the fetch window); more make the card's result incomplete
    int chartPointLimit = 1'000'000; // the window of line and scatter charts, reduced to what the plot shows when drawn

    // The provider's result cache and connection pool (their statistics show hits and connection reuse).
    const preview::ResultCache& resultCache() const { return cache_; }
    const connect::ConnectionPool& connectionPool() const { return pool_; }

    // Control values set in the IDE (they override the values authored in the workbook until reset).
    Json controlFields(const QString& controlId) const;
    QString controlSummary(const QString& controlId) const;
    void setControlFields(const QString& controlId, const Json& fields);
    void resetControls();
    // Drill controls (docs/ide.md "Drill-down"): their specs and each target as its current level shows it.
    std::vector<preview::DrillSpec> drillSpecs() const;
    std::map<std::string, Json> drilledElements() const;
    // Distinct values of a list control's source column (at most `limit`), for its value picker.
    QStringList distinctValues(const QString& controlId, int limit = 500, QString* error = nullptr) const;

    // View as (docs/governance.md): the persona every element is planned and run as. nullopt = the author:
    // nothing masked or hidden, CurrentUser*() from `authorUser` (the personas file's default persona) when
    // given. View state, not document state: the workbook is not touched. The next refresh runs as it.
    void setViewAs(std::optional<governance::Persona> persona, std::optional<sql::CurrentUser> authorUser = std::nullopt);
    const std::optional<governance::Persona>& viewingAs() const { return viewAs_; }
    // What the current persona may see of the open workbook: masked columns, withheld elements, hidden pages.
    preview::PersonaView personaView() const;

    // Runs the on-click actions of a button or image against the preview state.
    struct ClickResult {
        QString navigateTo;         // page or overlay to show ("" = stay)
        QStringList external;       // open-url / open-document / download effects awaiting confirmation
        QStringList summaries;      // one line per effect
        QStringList errors;
    };
    ClickResult fireClick(const QString& elementId);
    // Runs the on-select actions of a table, pivot, chart or map with these rows of its current preview
    // (indices into data(elementId).rows) as the selection: [Selection/Col] and column value sources read them.
    ClickResult fireSelect(const QString& elementId, const std::vector<int>& rows);

    // Every row of an element, paged on demand (for the Data view): a WarehouseRowSource running the planner's
    // SQL with LIMIT/OFFSET per page off the UI thread on its own connection, and a count(*) for the total.
    // nullptr with `error` when it cannot be planned.
    std::shared_ptr<RowSource> rowSource(const QString& elementId, QString* error = nullptr) const;

signals:
    void controlsChanged();
    void viewAsChanged();

private:
    // What the UI thread keeps of a queued element until its outcome arrives.
    struct Pending {
        std::uint64_t generation = 0; // the scheduler's generation of this element's query
        QString sql;
        QStringList names, ids; // result column names and the element's column ids
        QStringList maskedNames, maskedIds; // columns the persona may not see: shown masked, never queried
    };
    std::unique_ptr<preview::PreviewSession> makeSession() const;
    // The body as the current persona's queries see it (masked columns removed), and who the SQL runs as.
    Json viewedBody() const;
    const sql::CurrentUser* sqlUser() const;
    ClickResult runTrigger(const QString& elementId, const char* trigger, const preview::Selection* selection);
    void deliver(const QString& elementId, PreviewData data);
    void finish(const preview::RefreshOutcome& outcome); // UI thread
    bool stopPending(const QString& elementId);           // cancels its query; false when none
    void noteConnectionsFile(const connect::ConnectionRegistry& registry);
    // The ODBC string of a connection (secrets read now, never kept); sets the pool limit from its profile.
    Expected<std::string> connectionString(const connect::RegistryEntry& entry) const;
    Expected<std::string> connectionStringFor(const std::string& connectionId) const; // worker threads

    DocumentModel* model_;
    QString connectionsFile_;
    QHash<QString, PreviewData> data_;
    QHash<QString, Pending> pending_;
    QStringList lastRefresh_;
    std::map<std::string, Json> controlOverrides_;
    std::optional<governance::Persona> viewAs_;
    std::optional<sql::CurrentUser> authorUser_;
    bool changedSinceRefresh_ = true; // document or control values changed since the last refresh
    QByteArray connectionsText_;
    bool connectionsRead_ = false;

    mutable std::mutex entriesMutex_;
    std::map<std::string, connect::RegistryEntry> entries_; // by connectionId, of the plans handed out
    mutable std::mutex secretsMutex_;
    mutable std::unique_ptr<secrets::SecretStore> secrets_; // created on first use

    mutable preview::ResultCache cache_;
    mutable connect::ConnectionPool pool_;
    std::unique_ptr<preview::WarehouseRefresh> refresher_;
    std::unique_ptr<preview::RefreshScheduler> scheduler_; // last: its workers stop before the rest goes
};

// One cached cell as the QVariant the painters expect: null, bool, qlonglong, double, QString; a "date" column's
// ISO text as QDate and a "timestamp" column's as QDateTime (UTC), as the ODBC values were before caching.
QVariant previewCell(const Json& cell, std::string_view columnType);

// What a masked column's cells show (their values were never queried).
inline constexpr const char* kMaskedCell = "••• masked";

} // namespace quire::ide
