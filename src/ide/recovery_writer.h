#pragma once
// The autosave's writer: makes a recovery file's bytes and writes them on a worker thread, so that the UI
// thread only takes a snapshot (recovery_store.h: shared immutable parts, no copy of the workbook). One write
// at a time, in order; a snapshot posted while one is written waits for it, and only the newest waits.
#include "recovery_store.h"

#include <QObject>
#include <QString>

#include <cstdint>
#include <mutex>
#include <optional>
#include <thread>

namespace quire::ide {

class RecoveryWriter : public QObject {
    Q_OBJECT
public:
    explicit RecoveryWriter(RecoverySlot* slot, QObject* parent = nullptr);
    ~RecoveryWriter() override; // waits for the write under way (the slot's file is then whole)

    // Starts writing the snapshot (or queues it behind the write under way). false with the reason when the
    // slot's file cannot be created or locked (nothing is written then).
    bool post(RecoverySnapshot snapshot, QString* error);
    bool busy() const { return worker_.joinable(); }
    // Blocks until every posted snapshot is written; the result of the last write (true when there was none).
    bool wait(QString* error = nullptr);

signals:
    // A write ended, on the UI thread (also from wait()).
    void written(bool ok, const QString& error);

private:
    struct Job {
        RecoverySnapshot snapshot;
        RecoverySlot::Ticket ticket;
    };
    void start(Job job);
    void finish(std::uint64_t serial); // joins the worker, reports, starts the waiting job

    RecoverySlot* slot_;
    std::thread worker_;
    std::uint64_t serial_ = 0; // of the job under way
    RecoverySlot::Ticket running_;
    std::uint64_t runningRevision_ = 0;
    std::optional<Job> waiting_;
    std::mutex resultMutex_;
    bool resultOk_ = true;
    QString resultError_;
    bool lastOk_ = true;
    QString lastError_;
};

} // namespace quire::ide
