// The property panel's editors (src/ide/props), driven through their real widgets offscreen: every edit must
// be exactly one undoable command whose undo restores the tree bit for bit, the result must be what Sigma's
// spec says (expected JSON written here by hand), and the validator must accept it.
#include <catch2/catch.hpp>

#include "document_model.h"
#include "property_panel.h"

#include <quire/doc/io.h>
#include <quire/validate/validator.h>
#include <test_support.h>

#include <QApplication>
#include <QCheckBox>
#include <QColorDialog>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace quire;
using namespace quire::ide;

namespace {

const std::string kExample = quire::test::sourceDir() + "/resources/examples/marketing.yaml";

// The element with this id in a whole-document tree (to compare against the file as loaded).
Json elementIn(const Json& root, const std::string& id) {
    for (const auto& e : root["contents"]["elements"])
        if (e.value("id", "") == id) return e;
    FAIL("no element " << id);
    return {};
}

void settle() {
    QApplication::processEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

struct Fixture {
    DocumentModel model;
    PropertyPanel panel{&model};

    // `adjust` may change the loaded document before the panel shows it (e.g. add an overlay).
    explicit Fixture(const std::function<void(Json&)>& adjust = {}) {
        auto loaded = doc::loadDocument(kExample);
        REQUIRE(loaded.document);
        if (adjust) adjust(loaded.document->root);
        model.setDocument(*loaded.document);
        panel.resize(460, 1600);
        panel.show();
        panel.activateWindow();
        settle();
    }
    void select(const std::string& id) {
        model.setSelection({QString::fromStdString(id)});
        settle();
    }
    template <class W> W* find(const char* name) {
        settle();
        W* w = panel.content()->findChild<W*>(name);
        INFO("widget " << name);
        REQUIRE(w);
        return w;
    }
    Json element(const std::string& id) {
        const Json* e = model.findElement(id);
        REQUIRE(e);
        return *e;
    }
    // Runs one UI edit and checks it is exactly one undo step: undo restores the tree exactly, redo
    // re-applies it.
    void oneStep(const std::function<void()>& edit) {
        const Json before = model.root();
        const int count = model.undoStack()->count();
        edit();
        settle();
        REQUIRE(model.undoStack()->count() == count + 1);
        const Json after = model.root();
        CHECK(after != before);
        model.undoStack()->undo();
        CHECK(model.root() == before);
        model.undoStack()->redo();
        CHECK(model.root() == after);
        settle();
    }
    void pick(const char* name, const QString& data) {
        auto* box = find<QComboBox>(name);
        const int index = box->findData(data);
        INFO("picker " << name << " has no item " << data.toStdString());
        REQUIRE(index >= 0);
        oneStep([&] { box->setCurrentIndex(index); });
    }
    // Types into a line edit as a user does (select all, keystrokes): keystrokes merge into one command.
    void type(const char* name, const QString& text) {
        auto* edit = find<QLineEdit>(name);
        oneStep([&] {
            edit->setFocus();
            edit->selectAll();
            QTest::keyClicks(edit, text);
        });
    }
    void click(const char* name) {
        auto* button = find<QPushButton>(name);
        REQUIRE(button->isEnabled());
        oneStep([&] { QTest::mouseClick(button, Qt::LeftButton); });
    }
    void requireValid() {
        const auto diagnostics = validate::validate(model.document());
        for (const auto& d : diagnostics) INFO(formatDiagnostic(d));
        CHECK_FALSE(hasErrors(diagnostics));
    }
    // Undo everything, check the original tree is back, redo everything, check the edited tree is back.
    void undoAllRedoAll(const Json& original) {
        const Json edited = model.root();
        while (model.undoStack()->canUndo()) model.undoStack()->undo();
        CHECK(model.root() == original);
        while (model.undoStack()->canRedo()) model.undoStack()->redo();
        CHECK(model.root() == edited);
    }
};

} // namespace

TEST_CASE("the filter editor adds a number-range filter, disables and removes it", "[ide][props]") {
    Fixture f;
    const Json original = f.model.root();
    f.select("orders");
    f.click("filters-add");
    // The first column without a filter, as a list filter that keeps every value.
    CHECK(f.element("orders")["filters"] ==
          Json::parse(R"([{"id": "filter-1", "columnId": "or-id", "kind": "list", "mode": "include", "values": []}])"));
    f.pick("filter-column", "or-revenue");
    f.pick("filter-kind", "number-range");
    f.type("filter-min", "10");
    f.type("filter-max", "250.5");
    f.oneStep([&] { f.find<QCheckBox>("filter-enabled")->setChecked(false); });
    CHECK(f.element("orders")["filters"] ==
          Json::parse(R"([{"id": "filter-1", "columnId": "or-revenue", "kind": "number-range", "min": 10, "max": 250.5,
                          "state": "disabled"}])"));
    CHECK(f.find<QListWidget>("filters-list")->item(0)->text() == "Revenue · number-range (disabled)");
    f.requireValid();
    // Text that is not a number is refused, the document keeps the last value.
    auto* max = f.find<QLineEdit>("filter-max");
    const int count = f.model.undoStack()->count();
    max->selectAll();
    QTest::keyClicks(max, "abc");
    CHECK(f.model.undoStack()->count() == count);
    CHECK(f.element("orders")["filters"][0]["max"] == 250.5);
    // Removing the last filter removes the key: the element is as loaded.
    f.click("filters-remove");
    CHECK(f.element("orders") == elementIn(original, "orders"));
    f.undoAllRedoAll(original);
}

