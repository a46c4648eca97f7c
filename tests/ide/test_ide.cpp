#include <catch2/catch.hpp>

#include "canvas_widget.h"
#include "document_commands.h"
#include "formula_editor.h"
#include "main_window.h"
#include "problems_widget.h"
#include "property_panel.h"
#include "source_view.h"

#include <quire/doc/io.h>
#include <quire/doc/layout.h>
#include <test_support.h>

#include <QApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QScrollBar>
#include <QTableWidget>
#include <QTest>

using namespace quire;
using namespace quire::ide;

namespace {

const std::string kSample = quire::test::sourceDir() + "/tests/corpus/marketing-analytics.yaml";

struct Fixture {
    MainWindow window;
    Fixture() {
        window.resize(1440, 900);
        window.show();
        REQUIRE(window.openFile(QString::fromStdString(kSample), true));
        window.showRegion("overview");
        QApplication::processEvents();
    }
    DocumentModel& model() { return *window.model(); }
    doc::LayoutNode node(const std::string& id) {
        auto tree = model().layout();
        const doc::LayoutNode* n = tree.find(id);
        REQUIRE(n);
        return *n;
    }
    const PlacedNode& placed(const std::string& id) {
        static std::vector<PlacedNode> nodes;
        nodes = window.canvas()->placedNodes();
        auto it = std::find_if(nodes.begin(), nodes.end(), [&](const PlacedNode& p) { return p.handle == id; });
        REQUIRE(it != nodes.end());
        return *it;
    }
};

void sendMouse(QWidget* w, QEvent::Type type, QPoint pos, Qt::MouseButtons buttons) {
    QMouseEvent event(type, QPointF(pos), w->mapToGlobal(QPointF(pos)), Qt::LeftButton, buttons, Qt::NoModifier);
    QApplication::sendEvent(w, &event);
}

} // namespace

TEST_CASE("dropping a palette entry adds a valid element and its placement", "[ide]") {
    Fixture f;
    const Json before = f.model().root();
    const QString id = f.window.canvas()->addFromPalette("bar-chart", 1, 40);
    REQUIRE(id == "bar-chart-1");
    const Json* element = f.model().findElement(id.toStdString());
    REQUIRE(element);
    CHECK((*element)["kind"] == "bar-chart");
    CHECK((*element)["source"]["kind"] == "table");
    CHECK((*element)["source"]["elementId"] == "events");
    CHECK((*element)["yAxis"]["columnIds"].size() == 1);
    CHECK(f.node("bar-chart-1").gridColumn() == doc::GridSpan{1, 13});
    CHECK(f.node("bar-chart-1").gridRow() == doc::GridSpan{40, 50});
    // The workbook is still valid Sigma.
    for (const auto& d : f.model().diagnostics()) INFO(formatDiagnostic(d));
    CHECK_FALSE(hasErrors(f.model().diagnostics()));
    f.model().undoStack()->undo();
    CHECK(f.model().root() == before);
}

TEST_CASE("every palette entry creates an element the validator accepts", "[ide]") {
    Fixture f;
    int row = 40;
    for (const char* key : {"table", "pivot-table", "line-chart", "area-chart", "donut-chart", "kpi-chart", "control:list",
                            "control:date-range", "control:slider", "control:switch", "text", "button", "image", "divider",
                            "container", "tabbed-container", "overlay:modal"}) {
        INFO(key);
        REQUIRE_FALSE(f.window.canvas()->addFromPalette(key, 1, row).isEmpty());
        row += 16;
    }
    for (const auto& d : f.model().diagnostics()) INFO(formatDiagnostic(d));
    CHECK_FALSE(hasErrors(f.model().diagnostics()));
}

