// The document model validates incrementally (validate/incremental.h): after every edit pushed through the undo
// stack (member edits, formulas, source edits, elements added and deleted, undo and redo) its findings are
// exactly those of a full validation. A big workbook is validated in slices after it opens, and opens on a
// worker thread; the source view writes its text only when it is looked at.
#include <catch2/catch.hpp>

#include "document_commands.h"
#include "main_window.h"
#include "outline_widget.h"
#include "problems_widget.h"
#include "source_view.h"

#include <quire/doc/io.h>
#include <quire/validate/validator.h>
#include <test_support.h>

#include <QApplication>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <random>

using namespace quire;
using namespace quire::ide;

namespace {

std::vector<std::string> lines(const std::vector<Diagnostic>& diagnostics) {
    std::vector<std::string> out;
    for (const auto& d : diagnostics)
        out.push_back(d.rule + " " + d.pointer + " " + std::to_string(d.location.line) + ":" +
                      std::to_string(d.location.column) + " " + d.message);
    return out;
}

// Tables, child tables, charts and controls on one page; formulas read their parents by name and a control.
doc::Document workbook(int count) {
    Json elements = Json::array();
    std::string layout = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Page type=\"grid\" gridTemplateColumns=\"repeat(24, 1fr)\" "
                         "gridTemplateRows=\"auto\" id=\"page-1\">\n";
    for (int i = 0; i < count; ++i) {
        const std::string id = "el-" + std::to_string(i);
        Json e{{"id", id}, {"name", "Element " + std::to_string(i)}};
        if (i % 7 == 6) {
            e["kind"] = "control";
            e["controlType"] = "text-input";
            e["controlId"] = "ctl-" + std::to_string(i);
        } else {
            const int parent = i - i % 3;
            e["kind"] = i % 3 == 1 ? "bar-chart" : "table";
            e["source"] = i % 3 == 0 ? Json{{"kind", "warehouse-table"}, {"connectionId", "0b7e1d2c-5a44-4f0e-8d3a-7a1c9e6f4b20"},
                                            {"path", Json::array({"DB", "PUBLIC", "T" + std::to_string(i)})}}
                                     : Json{{"kind", "table"}, {"elementId", "el-" + std::to_string(parent)}};
            Json columns = Json::array();
            for (int c = 0; c < 3; ++c)
                columns.push_back({{"id", id + "-c" + std::to_string(c)},
                                   {"name", "Col " + std::to_string(c)},
                                   {"formula", i % 3 == 0 ? "[T/COL_" + std::to_string(c) + "]"
                                                          : "Sum([Element " + std::to_string(parent) + "/Col " + std::to_string(c) + "]) + [ctl-6]"}});
            e["columns"] = std::move(columns);
            if (e["kind"] == "bar-chart") {
                e["xAxis"] = {{"columnId", id + "-c0"}};
                e["yAxis"] = {{"columnIds", Json::array({id + "-c1"})}};
            }
        }
        elements.push_back(std::move(e));
        layout += "  <Element elementId=\"" + id + "\" gridColumn=\"1 / 13\" gridRow=\"" + std::to_string(1 + 10 * i) + " / " +
                  std::to_string(11 + 10 * i) + "\"/>\n";
    }
    layout += "</Page>\n";
    doc::Document d;
    d.format = doc::Format::Yaml;
    d.root = Json{{"name", "Generated"},
                  {"folderId", "6d1c6a52-2f1e-4a8e-9d55-0c1f3a9e2b11"},
                  {"contents", {{"schemaVersion", 1}, {"kind", "workbook"}, {"pages", Json::array({{{"id", "page-1"}, {"name", "Page 1"}}})},
                                {"elements", elements}, {"layout", layout}}}};
    return d;
}

template <typename T>
T pick(std::mt19937& rng, const std::vector<T>& from) {
    return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
}

// One random edit as the IDE's panels make them: a command on the undo stack, or undo/redo.
void randomEdit(std::mt19937& rng, DocumentModel& model) {
    QUndoStack* stack = model.undoStack();
    const Json* list = model.elements();
    const std::size_t count = list ? list->size() : 0;
    const int what = std::uniform_int_distribution<int>(0, 11)(rng);
    if (what == 0 && stack->canUndo()) return stack->undo();
    if (what == 1 && stack->canRedo()) return stack->redo();
    if (count == 0 || what == 2) {
        Json e = workbook(1).root["contents"]["elements"][0];
        e["id"] = model.uniqueElementId("new");
        if (auto* c = makeAddElement(&model, e, "page-1", {1, 13}, {500, 510})) stack->push(c);
        return;
    }
    const std::size_t i = std::uniform_int_distribution<std::size_t>(0, count - 1)(rng);
    const std::string element = model.bodyPointer() + "/elements/" + std::to_string(i);
    const Json& e = (*list)[i];
    QUndoCommand* command = nullptr;
    switch (what) {
    case 3:
        command = makeSetValue(&model, element + "/name", Json(pick(rng, std::vector<std::string>{"Element 0", "Element 3", "Renamed", ""})), "Rename");
        break;
    case 4: command = makeSetValue(&model, element + "/id", Json(pick(rng, std::vector<std::string>{"el-0", "el-3", "el-x"})), "Id"); break;
    case 5:
        if (e.contains("columns") && e["columns"].is_array() && !e["columns"].empty())
            command = makeSetValue(&model, element + "/columns/0/formula",
                                   Json(pick(rng, std::vector<std::string>{"[Col 1]", "Sum(", "Foo(1)", "[ctl-6] + 1", "[ctl-new]", "Sum(Sum([Col 1]))"})),
                                   "Formula");
        break;
    case 6: // a control id appears or changes
        command = new EditCommand(&model, "Control", {{element + "/kind", Json("control"), std::nullopt},
                                                     {element + "/controlId", Json(pick(rng, std::vector<std::string>{"ctl-6", "ctl-new", "Col 1"})), std::nullopt}});
        break;
    case 7: command = makeSetValue(&model, element + "/kind", pick(rng, std::vector<Json>{"table", "kpi", 7}), "Kind"); break;
    case 8: // the source view: the whole document replaced, one element changed in it
    {
        Json root = model.root();
        root["contents"]["elements"][i]["name"] = "From source";
        if (std::uniform_int_distribution<int>(0, 2)(rng) == 0) root["contents"]["elements"].erase(i); // or removed
        command = makeReplaceDocument(&model, root, "Edit source");
        break;
    }
    case 9:
        if (e.contains("id") && e["id"].is_string()) command = makeDeleteElements(&model, {QString::fromStdString(e["id"].get<std::string>())});
        break;
    case 10: command = makeSetValue(&model, element + "/bogus", Json(1), "Unknown key"); break;
    default: command = makeSetValue(&model, model.bodyPointer() + "/pages/0/name", Json("Page " + std::to_string(what)), "Page"); break;
    }
    if (command) stack->push(command);
}


// Every row of an outline, depth first, with what it shows.
void dump(const QAbstractItemModel& model, const QModelIndex& parent, int depth, QStringList& out) {
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        out << QString(depth * 2, ' ') + index.data().toString() + " | " + index.data(OutlineModel::IdRole).toString() + " | " +
                   index.data(OutlineModel::TypeRole).toString() + " | " + index.data(Qt::ForegroundRole).toString();
        dump(model, index, depth + 1, out);
    }
}

