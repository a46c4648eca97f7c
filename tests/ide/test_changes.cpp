// The Changes dock against real temporary git repositories: status, stage, commit, branch switch, history and
// the visual version diff, and element-level conflict resolution.
#include <catch2/catch.hpp>

#include "canvas_widget.h"
#include "changes_panel.h"
#include "conflict_panel.h"
#include "document_commands.h"
#include "main_window.h"
#include "version_diff_view.h"

#include <git_fixture.h>
#include <quire/doc/io.h>
#include <quire/validate/validator.h>
#include <quire/vcs/conflict_markers.h>

#include <QApplication>
#include <QComboBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QTextEdit>
#include <QTreeWidget>

using namespace quire;
using namespace quire::ide;
using quire::test::GitRepo;
using quire::test::replaced;

namespace {

const std::string kMarketing = quire::test::sourceDir() + "/resources/examples/marketing.yaml";

std::string marketing() { return quire::test::readFile(kMarketing); }

// The marketing workbook without its "See the data" button (element and placement).
std::string withoutSeeData(const std::string& text) {
    const auto start = text.find("    - id: see-data\n");
    const auto end = text.find("  layout: |");
    std::string out = text.substr(0, start) + text.substr(end);
    return replaced(out, "      <Element elementId=\"see-data\" gridColumn=\"21 / 25\" gridRow=\"1 / 4\"/>\n", "");
}

QTreeWidgetItem* statusRow(ChangesPanel* panel, const QString& path) {
    for (int i = 0; i < panel->statusList()->topLevelItemCount(); ++i)
        if (panel->statusList()->topLevelItem(i)->text(0) == path) return panel->statusList()->topLevelItem(i);
    return nullptr;
}

const Json* element(DocumentModel& model, const std::string& id) { return model.findElement(id); }

QStringList sortedKeys(const QHash<QString, DiffMark>& marks) {
    QStringList keys = marks.keys();
    keys.sort();
    return keys;
}

} // namespace

TEST_CASE("Changes dock: an edited file shows as modified, ticking stages it, Commit commits it", "[ide][vcs]") {
    quire::test::isolateGitConfig();
    GitRepo g("ide-changes-status");
    g.write("marketing.yaml", marketing());
    g.commitAll("Add the marketing workbook");
    MainWindow window;
    REQUIRE(window.openFile(QString::fromStdString(g.path("marketing.yaml")), true));
    ChangesPanel* panel = window.changes();
    REQUIRE(panel->hasRepository());
    CHECK(panel->relativePath() == "marketing.yaml");
    CHECK(panel->branchCombo()->currentText() == "main");
    CHECK_FALSE(statusRow(panel, "marketing.yaml")); // clean

    auto* rename = makeSetValue(window.model(), "/contents/elements/3/name", Json("Channel list"), "Rename");
    REQUIRE(rename);
    window.model()->undoStack()->push(rename);
    // Unsaved edits: committing is refused (a commit takes the file on disk).
    panel->messageEdit()->setPlainText("Rename the channels table");
    panel->commitButton()->click();
    CHECK(panel->messageText().contains("unsaved changes"));
    CHECK(g.git("rev-list --count HEAD") == "1");

    REQUIRE(window.saveTo(window.model()->filePath(), window.model()->format(), true));
    QTreeWidgetItem* row = statusRow(panel, "marketing.yaml");
    REQUIRE(row);
    CHECK(row->text(1) == "modified");
    CHECK(row->checkState(0) == Qt::Unchecked);

    row->setCheckState(0, Qt::Checked); // what a click on the box does
    QApplication::processEvents();
    CHECK(g.git("diff --cached --name-only") == "marketing.yaml");
    row = statusRow(panel, "marketing.yaml");
    REQUIRE(row);
    CHECK(row->text(1) == "modified, staged");
    CHECK(row->checkState(0) == Qt::Checked);

    panel->commitButton()->click();
    INFO(panel->messageText().toStdString());
    CHECK(g.git("log -1 --format=%s") == "Rename the channels table");
    CHECK(g.git("show HEAD:marketing.yaml").find("name: Channel list") != std::string::npos);
    CHECK(panel->messageEdit()->toPlainText().isEmpty());
    CHECK_FALSE(statusRow(panel, "marketing.yaml"));
}

