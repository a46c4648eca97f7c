#include <quire/core/file_io.h>
#include <quire/core/rules.h>
#include <quire/doc/io.h>
#include <quire/publish/body.h>
#include <quire/publish/history.h>
#include <quire/publish/project.h>

#include "limited_json.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QProcess>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace quire::publish {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxLogBytes = std::size_t(256) << 20;
constexpr std::size_t kMaxObjectBytes = std::size_t(1) << 30;

std::string field(const Json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Json toJson(const HistoryEntry& e) {
    Json j = Json::object();
    j["file"] = e.file;
    j["who"] = e.who;
    j["when"] = e.when;
    j["environment"] = e.environment.empty() ? Json() : Json(e.environment);
    j["action"] = e.action;
    j["workbookId"] = e.workbookId;
    j["hash"] = e.hash;
    j["documentVersion"] = e.documentVersion ? Json(*e.documentVersion) : Json();
    j["tag"] = e.tag.empty() ? Json() : Json(e.tag);
    if (!e.from.empty()) j["from"] = e.from;
    return j;
}

// A repository could make .quire/history (or a log, or the objects folder) a symlink to a file elsewhere, e.g.
// one in the user's home; the history is only written through real directories and files.
void refuseSymlinks(const std::string& root, const fs::path& target) {
    std::error_code ec;
    fs::path at = fs::path(root);
    for (const fs::path& part : fs::path(target).lexically_relative(root)) {
        at /= part;
        if (fs::is_symlink(fs::symlink_status(at, ec)))
            throw std::runtime_error(at.string() + " is a symbolic link; the publish history is only written to real files");
    }
}

} // namespace

std::string sha256Hex(std::string_view bytes) {
    return QCryptographicHash::hash(QByteArrayView(bytes.data(), qsizetype(bytes.size())), QCryptographicHash::Sha256)
        .toHex()
        .toStdString();
}

