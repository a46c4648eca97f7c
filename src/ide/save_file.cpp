#include "save_file.h"

#include <quire/core/file_io.h>

#include <QFile>

#include <stdexcept>

namespace quire::ide {

// The one atomic writer of the project (src/core/file_io.cpp): symlinks followed to their target, special files
// refused, modes kept, every write, the fsync and the rename checked, the temporary removed on failure. Qt's
// QSaveFile is not used: it reports success when the flush at commit() fails (a full disk), renaming a truncated
// file over the workbook, and it replaces device nodes and pipes behind a symlink with regular files.
bool writeFileSafely(const QString& path, std::string_view bytes, QString* error) {
    try {
        writeFileAtomically(QFile::encodeName(path).toStdString(), bytes);
        return true;
    } catch (const std::exception& e) {
        if (error) *error = QString::fromLocal8Bit(e.what());
        return false;
    }
}

} // namespace quire::ide