TEST_CASE("dragging the corner resizes on grid lines and one drag is one undo step", "[ide]") {
    Fixture f;
    CanvasWidget* canvas = f.window.canvas();
    const PlacedNode card = f.placed("revenue-trend");
    const double colWidth = double(card.gridArea.width()) / 24;
    const QPoint corner(card.rect.right() - 3, card.rect.bottom() - 3);
    sendMouse(canvas, QEvent::MouseButtonPress, corner, Qt::LeftButton);
    sendMouse(canvas, QEvent::MouseMove, corner + QPoint(-int(2 * colWidth), 24), Qt::LeftButton);
    sendMouse(canvas, QEvent::MouseMove, corner + QPoint(-int(4 * colWidth), 48), Qt::LeftButton);
    sendMouse(canvas, QEvent::MouseButtonRelease, corner + QPoint(-int(4 * colWidth), 48), Qt::NoButton);
    CHECK(f.node("revenue-trend").gridColumn() == doc::GridSpan{1, 21});
    CHECK(f.node("revenue-trend").gridRow() == doc::GridSpan{10, 21});
    CHECK(f.model().selection() == QStringList{"revenue-trend"});
    f.model().undoStack()->undo();
    CHECK(f.node("revenue-trend").gridColumn() == doc::GridSpan{1, 25});
    CHECK(f.node("revenue-trend").gridRow() == doc::GridSpan{10, 19});
}

TEST_CASE("dragging a card moves it and keeps its size", "[ide]") {
    Fixture f;
    CanvasWidget* canvas = f.window.canvas();
    const PlacedNode card = f.placed("conversion-by-channel");
    const double colWidth = double(card.gridArea.width()) / 24;
    const QPoint start = card.rect.center();
    sendMouse(canvas, QEvent::MouseButtonPress, start, Qt::LeftButton);
    sendMouse(canvas, QEvent::MouseMove, start + QPoint(int(3 * colWidth), 5 * 24), Qt::LeftButton);
    sendMouse(canvas, QEvent::MouseButtonRelease, start + QPoint(int(3 * colWidth), 5 * 24), Qt::NoButton);
    CHECK(f.node("conversion-by-channel").gridColumn() == doc::GridSpan{4, 16});
    CHECK(f.node("conversion-by-channel").gridRow() == doc::GridSpan{6, 15});
}

TEST_CASE("arrow keys nudge and shift+arrows resize the selection", "[ide]") {
    Fixture f;
    f.model().setSelection({"revenue-share"});
    CanvasWidget* canvas = f.window.canvas();
    QTest::keyClick(canvas, Qt::Key_Left);
    CHECK(f.node("revenue-share").gridColumn() == doc::GridSpan{12, 24});
    QTest::keyClick(canvas, Qt::Key_Down, Qt::ShiftModifier);
    CHECK(f.node("revenue-share").gridRow() == doc::GridSpan{1, 11});
    QTest::keyClick(canvas, Qt::Key_Right);
    QTest::keyClick(canvas, Qt::Key_Right); // already at the right edge: stays inside the 24 columns
    CHECK(f.node("revenue-share").gridColumn() == doc::GridSpan{13, 25});
}

TEST_CASE("editing a formula in the property panel is undoable", "[ide]") {
    Fixture f;
    f.model().setSelection({"revenue-trend"});
    const Json before = f.model().root();
    REQUIRE(f.window.properties()->setColumnFormula(1, "Avg([Events/Revenue])"));
    const Json* element = f.model().findElement("revenue-trend");
    CHECK((*element)["columns"][1]["formula"] == "Avg([Events/Revenue])");
    f.model().undoStack()->undo();
    CHECK(f.model().root() == before);
    f.model().undoStack()->redo();
    CHECK((*f.model().findElement("revenue-trend"))["columns"][1]["formula"] == "Avg([Events/Revenue])");
}

TEST_CASE("typing in the formula editor edits the selected column", "[ide]") {
    Fixture f;
    f.model().setSelection({"revenue-trend"});
    QApplication::processEvents();
    FormulaEditor* editor = f.window.properties()->formulaEditor();
    REQUIRE(editor);
    auto* table = f.window.properties()->findChild<QTableWidget*>();
    REQUIRE(table);
    table->setCurrentCell(1, 1);
    editor->selectAll();
    QTest::keyClicks(editor, "Max([Events/Revenue])");
    CHECK((*f.model().findElement("revenue-trend"))["columns"][1]["formula"] == "Max([Events/Revenue])");
    // All keystrokes merged into one undo step.
    f.model().undoStack()->undo();
    CHECK((*f.model().findElement("revenue-trend"))["columns"][1]["formula"] == "Sum([Events/Revenue])");
}

