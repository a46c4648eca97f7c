#include "shortcut_reference.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QTableWidget>
#include <QVBoxLayout>

namespace quire::ide {
namespace {

constexpr int kMaxMenuDepth = 8; // menus nest two levels here; the limit only guards the walk
constexpr const char* kListEntry = "quire-list-entry";
constexpr const char* kWithoutShortcut = "quire-without-shortcut";

QString plainText(const QAction* action) {
    QString text = action->text();
    text.remove(QChar('&'));
    if (text.endsWith(QStringLiteral("…"))) text.chop(1);
    return text;
}

void collect(const QMenu* menu, const QString& path, int depth, QList<MenuCommand>& out) {
    if (depth > kMaxMenuDepth) return;
    for (QAction* action : menu->actions()) {
        if (action->isSeparator() || action->property(kListEntry).toBool()) continue;
        if (const QMenu* sub = action->menu()) {
            collect(sub, path + " > " + plainText(action), depth + 1, out);
            continue;
        }
        if (action->text().isEmpty()) continue;
        out.push_back({path, action});
    }
}

} // namespace

void markListEntry(QAction* action) { action->setProperty(kListEntry, true); }
void markWithoutShortcut(QAction* action) { action->setProperty(kWithoutShortcut, true); }
bool isWithoutShortcut(const QAction* action) { return action->property(kWithoutShortcut).toBool(); }

QKeySequence standardKey(QKeySequence::StandardKey key, const QKeySequence& fallback) {
    const auto bindings = QKeySequence::keyBindings(key);
    return bindings.isEmpty() ? fallback : bindings.front();
}

QList<MenuCommand> menuCommands(const QMenuBar* bar) {
    QList<MenuCommand> out;
    for (QAction* top : bar->actions())
        if (const QMenu* menu = top->menu()) collect(menu, plainText(top), 1, out);
    return out;
}

ShortcutReferenceDialog::ShortcutReferenceDialog(const QMenuBar* bar, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Keyboard Shortcuts"));
    setObjectName("shortcut-reference");
    auto* layout = new QVBoxLayout(this);
    filter_ = new QLineEdit;
    filter_->setObjectName("shortcut-filter");
    filter_->setPlaceholderText(tr("Filter by command, menu or key"));
    filter_->setClearButtonEnabled(true);
    layout->addWidget(filter_);

    const auto commands = menuCommands(bar);
    table_ = new QTableWidget(int(commands.size()), 3);
    table_->setObjectName("shortcut-table");
    table_->setHorizontalHeaderLabels({tr("Command"), tr("Menu"), tr("Shortcut")});
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setAlternatingRowColors(true);
    for (int row = 0; row < commands.size(); ++row) {
        const auto& c = commands[row];
        table_->setItem(row, 0, new QTableWidgetItem(plainText(c.action)));
        table_->setItem(row, 1, new QTableWidgetItem(c.menuPath));
        const QString keys = c.action->shortcut().toString(QKeySequence::NativeText);
        table_->setItem(row, 2, new QTableWidgetItem(keys.isEmpty() ? tr("—") : keys));
    }
    table_->resizeColumnsToContents();
    table_->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(table_, 1);
    layout->addWidget(new QLabel(tr("On the canvas: the arrow keys move the selected elements one grid cell, "
                                    "Shift+arrow keys resize them, Delete or Backspace removes them.")));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(filter_, &QLineEdit::textChanged, this, &ShortcutReferenceDialog::setFilter);
    resize(620, 560);
}

void ShortcutReferenceDialog::setFilter(const QString& text) {
    if (filter_->text() != text) filter_->setText(text);
    for (int row = 0; row < table_->rowCount(); ++row) {
        bool match = text.isEmpty();
        for (int col = 0; col < 3 && !match; ++col) match = table_->item(row, col)->text().contains(text, Qt::CaseInsensitive);
        table_->setRowHidden(row, !match);
    }
}

} // namespace quire::ide
