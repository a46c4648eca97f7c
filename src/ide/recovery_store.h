#pragma once
// Crash recovery files. Each IDE window autosaves its unsaved workbook to a file of its own in the recovery
// folder and holds an flock(2) on a companion ".lock" file while it lives. The kernel drops that lock however
// the process ends (kill -9 included), so a recovery file whose lock nobody holds was left by a session that
// did not close cleanly: the next start offers it. A recovery file is deleted only when its workbook was saved,
// when the user threw the changes away, or when the user chose to discard the recovered copy.
#include <quire/doc/document.h>
#include <quire/doc/io.h>

#include <QDateTime>
#include <QString>

#include <optional>
#include <vector>

namespace quire::ide {

struct RecoveryEntry {
    QString file;         // the recovery file
    QString documentPath; // absolute path of the workbook when it was autosaved ("" for an untitled one)
    QDateTime written;    // time of that autosave
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
    static std::optional<doc::Document> load(const QString& file, QString* error);
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

    // Replaces the recovery copy atomically; false with the reason (disk full...), the previous copy kept.
    bool write(const doc::Document& document, QString* error);
    // Takes over an orphan (its workbook was just recovered): later writes replace it, discard() deletes it.
    bool adopt(const QString& file);
    // The work was saved or deliberately thrown away: deletes the file and drops the lock.
    void discard();
    // Stops writing here but keeps the file (unsaved work nobody said to throw away).
    void release();
    QString file() const { return file_; }
    bool isActive() const { return lockFd_ >= 0; }

private:
    bool lock(const QString& file);

    QString dir_;
    QString file_;
    int lockFd_ = -1;
};

} // namespace quire::ide
