#pragma once
// Crash recovery files. Each IDE window autosaves its unsaved workbook to a file of its own in the recovery
// folder and holds an flock(2) on a companion ".lock" file while it lives. The kernel drops that lock however
// the process ends (kill -9 included), so a recovery file whose lock nobody holds was left by a session that
// did not close cleanly: the next start offers it. A recovery file is deleted only when its workbook was saved,
// when the user threw the changes away, or when the user chose to discard the recovered copy.
//
// A recovery file keeps the workbook as the text it was read from (or last saved as) plus the values set since
// (edit_log.h), not as a new text of the whole workbook: writing that text out took seconds on the UI thread for
// a 20,000-element workbook. Its bytes are made and written on a worker thread (recovery_writer.h).
#include "edit_log.h"

#include <quire/doc/document.h>
#include <quire/doc/io.h>

#include <QDateTime>
#include <QString>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace quire::ide {

struct RecoveryEntry {
    QString file;         // the recovery file
    QString documentPath; // absolute path of the workbook when it was autosaved ("" for an untitled one)
    QDateTime written;    // time of that autosave
};

// What one autosave writes: made on the UI thread without copying the workbook (shared immutable parts).
struct RecoverySnapshot {
    std::string path; // absolute, "" for an untitled workbook
    doc::Format format = doc::Format::Yaml;
    std::shared_ptr<const std::string> sourceText; // what a format-preserving save of the recovered workbook patches
    EditLog log;
    QDateTime written;
    std::uint64_t revision = 0; // the model's revision it shows (DocumentModel::revision)
};
RecoverySnapshot recoverySnapshot(const doc::Document& document, const EditLog& log, std::uint64_t revision);
// The recovery file's bytes (a JSON envelope); throws on a string the writer refuses (invalid UTF-8). Any thread.
std::string recoveryBytes(const RecoverySnapshot& snapshot);

// A recovered workbook and the log it continues (the next autosaves write the same base and more values).
struct RecoveredWorkbook {
    doc::Document document;
    EditLog log;
};

// The recovery folder: what sessions that ended without closing cleanly left behind.
class RecoveryStore {
public:
    explicit RecoveryStore(QString dir);
    static QString defaultDir(); // <AppDataLocation>/recovery, e.g. ~/.local/share/Quire/Quire/recovery
    const QString& dir() const { return dir_; }

    // Recovery files no running window is writing, newest first. Files that cannot be read are left alone.
    // Includes the single recovery.json of earlier versions (beside the folder).
    std::vector<RecoveryEntry> orphans() const;
    // The workbook kept in a recovery file (read with the same limits as opening a file); nullopt and why
    // when the file cannot be read or is not a recovery file.
    static std::optional<RecoveredWorkbook> load(const QString& file, QString* error);
    // Deletes an orphan and its lock file; false (nothing deleted) while a running window holds it.
    static bool remove(const QString& file);

private:
    QString dir_;
};

// One window's own recovery file: named and locked at the first write (or taken over from an orphan).
class RecoverySlot {
public:
    explicit RecoverySlot(QString dir);
    ~RecoverySlot(); // unlocks and keeps the file: an end without a clean shutdown leaves it to the next start
    RecoverySlot(const RecoverySlot&) = delete;
    RecoverySlot& operator=(const RecoverySlot&) = delete;

    // Replaces the recovery copy atomically, on this thread; false with the reason (disk full...), the previous
    // copy kept.
    bool write(const RecoverySnapshot& snapshot, QString* error);

    // A write in two steps, for a worker thread: open() names and locks the file (UI thread), commit() writes
    // the bytes (any thread) unless the slot was discarded since open(): a late write never brings back the
    // recovery file of work that was saved meanwhile.
    struct Ticket {
        QString file;
        std::uint64_t generation = 0;
        std::shared_ptr<struct RecoverySlotState> state;
    };
    std::optional<Ticket> open(const std::string& documentPath, QString* error);
    static bool commit(const Ticket& ticket, std::string_view bytes, QString* error);

    // Takes over an orphan (its workbook was just recovered): later writes replace it, discard() deletes it.
    bool adopt(const QString& file);
    // The work was saved or deliberately thrown away: deletes the file and drops the lock.
    void discard();
    // Stops writing here but keeps the file (unsaved work nobody said to throw away).
    void release();
    QString file() const { return file_; }
    bool isActive() const { return lockFd_ >= 0; }
    // The model revision the file holds (set after a write; 0 when not known): an unchanged workbook is not
    // written again.
    std::uint64_t writtenRevision() const { return writtenRevision_; }
    void noteWritten(const Ticket& ticket, std::uint64_t revision);

private:
    bool lock(const QString& file);

    QString dir_;
    QString file_;
    int lockFd_ = -1;
    std::uint64_t writtenRevision_ = 0;
    std::shared_ptr<struct RecoverySlotState> state_;
};

struct RecoverySlotState {
    std::mutex mutex;
    std::uint64_t generation = 0;
};

} // namespace quire::ide
