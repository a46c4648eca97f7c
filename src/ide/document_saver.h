#pragma once
// Save (Ctrl+S) without stalling the UI thread: the UI thread takes a snapshot of the open workbook
// (DocumentModel::beginSave: shared immutable parts, no copy of the tree) and a worker thread makes the text and
// writes the file (save_job.h); back on the UI thread the model records that the file holds the snapshot's
// state (DocumentModel::finishSave), while edits made meanwhile stay unsaved.
// One save at a time: no two writers on one file. A save asked for while one runs waits in a queue (the same
// request twice in a row is one) and takes its snapshot when it starts, so it writes the later edits.
// wait() runs every queued save to its end on the calling thread's behalf (closing, synchronous callers).
#include "document_model.h"
#include "save_job.h"

#include <QObject>
#include <QString>

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace quire::ide {

class DocumentSaver : public QObject {
    Q_OBJECT
public:
    struct Request {
        QString path; // "" = the document's own file and format when the save starts (after earlier Save As)
        doc::Format format = doc::Format::Yaml;
        bool quiet = false; // no dialog on failure (tests, callers that report themselves)
        bool operator==(const Request&) const = default;
    };
    struct Report {
        bool ok = false;
        QString path;
        doc::Format format = doc::Format::Yaml;
        QString error;       // why not
        QString reformatted; // why the file is in canonical style, if it is
        bool quiet = false;
        bool changedSince = false; // edits were made during the save: they are not in the file
    };

    explicit DocumentSaver(DocumentModel* model, QObject* parent = nullptr);
    ~DocumentSaver() override; // waits for the write under way (the file is then whole); queued saves are dropped

    // Starts the save now, or after the ones under way and queued.
    void request(Request request);
    bool busy() const { return working_ || !queue_.empty(); }
    // Blocks until every requested save has ended; the last one's report (ok when there was none).
    Report wait();

signals:
    void started(const QString& path); // a save's snapshot was taken; the worker writes it
    void finished(const DocumentSaver::Report& report); // on the UI thread (also from wait())

private:
    void startNext();
    void finish(std::uint64_t serial); // reports, starts the next one

    DocumentModel* model_;
    std::deque<Request> queue_;
    std::thread worker_; // joined when the next save starts (or by wait()): the report does not wait for its exit
    bool working_ = false; // a save's worker has not reported yet
    std::uint64_t serial_ = 0; // of the save under way
    Request running_;
    SaveSnapshot snapshot_; // read by the worker until it ends
    DocumentModel::SaveTicket ticket_;
    std::mutex resultMutex_;
    SaveOutcome result_;
    Report last_{true, {}, doc::Format::Yaml, {}, {}, false, false};
};

} // namespace quire::ide
