// The autosave writes on a worker thread from a snapshot of the edit log (edit_log.h, recovery_writer.h): the
// recovery file rebuilds exactly the latest state even when the user keeps editing while it is written, a late
// write never brings back the recovery file of saved work, and a damaged recovery file is refused, not applied.
#include <catch2/catch.hpp>

#include "document_commands.h"
#include "edit_log.h"
#include "main_window.h"
#include "recovery_store.h"
#include "save_fixture.h"

#include <quire/doc/io.h>
#include <test_support.h>

#include <QApplication>
#include <QFile>
#include <QFileInfo>

#include <fstream>

using namespace quire;
using namespace quire::ide;
using quire::test::bigWorkbookYaml;

using quire::test::TempDataHome;

namespace {

void push(MainWindow& window, QUndoCommand* command) {
    REQUIRE(command);
    window.model()->undoStack()->push(command);
}

std::string elementPointer(MainWindow& window, int index, const std::string& member) {
    return window.model()->bodyPointer() + "/elements/" + std::to_string(index) + (member.empty() ? "" : "/" + member);
}

} // namespace

TEST_CASE("an autosave while the user keeps editing recovers the latest state exactly", "[ide][recovery][autosave]") {
    TempDataHome home{"ide-autosave"};
    const QString file = home.dir + "/big.yaml";
    {
        std::ofstream out(file.toStdString(), std::ios::binary);
        out << bigWorkbookYaml(2500);
    }
    std::string expected;
    Json expectedRoot;
    QString recovery;
    {
        MainWindow window;
        REQUIRE(window.openFile(file, true));
        auto* model = window.model();
        push(window, makeSetValue(model, elementPointer(window, 1200, "name"), Json("Renamed"), "Rename"));
        REQUIRE(window.autosave()); // on its worker thread; the edits below go on meanwhile
        for (int i = 0; i < 5; ++i) // typing: merged into one undo step
            push(window, makeSetValue(model, elementPointer(window, 7, "name"), Json("Typed " + std::to_string(i)), "Rename", MergeTyping));
        push(window, makeSetValue(model, elementPointer(window, 9, "description"), Json("A new member"), "Describe"));
        REQUIRE(window.autosave()); // waits behind the first write
        push(window, makeDeleteElements(model, {"el-3", "el-2400"}));
        push(window, makeSetValue(model, elementPointer(window, 3, "name"), Json("The next one, now at 3"), "Rename"));
        push(window, makeAddElement(model, Json{{"id", "added"}, {"kind", "text"}, {"name", "Added"}, {"text", "Hello"}}, "page-1", {1, 7}, {1, 3}));
        model->undoStack()->undo();
        model->undoStack()->redo();
        push(window, makeSetValue(model, "/name", Json("Big, edited"), "Rename"));
        model->undoStack()->undo();
        REQUIRE(window.autosave());
        push(window, makeSetValue(model, elementPointer(window, 100, "columns/2/name"), Json("Margin"), "Rename"));
        REQUIRE(window.writeRecovery()); // the last state, written
        recovery = window.recoveryFile();
        expectedRoot = model->root();
        const doc::PreservingSave saved = doc::saveDocumentPreserving(model->document(), doc::Format::Yaml);
        REQUIRE(saved.preserved);
        expected = saved.text;
    } // destroyed without closeEvent: what a crash leaves
    REQUIRE(QFileInfo::exists(recovery));
    MainWindow window;
    window.setRecoveryPrompt([](const RecoveryOffer&) { return RecoveryChoice::Recover; });
    REQUIRE(window.start(file, true, true));
    const bool sameTree = window.model()->root() == expectedRoot; // not printed: 2,500 elements
    CHECK(sameTree);
    CHECK(window.model()->isModified());
    REQUIRE(window.saveTo(file, doc::Format::Yaml, true));
    CHECK(quire::test::readFile(file.toStdString()) == expected); // byte for byte a normal save, comments kept
    CHECK_FALSE(QFileInfo::exists(recovery));
}

TEST_CASE("a recovered workbook goes on autosaving from the same base", "[ide][recovery][autosave]") {
    TempDataHome home{"ide-autosave"};
    const QString file = home.dir + "/small.yaml";
    {
        std::ofstream out(file.toStdString(), std::ios::binary);
        out << bigWorkbookYaml(20);
    }
    QString recovery;
    {
        MainWindow window;
        REQUIRE(window.openFile(file, true));
        push(window, makeDeleteElements(window.model(), {"el-0"}));
        REQUIRE(window.writeRecovery());
        recovery = window.recoveryFile();
    }
    Json expectedRoot;
    {
        MainWindow window;
        window.setRecoveryPrompt([](const RecoveryOffer&) { return RecoveryChoice::Recover; });
        REQUIRE(window.start(file, true, true));
        REQUIRE(window.model()->root()["contents"]["elements"].size() == 19);
        push(window, makeDeleteElements(window.model(), {"el-1"}));
        REQUIRE(window.writeRecovery());
        CHECK(window.recoveryFile() == recovery);
        expectedRoot = window.model()->root();
    }
    QString error;
    auto recovered = RecoveryStore::load(recovery, &error);
    INFO(error.toStdString());
    REQUIRE(recovered);
    CHECK(recovered->document.root == expectedRoot);
    CHECK(recovered->document.root["contents"]["elements"].size() == 18);
}

