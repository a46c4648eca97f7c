// Catch2 runner for the GUI tests: a QApplication on the offscreen platform (catch_discover_tests runs this
// program at build time, where no display exists).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QApplication>
#include <QDir>

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    // Keep settings and the recovery file out of the user's home.
    const QString home = QDir::tempPath() + "/quire-ide-test-home";
    QDir().mkpath(home);
    qputenv("XDG_CONFIG_HOME", (home + "/config").toUtf8());
    qputenv("XDG_DATA_HOME", (home + "/data").toUtf8());
    QApplication app(argc, argv);
    // The names quire-ide uses, so recovery files land where the real binary looks (test_recovery.cpp).
    QApplication::setOrganizationName("Quire");
    QApplication::setApplicationName("Quire");
    return Catch::Session().run(argc, argv);
}
