#pragma once
// The Quire SQLite extension (src/sqlite_ext: regular expressions, SplitPart, Median, StdDev ... for the embedded
// engine) is a loadable module that ships with the program. Its path is found here, relative to the running
// executable, never taken from a workbook, a connections file or a repository: <exe dir>/../lib/quire/ (the build
// tree and `cmake --install`), or the install libdir under the same prefix.
#include <optional>
#include <string>

namespace quire::connect {

inline constexpr const char* kSqliteExtensionFile = "quire_sqlite.so";

// The extension's absolute path, or nullopt when it is not installed next to the program.
std::optional<std::string> sqliteExtensionPath();

// An ODBC connection string for a SQLite database file through the SQLite3 driver, with the extension loaded
// (LoadExt=) when it is found.
std::string sqliteConnectionString(const std::string& databasePath);

} // namespace quire::connect