TEST_CASE("the filter editor writes list values, text-match and date-range fields", "[ide][props]") {
    Fixture f;
    const Json original = f.model.root();
    f.select("events");
    f.click("filters-add");
    f.type("filter-values", "Paid Search, 3, null, \"42\"");
    f.pick("filter-mode", "exclude");
    f.click("filters-add"); // the second filter takes the next column and becomes the selected one
    f.pick("filter-kind", "text-match");
    f.pick("filter-mode", "starts-with");
    f.type("filter-text", "abc");
    f.pick("filter-case", "sensitive");
    f.click("filters-add");
    f.pick("filter-column", "ev-time");
    f.pick("filter-kind", "date-range");
    f.type("filter-date-start", "2024-01-01");
    f.pick("filter-nulls", "never");
    CHECK(f.element("events")["filters"] == Json::parse(R"JSON([
        {"id": "filter-1", "columnId": "ev-id", "kind": "list", "mode": "exclude", "values": ["Paid Search", 3, null, "42"]},
        {"id": "filter-2", "columnId": "ev-session", "kind": "text-match", "mode": "starts-with", "value": "abc", "case": "sensitive"},
        {"id": "filter-3", "columnId": "ev-time", "kind": "date-range", "mode": "between", "startDate": "2024-01-01",
         "includeNulls": "never"}])JSON"));
    f.requireValid();
    // Switching the date mode replaces the old mode's fields in one step.
    f.pick("filter-date-mode", "last");
    f.pick("filter-date-unit", "week-starting-monday");
    f.oneStep([&] { f.find<QCheckBox>("filter-date-today")->setChecked(true); });
    CHECK(f.element("events")["filters"][2] ==
          Json::parse(R"({"id": "filter-3", "columnId": "ev-time", "kind": "date-range", "mode": "last",
                          "includeNulls": "never", "value": 1, "unit": "week-starting-monday", "includeToday": true})"));
    // Selecting another filter changes nothing in the document; the list filter reads its values back as typed.
    const int count = f.model.undoStack()->count();
    f.find<QListWidget>("filters-list")->setCurrentRow(0);
    CHECK(f.find<QLineEdit>("filter-values")->text() == "Paid Search, 3, null, \"42\"");
    CHECK(f.model.undoStack()->count() == count);
    f.requireValid();
    f.undoAllRedoAll(original);
}

