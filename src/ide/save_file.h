#pragma once
// Writing a whole file so that it either holds every byte or stays as it was: the bytes go to a temporary file
// beside the target (QSaveFile), are flushed and fsync'ed with every error checked, and only then renamed over
// the target. QSaveFile alone reports success when the final flush of its buffer fails (a full disk at commit
// time), renaming a truncated file over the old one; this checks that flush itself.
#include <QString>

#include <string_view>

namespace quire::ide {

// false with the reason (disk full, permission, a target that is not a regular file...); the target untouched.
bool writeFileSafely(const QString& path, std::string_view bytes, QString* error);

} // namespace quire::ide
