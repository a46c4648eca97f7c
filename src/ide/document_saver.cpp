#include "document_saver.h"

#include "save_file.h"

#include <exception>
#include <utility>

namespace quire::ide {

DocumentSaver::DocumentSaver(DocumentModel* model, QObject* parent) : QObject(parent), model_(model) {}

DocumentSaver::~DocumentSaver() {
    queue_.clear();
    if (worker_.joinable()) worker_.join();
}

void DocumentSaver::request(Request request) {
    if (!queue_.empty() && queue_.back() == request) return; // already waiting: it will write the latest state
    queue_.push_back(std::move(request));
    if (!working_) startNext();
}

void DocumentSaver::startNext() {
    if (queue_.empty()) return;
    if (worker_.joinable()) worker_.join(); // the previous save's thread, which ended after its report
    running_ = std::move(queue_.front());
    queue_.pop_front();
    if (running_.path.isEmpty()) { // the document's own file, as it is now (a Save As before may have changed it)
        running_.path = model_->filePath();
        running_.format = model_->format();
    }
    ticket_ = model_->beginSave();
    snapshot_ = SaveSnapshot{running_.path, running_.format, ticket_.sourceText, ticket_.sourceFormat, ticket_.documentPath, ticket_.log};
    const std::uint64_t serial = ++serial_;
    emit started(running_.path);
    working_ = true;
    worker_ = std::thread([this, serial] {
        SaveOutcome outcome = runSave(snapshot_);
        {
            std::lock_guard<std::mutex> guard(resultMutex_);
            result_ = std::move(outcome);
        }
        // Dropped with this object if it is destroyed first (its destructor joins this thread). The result is
        // set before: the report need not join this thread (under load its exit can take tens of ms).
        QMetaObject::invokeMethod(this, [this, serial] { finish(serial); }, Qt::QueuedConnection);
    });
}

void DocumentSaver::finish(std::uint64_t serial) {
    if (serial != serial_ || !working_) return; // already finished by wait()
    working_ = false;
    SaveOutcome outcome;
    {
        std::lock_guard<std::mutex> guard(resultMutex_);
        outcome = std::move(result_);
    }
    snapshot_ = {};
    Report report;
    report.path = running_.path;
    report.format = running_.format;
    report.quiet = running_.quiet;
    if (outcome.ok) {
        report.ok = true;
        report.reformatted = outcome.reformatted;
        report.changedSince = model_->finishSave(ticket_, running_.path, running_.format, std::move(outcome.text));
    } else if (outcome.rebuildFailed) {
        // The edit log does not rebuild the tree (it always should: this is a safety net): the tree at hand is
        // saved on this thread, as before saves had a worker, with whatever was edited since.
        model_->abandonSave(ticket_);
        std::string bytes;
        try {
            bytes = saveText(model_->document(), running_.format, &report.reformatted);
            report.ok = writeFileSafely(running_.path, bytes, &report.error);
        } catch (const std::exception& e) {
            report.error = QString::fromUtf8(e.what());
        }
        if (report.ok) model_->markSaved(running_.path, running_.format, std::move(bytes));
    } else {
        report.error = outcome.error;
        model_->abandonSave(ticket_);
    }
    ticket_ = {};
    last_ = report;
    emit finished(report);
    if (!working_) startNext(); // unless a handler of `finished` started one (wait() runs the queue)
}

DocumentSaver::Report DocumentSaver::wait() {
    while (busy()) {
        if (working_) {
            worker_.join(); // its result is then set
            finish(serial_);
        } else {
            startNext();
        }
    }
    return last_;
}

} // namespace quire::ide