TEST_CASE("unknown filter fields stay visible and survive edits and kind changes", "[ide][props]") {
    Fixture f([](Json& root) {
        root["contents"]["elements"][0]["filters"] = Json::parse(
            R"([{"id": "f-keep", "columnId": "ev-type", "kind": "list", "mode": "include", "values": ["click"], "x-note": "kept"}])");
    });
    f.select("events");
    CHECK(f.find<QLabel>("other-fields")->text().contains("x-note"));
    f.pick("filter-kind", "text-match");
    CHECK(f.element("events")["filters"][0] ==
          Json::parse(R"({"id": "f-keep", "columnId": "ev-type", "kind": "text-match", "x-note": "kept",
                          "mode": "contains", "value": "", "case": "insensitive"})"));
    CHECK(f.find<QLabel>("other-fields")->text().contains("kept"));
}

TEST_CASE("the sort editor adds, edits, reorders and removes sort keys", "[ide][props]") {
    Fixture f;
    const Json original = f.model.root();
    f.select("orders");
    f.click("sort-add");
    f.pick("sort-direction", "descending");
    f.pick("sort-nulls", "last");
    f.click("sort-up");
    CHECK(f.element("orders")["sort"] == Json::parse(R"([{"columnId": "or-id", "direction": "descending", "nulls": "last"},
                                                         {"columnId": "or-date", "direction": "descending"}])"));
    CHECK(f.find<QListWidget>("sort-list")->currentRow() == 0);
    f.pick("sort-nulls", ""); // (default) removes the key
    f.pick("sort-column", "or-status");
    CHECK(f.element("orders")["sort"][0] == Json::parse(R"({"columnId": "or-status", "direction": "descending"})"));
    f.requireValid();
    f.click("sort-remove");
    f.click("sort-remove");
    CHECK_FALSE(f.element("orders").contains("sort"));
    CHECK_FALSE(f.find<QPushButton>("sort-remove")->isEnabled());
    f.undoAllRedoAll(original);
}

TEST_CASE("the axis sort of a chart is set and cleared", "[ide][props]") {
    Fixture f;
    const Json original = f.model.root();
    f.select("conv-by-channel");
    f.pick("axis-sort-by", "");
    CHECK_FALSE(f.element("conv-by-channel")["xAxis"].contains("sort"));
    f.pick("axis-sort-by", "cbc-channel");
    CHECK(f.element("conv-by-channel")["xAxis"]["sort"] == Json::parse(R"({"by": "cbc-channel", "direction": "ascending"})"));
    f.pick("axis-sort-by", "cbc-rate");
    f.pick("axis-sort-direction", "descending");
    // Back to what the file says, field for field.
    CHECK(f.element("conv-by-channel") == elementIn(original, "conv-by-channel"));
    f.requireValid();
    f.undoAllRedoAll(original);
}

TEST_CASE("the grouping editor adds levels and ticks group-by columns and calculations", "[ide][props]") {
    Fixture f;
    const Json original = f.model.root();
    f.select("orders");
    f.click("groupings-add");
    auto tick = [&](const char* list, const char* columnId, bool on) {
        auto* w = f.find<QListWidget>(list);
        for (int i = 0; i < w->count(); ++i)
            if (w->item(i)->data(Qt::UserRole).toString() == columnId)
                return f.oneStep([&] { w->item(i)->setCheckState(on ? Qt::Checked : Qt::Unchecked); });
        FAIL("no column " << columnId);
    };
    tick("grouping-by", "or-status", true);
    tick("grouping-by", "or-id", false);
    tick("grouping-calculations", "or-items", true);
    f.click("groupings-add"); // the next level groups by the first column not grouped yet
    CHECK(f.element("orders")["groupings"] == Json::parse(R"([
        {"id": "grouping-1", "groupBy": ["or-status"], "calculations": ["or-items"]},
        {"id": "grouping-2", "groupBy": ["or-id"], "calculations": []}])"));
    CHECK(f.find<QListWidget>("groupings-list")->item(0)->text() == "By Status");
    f.requireValid();
    f.click("groupings-up");
    CHECK(f.element("orders")["groupings"][0]["id"] == "grouping-2");
    f.undoAllRedoAll(original);
}

