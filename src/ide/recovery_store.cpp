#include "recovery_store.h"

#include "save_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUuid>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace quire::ide {

namespace {

QString lockPathOf(const QString& file) { return file + ".lock"; }

// True while another open file description (another window, another process) holds the lock.
bool lockedByOther(const QString& file) {
    const int fd = ::open(QFile::encodeName(lockPathOf(file)).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false; // no lock file: nobody writes here (or an earlier version's file)
    const bool held = ::flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    ::close(fd); // closing drops the lock if we just took it
    return held;
}

// The recovery file's JSON envelope, read through the document reader (size and depth limits).
std::optional<Json> readEnvelope(const QString& file, QString* error) {
    auto bytes = doc::readFileBytes(QFile::encodeName(file).toStdString());
    if (!bytes) {
        *error = QString::fromStdString(bytes.message());
        return std::nullopt;
    }
    auto parsed = doc::parseDocument(*bytes, doc::Format::Json, file.toStdString());
    if (!parsed.document) {
        *error = parsed.diagnostics.empty() ? QStringLiteral("unreadable")
                                            : QString::fromStdString(formatDiagnostic(parsed.diagnostics.front()));
        return std::nullopt;
    }
    Json& envelope = parsed.document->root;
    const bool text = envelope.contains("text") && envelope["text"].is_string();
    const bool legacy = envelope.contains("document") && envelope["document"].is_object(); // before per-window files
    if (!text && !legacy) {
        *error = QStringLiteral("not a Quire recovery file");
        return std::nullopt;
    }
    return std::move(envelope);
}

QString stringField(const Json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

doc::Format formatField(const Json& envelope) {
    return stringField(envelope, "format") == "json" ? doc::Format::Json : doc::Format::Yaml;
}

// A readable file name for the workbook: "marketing-3f2a9c1d0b4e.json".
QString slotName(const std::string& documentPath) {
    QString stem = QFileInfo(QString::fromStdString(documentPath)).completeBaseName();
    stem.replace(QRegularExpression("[^A-Za-z0-9._-]"), "_");
    if (stem.isEmpty()) stem = "untitled";
    return stem.left(40) + "-" + QUuid::createUuid().toString(QUuid::Id128).left(12) + ".json";
}

} // namespace

RecoveryStore::RecoveryStore(QString dir) : dir_(std::move(dir)) {}

QString RecoveryStore::defaultDir() {
    QString base = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (base.isEmpty()) base = QDir::tempPath() + "/quire";
    return base + "/recovery";
}

std::vector<RecoveryEntry> RecoveryStore::orphans() const {
    QStringList candidates;
    const QDir dir(dir_);
    for (const QString& name : dir.entryList({"*.json"}, QDir::Files)) candidates << dir.filePath(name);
    const QString legacy = QFileInfo(dir_).absolutePath() + "/recovery.json";
    if (QFileInfo::exists(legacy)) candidates << legacy;

    std::vector<RecoveryEntry> entries;
    for (const QString& file : candidates) {
        if (lockedByOther(file)) continue;
        QString error;
        const auto envelope = readEnvelope(file, &error);
        if (!envelope) continue;
        RecoveryEntry entry;
        entry.file = file;
        entry.documentPath = stringField(*envelope, "path");
        entry.written = QDateTime::fromString(stringField(*envelope, "written"), Qt::ISODate);
        if (!entry.written.isValid()) entry.written = QFileInfo(file).lastModified();
        entries.push_back(std::move(entry));
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const RecoveryEntry& a, const RecoveryEntry& b) { return a.written > b.written; });
    return entries;
}

std::optional<doc::Document> RecoveryStore::load(const QString& file, QString* error) {
    const auto envelope = readEnvelope(file, error);
    if (!envelope) return std::nullopt;
    const std::string path = stringField(*envelope, "path").toStdString();
    const doc::Format format = formatField(*envelope);
    if (!envelope->contains("text")) { // earlier versions kept the JSON tree itself
        doc::Document document;
        document.root = (*envelope)["document"];
        document.path = path;
        document.format = format;
        return document;
    }
    auto loaded = doc::parseDocument((*envelope)["text"].get<std::string>(), format, path);
    if (!loaded.document) {
        *error = loaded.diagnostics.empty() ? QStringLiteral("unreadable")
                                            : QString::fromStdString(formatDiagnostic(loaded.diagnostics.front()));
        return std::nullopt;
    }
    loaded.document->path = path;
    loaded.document->format = format;
    if (auto source = envelope->find("sourceText"); source != envelope->end() && source->is_string())
        loaded.document->sourceText = std::make_shared<const std::string>(source->get<std::string>());
    return std::move(loaded.document);
}

bool RecoveryStore::remove(const QString& file) {
    if (lockedByOther(file)) return false;
    QFile::remove(file);
    QFile::remove(lockPathOf(file));
    return true;
}

RecoverySlot::RecoverySlot(QString dir) : dir_(std::move(dir)) {}

RecoverySlot::~RecoverySlot() { release(); }

bool RecoverySlot::lock(const QString& file) {
    const int fd = ::open(QFile::encodeName(lockPathOf(file)).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return false;
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        return false;
    }
    lockFd_ = fd;
    file_ = file;
    return true;
}

bool RecoverySlot::write(const doc::Document& document, QString* error) {
    std::string bytes;
    try {
        // Absolute, so a start from another directory still finds the workbook it belongs to.
        const QString absolute = QFileInfo(QString::fromStdString(document.path)).absoluteFilePath();
        const std::string path = document.path.empty() ? std::string() : absolute.toStdString();
        Json envelope = {{"quireRecovery", 1},
                         {"path", path},
                         {"format", document.format == doc::Format::Json ? "json" : "yaml"},
                         {"written", QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString()},
                         {"text", doc::saveDocument(document, document.format)}};
        // The file's text as last loaded or saved: a recovered workbook is saved format-preserving against it.
        if (document.sourceText) envelope["sourceText"] = *document.sourceText;
        bytes = envelope.dump();
    } catch (const std::exception& e) { // text the writer refuses (e.g. invalid UTF-8 in a string)
        *error = QString::fromUtf8(e.what());
        return false;
    }
    if (!isActive()) {
        if (!QDir().mkpath(dir_)) {
            *error = QStringLiteral("cannot create %1").arg(dir_);
            return false;
        }
        if (!lock(QDir(dir_).filePath(slotName(document.path)))) {
            *error = QStringLiteral("cannot create a lock file in %1: %2")
                         .arg(dir_, QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
    }
    return writeFileSafely(file_, bytes, error); // the previous copy stays unless this one is whole
}

bool RecoverySlot::adopt(const QString& file) {
    release();
    return lock(file);
}

void RecoverySlot::discard() {
    if (!isActive()) return;
    QFile::remove(file_);
    QFile::remove(lockPathOf(file_));
    release();
}

void RecoverySlot::release() {
    if (lockFd_ >= 0) ::close(lockFd_);
    lockFd_ = -1;
    file_.clear();
}

} // namespace quire::ide
