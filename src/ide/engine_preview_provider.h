#pragma once
// Live previews from Quire's preview engine: each element is planned into one SQL statement for its
// connection's dialect (quire_preview), run through ODBC (quire_connect) on a worker thread, and the first
// rows come back to the UI thread as PreviewData. A newer refresh makes older results stale; Cancel stops
// the running statement.
#include "document_model.h"
#include "paged_table_model.h"
#include "preview_data.h"

#include <QHash>

#include <map>

#include <atomic>
#include <memory>
#include <mutex>

namespace quire::preview {
class PreviewSession;
struct Selection;
}

namespace quire::ide {

class EnginePreviewProvider : public PreviewProvider {
    Q_OBJECT
public:
    // connectionsFile: the connections registry (empty = the user's default file, with the built-in sample).
    EnginePreviewProvider(DocumentModel* model, QString connectionsFile = {}, QObject* parent = nullptr);
    ~EnginePreviewProvider() override;

    PreviewData data(const QString& elementId) const override;
    void refresh(const QStringList& elementIds) override;
    void cancelAll() override;
    // Stops only this element's query (queued or running in the driver); false when it was not busy.
    bool cancelElement(const QString& elementId) override;
    // Blocks until the queued work is done (tests, screenshots); false on timeout.
    bool waitIdle(int milliseconds);

    int rowLimit = 200;

    // Control values set in the IDE (they override the values authored in the workbook until reset).
    Json controlFields(const QString& controlId) const;
    QString controlSummary(const QString& controlId) const;
    void setControlFields(const QString& controlId, const Json& fields);
    void resetControls();
    // Distinct values of a list control's source column (at most `limit`), for its value picker.
    QStringList distinctValues(const QString& controlId, int limit = 500, QString* error = nullptr) const;

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

    // Every row of an element, paged on demand (for the Data view): the planner's SQL with LIMIT/OFFSET per
    // page on its own connection, and a count(*) for the total. nullptr with `error` when it cannot be planned.
    std::shared_ptr<RowSource> rowSource(const QString& elementId, QString* error = nullptr) const;

signals:
    void controlsChanged();

private:
    std::unique_ptr<preview::PreviewSession> makeSession() const;
    ClickResult runTrigger(const QString& elementId, const char* trigger, const preview::Selection* selection);
    QHash<QString, quint64> cancelledIn_; // element -> refresh generation its query was cancelled in
    QStringList lastRefresh_;
    std::map<std::string, Json> controlOverrides_;
    struct Worker;
    void deliver(quint64 generation, const QString& elementId, PreviewData data);

    DocumentModel* model_;
    QString connectionsFile_;
    QHash<QString, PreviewData> data_;
    std::shared_ptr<Worker> worker_;
    quint64 generation_ = 0;
};

} // namespace quire::ide
