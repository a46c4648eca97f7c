#pragma once
// Help > Keyboard Shortcuts: every command of the menu bar with its shortcut, read from the menus themselves
// so the reference cannot drift from what the keys do.
#include <QDialog>
#include <QKeySequence>
#include <QList>

class QAction;
class QMenuBar;
class QTableWidget;
class QLineEdit;

namespace quire::ide {

struct MenuCommand {
    QString menuPath; // "File > Open Recent"
    QAction* action = nullptr;
};

// Actions of the menu bar that run a command (not separators, not submenus). Actions marked with
// `markListEntry` (recent files: one per file, a list rather than a command) are left out.
QList<MenuCommand> menuCommands(const QMenuBar* bar);
void markListEntry(QAction* action);
// A command that by convention has no key (Help > About). menuCommands still lists it.
void markWithoutShortcut(QAction* action);
bool isWithoutShortcut(const QAction* action);
// The platform's key for a standard command, or `fallback` (the GNOME/KDE key) where the platform theme has none:
// Qt's generic X11 and offscreen bindings leave Save As and Quit without a key.
QKeySequence standardKey(QKeySequence::StandardKey key, const QKeySequence& fallback);

class ShortcutReferenceDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutReferenceDialog(const QMenuBar* bar, QWidget* parent = nullptr);
    QTableWidget* table() const { return table_; }
    void setFilter(const QString& text); // shows rows whose menu, command or keys contain the text

private:
    QTableWidget* table_ = nullptr;
    QLineEdit* filter_ = nullptr;
};

} // namespace quire::ide