TEST_CASE("a new workbook's recovery starts from its tree before the first edit", "[ide][recovery][autosave]") {
    TempDataHome home{"ide-autosave"};
    QString recovery;
    Json expectedRoot;
    {
        MainWindow window;
        push(window, makeSetValue(window.model(), "/name", Json("Never saved"), "Rename"));
        push(window, makeAddPage(window.model(), "Second"));
        REQUIRE(window.writeRecovery());
        recovery = window.recoveryFile();
        expectedRoot = window.model()->root();
    }
    QString error;
    auto recovered = RecoveryStore::load(recovery, &error);
    REQUIRE(recovered);
    CHECK(recovered->document.root == expectedRoot);
    CHECK(recovered->document.path.empty());
}

TEST_CASE("a write that ends after the work was saved does not bring the recovery file back", "[ide][recovery][autosave]") {
    TempDataHome home{"ide-autosave"};
    RecoverySlot slot(home.dir + "/recovery");
    QString error;
    auto ticket = slot.open("/tmp/wb.yaml", &error);
    REQUIRE(ticket);
    const QString file = slot.file();
    SECTION("discarded before the write ends") {
        slot.discard(); // the workbook was saved while the worker wrote
        REQUIRE(RecoverySlot::commit(*ticket, "{}", &error));
        CHECK_FALSE(QFileInfo::exists(file));
        CHECK_FALSE(QFileInfo::exists(file + ".next"));
    }
    SECTION("still wanted") {
        REQUIRE(RecoverySlot::commit(*ticket, "{}", &error));
        CHECK(QFileInfo::exists(file));
        CHECK_FALSE(QFileInfo::exists(file + ".next"));
    }
}

TEST_CASE("a damaged recovery log is refused with a reason, never half applied", "[ide][recovery][autosave]") {
    TempDataHome home{"ide-autosave"};
    const QString file = home.dir + "/damaged.json";
    const std::string base = R"("base": {"format": "json", "tree": {"name": "W", "contents": {"elements": []}}})";
    std::string edits;
    std::string reason;
    SECTION("a pointer into a string") {
        edits = R"([{"pointer": "/name/x/y", "value": 1}])";
        reason = "does not apply";
    }
    SECTION("an index that is not a number") {
        edits = R"([{"pointer": "/contents/elements/x"}])";
        reason = "does not apply";
    }
    SECTION("a pointer deeper than the nesting limit") {
        std::string deep;
        for (int i = 0; i < 600; ++i) deep += "/a";
        edits = R"([{"pointer": ")" + deep + R"(", "value": 1}])";
        reason = "nesting limit";
    }
    SECTION("an edit without a pointer") {
        edits = R"([{"value": 1}])";
        reason = "without a pointer";
    }
    {
        std::ofstream out(file.toStdString(), std::ios::binary);
        out << R"({"quireRecovery": 2, "path": "", "format": "json", "written": "2026-01-01T00:00:00Z", )" << base
            << R"(, "edits": )" << edits << "}";
    }
    QString error;
    CHECK_FALSE(RecoveryStore::load(file, &error));
    CHECK_THAT(error.toStdString(), Catch::Contains(reason));
}

TEST_CASE("the edit log rebuilds the document after sets, removals and merged sets", "[ide][recovery][autosave]") {
    Json root = {{"a", {{"list", {1, 2, 3, 4}}}}, {"b", "x"}};
    EditLog log;
    log.baseTree = std::make_shared<const Json>(root);
    auto apply = [&](const std::string& pointer, std::optional<Json> value) {
        log.record(pointer, value ? &*value : nullptr);
        setValueAt(root, pointer, value ? &*value : nullptr);
    };
    apply("/a/list/1", std::nullopt);     // [1, 3, 4]
    apply("/a/list/1", Json(30));         // [1, 30, 4]: not merged into the removal
    apply("/a/list/1", Json(31));         // merged
    apply("/a/list/3", Json(5));          // appended
    apply("/c", Json{{"new", true}});
    apply("/b", std::nullopt);
    CHECK(log.entries.size() == 5);
    std::string error;
    auto replayed = log.replay(&error);
    INFO(error);
    REQUIRE(replayed);
    CHECK(*replayed == root);
    CHECK((*replayed)["a"]["list"] == Json({1, 31, 4, 5}));
    apply("", Json{{"whole", 1}}); // a new tree becomes the base
    CHECK(log.entries.empty());
    CHECK(*log.replay(&error) == Json{{"whole", 1}});
}