TEST_CASE("the format editor sets column formats from presets and typed strings", "[ide][props]") {
    Fixture f;
    const Json original = f.model.root();
    f.select("orders");
    // Picking a column shows its format without changing the document.
    auto* column = f.find<QComboBox>("format-column");
    const int count = f.model.undoStack()->count();
    column->setCurrentIndex(column->findData("or-items"));
    settle();
    CHECK(f.model.undoStack()->count() == count);
    CHECK(f.find<QComboBox>("format-kind")->currentData().toString() == "");
    f.pick("format-kind", "number");
    CHECK(f.element("orders")["columns"][4]["format"] == Json::parse(R"({"kind": "number", "formatString": "$,.2f"})"));
    auto* preset = f.find<QComboBox>("format-string");
    const int percent = preset->findData(".1%");
    REQUIRE(percent >= 0);
    f.oneStep([&] { emit preset->activated(percent); });
    CHECK(f.element("orders")["columns"][4]["format"]["formatString"] == ".1%");
    auto* edit = f.find<QComboBox>("format-string")->lineEdit();
    f.oneStep([&] {
        edit->setFocus();
        edit->selectAll();
        QTest::keyClicks(edit, ",.3f");
    });
    CHECK(f.element("orders")["columns"][4]["format"] == Json::parse(R"({"kind": "number", "formatString": ",.3f"})"));
    column = f.find<QComboBox>("format-column");
    column->setCurrentIndex(column->findData("or-date"));
    f.pick("format-kind", "datetime");
    CHECK(f.element("orders")["columns"][2]["format"] == Json::parse(R"({"kind": "datetime", "formatString": "%Y-%m-%d"})"));
    f.requireValid();
    f.pick("format-kind", ""); // automatic: no format
    CHECK_FALSE(f.element("orders")["columns"][2].contains("format"));
    f.undoAllRedoAll(original);
}

