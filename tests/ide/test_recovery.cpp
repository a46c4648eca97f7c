// Crash recovery: a window autosaves, ends without a clean shutdown (destroyed without closeEvent, or a real
// quire-ide killed with SIGKILL), and the next start offers the unsaved work, answered by a test prompt.
#include <catch2/catch.hpp>

#include "document_commands.h"
#include "main_window.h"
#include "recovery_store.h"

#include <quire/doc/io.h>
#include <test_support.h>

#include <QApplication>
#include <QCloseEvent>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStatusBar>

#include <csignal>
#include <vector>

using namespace quire;
using namespace quire::ide;

namespace {

const QString kOriginalName = "Marketing Analytics Dashboard";
const QString kEditedName = "Edited before the crash";

// A recovery folder of this test's own (ctest runs test cases in parallel processes).
struct TempDataHome {
    QByteArray previous = qgetenv("XDG_DATA_HOME");
    QString dir = QString::fromStdString(quire::test::makeTempDir("ide-recovery"));
    TempDataHome() { qputenv("XDG_DATA_HOME", (dir + "/data").toUtf8()); }
    ~TempDataHome() { qputenv("XDG_DATA_HOME", previous); }
    QString workbook(const QString& name) const {
        const QString path = dir + "/" + name;
        REQUIRE(QFile::copy(QString::fromStdString(quire::test::sourceDir() + "/tests/corpus/marketing-analytics.yaml"), path));
        return path;
    }
};

void rename(MainWindow& window, const QString& name) {
    window.model()->undoStack()->push(makeSetValue(window.model(), "/name", name.toStdString(), "Rename"));
}

QString nameOf(MainWindow& window) { return QString::fromStdString(window.model()->root().value("name", "")); }

QString nameOnDisk(const QString& path) {
    auto loaded = doc::loadDocument(path.toStdString());
    REQUIRE(loaded.document);
    return QString::fromStdString(loaded.document->root.value("name", ""));
}

// Opens `path`, renames the workbook, lets the real autosave write its recovery file, and ends the window
// without the clean-shutdown path (no closeEvent: what a crash or kill -9 leaves). Returns the recovery file.
QString crashAfterEdit(const QString& path, const QString& newName) {
    MainWindow window;
    REQUIRE(window.openFile(path, true));
    rename(window, newName);
    REQUIRE(window.writeRecovery());
    const QString file = window.recoveryFile();
    REQUIRE(QFileInfo::exists(file));
    return file;
}

struct Answer {
    RecoveryChoice choice;
    std::vector<RecoveryOffer> offers;
    RecoveryPrompt prompt() {
        return [this](const RecoveryOffer& offer) {
            offers.push_back(offer);
            return choice;
        };
    }
};

} // namespace

TEST_CASE("after a crash, starting with the same file recovers the edit instead of the file on disk", "[ide][recovery]") {
    TempDataHome home;
    const QString file = home.workbook("marketing.yaml");
    const QString recovery = crashAfterEdit(file, kEditedName);

    // ./scripts/run always passes the file; a symlink to it is the same file.
    QString started = file;
    SECTION("by its path") {}
    SECTION("through a symlink") {
        started = home.dir + "/link.yaml";
        REQUIRE(QFile::link(file, started));
    }
    MainWindow window;
    Answer answer{RecoveryChoice::Recover, {}};
    window.setRecoveryPrompt(answer.prompt());
    REQUIRE(window.start(started, true, true));
    REQUIRE(answer.offers.size() == 1);
    CHECK(answer.offers[0].sameFile);
    CHECK(answer.offers[0].entry.file == recovery);
    CHECK(nameOf(window) == kEditedName);
    // Unsaved until the user saves it, even after undo.
    CHECK(window.model()->isModified());
    CHECK(window.isWindowModified());
    rename(window, "Then undone");
    window.model()->undoStack()->undo();
    CHECK(nameOf(window) == kEditedName);
    CHECK(window.model()->isModified());
    CHECK(window.model()->filePath() == QFileInfo(file).absoluteFilePath());
    CHECK(nameOnDisk(file) == kOriginalName);
    // The recovery file stays until the workbook is saved, also across autosaves.
    REQUIRE(window.writeRecovery());
    CHECK(window.recoveryFile() == recovery);
    CHECK(QFileInfo::exists(recovery));
    REQUIRE(window.saveTo(window.model()->filePath(), window.model()->format(), true));
    CHECK_FALSE(window.model()->isModified());
    CHECK(nameOnDisk(file) == kEditedName);
    CHECK_FALSE(QFileInfo::exists(recovery));
}

