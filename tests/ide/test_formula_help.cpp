// Function help in the formula editor (issue #16): beside the completion popup and on hover, the catalogue's
// signature, description and example and the dialects derived from the SQL compiler.
#include <catch2/catch.hpp>

#include "formula_editor.h"

#include <quire/formula/catalog.h>

#include <QAbstractItemView>
#include <QApplication>
#include <QCompleter>
#include <QHelpEvent>
#include <QLabel>
#include <QTest>
#include <QToolTip>

using namespace quire::ide;

TEST_CASE("the formula editor completes every catalogue function", "[ide][formula-help]") {
    const auto& names = FormulaEditor::functionNames();
    CHECK(std::size_t(names.size()) == quire::formula::FunctionCatalog::builtin().all().size());
    CHECK(names.contains("CurrentUserAttributeDate"));
    CHECK(names.contains("MovingCorr"));
    CHECK_FALSE(names.contains("PercentOfTotal")); // not a catalogue function: the checker rejects it
}

TEST_CASE("the completion popup shows the signature and description and example of the highlighted function",
          "[ide][formula-help]") {
    FormulaEditor editor;
    editor.resize(420, 30);
    editor.show();
    editor.setFocus();
    QTest::keyClicks(&editor, "Sum([Revenue]) / Cumulat");
    QAbstractItemView* popup = editor.completer()->popup();
    REQUIRE(popup->isVisible());
    REQUIRE(editor.completionHelp());
    CHECK(editor.completionHelp()->isVisible());
    const QString first = editor.completionHelp()->text();
    CHECK(first.contains("CumulativeAvg(number)"));
    CHECK(first.contains("Running mean"));
    CHECK(first.contains("CumulativeAvg([Revenue])"));
    CHECK(first.contains("all six dialects"));
    // Moving through the list follows the highlighted row.
    QTest::keyClick(popup, Qt::Key_Down);
    QTest::keyClick(popup, Qt::Key_Down);
    const QString moved = editor.completionHelp()->text();
    CHECK(moved != first);
    CHECK(moved.contains(popup->currentIndex().data().toString() + "("));
    CHECK(moved.contains("Example:"));
    // Beside the popup, not over it.
    const QRect help = editor.completionHelp()->geometry(), list = popup->geometry();
    CHECK((help.left() > list.right() || help.right() < list.left()));
    QTest::keyClick(popup, Qt::Key_Escape);
    CHECK_FALSE(editor.completionHelp()->isVisible());
    // A dialect gap shows: Mode is not compiled for Redshift.
    CHECK(FormulaEditor::functionHelpHtml("mode").contains("(not redshift)"));
    CHECK(FormulaEditor::functionHelpHtml("NoSuchFunction").isEmpty());
}

TEST_CASE("resting the mouse on a function name shows its help and elsewhere the checker findings",
          "[ide][formula-help]") {
    FormulaEditor editor;
    editor.resize(420, 30);
    editor.show();
    editor.setText("Round([Amount], 1) + Summ(1)");
    CHECK(editor.functionHelpAt(2).contains("Round(number, [integer])"));
    CHECK(editor.functionHelpAt(9).isEmpty());   // inside [Amount]
    CHECK(editor.functionHelpAt(23).isEmpty());  // Summ is no function
    // A point over the text at character `position` (found through the editor's own hit test).
    const auto over = [&editor](int position) {
        for (int x = 0; x < editor.width(); ++x)
            if (editor.cursorPositionAt(QPoint(x, editor.height() / 2)) == position) return QPoint(x, editor.height() / 2);
        return QPoint(-1, -1);
    };
    const QPoint onRound = over(2);
    REQUIRE(onRound.x() >= 0);
    QHelpEvent hover(QEvent::ToolTip, onRound, editor.mapToGlobal(onRound));
    QApplication::sendEvent(&editor, &hover);
    CHECK(QToolTip::isVisible());
    CHECK(QToolTip::text().contains("Rounds half away from zero"));
    CHECK(QToolTip::text().contains("Round([Revenue], 1)"));
    QToolTip::hideText();
    const QPoint onTypo = over(24);
    REQUIRE(onTypo.x() >= 0);
    QHelpEvent typo(QEvent::ToolTip, onTypo, editor.mapToGlobal(onTypo));
    QApplication::sendEvent(&editor, &typo);
    CHECK(QToolTip::text().contains("Summ")); // the unknown-function finding, as before
}
