// Save (Ctrl+S) runs on a worker thread from a snapshot (document_saver.h): the file holds exactly what a
// synchronous save of the snapshot's state gives, while edits made during the save stay unsaved (modified, in
// the edit log and the recovery copy, written by the next save); a failed save keeps the old file and the
// modified flag; closing during a save waits for it.
#include <catch2/catch.hpp>

#include "document_commands.h"
#include "main_window.h"
#include "save_fixture.h"
#include "save_job.h"

#include <quire/doc/io.h>
#include <test_support.h>

#include <QApplication>
#include <QFileInfo>
#include <QMessageBox>
#include <QStatusBar>
#include <QTimer>

#include <fstream>

using namespace quire;
using namespace quire::ide;

using quire::test::TempDataHome;

namespace {

QString writeBigWorkbook(const TempDataHome& home, int count) {
    const QString file = home.dir + "/big.yaml";
    std::ofstream out(file.toStdString(), std::ios::binary);
    out << quire::test::bigWorkbookYaml(count);
    return file;
}

void push(MainWindow& window, QUndoCommand* command) {
    REQUIRE(command);
    window.model()->undoStack()->push(command);
}

std::string elementPointer(MainWindow& window, int index, const std::string& member) {
    return window.model()->bodyPointer() + "/elements/" + std::to_string(index) + "/" + member;
}

// What the synchronous save of the document as it is now writes.
std::string syncSaveText(MainWindow& window) { return saveText(window.model()->document(), doc::Format::Yaml, nullptr); }

QString status(MainWindow& window) { return window.statusBar()->currentMessage(); }

} // namespace

TEST_CASE("a save while the user keeps editing writes exactly the snapshot, the edits stay unsaved", "[ide][save][async]") {
    TempDataHome home{"ide-async-save"};
    const QString file = writeBigWorkbook(home, 2500);
    MainWindow window;
    REQUIRE(window.openFile(file, true));
    auto* model = window.model();
    auto* stack = model->undoStack();
    push(window, makeSetValue(model, elementPointer(window, 1200, "name"), Json("Renamed"), "Rename"));
    push(window, makeSetValue(model, elementPointer(window, 7, "name"), Json("Typed 0"), "Rename", MergeTyping));
    REQUIRE(window.writeRecovery());
    const QString recovery = window.recoveryFile();
    const std::string expected = syncSaveText(window);
    const Json snapshotRoot = model->root();
    const int snapshotIndex = stack->index();

    REQUIRE(window.startSave(QString(), doc::Format::Yaml, true));
    CHECK(window.saveBusy());
    CHECK(model->isModified()); // not saved before the file is written
    CHECK(status(window).startsWith("Saving " + file));
    // Typing on in the same field: without the snapshot's barrier this would merge into the step being saved.
    for (int i = 1; i < 5; ++i)
        push(window, makeSetValue(model, elementPointer(window, 7, "name"), Json("Typed " + std::to_string(i)), "Rename", MergeTyping));
    push(window, makeSetValue(model, elementPointer(window, 9, "description"), Json("A new member"), "Describe"));
    push(window, makeSetValue(model, elementPointer(window, 100, "columns/2/name"), Json("Margin"), "Rename"));
    CHECK(model->isModified());
    const int editsDuringSave = stack->index() - snapshotIndex;
    REQUIRE(editsDuringSave == 3);

    REQUIRE(window.waitForSaves());
    CHECK_FALSE(window.saveBusy());
    const std::string written = quire::test::readFile(file.toStdString());
    CHECK(written.size() == expected.size());
    CHECK((written == expected)); // byte for byte (not printed: 2,500 elements)
    CHECK(model->isModified());
    CHECK(window.isWindowModified());
    CHECK(status(window).startsWith("Saved " + file));
    CHECK(QFileInfo::exists(recovery)); // it must still cover the edits made during the save
    // The edit log now starts from the saved text and rebuilds the document with the edits made meanwhile.
    REQUIRE(model->editLog().baseText);
    CHECK(model->editLog().baseText == model->document().sourceText);
    CHECK((*model->editLog().baseText == written));
    CHECK(model->editLog().entries.size() == 3); // the typing, the new member, the column
    std::string error;
    auto replayed = model->editLog().replay(&error);
    REQUIRE(replayed);
    const bool logRebuildsDocument = *replayed == model->root();
    CHECK(logRebuildsDocument);

    // Undoing back to the snapshot shows the document as saved; redoing, modified again.
    for (int i = 0; i < editsDuringSave; ++i) stack->undo();
    CHECK_FALSE(model->isModified());
    const bool snapshotState = model->root() == snapshotRoot;
    CHECK(snapshotState);
    for (int i = 0; i < editsDuringSave; ++i) stack->redo();
    CHECK(model->isModified());

    // The next save writes the later edits, patching the text the first one wrote.
    REQUIRE(window.writeRecovery());
    const std::string expectedNext = syncSaveText(window);
    REQUIRE(window.saveTo(file, doc::Format::Yaml, true));
    const std::string writtenNext = quire::test::readFile(file.toStdString());
    CHECK((writtenNext == expectedNext));
    auto reread = doc::parseDocument(writtenNext, doc::Format::Yaml);
    REQUIRE(reread.document);
    const bool latestState = reread.document->root == model->root();
    CHECK(latestState);
    CHECK(writtenNext.find("# element 1200\n") != std::string::npos); // comments kept
    CHECK_FALSE(model->isModified());
    CHECK_FALSE(QFileInfo::exists(recovery)); // nothing unsaved any more
}

