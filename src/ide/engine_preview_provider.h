#pragma once
// Live previews from Quire's preview engine: each element is planned into one SQL statement for its
// connection's dialect (quire_preview), run through ODBC (quire_connect) on a worker thread, and the first
// rows come back to the UI thread as PreviewData. A newer refresh makes older results stale; Cancel stops
// the running statement.
#include "document_model.h"
#include "preview_data.h"

#include <QHash>

#include <atomic>
#include <memory>
#include <mutex>

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
    // Blocks until the queued work is done (tests, screenshots); false on timeout.
    bool waitIdle(int milliseconds);

    int rowLimit = 200;

private:
    struct Worker;
    void deliver(quint64 generation, const QString& elementId, PreviewData data);

    DocumentModel* model_;
    QString connectionsFile_;
    QHash<QString, PreviewData> data_;
    std::shared_ptr<Worker> worker_;
    quint64 generation_ = 0;
};

} // namespace quire::ide