TEST_CASE("the colour editor writes single, category and scale colours", "[ide][props]") {
    Fixture f;
    const Json original = f.model.root();
    f.select("sessions-area");
    f.pick("color-by", "single");
    CHECK(f.element("sessions-area")["color"] == Json::parse(R"({"by": "single", "value": "#4c78a8"})"));
    f.type("color-value", "#FF8800");
    CHECK(f.element("sessions-area")["color"]["value"] == "#ff8800");
    // Not hex: refused (Sigma rejects anything else).
    auto* value = f.find<QLineEdit>("color-value");
    const int count = f.model.undoStack()->count();
    value->selectAll();
    QTest::keyClicks(value, "red");
    CHECK(f.model.undoStack()->count() == count);
    f.requireValid();
    // By category takes the one column no axis uses: the document is back to what the file says.
    f.pick("color-by", "category");
    CHECK(f.element("sessions-area") == elementIn(original, "sessions-area"));
    f.pick("color-by", "scale");
    f.type("color-domain-min", "0");
    f.type("color-domain-max", "500");
    CHECK(f.element("sessions-area")["color"] ==
          Json::parse(R"({"by": "scale", "column": "sa-type", "domain": {"min": 0, "max": 500}})"));
    f.requireValid();
    f.pick("color-by", "");
    CHECK_FALSE(f.element("sessions-area").contains("color"));
    f.undoAllRedoAll(original);
}

TEST_CASE("control settings edit list values, the value source and filter targets", "[ide][props]") {
    Fixture f;
    const Json original = f.model.root();
    f.select("ctl-channel");
    f.pick("control-mode", "exclude");
    f.pick("control-selectionMode", "single");
    f.type("control-values", "Email, Paid Search");
    f.pick("control-source-element", "sessions");
    CHECK(f.element("ctl-channel")["source"] ==
          Json::parse(R"({"kind": "source", "source": {"kind": "table", "elementId": "sessions"}, "columnId": "se-id"})"));
    f.pick("control-source-column", "se-channel");
    f.click("targets-add");
    f.pick("target-element", "orders"); // the column lives on the target: the first column of orders
    CHECK(f.element("ctl-channel")["filters"][1] ==
          Json::parse(R"({"source": {"kind": "table", "elementId": "orders"}, "columnId": "or-id"})"));
    f.pick("target-column", "or-status");
    Json expected = elementIn(original, "ctl-channel");
    expected["mode"] = "exclude";
    expected["selectionMode"] = "single";
    expected["values"] = Json::array({"Email", "Paid Search"});
    expected["source"] = Json::parse(R"({"kind": "source", "source": {"kind": "table", "elementId": "sessions"}, "columnId": "se-channel"})");
    expected["filters"].push_back(Json::parse(R"({"source": {"kind": "table", "elementId": "orders"}, "columnId": "or-status"})"));
    CHECK(f.element("ctl-channel") == expected);
    CHECK(f.find<QListWidget>("targets-list")->item(1)->text() == "Orders / Status");
    f.requireValid();
    f.undoAllRedoAll(original);
}

TEST_CASE("a date-range control switches its date mode in one step", "[ide][props]") {
    Fixture f;
    f.select("ctl-date");
    f.pick("control-date-mode", "last");
    f.type("control-date-count", "3");
    f.pick("control-includeNulls", "");
    const Json e = f.element("ctl-date");
    CHECK(e["mode"] == "last");
    CHECK(e["value"] == 3);
    CHECK(e["unit"] == "month");
    CHECK_FALSE(e.contains("startDate"));
    CHECK_FALSE(e.contains("endDate"));
    CHECK_FALSE(e.contains("includeNulls"));
    CHECK(e["filters"].size() == 2);
    f.requireValid();
}

TEST_CASE("the action editor edits set-control-value and adds open-url and navigate effects", "[ide][props]") {
    Fixture f;
    const Json original = f.model.root();
    f.select("btn-paid");
    CHECK(f.find<QListWidget>("actions-list")->item(0)->text() == "on-click: set-control-value");
    CHECK(f.find<QComboBox>("effect-control")->currentText() == "Channel"); // controls by name
    f.pick("effect-value-type", "constant:text");
    f.type("effect-value", "Email");
    f.pick("effect-selection", "");
    CHECK(f.element("btn-paid")["actions"][0]["effects"][0] ==
          Json::parse(R"({"kind": "set-control-value", "control": "channel-filter",
                          "value": {"type": "constant", "value": {"type": "text", "value": "Email"}}})"));
    f.click("effects-add");
    f.pick("effect-kind", "open-url");
    f.type("effect-url", "https://example.com/help");
    f.pick("effect-open-target", "_self");
    f.click("effects-add");
    f.pick("effect-kind", "navigate");
    f.pick("effect-page", "data");
    CHECK(f.element("btn-paid")["actions"][0]["effects"] == Json::parse(R"JSON([
        {"kind": "set-control-value", "control": "channel-filter",
         "value": {"type": "constant", "value": {"type": "text", "value": "Email"}}},
        {"kind": "open-url", "url": "https://example.com/help", "openTarget": "_self"},
        {"kind": "navigate", "target": {"type": "page", "page": "data"}}])JSON"));
    f.click("effects-up");
    CHECK(f.element("btn-paid")["actions"][0]["effects"][1]["kind"] == "navigate");
    f.requireValid();
    f.click("effects-remove");
    f.click("effects-remove");
    f.click("effects-remove");
    CHECK(f.element("btn-paid")["actions"][0]["effects"] == Json::array()); // an action keeps `effects`
    f.undoAllRedoAll(original);
}

TEST_CASE("a table gets an on-select action with clear-control, element navigation and a JSON effect", "[ide][props]") {
    Fixture f;
    const Json original = f.model.root();
    f.select("orders");
    f.click("actions-add");
    CHECK(f.element("orders")["actions"] == Json::parse(R"([{"id": "action-1", "trigger": "on-select", "effects": []}])"));
    f.click("effects-add");
    f.pick("effect-kind", "clear-control");
    CHECK(f.element("orders")["actions"][0]["effects"][0] ==
          Json::parse(R"({"kind": "clear-control", "scope": {"type": "control", "controlId": "session-dates"}})"));
    f.pick("effect-scope-type", "page");
    f.pick("effect-scope-page", "data");
    f.click("effects-add");
    f.pick("effect-kind", "navigate");
    f.pick("effect-target-type", "element");
    f.pick("effect-element", "channel-pivot");
    f.click("effects-add");
    f.pick("effect-kind", "refresh-element"); // no fields of its own: edited as JSON
    auto* json = f.find<QPlainTextEdit>("effect-json");
    f.oneStep([&] {
        json->setFocus();
        json->setPlainText(R"({"kind": "refresh-element", "target": {"type": "element", "element": "kpi-revenue"}})");
    });
    // Broken JSON is not written.
    const int count = f.model.undoStack()->count();
    json = f.find<QPlainTextEdit>("effect-json"); // undo and redo rebuilt the panel
    json->setPlainText("{\"kind\": ");
    CHECK(f.model.undoStack()->count() == count);
    CHECK(f.element("orders")["actions"] == Json::parse(R"JSON([{"id": "action-1", "trigger": "on-select", "effects": [
        {"kind": "clear-control", "scope": {"type": "page", "pageId": "data"}},
        {"kind": "navigate", "target": {"type": "element", "element": "channel-pivot"}},
        {"kind": "refresh-element", "target": {"type": "element", "element": "kpi-revenue"}}]}])JSON"));
    f.requireValid();
    f.undoAllRedoAll(original);
}