TEST_CASE("saves asked for during a save run one after the other, each with the state when it starts", "[ide][save][async]") {
    TempDataHome home{"ide-async-save"};
    const QString file = writeBigWorkbook(home, 500);
    const QString copy = home.dir + "/copy.json";
    MainWindow window;
    REQUIRE(window.openFile(file, true));
    auto* model = window.model();
    push(window, makeSetValue(model, "/name", Json("First"), "Rename"));
    REQUIRE(window.startSave(QString(), doc::Format::Yaml, true));
    push(window, makeSetValue(model, "/name", Json("Second"), "Rename"));
    REQUIRE(window.startSave(copy, doc::Format::Json, true)); // Save As, queued behind the first save
    REQUIRE(window.startSave(QString(), doc::Format::Json, true)); // then Ctrl+S: the file Save As chose
    REQUIRE(window.startSave(QString(), doc::Format::Json, true)); // the same request again: one save
    push(window, makeSetValue(model, "/name", Json("Third"), "Rename"));
    REQUIRE(window.waitForSaves());
    auto first = doc::loadDocument(file.toStdString());
    auto second = doc::loadDocument(copy.toStdString());
    REQUIRE(first.document);
    REQUIRE(second.document);
    CHECK(first.document->root["name"] == "First");
    CHECK(second.document->root["name"] == "Third"); // the Ctrl+S after the Save As wrote the latest state
    CHECK(model->filePath() == copy);
    CHECK(model->format() == doc::Format::Json);
    CHECK_FALSE(model->isModified());
}

TEST_CASE("a save that fails during edits keeps the old file and the workbook modified", "[ide][save][async]") {
    TempDataHome home{"ide-async-save"};
    const QString file = writeBigWorkbook(home, 500);
    const std::string before = quire::test::readFile(file.toStdString());
    MainWindow window;
    REQUIRE(window.openFile(file, true));
    auto* model = window.model();
    push(window, makeSetValue(model, "/name", Json("Not saved"), "Rename"));
    {
        quire::test::FileSizeLimit limit(4096); // the disk is full for this save
        REQUIRE(window.startSave(QString(), doc::Format::Yaml, true));
        push(window, makeSetValue(model, elementPointer(window, 2, "name"), Json("Edited meanwhile"), "Rename"));
        CHECK_FALSE(window.waitForSaves());
    }
    CHECK(quire::test::readFile(file.toStdString()) == before);
    CHECK(model->isModified());
    CHECK(window.isWindowModified());
    CHECK(status(window).contains("Could not save"));
    model->undoStack()->undo(); // back to the state the failed save took: still not in the file
    CHECK(model->isModified());
    model->undoStack()->redo();
    // With room again, a save writes everything.
    REQUIRE(window.saveTo(QString(), doc::Format::Yaml, true));
    auto reread = doc::loadDocument(file.toStdString());
    REQUIRE(reread.document);
    const bool latestState = reread.document->root == model->root();
    CHECK(latestState);
    CHECK_FALSE(model->isModified());
}

TEST_CASE("closing the window during a save waits for it", "[ide][save][async]") {
    TempDataHome home{"ide-async-save"};
    const QString file = writeBigWorkbook(home, 2500);
    MainWindow window;
    REQUIRE(window.openFile(file, true));
    window.show();
    push(window, makeSetValue(window.model(), "/name", Json("Saved while closing"), "Rename"));
    REQUIRE(window.writeRecovery());
    const QString recovery = window.recoveryFile();
    const std::string expected = syncSaveText(window);
    REQUIRE(window.startSave(QString(), doc::Format::Yaml, true));
    // A question about unsaved changes would mean the close did not wait: answer it with Cancel.
    bool asked = false;
    QTimer answer;
    QObject::connect(&answer, &QTimer::timeout, [&] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
            asked = true;
            box->reject();
        }
    });
    answer.start(20);
    CHECK(window.close());
    CHECK_FALSE(asked);
    CHECK_FALSE(window.saveBusy());
    CHECK((quire::test::readFile(file.toStdString()) == expected));
    CHECK_FALSE(QFileInfo::exists(recovery));
}
