#pragma once
// What the canvas needs to draw an element's live preview, independent of how it was computed: column
// names and a window of rows as QVariants, or a busy/error state. PreviewProvider is implemented over the
// preview engine (preview_provider_engine.cpp).
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <memory>
#include <vector>

namespace quire::ide {

struct PreviewData {
    enum class State { None, Busy, Ready, Error };
    State state = State::None;
    QStringList columnIds;   // element column ids, in result order
    QStringList columnNames; // display names
    std::vector<std::vector<QVariant>> rows; // the first rows (a window), typed
    qint64 totalRows = -1;   // -1 when unknown
    QString error;
    QString unmappedConnection; // the element's Sigma connectionId when no profile has it (the card offers to map it)
    QString sql;
    double milliseconds = 0;
    // Viewing as a persona (docs/governance.md): columns it may not see, appended after the queried ones with
    // every cell masked (the SQL never selected them); `restricted` = the element cannot be shown at all and
    // `error` says why.
    QStringList maskedColumnIds;
    bool restricted = false;

    int columnIndex(const QString& columnId) const { return columnIds.indexOf(columnId); }
};

class PreviewProvider : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    // Current data for an element (State::None when never requested): what the provider holds, not a copy (the
    // canvas asks on every paint and tooltip, and copying a 1M-row result took 290 ms). Valid until the
    // provider's next update; copy it to keep it.
    virtual const PreviewData& data(const QString& elementId) const = 0;
    // Asks for fresh results of every element on a page/overlay (asynchronous; emits updated per element).
    virtual void refresh(const QStringList& elementIds) = 0;
    virtual void cancelAll() = 0;
    // Cancels one element's query; false when it was not running or queued (or the provider cannot).
    virtual bool cancelElement(const QString& elementId) {
        (void)elementId;
        return false;
    }

signals:
    void updated(const QString& elementId);
    void queryFinished(const QString& elementId, const QString& sql, double milliseconds, const QString& status);
};

} // namespace quire::ide
