// The outline and problems docks are item models updated in place: an edit that changes one thing signals
// that one thing, never a reset of the whole list (what keeps very large workbooks responsive).
#include <catch2/catch.hpp>

#include "canvas_widget.h"
#include "document_commands.h"
#include "main_window.h"
#include "outline_widget.h"
#include "problems_widget.h"

#include <test_support.h>

#include <QApplication>
#include <QSignalSpy>
#include <QTest>

using namespace quire;
using namespace quire::ide;

namespace {

const std::string kSample = quire::test::sourceDir() + "/tests/corpus/marketing-analytics.yaml";

struct Docks {
    MainWindow window;
    Docks() {
        window.resize(1440, 900);
        window.show();
        REQUIRE(window.openFile(QString::fromStdString(kSample), true));
        window.showRegion("overview");
        QApplication::processEvents();
    }
    DocumentModel& model() { return *window.model(); }
    OutlineModel& outline() { return *window.outline()->outline(); }
    ProblemsModel& problems() { return *window.problems()->problems(); }
    std::string elementPointer(const std::string& id) {
        int index = -1;
        REQUIRE(model().findElement(id, &index));
        return model().bodyPointer() + "/elements/" + std::to_string(index);
    }
    void set(const std::string& pointer, const Json& value) {
        model().undoStack()->push(makeSetValue(&model(), pointer, value, "edit"));
        QApplication::processEvents();
    }
};

struct ModelSignals {
    QSignalSpy reset, inserted, removed, changed;
    explicit ModelSignals(QAbstractItemModel* m)
        : reset(m, &QAbstractItemModel::modelReset), inserted(m, &QAbstractItemModel::rowsInserted),
          removed(m, &QAbstractItemModel::rowsRemoved), changed(m, &QAbstractItemModel::dataChanged) {}
    int structural() const { return int(reset.count() + inserted.count() + removed.count()); }
};

int countRows(const QAbstractItemModel& m, const QModelIndex& parent = {}) {
    int n = m.rowCount(parent);
    for (int r = 0, rows = m.rowCount(parent); r < rows; ++r) n += countRows(m, m.index(r, 0, parent));
    return n;
}

} // namespace

TEST_CASE("renaming an element changes one outline row and nothing else", "[ide][docks]") {
    Docks d;
    const QModelIndexList before = d.outline().indexesOf("conversion-by-channel");
    REQUIRE_FALSE(before.isEmpty());
    const int rows = countRows(d.outline());
    ModelSignals spy(&d.outline());
    d.set(d.elementPointer("conversion-by-channel") + "/name", Json("Renamed conversion"));
    CHECK(spy.structural() == 0);
    CHECK(spy.changed.count() == 1);
    CHECK(countRows(d.outline()) == rows);
    const QModelIndexList after = d.outline().indexesOf("conversion-by-channel");
    REQUIRE(after.size() == before.size());
    CHECK(after.front().data().toString().startsWith("Renamed conversion"));
    // Undo brings the old name back the same way.
    d.model().undoStack()->undo();
    QApplication::processEvents();
    CHECK(spy.structural() == 0);
    CHECK(d.outline().indexesOf("conversion-by-channel").front().data().toString() == before.front().data().toString());
}

TEST_CASE("adding and deleting an element inserts and removes only its rows, and collapsed rows stay collapsed", "[ide][docks]") {
    Docks d;
    OutlineWidget* view = d.window.outline();
    const QModelIndex pages = d.outline().index(0, 0);
    REQUIRE(pages.data().toString() == "Pages");
    view->collapse(pages);
    const int rows = countRows(d.outline());
    ModelSignals spy(&d.outline());
    const QString added = d.window.canvas()->addFromPalette("bar-chart", 1, 40);
    QApplication::processEvents();
    REQUIRE_FALSE(added.isEmpty());
    CHECK(spy.reset.count() == 0);
    CHECK(spy.inserted.count() >= 1);
    CHECK(spy.removed.count() == 0);
    CHECK(countRows(d.outline()) > rows);
    CHECK_FALSE(d.outline().indexesOf(added).isEmpty());
    CHECK_FALSE(view->isExpanded(pages)); // the user's collapse survived the edit

    d.model().undoStack()->undo();
    QApplication::processEvents();
    CHECK(spy.reset.count() == 0);
    CHECK(spy.removed.count() >= 1);
    CHECK(countRows(d.outline()) == rows);
    CHECK(d.outline().indexesOf(added).isEmpty());
}

TEST_CASE("the outline mirrors the document's selection both ways", "[ide][docks]") {
    Docks d;
    OutlineWidget* view = d.window.outline();
    d.model().setSelection({"conversion-by-channel"});
    QApplication::processEvents();
    QStringList selected;
    for (const QModelIndex& index : view->selectionModel()->selectedRows()) selected << index.data(OutlineModel::IdRole).toString();
    REQUIRE_FALSE(selected.isEmpty());
    CHECK(selected.count("conversion-by-channel") == selected.size());

    // Picking a row in the outline selects that element in the document.
    const QModelIndexList rows = d.outline().indexesOf("revenue-share");
    REQUIRE_FALSE(rows.isEmpty());
    view->selectionModel()->select(rows.front(), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    CHECK(d.model().selection() == QStringList{"revenue-share"});
}

TEST_CASE("problems update in place: an edit that changes no finding signals nothing", "[ide][docks]") {
    Docks d;
    ModelSignals spy(&d.problems());
    const int before = d.problems().rowCount();
    const std::string pointer = d.elementPointer("conversion-by-channel") + "/xAxis/columnId";
    d.set(pointer, Json("no-such-column"));
    CHECK(spy.reset.count() == 0);
    CHECK(d.problems().rowCount() > before);
    CHECK(d.problems().errorCount() >= 1);
    bool pointsAtElement = false;
    for (int r = 0; r < d.problems().rowCount(); ++r)
        if (d.problems().index(r, 0).data(ProblemsModel::ElementIdRole).toString() == "conversion-by-channel") pointsAtElement = true;
    CHECK(pointsAtElement);

    // Renaming another element leaves every finding as it was: no row signal at all.
    const auto afterBreak = spy.structural();
    d.set(d.elementPointer("revenue-share") + "/name", Json("Share"));
    CHECK(spy.structural() == afterBreak);
    CHECK(spy.reset.count() == 0);

    d.model().undoStack()->undo();
    d.model().undoStack()->undo();
    QApplication::processEvents();
    CHECK(d.problems().rowCount() == before);
    CHECK(spy.reset.count() == 0);
}