TEST_CASE("the source view edits the document, and a parse error keeps the last good one", "[ide]") {
    Fixture f;
    SourceView* source = f.window.sourceView();
    QString text = source->text();
    REQUIRE(text.contains("name: Marketing Analytics Dashboard"));
    text.replace("name: Marketing Analytics Dashboard", "name: Renamed in source");
    source->setText(text);
    REQUIRE(source->applyNow());
    CHECK(f.model().root()["name"] == "Renamed in source");
    const Json good = f.model().root();
    source->setText(text + "\n  broken: [unclosed\n");
    CHECK_FALSE(source->applyNow());
    CHECK(source->errorText().contains("Line"));
    CHECK(f.model().root() == good);
    f.model().undoStack()->undo();
    CHECK(f.model().root()["name"] == "Marketing Analytics Dashboard");
}

TEST_CASE("save and reopen keep the document, in JSON and YAML", "[ide]") {
    Fixture f;
    f.window.canvas()->addFromPalette("kpi-chart", 1, 30);
    const Json edited = f.model().root();
    const std::string dir = quire::test::makeTempDir("ide-save");
    for (auto [name, format] : {std::pair{"wb.json", doc::Format::Json}, std::pair{"wb.yaml", doc::Format::Yaml}}) {
        const QString path = QString::fromStdString(dir + "/" + name);
        REQUIRE(f.window.saveTo(path, format, true));
        CHECK_FALSE(f.model().isModified());
        MainWindow other;
        REQUIRE(other.openFile(path, true));
        CHECK(other.model()->root() == edited);
    }
}

TEST_CASE("a malformed file is refused with its location and the open document stays", "[ide]") {
    Fixture f;
    const std::string dir = quire::test::makeTempDir("ide-bad");
    const std::string path = dir + "/bad.json";
    doc::writeFileAtomically(path, "{\n  \"name\": \"x\",\n  \"name\": \"y\"\n}\n");
    const Json before = f.model().root();
    CHECK_FALSE(f.window.openFile(QString::fromStdString(path), true));
    CHECK(f.model().root() == before);
}

TEST_CASE("delete removes elements with their placement and undo restores them exactly", "[ide]") {
    Fixture f;
    const Json before = f.model().root();
    f.model().setSelection({"top-users", "revenue-share"});
    QTest::keyClick(f.window.canvas(), Qt::Key_Delete);
    CHECK_FALSE(f.model().findElement("top-users"));
    CHECK_FALSE(f.model().layout().find("revenue-share"));
    CHECK_FALSE(hasErrors(f.model().diagnostics()));
    f.model().undoStack()->undo();
    CHECK(f.model().root() == before);
}

TEST_CASE("problems list the validator's findings and point at elements", "[ide]") {
    Fixture f;
    const std::string pointer = f.model().bodyPointer() + "/elements/1/xAxis/columnId";
    f.model().undoStack()->push(makeSetValue(&f.model(), pointer, Json("no-such-column"), "break"));
    CHECK(f.window.problems()->errorCount() >= 1);
    bool found = false;
    for (const auto& d : f.model().diagnostics())
        if (elementIdForPointer(f.model(), d.pointer) == "conversion-by-channel") found = true;
    CHECK(found);
}