TEST_CASE("answering No opens the file on disk and keeps the recovery for the next start", "[ide][recovery]") {
    TempDataHome home;
    const QString file = home.workbook("marketing.yaml");
    const QString recovery = crashAfterEdit(file, kEditedName);
    const QByteArray recoveryBytes = [&] {
        QFile f(recovery);
        REQUIRE(f.open(QIODevice::ReadOnly));
        return f.readAll();
    }();
    {
        MainWindow window;
        Answer answer{RecoveryChoice::Keep, {}};
        window.setRecoveryPrompt(answer.prompt());
        REQUIRE(window.start(file, true, true));
        REQUIRE(answer.offers.size() == 1);
        CHECK(nameOf(window) == kOriginalName);
        CHECK_FALSE(window.model()->isModified());
        // Editing, autosaving and saving the file on disk leave the declined recovery alone.
        rename(window, "Another edit");
        REQUIRE(window.writeRecovery());
        CHECK(window.recoveryFile() != recovery);
        REQUIRE(window.saveTo(file, doc::Format::Yaml, true));
        QFile f(recovery);
        REQUIRE(f.open(QIODevice::ReadOnly));
        CHECK(f.readAll() == recoveryBytes);
        QCloseEvent close;
        QApplication::sendEvent(&window, &close);
    }
    MainWindow again;
    Answer answer{RecoveryChoice::Recover, {}};
    again.setRecoveryPrompt(answer.prompt());
    REQUIRE(again.start(file, true, true));
    REQUIRE(answer.offers.size() == 1); // the clean close of the other window left only the declined one
    CHECK(answer.offers[0].entry.file == recovery);
    CHECK(nameOf(again) == kEditedName);
}

TEST_CASE("Discard deletes the recovery file and opens the file on disk", "[ide][recovery]") {
    TempDataHome home;
    const QString file = home.workbook("marketing.yaml");
    const QString recovery = crashAfterEdit(file, kEditedName);
    MainWindow window;
    Answer answer{RecoveryChoice::Discard, {}};
    window.setRecoveryPrompt(answer.prompt());
    REQUIRE(window.start(file, true, true));
    REQUIRE(answer.offers.size() == 1);
    CHECK(nameOf(window) == kOriginalName);
    CHECK_FALSE(QFileInfo::exists(recovery));
    CHECK_FALSE(QFileInfo::exists(recovery + ".lock"));
}

TEST_CASE("starting without a file offers the recovered workbook", "[ide][recovery]") {
    TempDataHome home;
    const QString file = home.workbook("marketing.yaml");
    crashAfterEdit(file, kEditedName);
    MainWindow window;
    Answer answer{RecoveryChoice::Recover, {}};
    window.setRecoveryPrompt(answer.prompt());
    REQUIRE(window.start(QString(), true, true));
    REQUIRE(answer.offers.size() == 1);
    CHECK_FALSE(answer.offers[0].sameFile);
    CHECK(answer.offers[0].requestedFile.isEmpty());
    CHECK(answer.offers[0].entry.documentPath == QFileInfo(file).absoluteFilePath());
    CHECK(nameOf(window) == kEditedName);
    CHECK(window.model()->isModified());
    CHECK(window.model()->filePath() == QFileInfo(file).absoluteFilePath());
}

TEST_CASE("an untitled workbook is recovered too", "[ide][recovery]") {
    TempDataHome home;
    {
        MainWindow window;
        rename(window, "Never saved");
        REQUIRE(window.writeRecovery());
    }
    MainWindow window;
    Answer answer{RecoveryChoice::Recover, {}};
    window.setRecoveryPrompt(answer.prompt());
    REQUIRE(window.start(QString(), true, true));
    REQUIRE(answer.offers.size() == 1);
    CHECK(answer.offers[0].entry.documentPath.isEmpty());
    CHECK(nameOf(window) == "Never saved");
    CHECK(window.model()->filePath().isEmpty());
    CHECK(window.model()->isModified());
}

TEST_CASE("starting with a different file asks which to open and loses nothing", "[ide][recovery]") {
    TempDataHome home;
    const QString crashed = home.workbook("crashed.yaml");
    const QString other = home.workbook("other.yaml");
    const QString recovery = crashAfterEdit(crashed, kEditedName);

    SECTION("open the other file: the recovery stays through its edits, autosaves and saves") {
        MainWindow window;
        Answer answer{RecoveryChoice::Keep, {}};
        window.setRecoveryPrompt(answer.prompt());
        REQUIRE(window.start(other, true, true));
        REQUIRE(answer.offers.size() == 1);
        CHECK_FALSE(answer.offers[0].sameFile);
        CHECK(answer.offers[0].requestedFile == other);
        CHECK(answer.offers[0].entry.documentPath == QFileInfo(crashed).absoluteFilePath());
        CHECK(window.model()->filePath() == other);
        rename(window, "Edited other");
        REQUIRE(window.writeRecovery());
        REQUIRE(window.saveTo(other, doc::Format::Yaml, true));
        QCloseEvent close;
        QApplication::sendEvent(&window, &close);
        CHECK(QFileInfo::exists(recovery));
        auto kept = RecoveryStore(window.recoveryDir()).orphans();
        REQUIRE(kept.size() == 1);
        CHECK(kept[0].file == recovery);
    }
    SECTION("recover: the crashed workbook opens, modified; the other file is untouched") {
        MainWindow window;
        Answer answer{RecoveryChoice::Recover, {}};
        window.setRecoveryPrompt(answer.prompt());
        REQUIRE(window.start(other, true, true));
        CHECK(nameOf(window) == kEditedName);
        CHECK(window.model()->filePath() == QFileInfo(crashed).absoluteFilePath());
        CHECK(window.model()->isModified());
        CHECK(nameOnDisk(other) == kOriginalName);
    }
}

