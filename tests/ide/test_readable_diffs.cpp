// Readable diffs (issue #11 section 1): the IDE's save changes only the bytes of what changed. A copy of the
// sample workbook (with its comments) in a real git repository is edited through the property panel and the
// undo commands, saved with File > Save's code path (MainWindow::saveTo), and `git diff --numstat` counts lines.
#include <catch2/catch.hpp>

#include "document_commands.h"
#include "element_templates.h"
#include "main_window.h"
#include "property_panel.h"
#include "recovery_store.h"

#include <quire/doc/io.h>
#include <test_support.h>

#include <QApplication>
#include <QLineEdit>
#include <QStatusBar>
#include <QTest>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

using namespace quire;
using namespace quire::ide;

namespace {

const std::string kSample = quire::test::sourceDir() + "/resources/examples/marketing.yaml";

std::string shellQuote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// Runs a command in `dir`; fails the test unless it exits 0. Returns its standard output.
std::string run(const std::string& dir, const std::string& command) {
    const std::string full = "cd " + shellQuote(dir) + " && " + command + " 2>&1";
    FILE* pipe = popen(full.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string out;
    char buffer[4096];
    for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    const int status = pclose(pipe);
    INFO(command << "\n" << out);
    REQUIRE((WIFEXITED(status) && WEXITSTATUS(status) == 0));
    return out;
}

void writeFile(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    REQUIRE(out.good());
}

// A fresh git repository holding `name` with `text`, committed.
std::string repositoryWith(const std::string& tag, const std::string& name, const std::string& text) {
    const std::string dir = quire::test::makeTempDir(tag);
    writeFile(dir + "/" + name, text);
    run(dir, "git init -q . && git -c user.name=Quire -c user.email=quire@example.invalid add . && "
             "git -c user.name=Quire -c user.email=quire@example.invalid -c commit.gpgsign=false commit -qm base");
    return dir;
}

struct NumStat {
    int added = -1;
    int deleted = -1;
};

NumStat numstat(const std::string& dir) {
    std::istringstream in(run(dir, "git diff --numstat"));
    NumStat stat;
    std::string file;
    in >> stat.added >> stat.deleted >> file;
    return stat;
}

void settle() {
    QApplication::processEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

// Retitles an element as a user does: select it, type into the property panel's Title field.
void retitle(MainWindow& window, const std::string& id, const QString& title) {
    window.model()->setSelection({QString::fromStdString(id)});
    settle();
    auto* field = window.properties()->content()->findChild<QLineEdit*>("field-name");
    REQUIRE(field);
    field->setFocus();
    field->selectAll();
    QTest::keyClicks(field, title);
    settle();
    const Json* element = window.model()->findElement(id);
    REQUIRE(element);
    REQUIRE((*element)["name"] == title.toStdString());
}

// Adds a bar chart from the palette's template below everything on the overview page.
void addChart(MainWindow& window) {
    DocumentModel& model = *window.model();
    const std::string id = model.uniqueElementId(idStemFor("bar-chart"));
    const Json element = makeElementFromTemplate(model, "bar-chart", id, "sessions");
    auto* command = makeAddElement(&model, element, "overview", {1, 13}, {46, 57});
    REQUIRE(command);
    model.undoStack()->push(command);
    REQUIRE(model.findElement(id));
}

// Every comment line and trailing comment of `before` is still in `after`.
void requireCommentsKept(const std::string& before, const std::string& after) {
    std::istringstream in(before);
    int comments = 0;
    for (std::string line; std::getline(in, line);) {
        const auto hash = line.find('#');
        if (hash == std::string::npos || (hash > 0 && line[hash - 1] != ' ')) continue;
        ++comments;
        INFO(line);
        CHECK(after.find(line.substr(hash)) != std::string::npos);
    }
    CHECK(comments >= 8);
}

} // namespace

TEST_CASE("saving a title edit in the IDE changes exactly one line of the YAML workbook", "[ide][diffs]") {
    const std::string original = quire::test::readFile(kSample);
    const std::string dir = repositoryWith("diffs-yaml-title", "marketing.yaml", original);
    const QString file = QString::fromStdString(dir + "/marketing.yaml");
    MainWindow window;
    REQUIRE(window.openFile(file, true));
    retitle(window, "revenue-trend", "Revenue by calendar month");
    REQUIRE(window.saveTo(file, doc::Format::Yaml, true));

    const NumStat stat = numstat(dir);
    CHECK(stat.added == 1);
    CHECK(stat.deleted == 1);
    CHECK_THAT(run(dir, "git diff -U0"), Catch::Contains("-      name: Revenue by month\n+      name: Revenue by calendar month\n"));
    const std::string saved = quire::test::readFile(dir + "/marketing.yaml");
    requireCommentsKept(original, saved);
    // The saved text is what the next save patches.
    REQUIRE(window.model()->document().sourceText);
    CHECK(*window.model()->document().sourceText == saved);
    CHECK_FALSE(window.model()->isModified());
}

TEST_CASE("adding a chart in the IDE only adds lines to the YAML workbook, comments kept", "[ide][diffs]") {
    const std::string original = quire::test::readFile(kSample);
    const std::string dir = repositoryWith("diffs-yaml-add", "marketing.yaml", original);
    const QString file = QString::fromStdString(dir + "/marketing.yaml");
    MainWindow window;
    REQUIRE(window.openFile(file, true));
    addChart(window);
    REQUIRE(window.saveTo(file, doc::Format::Yaml, true));

    const NumStat stat = numstat(dir);
    CHECK(stat.added > 10); // the element and its layout line
    CHECK(stat.deleted == 0);
    requireCommentsKept(original, quire::test::readFile(dir + "/marketing.yaml"));
    // Undo back to the loaded tree and save again: the file is the original, byte for byte.
    while (window.model()->undoStack()->canUndo()) window.model()->undoStack()->undo();
    REQUIRE(window.saveTo(file, doc::Format::Yaml, true));
    CHECK(quire::test::readFile(dir + "/marketing.yaml") == original);
}

TEST_CASE("the JSON form of the workbook keeps its layout through IDE edits too", "[ide][diffs]") {
    auto loaded = doc::loadDocument(kSample);
    REQUIRE(loaded.ok());
    const std::string original = doc::saveDocument(*loaded.document, doc::Format::Json); // converted once, canonically
    const std::string dir = repositoryWith("diffs-json", "marketing.json", original);
    const QString file = QString::fromStdString(dir + "/marketing.json");
    MainWindow window;
    REQUIRE(window.openFile(file, true));
    retitle(window, "revenue-trend", "Revenue by calendar month");
    REQUIRE(window.saveTo(file, doc::Format::Json, true));
    NumStat stat = numstat(dir);
    CHECK(stat.added == 1);
    CHECK(stat.deleted == 1);

    run(dir, "git -c user.name=Quire -c user.email=quire@example.invalid -c commit.gpgsign=false commit -qam title");
    addChart(window);
    REQUIRE(window.saveTo(file, doc::Format::Json, true));
    stat = numstat(dir);
    // The layout is one JSON string on one line: that line changes, everything else is added (git pairs the
    // old last element's "}" with the new one's, so the comma after it shows as an added "},").
    CHECK(stat.added > 10);
    CHECK(stat.deleted == 1);
    const std::string diff = run(dir, "git diff -U0");
    CHECK_THAT(diff, Catch::Contains("-    \"layout\": "));
    CHECK_THAT(diff, Catch::Contains("+      },\n+      {\n+        \"id\": \"bar-chart-1\",\n"));
}

TEST_CASE("a save that cannot keep the formatting writes canonical text and says why", "[ide][diffs]") {
    const std::string dir = quire::test::makeTempDir("diffs-fallback");
    const std::string path = dir + "/wb.yaml";
    writeFile(path, "# comment\nname: &n Shared\ndescription: *n\ncontents:\n  elements: []\n");
    const QString file = QString::fromStdString(path);
    MainWindow window;
    REQUIRE(window.openFile(file, true));
    window.model()->undoStack()->push(makeSetValue(window.model(), "/name", Json("Other"), "Rename"));
    REQUIRE(window.saveTo(file, doc::Format::Yaml, true));
    CHECK(quire::test::readFile(path) == "name: Other\ndescription: Shared\ncontents:\n  elements: []\n");
    CHECK_THAT(window.statusBar()->currentMessage().toStdString(),
               Catch::Contains("in canonical style") && Catch::Contains("does not read back"));
}

TEST_CASE("a workbook recovered after a crash still saves format-preserving", "[ide][diffs][recovery]") {
    const std::string original = quire::test::readFile(kSample);
    const std::string dir = repositoryWith("diffs-recovered", "marketing.yaml", original);
    const QString file = QString::fromStdString(dir + "/marketing.yaml");
    const QString recoveryDir = QString::fromStdString(dir + "/recovery");
    QString recoveryFile;
    {
        MainWindow crashed;
        REQUIRE(crashed.openFile(file, true));
        retitle(crashed, "revenue-trend", "Revenue by calendar month");
        RecoverySlot slot(recoveryDir);
        QString error;
        auto* model = crashed.model();
        REQUIRE(slot.write(recoverySnapshot(model->document(), model->editLog(), model->revision()), &error));
        recoveryFile = slot.file();
    } // the slot keeps its file, as after a crash
    QString error;
    auto recovered = RecoveryStore::load(recoveryFile, &error);
    INFO(error.toStdString());
    REQUIRE(recovered);
    MainWindow window;
    window.model()->setRecoveredDocument(std::move(recovered->document), std::move(recovered->log));
    REQUIRE(window.saveTo(file, doc::Format::Yaml, true));
    const NumStat stat = numstat(dir);
    CHECK(stat.added == 1);
    CHECK(stat.deleted == 1);
}