bool isSha256Hex(const std::string& text) {
    return text.size() == 64 &&
           std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string utcNow() {
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString();
}

std::string currentPublisher(const std::string& dir) {
    QProcess git;
    git.setWorkingDirectory(QString::fromStdString(dir));
    git.start("git", {"var", "GIT_AUTHOR_IDENT"});
    if (git.waitForStarted(5000) && git.waitForFinished(10000) && git.exitStatus() == QProcess::NormalExit && git.exitCode() == 0) {
        // "Name <email> 1733400000 +0100": drop the timestamp and zone.
        std::string ident = git.readAllStandardOutput().trimmed().toStdString();
        const auto close = ident.rfind('>');
        if (close != std::string::npos && ident.size() < 1024) return ident.substr(0, close + 1);
    }
    if (git.state() != QProcess::NotRunning) {
        git.kill();
        git.waitForFinished(1000);
    }
    for (const char* name : {"USER", "USERNAME", "LOGNAME"})
        if (const char* value = std::getenv(name); value && *value) return value;
    return "unknown";
}

std::string historyRootFor(const std::string& workbookPath, const std::string& projectRoot) {
    if (!projectRoot.empty()) return projectRoot;
    std::string dir = fs::path(workbookPath).parent_path().string();
    if (dir.empty()) dir = ".";
    if (auto project = findProjectFile(dir)) { // its directory, whether or not the file is valid
        const std::string root = fs::path(*project).parent_path().string();
        return root.empty() ? "." : root;
    }
    if (auto repository = findRepositoryRoot(dir)) return *repository;
    return dir;
}

std::string History::logPathFor(const std::string& workbookPath) const {
    return (fs::path(root) / ".quire" / "history" / (fs::path(workbookPath).stem().string() + ".jsonl")).string();
}

std::string History::objectPath(const std::string& hash) const {
    return (fs::path(root) / ".quire" / "history" / "objects" / hash).string();
}

std::string History::storeObject(const std::string& body) const {
    const std::string hash = sha256Hex(body);
    const std::string path = objectPath(hash);
    refuseSymlinks(root, path);
    if (auto existing = loadObject(hash); existing) return hash; // content-addressed: already stored
    fs::create_directories(fs::path(path).parent_path());
    writeFileAtomically(path, body);
    return hash;
}

Expected<std::string> History::loadObject(const std::string& hash) const {
    if (!isSha256Hex(hash)) return makeDiagnostic("history/object", "'" + hash.substr(0, 80) + "' is not a SHA-256 object name");
    FileReadResult read = readFileBounded(objectPath(hash), kMaxObjectBytes);
    if (!read.ok()) return makeDiagnostic("history/object", "cannot read " + objectPath(hash) + ": " + read.message, {}, {objectPath(hash), 0, 0});
    if (sha256Hex(read.bytes) != hash)
        return makeDiagnostic("history/object", objectPath(hash) + " does not match its hash (edited or damaged)", {}, {objectPath(hash), 0, 0});
    return std::move(read.bytes);
}

// A file relative to the root, with '/' separators, so the record reads the same on every machine.
static std::string relativeFile(const std::string& root, const std::string& workbookPath) {
    std::error_code ec;
    const fs::path absolute = fs::weakly_canonical(fs::absolute(workbookPath, ec), ec);
    const fs::path base = fs::weakly_canonical(fs::absolute(root, ec), ec);
    fs::path relative = absolute.lexically_relative(base);
    if (relative.empty() || *relative.begin() == "..") relative = absolute;
    return relative.generic_string();
}

void History::append(const std::string& workbookPath, HistoryEntry entry) const {
    entry.file = relativeFile(root, workbookPath);
    const std::string path = logPathFor(workbookPath);
    refuseSymlinks(root, path);
    fs::create_directories(fs::path(path).parent_path());
    std::string log;
    if (fs::exists(path)) {
        FileReadResult read = readFileBounded(path, kMaxLogBytes);
        if (!read.ok()) throw std::runtime_error("cannot read " + path + ": " + read.message);
        log = std::move(read.bytes);
        if (!log.empty() && log.back() != '\n') log += '\n';
    }
    log += toJson(entry).dump() + "\n";
    writeFileAtomically(path, log);
}

std::vector<HistoryEntry> History::read(const std::string& workbookPath, std::vector<Diagnostic>* problems) const {
    std::vector<HistoryEntry> out;
    const std::string path = logPathFor(workbookPath);
    if (!fs::exists(path)) return out;
    auto problem = [&](int line, const std::string& message) {
        if (problems) problems->push_back(Diagnostic{Severity::Warning, RuleCode("history/bad-line"), message, "", SourceLocation{path, line, 1}, std::nullopt});
    };
    FileReadResult read = readFileBounded(path, kMaxLogBytes);
    if (!read.ok()) {
        problem(0, "cannot read the history: " + read.message);
        return out;
    }
    const std::string file = relativeFile(root, workbookPath);
    std::size_t start = 0;
    for (int line = 1; start < read.bytes.size(); ++line) {
        std::size_t end = read.bytes.find('\n', start);
        if (end == std::string::npos) end = read.bytes.size();
        const std::string_view text(read.bytes.data() + start, end - start);
        start = end + 1;
        if (text.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        detail::LimitedJson parsed = detail::parseLimitedObject(text);
        if (!parsed.value) {
            problem(line, "not a history record: " + parsed.problem);
            continue;
        }
        const Json& j = *parsed.value;
        HistoryEntry e;
        e.file = field(j, "file");
        e.who = field(j, "who");
        e.when = field(j, "when");
        e.environment = field(j, "environment");
        e.action = field(j, "action");
        e.workbookId = field(j, "workbookId");
        e.hash = field(j, "hash");
        e.documentVersion = documentVersionOf(j);
        e.tag = field(j, "tag");
        e.from = field(j, "from");
        if (!isSha256Hex(e.hash) || e.workbookId.empty()) {
            problem(line, "a history record needs a SHA-256 `hash` and a `workbookId`");
            continue;
        }
        if (e.file != file) continue; // another workbook with the same file stem
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace quire::publish
