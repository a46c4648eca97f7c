// Saving when the disk is full: Save, Save As and autosave keep the old file, keep the workbook modified and say
// so in the status bar. The full disk is a file size limit (RLIMIT_FSIZE: writes past it fail with EFBIG, as
// they fail with ENOSPC on a full disk) and, when the tests run as root, a real 64 KiB tmpfs.
#include <catch2/catch.hpp>

#include "document_commands.h"
#include "main_window.h"
#include "save_fixture.h"

#include <quire/doc/io.h>
#include <test_support.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStatusBar>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

using namespace quire;
using namespace quire::ide;
using quire::test::FileSizeLimit;

using quire::test::TempDataHome;

namespace {

QByteArray bytesOf(const QString& path) {
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return f.readAll();
}

const QString kSample = QString::fromStdString(quire::test::sourceDir() + "/tests/corpus/marketing-analytics.yaml");

void rename(MainWindow& window, const std::string& name) {
    window.model()->undoStack()->push(makeSetValue(window.model(), "/name", name, "Rename"));
}

// What the status bar says, the way a user sees it.
QString status(MainWindow& window) { return window.statusBar()->currentMessage(); }

} // namespace

TEST_CASE("a save that runs out of space keeps the old file, the edits and says so", "[ide][save]") {
    TempDataHome home{"ide-save-fail"};
    const QString file = home.dir + "/wb.yaml";
    REQUIRE(QFile::copy(kSample, file));
    MainWindow window;
    REQUIRE(window.openFile(file, true));
    rename(window, "Edited");
    const QByteArray before = bytesOf(file);
    {
        FileSizeLimit limit(1024);
        SECTION("Save") { CHECK_FALSE(window.saveTo(file, doc::Format::Yaml, true)); }
        SECTION("Save As JSON over the same file") { CHECK_FALSE(window.saveTo(file, doc::Format::Json, true)); }
    }
    CHECK(bytesOf(file) == before);
    CHECK(window.model()->isModified());
    CHECK(window.isWindowModified());
    CHECK(status(window).contains("Could not save"));
    CHECK(status(window).contains(file));
    CHECK(QDir(home.dir).entryList(QDir::Files) == QStringList{"wb.yaml"}); // no temporary file left behind
    // Once there is room again, the same save works.
    REQUIRE(window.saveTo(file, doc::Format::Yaml, true));
    CHECK_FALSE(window.model()->isModified());
}

TEST_CASE("Save As to a new file on a full disk creates nothing and keeps the workbook modified", "[ide][save]") {
    TempDataHome home{"ide-save-fail"};
    MainWindow window;
    REQUIRE(window.openFile(kSample, true));
    rename(window, "Edited");
    const QString target = home.dir + "/new.json";
    {
        FileSizeLimit limit(1024);
        CHECK_FALSE(window.saveTo(target, doc::Format::Json, true));
    }
    CHECK_FALSE(QFileInfo::exists(target));
    CHECK(window.model()->isModified());
    CHECK(window.model()->filePath() == kSample); // still the file it came from
    CHECK(status(window).contains("Could not save"));
}

TEST_CASE("saving through a symlink to something that is not a regular file is refused", "[ide][save]") {
    TempDataHome home{"ide-save-fail"};
    MainWindow window;
    REQUIRE(window.openFile(kSample, true));
    rename(window, "Edited");
    // A pipe, and (as root) a device node like /dev/full, made here so nothing real is at stake.
    const QString special = home.dir + "/special";
    const QByteArray specialPath = QFile::encodeName(special);
    SECTION("a FIFO") { REQUIRE(::mkfifo(specialPath.constData(), 0600) == 0); }
    SECTION("a copy of /dev/full") {
        if (::geteuid() != 0) return;
        REQUIRE(::mknod(specialPath.constData(), S_IFCHR | 0600, ::makedev(1, 7)) == 0);
    }
    const QString link = home.dir + "/wb.yaml";
    REQUIRE(QFile::link(special, link));
    CHECK_FALSE(window.saveTo(link, doc::Format::Yaml, true));
    struct stat st {};
    REQUIRE(::lstat(specialPath.constData(), &st) == 0);
    CHECK_FALSE(S_ISREG(st.st_mode)); // not replaced by a regular file renamed over it
    CHECK(window.model()->isModified());
    CHECK(status(window).contains("not a regular file"));
}

TEST_CASE("an autosave that fails keeps the previous recovery copy and tells the user", "[ide][save][recovery]") {
    TempDataHome home{"ide-save-fail"};
    MainWindow window;
    REQUIRE(window.openFile(kSample, true));
    rename(window, "First autosave");
    REQUIRE(window.writeRecovery());
    const QString recovery = window.recoveryFile();
    const QByteArray first = bytesOf(recovery);
    rename(window, "Second autosave");
    {
        FileSizeLimit limit(256);
        CHECK_FALSE(window.writeRecovery());
    }
    CHECK(bytesOf(recovery) == first);
    CHECK(status(window).contains("Autosave failed"));
    CHECK(window.model()->isModified());
    // The next tick with room again writes it and says so.
    REQUIRE(window.writeRecovery());
    CHECK(bytesOf(recovery) != first);
    CHECK(status(window).contains("Autosave works again"));
}

TEST_CASE("a save on a full tmpfs keeps the old file (root only)", "[ide][save]") {
    TempDataHome home{"ide-save-fail"};
    const QString mountPoint = home.dir + "/tiny";
    REQUIRE(QDir().mkpath(mountPoint));
    const QByteArray where = QFile::encodeName(mountPoint);
    if (::geteuid() != 0 || ::mount("tmpfs", where.constData(), "tmpfs", 0, "size=64k") != 0) {
        WARN("cannot mount a tmpfs here (" << std::strerror(errno) << "); covered by the RLIMIT_FSIZE cases");
        return;
    }
    struct Unmount {
        QByteArray where;
        ~Unmount() { ::umount2(where.constData(), MNT_DETACH); }
    } unmount{where};
    const QString file = mountPoint + "/wb.yaml";
    REQUIRE(QFile::copy(kSample, file));
    // Fill the rest of the file system.
    {
        const int fd = ::open(QFile::encodeName(mountPoint + "/filler").constData(), O_WRONLY | O_CREAT, 0600);
        REQUIRE(fd >= 0);
        const std::string block(4096, 'x');
        while (::write(fd, block.data(), block.size()) > 0) {
        }
        ::close(fd);
    }
    MainWindow window;
    REQUIRE(window.openFile(file, true));
    rename(window, "Edited on a full disk");
    const QByteArray before = bytesOf(file);
    CHECK_FALSE(window.saveTo(file, doc::Format::Yaml, true));
    CHECK(bytesOf(file) == before);
    CHECK(window.model()->isModified());
    CHECK(status(window).contains("Could not save"));
    CHECK(QDir(mountPoint).entryList(QDir::Files) == QStringList({"filler", "wb.yaml"}));
}