TEST_CASE("open-overlay picks an overlay by name and set-control-value can read another control", "[ide][props]") {
    Fixture f([](Json& root) {
        root["contents"]["overlays"] = Json::parse(R"([{"id": "promo", "type": "modal", "name": "Promotion details"}])");
        root["contents"]["layout"] = root["contents"]["layout"].get<std::string>() +
                                     "<Page type=\"grid\" gridTemplateColumns=\"repeat(24, 1fr)\" gridTemplateRows=\"auto\" id=\"promo\"/>\n";
    });
    const Json original = f.model.root();
    f.requireValid();
    f.select("see-data");
    f.pick("effect-kind", "open-overlay");
    CHECK(f.find<QComboBox>("effect-overlay")->currentText() == "Promotion details");
    CHECK(f.element("see-data")["actions"][0]["effects"][0] == Json::parse(R"({"kind": "open-overlay", "overlayId": "promo"})"));
    f.click("effects-add");
    f.pick("effect-control", "channel-filter");
    f.pick("effect-value-type", "control");
    f.pick("effect-value-control", "channel-filter");
    CHECK(f.element("see-data")["actions"][0]["effects"][1] ==
          Json::parse(R"({"kind": "set-control-value", "control": "channel-filter", "value": {"type": "control", "control": "channel-filter"}})"));
    f.requireValid();
    f.undoAllRedoAll(original);
}

TEST_CASE("enumerated kind fields are pickers and (default) removes the key", "[ide][props]") {
    Fixture f;
    const Json original = f.model.root();
    f.select("btn-paid");
    f.pick("field-appearance", "outline");
    CHECK(f.element("btn-paid")["appearance"] == "outline");
    f.select("conv-by-channel");
    f.pick("field-orientation", "");
    f.pick("field-stacking", "stacked");
    Json expected = elementIn(original, "conv-by-channel");
    expected.erase("orientation");
    expected["stacking"] = "stacked";
    CHECK(f.element("conv-by-channel") == expected);
    f.requireValid();
    f.undoAllRedoAll(original);
}

