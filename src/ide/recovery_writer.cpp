#include "recovery_writer.h"

#include <exception>
#include <utility>

namespace quire::ide {

RecoveryWriter::RecoveryWriter(RecoverySlot* slot, QObject* parent) : QObject(parent), slot_(slot) {}

RecoveryWriter::~RecoveryWriter() {
    waiting_.reset(); // newer edits than the write under way are lost only as they would be by a crash now
    if (worker_.joinable()) worker_.join();
}

bool RecoveryWriter::post(RecoverySnapshot snapshot, QString* error) {
    auto ticket = slot_->open(snapshot.path, error);
    if (!ticket) return false;
    Job job{std::move(snapshot), std::move(*ticket)};
    if (busy()) waiting_ = std::move(job);
    else start(std::move(job));
    return true;
}

void RecoveryWriter::start(Job job) {
    const std::uint64_t serial = ++serial_;
    running_ = job.ticket;
    runningRevision_ = job.snapshot.revision;
    worker_ = std::thread([this, serial, job = std::move(job)] {
        QString error;
        bool ok = false;
        try {
            const std::string bytes = recoveryBytes(job.snapshot);
            ok = RecoverySlot::commit(job.ticket, bytes, &error);
        } catch (const std::exception& e) { // text the writer refuses (e.g. invalid UTF-8 in a string)
            error = QString::fromUtf8(e.what());
        }
        {
            std::lock_guard<std::mutex> guard(resultMutex_);
            resultOk_ = ok;
            resultError_ = error;
        }
        // Dropped with this object if it is destroyed first (its destructor joins this thread).
        QMetaObject::invokeMethod(this, [this, serial] { finish(serial); }, Qt::QueuedConnection);
    });
}

void RecoveryWriter::finish(std::uint64_t serial) {
    if (serial != serial_ || !worker_.joinable()) return; // already finished by wait()
    worker_.join();
    {
        std::lock_guard<std::mutex> guard(resultMutex_);
        lastOk_ = resultOk_;
        lastError_ = resultError_;
    }
    if (lastOk_) slot_->noteWritten(running_, runningRevision_);
    emit written(lastOk_, lastError_);
    if (waiting_) {
        Job next = std::move(*waiting_);
        waiting_.reset();
        start(std::move(next));
    }
}

bool RecoveryWriter::wait(QString* error) {
    while (busy()) finish(serial_);
    if (error) *error = lastError_;
    return lastOk_;
}

} // namespace quire::ide
