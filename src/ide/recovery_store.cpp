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
#include <cstdio>
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
    const bool log = envelope.contains("base") && envelope["base"].is_object() && envelope.contains("edits") &&
                     envelope["edits"].is_array();
    const bool text = envelope.contains("text") && envelope["text"].is_string(); // before the edit log
    const bool legacy = envelope.contains("document") && envelope["document"].is_object(); // before per-window files
    if (!log && !text && !legacy) {
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

const char* formatName(doc::Format format) { return format == doc::Format::Json ? "json" : "yaml"; }

// The edit log of a recovery file: its base ({"sourceText": true}, {"text": ...} or {"tree": ...}) and edits.
std::optional<EditLog> readLog(const Json& envelope, const std::shared_ptr<const std::string>& sourceText, QString* error) {
    EditLog log;
    const Json& base = envelope["base"];
    log.baseFormat = formatField(base);
    if (auto text = base.find("text"); text != base.end() && text->is_string()) {
        log.baseText = std::make_shared<const std::string>(text->get<std::string>());
    } else if (auto tree = base.find("tree"); tree != base.end()) {
        log.baseTree = std::make_shared<const Json>(*tree);
    } else if (base.value("sourceText", false) && sourceText) {
        log.baseText = sourceText;
    } else {
        *error = QStringLiteral("the recovery file has no base document");
        return std::nullopt;
    }
    for (const Json& edit : envelope["edits"]) {
        auto pointer = edit.is_object() ? edit.find("pointer") : edit.end();
        if (pointer == edit.end() || !pointer->is_string()) {
            *error = QStringLiteral("the recovery file has an edit without a pointer");
            return std::nullopt;
        }
        auto value = edit.find("value");
        log.entries.push_back({pointer->get<std::string>(), value == edit.end() ? nullptr : std::make_shared<const Json>(*value)});
    }
    return log;
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

std::optional<RecoveredWorkbook> RecoveryStore::load(const QString& file, QString* error) {
    const auto envelope = readEnvelope(file, error);
    if (!envelope) return std::nullopt;
    RecoveredWorkbook recovered;
    doc::Document& document = recovered.document;
    document.path = stringField(*envelope, "path").toStdString();
    document.format = formatField(*envelope);
    if (auto source = envelope->find("sourceText"); source != envelope->end() && source->is_string())
        document.sourceText = std::make_shared<const std::string>(source->get<std::string>());
    if (envelope->contains("edits")) {
        auto log = readLog(*envelope, document.sourceText, error);
        if (!log) return std::nullopt;
        std::string why;
        auto root = log->replay(&why);
        if (!root) {
            *error = QString::fromStdString(why);
            return std::nullopt;
        }
        document.root = std::move(*root);
        recovered.log = std::move(*log);
        return recovered;
    }
    if (!envelope->contains("text")) { // earlier versions kept the JSON tree itself
        document.root = (*envelope)["document"];
        return recovered;
    }
    auto loaded = doc::parseDocument((*envelope)["text"].get<std::string>(), document.format, document.path);
    if (!loaded.document) {
        *error = loaded.diagnostics.empty() ? QStringLiteral("unreadable")
                                            : QString::fromStdString(formatDiagnostic(loaded.diagnostics.front()));
        return std::nullopt;
    }
    document.root = std::move(loaded.document->root);
    return recovered;
}

bool RecoveryStore::remove(const QString& file) {
    if (lockedByOther(file)) return false;
    QFile::remove(file);
    QFile::remove(lockPathOf(file));
    return true;
}

RecoverySnapshot recoverySnapshot(const doc::Document& document, const EditLog& log, std::uint64_t revision) {
    RecoverySnapshot snapshot;
    // Absolute, so a start from another directory still finds the workbook it belongs to.
    if (!document.path.empty())
        snapshot.path = QFileInfo(QString::fromStdString(document.path)).absoluteFilePath().toStdString();
    snapshot.format = document.format;
    snapshot.sourceText = document.sourceText;
    snapshot.log = log;
    snapshot.written = QDateTime::currentDateTimeUtc();
    snapshot.revision = revision;
    return snapshot;
}

std::string recoveryBytes(const RecoverySnapshot& snapshot) {
    const EditLog& log = snapshot.log;
    Json base = {{"format", formatName(log.baseFormat)}};
    if (log.baseText && log.baseText == snapshot.sourceText) base["sourceText"] = true; // not kept twice
    else if (log.baseText) base["text"] = *log.baseText;
    else if (log.baseTree) base["tree"] = *log.baseTree;
    Json edits = Json::array();
    for (const EditLog::Entry& entry : log.entries) {
        Json edit = {{"pointer", entry.pointer}};
        if (entry.value) edit["value"] = *entry.value;
        edits.push_back(std::move(edit));
    }
    Json envelope = {{"quireRecovery", 2},
                     {"path", snapshot.path},
                     {"format", formatName(snapshot.format)},
                     {"written", snapshot.written.toString(Qt::ISODateWithMs).toStdString()}};
    // The file's text as last loaded or saved: a recovered workbook is saved format-preserving against it.
    if (snapshot.sourceText) envelope["sourceText"] = *snapshot.sourceText;
    envelope["base"] = std::move(base);
    envelope["edits"] = std::move(edits);
    return envelope.dump();
}

RecoverySlot::RecoverySlot(QString dir) : dir_(std::move(dir)), state_(std::make_shared<RecoverySlotState>()) {}

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

std::optional<RecoverySlot::Ticket> RecoverySlot::open(const std::string& documentPath, QString* error) {
    if (!isActive()) {
        if (!QDir().mkpath(dir_)) {
            *error = QStringLiteral("cannot create %1").arg(dir_);
            return std::nullopt;
        }
        if (!lock(QDir(dir_).filePath(slotName(documentPath)))) {
            *error = QStringLiteral("cannot create a lock file in %1: %2")
                         .arg(dir_, QString::fromLocal8Bit(std::strerror(errno)));
            return std::nullopt;
        }
    }
    std::lock_guard<std::mutex> guard(state_->mutex);
    return Ticket{file_, state_->generation, state_};
}

bool RecoverySlot::commit(const Ticket& ticket, std::string_view bytes, QString* error) {
    // Written whole beside the file first (the previous copy stays unless this one is whole), then renamed over
    // it only if the slot was not discarded meanwhile.
    const QString next = ticket.file + ".next";
    if (!writeFileSafely(next, bytes, error)) return false;
    std::lock_guard<std::mutex> guard(ticket.state->mutex);
    if (ticket.generation != ticket.state->generation) {
        QFile::remove(next);
        return true; // the work was saved or thrown away meanwhile: nothing to recover
    }
    if (::rename(QFile::encodeName(next).constData(), QFile::encodeName(ticket.file).constData()) != 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        QFile::remove(next);
        return false;
    }
    return true;
}

bool RecoverySlot::write(const RecoverySnapshot& snapshot, QString* error) {
    std::string bytes;
    try {
        bytes = recoveryBytes(snapshot);
    } catch (const std::exception& e) { // text the writer refuses (e.g. invalid UTF-8 in a string)
        *error = QString::fromUtf8(e.what());
        return false;
    }
    auto ticket = open(snapshot.path, error);
    if (!ticket || !commit(*ticket, bytes, error)) return false;
    noteWritten(*ticket, snapshot.revision);
    return true;
}

void RecoverySlot::noteWritten(const Ticket& ticket, std::uint64_t revision) {
    std::lock_guard<std::mutex> guard(state_->mutex);
    if (ticket.state == state_ && ticket.generation == state_->generation && ticket.file == file_) writtenRevision_ = revision;
}

bool RecoverySlot::adopt(const QString& file) {
    release();
    return lock(file);
}

void RecoverySlot::discard() {
    {
        std::lock_guard<std::mutex> guard(state_->mutex);
        ++state_->generation; // a write under way does not bring the file back
        if (isActive()) {
            QFile::remove(file_);
            QFile::remove(file_ + ".next");
            QFile::remove(lockPathOf(file_));
        }
    }
    release();
}

void RecoverySlot::release() {
    if (lockFd_ >= 0) ::close(lockFd_);
    lockFd_ = -1;
    file_.clear();
    writtenRevision_ = 0;
}

} // namespace quire::ide
