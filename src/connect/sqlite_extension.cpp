#include <quire/connect/sqlite_extension.h>

#include <quire/connect/connection_profile.h>

#include <filesystem>
#include <system_error>

namespace quire::connect {

std::optional<std::string> sqliteExtensionPath() {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return std::nullopt;
    const fs::path prefix = exe.parent_path().parent_path();
    for (const fs::path& dir : {prefix / "lib" / "quire", prefix / QUIRE_INSTALL_LIBDIR / "quire"}) {
        const fs::path candidate = dir / kSqliteExtensionFile;
        if (fs::is_regular_file(candidate, ec)) return fs::weakly_canonical(candidate, ec).string();
    }
    return std::nullopt;
}

std::string sqliteConnectionString(const std::string& databasePath) {
    std::string out = "Driver=SQLite3;Database=" + odbcAttributeValue(databasePath) + ";";
    if (auto ext = sqliteExtensionPath()) out += "LoadExt=" + odbcAttributeValue(*ext) + ";";
    return out;
}

} // namespace quire::connect