TEST_CASE("a headless start neither asks nor deletes a recovery file", "[ide][recovery]") {
    TempDataHome home;
    const QString file = home.workbook("marketing.yaml");
    const QString recovery = crashAfterEdit(file, kEditedName);
    MainWindow window;
    Answer answer{RecoveryChoice::Discard, {}};
    window.setRecoveryPrompt(answer.prompt());
    REQUIRE(window.start(file, false, true));
    CHECK(answer.offers.empty());
    CHECK(nameOf(window) == kOriginalName);
    CHECK(QFileInfo::exists(recovery));
}

TEST_CASE("the recovery file of a window that is still running is not offered", "[ide][recovery]") {
    TempDataHome home;
    const QString file = home.workbook("marketing.yaml");
    MainWindow running;
    REQUIRE(running.openFile(file, true));
    rename(running, kEditedName);
    REQUIRE(running.writeRecovery());
    MainWindow second;
    Answer answer{RecoveryChoice::Discard, {}};
    second.setRecoveryPrompt(answer.prompt());
    REQUIRE(second.start(file, true, true));
    CHECK(answer.offers.empty());
    CHECK(QFileInfo::exists(running.recoveryFile()));
}

TEST_CASE("a lock held by another process hides a recovery file until that process is killed", "[ide][recovery]") {
    TempDataHome home;
    const QString recovery = crashAfterEdit(home.workbook("marketing.yaml"), kEditedName);
    const RecoveryStore store(RecoveryStore::defaultDir());
    REQUIRE(store.orphans().size() == 1);
    // A shell takes the lock the way a running quire-ide does and becomes `sleep` holding it (one process).
    QProcess holder;
    holder.start("sh", {"-c", "exec 9>\"$0\" && flock -x 9 && exec sleep 60", recovery + ".lock"});
    REQUIRE(holder.waitForStarted());
    bool hidden = false;
    for (int i = 0; i < 200 && !hidden; ++i) {
        hidden = store.orphans().empty();
        if (!hidden) holder.waitForFinished(50);
    }
    REQUIRE(hidden);
    CHECK_FALSE(RecoveryStore::remove(recovery));
    ::kill(static_cast<pid_t>(holder.processId()), SIGKILL);
    REQUIRE(holder.waitForFinished(10000));
    const auto orphans = store.orphans();
    REQUIRE(orphans.size() == 1);
    CHECK(orphans[0].file == recovery);
}

TEST_CASE("quire-ide killed with SIGKILL, then started with --screenshot: no prompt, recovery kept", "[ide][recovery]") {
    TempDataHome home;
    const QString file = home.workbook("marketing.yaml");
    // No automation path edits a running quire-ide, so this test's own window writes the recovery file.
    const QString recovery = crashAfterEdit(file, kEditedName);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("XDG_DATA_HOME", home.dir + "/data");
    env.insert("QT_QPA_PLATFORM", "offscreen");
    const QString binary = QString::fromStdString(quire::test::binaryDir() + "/bin/quire-ide");

    QProcess ide;
    ide.setProcessEnvironment(env);
    ide.start(binary, {file, "--offscreen", "--no-preview"});
    REQUIRE(ide.waitForStarted());
    QByteArray err;
    for (int i = 0; i < 600 && !err.contains("first window") && ide.state() == QProcess::Running; ++i) {
        ide.waitForReadyRead(100);
        err += ide.readAllStandardError();
    }
    INFO(err.toStdString());
    REQUIRE(err.contains("first window"));
    CHECK(err.contains(("is kept in " + recovery).toUtf8()));
    ::kill(static_cast<pid_t>(ide.processId()), SIGKILL);
    REQUIRE(ide.waitForFinished(10000));
    CHECK(QFileInfo::exists(recovery));

    const QString png = home.dir + "/shot.png";
    QProcess shot;
    shot.setProcessEnvironment(env);
    shot.start(binary, {file, "--screenshot", png, "--no-preview"});
    REQUIRE(shot.waitForStarted());
    const bool finished = shot.waitForFinished(120000); // a modal recovery prompt would wait forever
    if (!finished) {
        shot.kill();
        shot.waitForFinished(10000);
    }
    const QByteArray shotErr = shot.readAllStandardError();
    INFO(shotErr.toStdString());
    REQUIRE(finished);
    CHECK(shot.exitCode() == 0);
    CHECK(QFileInfo(png).size() > 0);
    CHECK(shotErr.contains(("is kept in " + recovery).toUtf8()));
    CHECK(QFileInfo::exists(recovery));
    // Still offered to the next interactive start.
    MainWindow window;
    Answer answer{RecoveryChoice::Recover, {}};
    window.setRecoveryPrompt(answer.prompt());
    REQUIRE(window.start(file, true, true));
    REQUIRE(answer.offers.size() == 1);
    CHECK(nameOf(window) == kEditedName);
}