QStringList dump(const QAbstractItemModel& model) {
    QStringList out;
    dump(model, {}, 0, out);
    return out;
}

} // namespace

TEST_CASE("the document model's findings and the outline after random edits equal a full rebuild", "[ide][incremental]") {
    for (unsigned seed : {1u, 2u, 3u}) {
        DocumentModel model;
        model.setDocument(workbook(24));
        OutlineModel outline(&model); // updated in place on renames
        outline.refresh();
        std::mt19937 rng(seed);
        for (int step = 0; step < 120; ++step) {
            randomEdit(rng, model);
            INFO("seed " << seed << ", edit " << step);
            REQUIRE(lines(model.diagnostics()) == lines(validate::validate(model.document())));
            OutlineModel fresh(&model);
            fresh.refresh();
            REQUIRE(dump(outline) == dump(fresh));
        }
    }
}


TEST_CASE("a big workbook is validated in slices after it opens and Problems fill in at the end", "[ide][incremental]") {
    MainWindow window;
    window.model()->setBackgroundValidationThreshold(10);
    window.model()->setDocument(workbook(400));
    DocumentModel& model = *window.model();
    CHECK(model.validationPending());
    INFO((model.diagnostics().empty() ? std::string() : lines(model.diagnostics()).front()));
    CHECK(model.diagnostics().empty());
    // An edit while the slices run: the result includes it.
    model.undoStack()->push(makeSetValue(&model, model.bodyPointer() + "/elements/4/columns/0/formula", Json("Sum("), "Formula"));
    CHECK(model.validationPending());
    QSignalSpy finished(&model, &DocumentModel::validationFinished);
    QSignalSpy progress(&model, &DocumentModel::validationProgress);
    REQUIRE(finished.wait(20000));
    CHECK(progress.count() > 1); // more than one slice
    CHECK_FALSE(model.validationPending());
    const auto full = validate::validate(model.document());
    REQUIRE_FALSE(full.empty());
    CHECK(lines(model.diagnostics()) == lines(full));
    CHECK(window.problems()->problems()->rowCount() == int(full.size()));
}

TEST_CASE("a workbook opened in the background: the window is disabled until the document is in", "[ide][incremental]") {
    const std::string dir = test::makeTempDir("ide-open-background");
    const std::string path = dir + "/big.yaml";
    doc::Document d = workbook(40);
    {
        QFile file(QString::fromStdString(path));
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write(QByteArray::fromStdString(doc::saveDocument(d, doc::Format::Yaml)));
    }
    MainWindow window;
    QSignalSpy opened(&window, &MainWindow::opened);
    REQUIRE(window.openFileInBackground(QString::fromStdString(path), true));
    CHECK(window.isOpening());
    CHECK_FALSE(window.isEnabled());
    CHECK_FALSE(window.openFileInBackground(QString::fromStdString(path), true)); // one at a time
    REQUIRE(opened.wait(20000));
    CHECK(opened.front().front().toBool());
    CHECK_FALSE(window.isOpening());
    CHECK(window.isEnabled());
    REQUIRE(window.model()->elements());
    CHECK(window.model()->elements()->size() == 40);
    CHECK(window.model()->filePath() == QString::fromStdString(path));

    QSignalSpy failed(&window, &MainWindow::opened);
    REQUIRE(window.openFileInBackground(QString::fromStdString(dir + "/missing.yaml"), true));
    REQUIRE(failed.wait(20000));
    CHECK_FALSE(failed.front().front().toBool());
    CHECK(window.model()->elements()->size() == 40); // the open workbook stays
}

TEST_CASE("the source view shows every edit made while it was hidden once it is read or shown", "[ide][incremental]") {
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    window.model()->setDocument(workbook(8));
    QApplication::processEvents();
    SourceView* source = window.sourceView(); // behind the Properties dock
    DocumentModel& model = *window.model();
    model.undoStack()->push(makeSetValue(&model, model.bodyPointer() + "/elements/2/name", Json("Seen later"), "Rename"));
    CHECK(source->text().contains("Seen later"));
    model.undoStack()->undo();
    CHECK_FALSE(source->text().contains("Seen later"));
}