TEST_CASE("elements dropped into containers and tabs nest in the layout", "[ide]") {
    Fixture f;
    const QString container = f.window.canvas()->addFromPalette("container", 1, 40);
    const QString tabs = f.window.canvas()->addFromPalette("tabbed-container", 1, 60);
    REQUIRE_FALSE(container.isEmpty());
    REQUIRE_FALSE(tabs.isEmpty());
    const QString inContainer = f.window.canvas()->addFromPalette("kpi-chart", 3, 2, container);
    const QString inTab = f.window.canvas()->addFromPalette("text", 1, 1, tabs);
    auto tree = f.model().layout();
    const doc::LayoutNode* c = tree.find(container.toStdString());
    REQUIRE(c);
    REQUIRE(c->children.size() == 1);
    CHECK(c->children[0].handle() == inContainer.toStdString());
    CHECK(c->children[0].gridColumn() == doc::GridSpan{3, 9});
    const doc::LayoutNode* t = tree.find(tabs.toStdString());
    REQUIRE(t);
    REQUIRE(t->children.size() == 2); // the two <Tab>s
    CHECK(t->children[0].kind == doc::LayoutNode::Kind::Tab);
    REQUIRE(t->children[0].children.size() == 1);
    CHECK(t->children[0].children[0].handle() == inTab.toStdString());
    for (const auto& d : f.model().diagnostics()) INFO(formatDiagnostic(d));
    CHECK_FALSE(hasErrors(f.model().diagnostics()));
    // On the canvas the child is drawn inside its container.
    QApplication::processEvents();
    const PlacedNode outer = f.placed(container.toStdString());
    const PlacedNode inner = f.placed(inContainer.toStdString());
    CHECK(outer.rect.contains(inner.rect));
    CHECK(inner.depth == 1);
    if (const QByteArray shots = qgetenv("QUIRE_SCREENSHOT_DIR"); !shots.isEmpty()) {
        f.model().setSelection({inContainer});
        f.window.canvas()->scroll(0, 0);
        for (auto* bar : f.window.findChildren<QScrollBar*>()) bar->setValue(bar->maximum());
        f.window.grab().save(QString::fromUtf8(shots) + "/nesting.png");
    }
}

TEST_CASE("the formula editor underlines what the checker rejects", "[ide]") {
    FormulaEditor editor;
    editor.setText("Sum([Orders/Amount])");
    CHECK(editor.findings().empty());
    editor.setText("Sum([Orders/Amount]) + Summ([X])");
    REQUIRE(editor.findings().size() == 1);
    CHECK(editor.findings()[0].offset == 23);
    CHECK(editor.findings()[0].message.contains("Sum"));
    CHECK(editor.toolTip().contains("Summ"));
    if (const QByteArray shots = qgetenv("QUIRE_SCREENSHOT_DIR"); !shots.isEmpty()) {
        editor.resize(420, 30);
        editor.grab().save(QString::fromUtf8(shots) + "/formula-editor.png");
    }
    editor.setText("Sum(Avg([A]))");
    REQUIRE(editor.findings().size() == 1);
    editor.setText("Sum([A]");
    CHECK(editor.findings().size() == 1);
    editor.setText("");
    CHECK(editor.findings().empty());
}

TEST_CASE("a chart dropped while a control is selected reads the control's data element, and validates",
          "[ide][palette]") {
    MainWindow window;
    window.resize(1440, 900);
    REQUIRE(window.openFile(QString::fromStdString(quire::test::sourceDir() + "/resources/examples/marketing.yaml"), true));
    window.showRegion("overview");
    DocumentModel& model = *window.model();
    model.setSelection({"ctl-date"}); // a date-range control filtering "sessions"
    const QString id = window.canvas()->addFromPalette("bar-chart", 1, 80);
    REQUIRE_FALSE(id.isEmpty());
    const Json* chart = model.findElement(id.toStdString());
    REQUIRE(chart);
    CHECK((*chart)["source"]["kind"] == "table");
    CHECK((*chart)["source"]["elementId"] == "sessions");
    for (const auto& d : model.diagnostics()) INFO(formatDiagnostic(d));
    CHECK_FALSE(hasErrors(model.diagnostics()));
    // A selected text element has no data either: the chart falls back to a table.
    const Json* text = nullptr;
    for (const auto& e : *model.elements())
        if (e.value("kind", "") == "text") text = &e;
    if (text) {
        model.setSelection({QString::fromStdString(text->value("id", ""))});
        const QString second = window.canvas()->addFromPalette("bar-chart", 1, 95);
        const Json* chart2 = model.findElement(second.toStdString());
        REQUIRE(chart2);
        const Json* source = model.findElement((*chart2)["source"].value("elementId", ""));
        REQUIRE(source);
        CHECK(source->value("kind", "") != "text");
    }
}