TEST_CASE("Changes dock: switching branch reloads the open workbook, and is refused with unsaved edits", "[ide][vcs]") {
    quire::test::isolateGitConfig();
    GitRepo g("ide-changes-branch");
    g.write("marketing.yaml", marketing());
    g.commitAll("main version");
    g.git("checkout -q -b feature");
    g.write("marketing.yaml", replaced(marketing(), "name: Revenue by month", "name: Revenue per month (feature)"));
    g.commitAll("feature version");
    g.git("checkout -q main");
    MainWindow window;
    REQUIRE(window.openFile(QString::fromStdString(g.path("marketing.yaml")), true));
    ChangesPanel* panel = window.changes();
    REQUIRE(panel->branchCombo()->count() == 2);
    CHECK((*element(*window.model(), "revenue-trend"))["name"] == "Revenue by month");

    window.model()->undoStack()->push(makeSetValue(window.model(), "/contents/name", Json("x"), "Edit"));
    CHECK_FALSE(panel->switchBranch("feature"));
    CHECK(panel->messageText().contains("unsaved changes"));
    CHECK(g.git("branch --show-current") == "main");
    window.model()->undoStack()->undo();

    REQUIRE(panel->switchBranch("feature"));
    CHECK(g.git("branch --show-current") == "feature");
    CHECK(panel->branchCombo()->currentText() == "feature");
    CHECK((*element(*window.model(), "revenue-trend"))["name"] == "Revenue per month (feature)");
    CHECK_FALSE(window.model()->isModified());
}

TEST_CASE("History lists the file's commits, and comparing two highlights exactly the changed elements", "[ide][vcs]") {
    quire::test::isolateGitConfig();
    GitRepo g("ide-changes-history");
    const std::string v1 = marketing();
    const std::string v2 = replaced(v1, "name: Average order value", "name: AOV");
    const std::string v3 = withoutSeeData(replaced(v2, "formula: Sum([Orders/Revenue])\n", "formula: Avg([Orders/Revenue])\n"));
    g.write("marketing.yaml", v1);
    g.commitAll("v1");
    g.write("other.txt", "not the workbook\n");
    g.commitAll("unrelated");
    g.write("marketing.yaml", v2);
    g.commitAll("v2 rename AOV");
    g.write("marketing.yaml", v3);
    g.commitAll("v3 average revenue, no data button");
    MainWindow window;
    REQUIRE(window.openFile(QString::fromStdString(g.path("marketing.yaml")), true));
    ChangesPanel* panel = window.changes();

    QTreeWidget* history = panel->historyList();
    REQUIRE(history->topLevelItemCount() == 4); // working copy + the three commits that touched the file
    CHECK(history->topLevelItem(0)->text(0) == "Working copy");
    CHECK(history->topLevelItem(1)->text(1) == "v3 average revenue, no data button");
    CHECK(history->topLevelItem(2)->text(1) == "v2 rename AOV");
    CHECK(history->topLevelItem(3)->text(1) == "v1");
    const QString id1 = history->topLevelItem(3)->data(0, Qt::UserRole).toString();
    const QString id2 = history->topLevelItem(2)->data(0, Qt::UserRole).toString();
    const QString id3 = history->topLevelItem(1)->data(0, Qt::UserRole).toString();

    // Two versions picked in the list, then Compare.
    history->topLevelItem(2)->setSelected(true);
    history->topLevelItem(1)->setSelected(true);
    VersionDiffView* view = panel->compare(id2, id3);
    REQUIRE(view);
    // Sum -> Avg is the first revenue formula of the file: the Revenue KPI's.
    CHECK(sortedKeys(view->canvas()->diffMarks()) == QStringList{"kpi-revenue", "see-data"});
    CHECK(view->canvas()->diffMarks().value("kpi-revenue") == DiffMark::Changed);
    CHECK(view->canvas()->diffMarks().value("see-data") == DiffMark::Removed);
    CHECK(view->canvas()->isReadOnly());
    // The property differences list the formula; the SQL diff shows the aggregate that changed.
    CHECK_FALSE(view->differences()->findItems("/columns/0/formula", Qt::MatchRecursive | Qt::MatchExactly).isEmpty());
    const QString sql = view->sqlView()->toPlainText();
    INFO(sql.toStdString());
    CHECK(sql.contains("── kpi-revenue ──"));
    CHECK(sql.contains(QRegularExpression("^- .*SUM", QRegularExpression::MultilineOption | QRegularExpression::CaseInsensitiveOption)));
    CHECK(sql.contains(QRegularExpression("^\\+ .*AVG", QRegularExpression::MultilineOption | QRegularExpression::CaseInsensitiveOption)));
    view->close();

    VersionDiffView* all = panel->compare(id1, id3);
    REQUIRE(all);
    CHECK(sortedKeys(all->canvas()->diffMarks()) == QStringList{"kpi-aov", "kpi-revenue", "see-data"});
    all->close();

    // A version against the working copy (the open workbook, unsaved edits included).
    window.model()->undoStack()->push(makeSetValue(window.model(), "/contents/elements/0/name", Json("All events"), "Rename"));
    VersionDiffView* working = panel->compare(id3, {});
    REQUIRE(working);
    CHECK(sortedKeys(working->canvas()->diffMarks()) == QStringList{"events"});
    working->close();
}

