#include "save_file.h"

#include <QFileInfo>
#include <QObject>
#include <QSaveFile>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace quire::ide {

bool writeFileSafely(const QString& path, std::string_view bytes, QString* error) {
    // QSaveFile follows a symlink and renames its temporary file over the target: never do that to a device or
    // a pipe (a workbook path that resolves to /dev/full, say).
    if (const QFileInfo target(path); target.exists() && !target.isFile()) {
        *error = QObject::tr("%1 is not a regular file").arg(target.canonicalFilePath());
        return false;
    }
    QSaveFile file(path);
    // Unbuffered: every write reaches the file engine here, where a failure is seen (and not only in the flush
    // at commit(), whose failure QSaveFile ignores).
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) {
        *error = file.errorString();
        return false;
    }
    if (file.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size()) || !file.flush() ||
        file.error() != QFileDevice::NoError) {
        *error = file.errorString();
        file.cancelWriting();
        return false; // the destructor removes the temporary file
    }
    // Delayed allocation can report a full disk only when the data is synced; QSaveFile ignores that result.
    if (::fsync(file.handle()) != 0 && errno != EINVAL && errno != EROFS) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace quire::ide
