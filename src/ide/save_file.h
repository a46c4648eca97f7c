#pragma once
// Writing a whole file so that it either holds every byte or stays as it was: a Qt-facing adapter over
// quire::writeFileAtomically (include/quire/core/file_io.h), the project's one atomic writer.
#include <QString>

#include <string_view>

namespace quire::ide {

// false with the reason (disk full, permission, a target that is not a regular file...); the target untouched.
bool writeFileSafely(const QString& path, std::string_view bytes, QString* error);

} // namespace quire::ide