TEST_CASE("the colour dialog sets a single colour in one step", "[ide][props]") {
    Fixture f;
    const Json original = f.model.root();
    f.select("revenue-trend");
    CHECK(f.find<QComboBox>("color-by")->currentData().toString() == ""); // no colour yet: theme default
    f.pick("color-by", "single");
    // The dialog is modal: a timer polls for it, picks a colour and accepts.
    auto* choose = f.find<QPushButton>("color-choose");
    bool sawDialog = false;
    QTimer poll;
    poll.setInterval(10);
    QObject::connect(&poll, &QTimer::timeout, [&] {
        auto* dialog = qobject_cast<QColorDialog*>(QApplication::activeModalWidget());
        if (!dialog) return;
        poll.stop();
        sawDialog = true;
        dialog->setCurrentColor(QColor(0x12, 0xab, 0x34));
        dialog->accept();
    });
    poll.start();
    f.oneStep([&] { QTest::mouseClick(choose, Qt::LeftButton); });
    poll.stop();
    CHECK(sawDialog);
    Json expected = elementIn(original, "revenue-trend");
    expected["color"] = Json::parse(R"({"by": "single", "value": "#12ab34"})");
    CHECK(f.element("revenue-trend") == expected);
    f.requireValid();
    f.undoAllRedoAll(original);
}

TEST_CASE("malformed filters, sorts, actions and formats are shown, kept and never crash the panel", "[ide][props]") {
    Fixture f([](Json& root) {
        Json& orders = root["contents"]["elements"][2];
        orders["filters"] = Json::parse(R"(["oops", {"id": "f-num", "columnId": 5, "kind": "list"}])");
        orders["sort"] = "or-date";
        orders["actions"] = Json::parse(R"([{"id": "a-bad", "trigger": "on-select", "effects": [42]}])");
        orders["columns"][1]["format"] = "bad";
        orders["groupings"] = Json::parse(R"([{"id": "g", "groupBy": "or-id"}])");
    });
    const Json loaded = f.model.root();
    f.select("orders");
    // The malformed list items are listed; the one that is not an object says so.
    CHECK(f.find<QListWidget>("filters-list")->count() == 2);
    CHECK(f.find<QLabel>("filters-invalid")->text().contains("oops"));
    CHECK(f.find<QListWidget>("effects-list")->item(0)->text() == "42");
    // `sort` is not an array: not offered for editing, shown with the other fields.
    const auto views = f.panel.content()->findChildren<QPlainTextEdit*>();
    bool shown = false;
    for (auto* v : views) shown = shown || v->toPlainText().contains("\"sort\": \"or-date\"");
    CHECK(shown);
    // Selecting the filter with a numeric column id neither crashes nor changes the document.
    f.find<QListWidget>("filters-list")->setCurrentRow(1);
    settle();
    CHECK(f.model.root() == loaded);
    // Nothing was written by showing any of it.
    CHECK(f.model.undoStack()->count() == 0);
}

TEST_CASE("the drill editor keeps every target aligned with the levels, one undo step per edit", "[ide][props][drill]") {
    Fixture f([](Json& root) {
        auto gallery = doc::loadDocument(quire::test::sourceDir() + "/resources/examples/gallery.yaml");
        REQUIRE(gallery.document);
        root = gallery.document->root;
    });
    const Json original = f.model.root();
    f.select("drill-level");
    auto* levels = f.find<QListWidget>("drill-levels-list");
    REQUIRE(levels->count() == 3);
    CHECK(levels->item(1)->text() == "Channel");
    CHECK_FALSE(f.panel.content()->findChild<QWidget*>("targets")); // drill targets are not filter targets

    // Removing the middle level removes each target's column of that level in the same step.
    levels->setCurrentRow(1);
    f.click("drill-levels-remove");
    CHECK(f.element("drill-level")["categories"] == Json::parse(R"([{"columnId": "dl-type"}, {"columnId": "dl-device"}])"));
    CHECK(f.element("drill-level")["targets"][0]["columnIds"] == Json::parse(R"(["dl-type", "dl-device"])"));
    CHECK(f.element("drill-level")["targets"][1]["columnIds"] == Json::parse(R"(["dt-type", null])"));
    // Adding takes the next source column; each target gets its column of the same name, or null.
    f.click("drill-levels-add");
    CHECK(f.element("drill-level")["categories"][2] == Json::parse(R"({"columnId": "dl-channel"})"));
    CHECK(f.element("drill-level")["targets"][0]["columnIds"] == Json::parse(R"(["dl-type", "dl-device", "dl-channel"])"));
    CHECK(f.element("drill-level")["targets"][1]["columnIds"] == Json::parse(R"(["dt-type", null, "dt-channel"])"));
    // Moving it up moves the targets' columns with it: the control is as authored again.
    f.click("drill-levels-up");
    CHECK(f.element("drill-level") == elementIn(original, "drill-level"));

    // A target's column per level: the bar chart stops at the channel level.
    CHECK(f.find<QListWidget>("drill-targets-list")->item(0)->text() == "Sessions by channel type, channel, device");
    f.pick("drill-target-column-2", "");
    CHECK(f.element("drill-level")["targets"][0]["columnIds"] == Json::parse(R"(["dl-type", "dl-channel", null])"));
    f.requireValid();
    f.undoAllRedoAll(original);
}