namespace {

// main and other both change revenue-trend's name; main also renames kpi-sessions, other kpi-aov.
void makeConflictedMerge(const GitRepo& g) {
    g.write("marketing.yaml", marketing());
    g.commitAll("base");
    g.git("checkout -q -b other");
    g.write("marketing.yaml", replaced(replaced(marketing(), "name: Revenue by month", "name: Revenue (theirs)"),
                                       "name: Average order value", "name: AOV (theirs)"));
    g.commitAll("theirs");
    g.git("checkout -q main");
    g.write("marketing.yaml", replaced(replaced(marketing(), "name: Revenue by month", "name: Revenue (ours)"),
                                       "      name: Sessions\n      source:\n        kind: table",
                                       "      name: Visits (ours)\n      source:\n        kind: table"));
    g.commitAll("ours");
    g.git("merge other", /*mayFail=*/true);
}

} // namespace

TEST_CASE("Opening a workbook conflicted in a merge shows the element-level merge, resolving writes and stages it", "[ide][vcs]") {
    quire::test::isolateGitConfig();
    GitRepo g("ide-changes-conflict");
    makeConflictedMerge(g);
    REQUIRE(vcs::hasConflictMarkers(g.read("marketing.yaml")));

    MainWindow window;
    REQUIRE(window.openFile(QString::fromStdString(g.path("marketing.yaml")), true));
    ConflictPanel* conflicts = window.changes()->conflicts();
    REQUIRE(conflicts->active());
    CHECK(window.changes()->tabs()->currentWidget() == conflicts);
    REQUIRE(conflicts->table()->rowCount() == 1);
    CHECK(conflicts->table()->item(0, 0)->text() == "elements revenue-trend");
    // The local side is open while resolving.
    CHECK((*element(*window.model(), "revenue-trend"))["name"] == "Revenue (ours)");

    conflicts->pick(0, vcs::Side::Theirs);
    QString error;
    REQUIRE(conflicts->resolve(&error));
    CHECK_FALSE(conflicts->active());

    const std::string written = g.read("marketing.yaml");
    CHECK_FALSE(vcs::hasConflictMarkers(written));
    auto loaded = doc::parseDocument(written, doc::Format::Yaml, "marketing.yaml");
    REQUIRE(loaded.ok());
    const auto findings = validate::validate(*loaded.document);
    for (const auto& d : findings) INFO(formatDiagnostic(d));
    CHECK_FALSE(hasErrors(findings));
    CHECK(written.find("name: Revenue (theirs)") != std::string::npos); // the pick
    CHECK(written.find("name: AOV (theirs)") != std::string::npos);     // theirs only: merged
    CHECK(written.find("name: Visits (ours)") != std::string::npos);    // ours only: kept
    // One undoable step, and git sees the file resolved and staged.
    CHECK(window.model()->undoStack()->undoText() == "Resolve conflicts");
    CHECK(g.git("diff --name-only --diff-filter=U").empty());
    CHECK(g.git("diff --cached --name-only") == "marketing.yaml");

    // The Changes tab is next, with git's merge message ready.
    CHECK(window.changes()->tabs()->currentIndex() == 0);
    CHECK(window.changes()->messageEdit()->toPlainText().startsWith("Merge branch 'other'"));
    window.changes()->commitButton()->click();
    CHECK(g.git("log -1 --format=%P").find(' ') != std::string::npos);
}

TEST_CASE("A workbook with conflict markers but no merge in the index is resolved from the markers", "[ide][vcs]") {
    quire::test::isolateGitConfig();
    GitRepo g("ide-changes-markers");
    g.write("marketing.yaml", marketing());
    g.commitAll("base");
    const std::string text = replaced(marketing(), "      name: Revenue by month\n",
                                      "<<<<<<< Updated upstream\n      name: Revenue A\n=======\n      name: Revenue B\n>>>>>>> Stashed changes\n");
    g.write("marketing.yaml", text);
    MainWindow window;
    REQUIRE(window.openFile(QString::fromStdString(g.path("marketing.yaml")), true));
    ConflictPanel* conflicts = window.changes()->conflicts();
    REQUIRE(conflicts->active());
    REQUIRE(conflicts->table()->rowCount() == 1); // no base: the one item that differs
    conflicts->pick(0, vcs::Side::Theirs);
    REQUIRE(conflicts->resolve());
    const std::string written = g.read("marketing.yaml");
    CHECK_FALSE(vcs::hasConflictMarkers(written));
    CHECK(written.find("name: Revenue B") != std::string::npos);
    CHECK(written.find("name: Revenue A") == std::string::npos);

    // Unbalanced markers are refused with the line, and the open workbook stays.
    g.write("broken.yaml", "name: x\n<<<<<<< HEAD\ncontents: {}\n");
    CHECK_FALSE(window.openFile(QString::fromStdString(g.path("broken.yaml")), true));
    CHECK(window.model()->filePath().endsWith("marketing.yaml"));
}
