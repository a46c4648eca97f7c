// Every menu command has a key, no key does two things, and Help > Keyboard Shortcuts lists them all.
#include <catch2/catch.hpp>

#include "main_window.h"
#include "shortcut_reference.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QMenuBar>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

#include <map>

using namespace quire::ide;

TEST_CASE("ide: every menu command has its own keyboard shortcut", "[ide][shortcuts]") {
    MainWindow window;
    const auto commands = menuCommands(window.menuBar());
    REQUIRE(commands.size() >= 20);
    std::map<QString, QString> owner; // key -> command
    int withoutKey = 0;
    for (const auto& c : commands) {
        INFO(c.menuPath.toStdString() << " > " << c.action->text().toStdString());
        if (isWithoutShortcut(c.action)) {
            ++withoutKey;
            continue;
        }
        const QString keys = c.action->shortcut().toString(QKeySequence::PortableText);
        CHECK_FALSE(keys.isEmpty());
        if (keys.isEmpty()) continue;
        auto [it, inserted] = owner.emplace(keys, c.action->text());
        INFO("the same key as " << it->second.toStdString());
        CHECK(inserted);
    }
    CHECK(withoutKey == 1); // Help > About
    // The standard keys are the platform's own.
    const auto keyOf = [&](const QString& text) {
        for (const auto& c : commands)
            if (c.action->text() == text) return c.action->shortcut();
        return QKeySequence();
    };
    CHECK(keyOf(QObject::tr("&Open…")) == QKeySequence(QKeySequence::Open));
    CHECK(keyOf(QObject::tr("Save As &YAML…")) == standardKey(QKeySequence::SaveAs, QKeySequence("Ctrl+Shift+S")));
    CHECK(keyOf(QObject::tr("&Quit")) == standardKey(QKeySequence::Quit, QKeySequence("Ctrl+Q")));
    CHECK(keyOf(QObject::tr("&Refresh")) == QKeySequence(QKeySequence::Refresh));
}

TEST_CASE("ide: the shortcut reference lists every menu command with its keys", "[ide][shortcuts]") {
    MainWindow window;
    ShortcutReferenceDialog dialog(window.menuBar());
    const auto commands = menuCommands(window.menuBar());
    QTableWidget* table = dialog.table();
    REQUIRE(table->rowCount() == commands.size());
    bool sawPublishOrQuit = false;
    for (int row = 0; row < table->rowCount(); ++row) {
        const QString keys = commands[row].action->shortcut().toString(QKeySequence::NativeText);
        CHECK(table->item(row, 2)->text() == (keys.isEmpty() ? QString("—") : keys));
        if (table->item(row, 0)->text() == "Quit") {
            sawPublishOrQuit = true;
            CHECK(table->item(row, 1)->text() == "File");
        }
    }
    CHECK(sawPublishOrQuit);

    // The filter keeps the rows whose command, menu or keys match.
    dialog.setFilter("save as");
    int shown = 0;
    for (int row = 0; row < table->rowCount(); ++row) shown += table->isRowHidden(row) ? 0 : 1;
    CHECK(shown == 2);
    dialog.setFilter("");
    shown = 0;
    for (int row = 0; row < table->rowCount(); ++row) shown += table->isRowHidden(row) ? 0 : 1;
    CHECK(shown == table->rowCount());
}

TEST_CASE("ide: the keys do what the menus say", "[ide][shortcuts]") {
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    window.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&window));

    // Alt+N toggles the N-th dock of the View menu.
    auto docks = window.findChildren<QDockWidget*>();
    REQUIRE_FALSE(docks.isEmpty());
    QDockWidget* first = nullptr;
    for (auto* d : docks)
        if (d->toggleViewAction()->shortcut() == QKeySequence(Qt::ALT | Qt::Key_1)) first = d;
    REQUIRE(first);
    const bool visible = first->isVisible();
    QTest::keyClick(&window, Qt::Key_1, Qt::AltModifier);
    CHECK(first->isVisible() != visible);
    QTest::keyClick(&window, Qt::Key_1, Qt::AltModifier);
    CHECK(first->isVisible() == visible);

    // Ctrl+/ opens the shortcut reference (closed again by the timer: exec() blocks).
    bool opened = false;
    QTimer::singleShot(100, [&] {
        for (auto* w : QApplication::topLevelWidgets())
            if (auto* d = qobject_cast<ShortcutReferenceDialog*>(w); d && d->isVisible()) {
                opened = d->table()->rowCount() > 0;
                d->reject();
            }
    });
    QTest::keyClick(&window, Qt::Key_Slash, Qt::ControlModifier);
    CHECK(opened);
}
