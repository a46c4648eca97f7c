// Light and dark: the desktop's choice (or the user's) reaches every dock, meaningful colours stay readable, and
// the workbook canvas keeps its light palette.
#include <catch2/catch.hpp>

#include "canvas_widget.h"
#include "color_scheme.h"
#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QMenuBar>
#include <QSettings>

using namespace quire::ide;

namespace {

// Restores the test program's palette and settings whatever a test chose.
struct SchemeGuard {
    QPalette palette = QApplication::palette();
    ~SchemeGuard() {
        QApplication::setPalette(palette);
        QSettings().remove("appearance/colorScheme");
        qunsetenv("QUIRE_COLOR_SCHEME");
    }
};

QAction* findAction(QMenuBar* bar, const QString& objectName) {
    for (QAction* top : bar->actions())
        if (top->menu())
            for (QAction* a : top->menu()->actions())
                if (a->menu())
                    for (QAction* sub : a->menu()->actions())
                        if (sub->objectName() == objectName) return sub;
    return nullptr;
}

} // namespace

TEST_CASE("ide: the system colour scheme comes from the override, the portal or the platform palette", "[ide][scheme]") {
    SchemeGuard guard;
    qputenv("QUIRE_COLOR_SCHEME", "dark");
    CHECK(systemColorScheme(lightPalette()) == ColorScheme::Dark);
    qputenv("QUIRE_COLOR_SCHEME", "light");
    CHECK(systemColorScheme(darkPalette()) == ColorScheme::Light);
    qunsetenv("QUIRE_COLOR_SCHEME");
    // No desktop portal answers in the test environment: the platform's palette decides.
    if (!portalColorScheme()) {
        CHECK(systemColorScheme(darkPalette()) == ColorScheme::Dark);
        CHECK(systemColorScheme(lightPalette()) == ColorScheme::Light);
    }
}

TEST_CASE("ide: meaningful colours are readable on both palettes", "[ide][scheme]") {
    for (const QPalette& palette : {lightPalette(), darkPalette()}) {
        for (const char* light : {"#b91c1c", "#15803d", "#b45309", "#6b7280", "#1d4ed8", "#0f766e", "#7c3aed", "#dc2626", "#374151"}) {
            for (auto role : {QPalette::Window, QPalette::Base}) {
                const QColor bg = palette.color(role);
                const QColor c = readableOn(QColor(light), bg);
                INFO(light << " on " << bg.name().toStdString() << " -> " << c.name().toStdString());
                CHECK(contrastRatio(c, bg) >= 4.5);
                // The hue is kept: an error stays red, a success green.
                if (QColor(light).hslSaturation() > 60) CHECK(std::abs(c.hslHue() - QColor(light).hslHue()) <= 3);
            }
        }
    }
    // The light palette's colours are used as they are.
    CHECK(readableOn(QColor("#b91c1c"), Qt::white) == QColor("#b91c1c"));
}

TEST_CASE("ide: View > Colour Scheme switches the docks and keeps the canvas light", "[ide][scheme]") {
    SchemeGuard guard;
    MainWindow window;
    QAction* dark = findAction(window.menuBar(), "scheme-dark");
    QAction* light = findAction(window.menuBar(), "scheme-light");
    QAction* system = findAction(window.menuBar(), "scheme-system");
    REQUIRE(dark);
    REQUIRE(light);
    REQUIRE(system);

    dark->trigger();
    QApplication::processEvents();
    CHECK(isDark(QApplication::palette()));
    CHECK(isDark(window.palette()));
    CHECK(dark->isChecked());
    CHECK(QSettings().value("appearance/colorScheme").toString() == "dark");
    // The canvas is the workbook as Sigma shows it: light, with dark text, in the dark scheme too.
    CHECK_FALSE(isDark(window.canvas()->palette()));
    CHECK(window.canvas()->palette().color(QPalette::Window) == QColor("#eef1f5"));
    CHECK(contrastRatio(window.canvas()->palette().color(QPalette::Text), window.canvas()->palette().color(QPalette::Base)) >= 7);
    // Status and error colours read on the dark window; a refused field keeps its text readable.
    for (Tone t : {Tone::Error, Tone::Ok, Tone::Warning, Tone::Hint, Tone::Accent})
        CHECK(contrastRatio(toneColor(t), QApplication::palette().color(QPalette::Window)) >= 4.5);
    CHECK(invalidFieldStyle().contains("color:"));

    light->trigger();
    CHECK_FALSE(isDark(QApplication::palette()));
    CHECK(light->isChecked());
    CHECK_FALSE(dark->isChecked());
    CHECK(QSettings().value("appearance/colorScheme").toString() == "light");

    // Follow System: the override stands in for the desktop here.
    qputenv("QUIRE_COLOR_SCHEME", "dark");
    system->trigger();
    CHECK(isDark(QApplication::palette()));
    CHECK(QSettings().value("appearance/colorScheme").toString() == "system");
}
