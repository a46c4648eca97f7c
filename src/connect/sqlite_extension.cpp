#include <quire/connect/sqlite_extension.h>

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

namespace {
// ODBC attribute value: braced (with '}' doubled) only when it holds ; { } = or edge spaces, as the profiles do.
std::string attribute(const std::string& v) {
    const bool needs = v.find_first_of(";{}=") != std::string::npos || (!v.empty() && (v.front() == ' ' || v.back() == ' '));
    if (!needs) return v;
    std::string out = "{";
    for (char c : v) {
        out.push_back(c);
        if (c == '}') out.push_back('}');
    }
    return out + "}";
}
} // namespace

std::string sqliteConnectionString(const std::string& databasePath) {
    std::string out = "Driver=SQLite3;Database=" + attribute(databasePath) + ";";
    if (auto ext = sqliteExtensionPath()) out += "LoadExt=" + attribute(*ext) + ";";
    return out;
}

} // namespace quire::connect
