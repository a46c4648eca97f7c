#pragma once
// What the save and autosave tests share: a big commented YAML workbook, a way to make writes fail, and a
// data directory of their own (where recovery files go).
#include <catch2/catch.hpp>
#include <test_support.h>

#include <QByteArray>
#include <QString>

#include <csignal>
#include <string>
#include <sys/resource.h>

namespace quire::test {

// A workbook of `count` tables with comments, as YAML text (its comments must survive a save).
inline std::string bigWorkbookYaml(int count) {
    std::string yaml = "# A generated workbook: comments and style a save must keep\nname: Big\ncontents:\n  elements:\n";
    for (int i = 0; i < count; ++i) {
        const std::string n = std::to_string(i);
        yaml += "    # element " + n + "\n    - id: el-" + n + "\n      kind: table\n      name: 'Element " + n + "'\n" +
                "      source: {kind: warehouse-table, connectionId: 0b7e1d2c-5a44-4f0e-8d3a-7a1c9e6f4b20, path: [DB, PUBLIC, T" + n +
                "]}\n      columns:\n";
        for (int c = 0; c < 4; ++c)
            yaml += "        - id: el-" + n + "-c" + std::to_string(c) + "\n          name: Col " + std::to_string(c) +
                    "\n          formula: '[T" + n + "/COL_" + std::to_string(c) + "]'\n";
    }
    yaml += "  pages:\n    - id: page-1\n      name: Page 1\n";
    return yaml;
}

// While alive, XDG_DATA_HOME (where the recovery files go) is `<a new temporary directory>/data`.
struct TempDataHome {
    QByteArray previous = qgetenv("XDG_DATA_HOME");
    QString dir;
    explicit TempDataHome(const std::string& tag) : dir(QString::fromStdString(makeTempDir(tag))) {
        qputenv("XDG_DATA_HOME", (dir + "/data").toUtf8());
    }
    ~TempDataHome() { qputenv("XDG_DATA_HOME", previous); }
    TempDataHome(const TempDataHome&) = delete;
    TempDataHome& operator=(const TempDataHome&) = delete;
};

// While alive, this process (every thread) cannot write files beyond `bytes` (SIGXFSZ ignored, so write()
// fails with EFBIG, as it fails with ENOSPC on a full disk).
struct FileSizeLimit {
    rlimit previous{};
    void (*previousHandler)(int) = nullptr;
    explicit FileSizeLimit(rlim_t bytes) {
        REQUIRE(::getrlimit(RLIMIT_FSIZE, &previous) == 0);
        previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limited = previous;
        limited.rlim_cur = bytes;
        REQUIRE(::setrlimit(RLIMIT_FSIZE, &limited) == 0);
    }
    ~FileSizeLimit() {
        ::setrlimit(RLIMIT_FSIZE, &previous);
        std::signal(SIGXFSZ, previousHandler);
    }
};

} // namespace quire::test
