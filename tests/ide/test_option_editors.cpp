// The display-option editors of the property panel (series types and yAxis2, reference marks, trend lines,
// data labels, legend, KPI comparison, donut hole, conditional formats, table style, visibility), driven
// through their widgets offscreen: every edit is one undoable command, the JSON is what the spec says and
// the validator accepts the result.
#include <catch2/catch.hpp>

#include "chart_options_fixture.h"
#include "document_commands.h"
#include "document_model.h"
#include "property_panel.h"

#include <quire/doc/io.h>
#include <quire/validate/validator.h>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>

#include <functional>

using namespace quire;
using namespace quire::ide;

namespace {

void settle() {
    QApplication::processEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

struct Editors {
    DocumentModel model;
    PropertyPanel panel{&model};
    Editors(const std::string& elements, const std::string& layout) {
        const std::string dir = quire::test::makeTempDir("option-editors");
        const std::string path = dir + "/wb.yaml";
        doc::writeFileAtomically(path, quire::test::optionsWorkbook(elements, layout));
        auto loaded = doc::loadDocument(path);
        REQUIRE(loaded.document);
        model.setDocument(*loaded.document);
        panel.resize(460, 2400);
        panel.show();
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
    void oneStep(const std::function<void()>& edit) {
        const Json before = model.root();
        const int index = model.undoStack()->index(); // commands undone earlier may still be on the stack
        edit();
        settle();
        REQUIRE(model.undoStack()->index() == index + 1);
        REQUIRE(model.undoStack()->count() == index + 1);
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
    void type(const char* name, const QString& text) {
        auto* edit = find<QLineEdit>(name);
        oneStep([&] {
            edit->setFocus();
            edit->selectAll();
            QTest::keyClicks(edit, text);
        });
    }
    void toggle(const char* name) {
        auto* box = find<QCheckBox>(name);
        oneStep([&] { box->click(); });
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
    bool reports(const char* code) {
        for (const auto& d : validate::validate(model.document()))
            if (d.rule == code) return true;
        return false;
    }
};

const char* kCombo = R"YAML(    - id: combo
      kind: combo-chart
      name: Combo
      source: {kind: table, elementId: sessions}
      columns:
        - {id: c-channel, name: Channel, formula: "[Sessions/Channel]"}
        - {id: c-count, name: Session Count, formula: "Count()"}
        - {id: c-duration, name: Avg Duration, formula: "Avg([Sessions/Duration])"}
      xAxis: {columnId: c-channel}
      yAxis: {columnIds: [c-count, c-duration]}
)YAML";

} // namespace

TEST_CASE("series editor: per-series type and the right axis, one undo step each", "[ide][props][options]") {
    Editors e(kCombo, quire::test::place("combo", 1, 25, 1, 14));
    e.select("combo");
    e.pick("series-type-1", "line");
    CHECK(e.element("combo")["yAxis"]["columnIds"][1] == Json({{"columnId", "c-duration"}, {"type", "line"}}));
    e.toggle("series-y2-1");
    CHECK(e.element("combo")["yAxis2"] == Json({{"columnIds", {"c-duration"}}}));
    e.requireValid();
    e.toggle("series-y2-1"); // off again: the key goes with its last column
    CHECK_FALSE(e.element("combo").contains("yAxis2"));
    e.pick("series-type-1", ""); // default: back to the bare id
    CHECK(e.element("combo")["yAxis"]["columnIds"][1] == "c-duration");
    // The validator names an unknown type.
    e.model.undoStack()->push(makeSetValue(&e.model, "/contents/elements/2/yAxis/columnIds/0", Json({{"columnId", "c-count"}, {"type", "pie"}}), "t"));
    CHECK(e.reports("chart/series-type"));
}

namespace {
const char* kBars = R"YAML(    - id: bars
      kind: bar-chart
      name: Bars
      source: {kind: table, elementId: sessions}
      columns:
        - {id: b-channel, name: Channel, formula: "[Sessions/Channel]"}
        - {id: b-count, name: Session Count, formula: "Count()"}
      xAxis: {columnId: b-channel}
      yAxis: {columnIds: [b-count]}
)YAML";
} // namespace

TEST_CASE("reference mark and trend line editors: add, band, formula, label, model - one undo step each", "[ide][props][options]") {
    Editors e(kBars, quire::test::place("bars", 1, 25, 1, 14));
    e.select("bars");
    e.click("refmarks-add");
    CHECK(e.element("bars")["refMarks"] == Json::parse(R"J([{"type":"line","axis":"series","value":{"type":"formula","formula":"Avg([Session Count])"},"label":{"visibility":"shown","text":"Average"}}])J"));
    e.requireValid();
    e.pick("refmark-type", "band"); // adds the endValue the band needs, in the same step
    CHECK(e.element("bars")["refMarks"][0]["endValue"] == Json({{"type", "formula"}, {"formula", "Avg([Session Count])"}}));
    e.type("refmark-end", "Max([Session Count])J");
    CHECK(e.element("bars")["refMarks"][0]["endValue"]["formula"] == "Max([Session Count])J");
    e.type("refmark-label", "Typical");
    CHECK(e.element("bars")["refMarks"][0]["label"] == Json({{"visibility", "shown"}, {"text", "Typical"}}));
    e.requireValid();
    e.click("trendlines-add");
    CHECK(e.element("bars")["trendlines"] == Json::parse(R"J([{"columnId":"b-count","model":"linear"}])J"));
    e.pick("trendline-model", "power");
    CHECK(e.element("bars")["trendlines"][0]["model"] == "power");
    e.requireValid();
    // Sigma's preconditions: a bare value and stacking are reported.
    e.model.undoStack()->push(makeSetValue(&e.model, "/contents/elements/2/refMarks/0/value", Json(5), "t"));
    CHECK(e.reports("chart/refmark-value"));
    e.model.undoStack()->undo();
    e.model.undoStack()->push(makeSetValue(&e.model, "/contents/elements/2/stacking", Json("stacked"), "t"));
    CHECK(e.reports("chart/trendline-precondition"));
}

TEST_CASE("data label and legend editor - KPI and donut editors - one undo step each", "[ide][props][options]") {
    Editors e(std::string(kBars) + R"YAML(    - id: kpi
      kind: kpi-chart
      name: KPI
      source: {kind: table, elementId: orders}
      columns:
        - {id: k-total, name: Revenue, formula: "Sum([Orders/Revenue])"}
        - {id: k-prior, name: Prior, formula: "Sum([Orders/Revenue]) * 0.9"}
      value: {columnId: k-total}
    - id: ring
      kind: donut-chart
      name: Ring
      source: {kind: table, elementId: orders}
      columns:
        - {id: r-status, name: Status, formula: "[Orders/Status]"}
        - {id: r-revenue, name: Revenue, formula: "Sum([Orders/Revenue])"}
        - {id: r-count, name: Orders, formula: "Count()"}
      value: {columnId: r-revenue}
      color: {columnId: r-status}
)YAML", quire::test::place("bars", 1, 25, 1, 14) + quire::test::place("kpi", 1, 9, 14, 20) + quire::test::place("ring", 9, 25, 14, 26));
    e.select("bars");
    e.toggle("datalabel-show");
    CHECK(e.element("bars")["dataLabel"] == Json({{"labelDisplay", "auto"}, {"labels", "shown"}}));
    e.pick("datalabel-display", "min-max");
    CHECK(e.element("bars")["dataLabel"]["labelDisplay"] == "min-max");
    e.type("datalabel-format", "$,.0f");
    CHECK(e.element("bars")["dataLabel"]["valueFormat"] == Json({{"kind", "number"}, {"formatString", "$,.0f"}}));
    e.pick("legend-position", "bottom");
    CHECK(e.element("bars")["legend"] == Json({{"position", "bottom"}}));
    e.pick("legend-position", "hidden");
    CHECK(e.element("bars")["legend"] == Json({{"visibility", "hidden"}}));
    e.requireValid();
    e.model.undoStack()->push(makeSetValue(&e.model, "/contents/elements/2/dataLabel/labelDisplay", Json("sometimes"), "t"));
    CHECK(e.reports("chart/label-display"));
    e.model.undoStack()->undo();

    e.select("kpi");
    e.pick("kpi-comparison-column", "k-prior");
    CHECK(e.element("kpi")["comparisonColumn"] == Json({{"columnId", "k-prior"}}));
    CHECK(e.element("kpi")["comparison"] == Json({{"display", "delta"}}));
    e.type("kpi-good", "#0891b2");
    CHECK(e.element("kpi")["comparison"]["colorGood"] == "#0891b2");
    e.type("kpi-color", "#7c3aed");
    CHECK(e.element("kpi")["value"]["color"] == "#7c3aed");
    e.type("kpi-font-size", "28");
    CHECK(e.element("kpi")["value"]["fontSize"] == 28);
    e.pick("kpi-anchor", "left");
    CHECK(e.element("kpi")["layout"] == Json({{"anchor", "left"}}));
    e.pick("kpi-vertical-anchor", "bottom");
    CHECK(e.element("kpi")["layout"] == Json({{"anchor", "left"}, {"verticalAnchor", "bottom"}}));
    e.pick("kpi-anchor", ""); // (default): centred again
    CHECK(e.element("kpi")["layout"] == Json({{"verticalAnchor", "bottom"}}));
    e.pick("kpi-title-orient", "left");
    e.pick("kpi-comparison-orient", "right");
    CHECK(e.element("kpi")["layout"] == Json({{"verticalAnchor", "bottom"}, {"titleOrient", "left"}, {"comparisonValueOrient", "right"}}));
    e.requireValid();
    e.model.undoStack()->push(makeSetValue(&e.model, "/contents/elements/3/layout/titleOrient", Json("above"), "t"));
    CHECK(e.reports("kpi/layout-value"));
    e.model.undoStack()->undo();
    e.pick("kpi-title-orient", "");
    e.pick("kpi-comparison-orient", "");
    CHECK(e.element("kpi")["layout"] == Json({{"verticalAnchor", "bottom"}}));
    e.requireValid();
    e.pick("kpi-comparison-column", ""); // none: the comparison goes with it
    CHECK_FALSE(e.element("kpi").contains("comparison"));
    CHECK_FALSE(e.element("kpi").contains("comparisonColumn"));

    e.select("ring");
    e.pick("donut-hole", "r-count");
    CHECK(e.element("ring")["holeValue"] == Json({{"columnId", "r-count"}}));
    e.type("donut-radius", "0.7");
    CHECK(e.element("ring")["innerRadius"] == 0.7);
    e.pick("slice-sort-by", "r-revenue");
    CHECK(e.element("ring")["color"] == Json({{"columnId", "r-status"}, {"sort", {{"by", "r-revenue"}, {"direction", "ascending"}}}}));
    e.pick("slice-sort-direction", "descending");
    CHECK(e.element("ring")["color"]["sort"]["direction"] == "descending");
    e.requireValid();
    e.pick("donut-hole", "r-revenue"); // the value's own column: Sigma rejects it
    CHECK(e.reports("chart/donut-hole-equals-value"));
    e.model.undoStack()->push(makeSetValue(&e.model, "/contents/elements/4/innerRadius", Json(1.5), "t"));
    CHECK(e.reports("chart/inner-radius"));
    e.pick("slice-sort-by", ""); // (data order): the sort goes
    CHECK(e.element("ring")["color"] == Json({{"columnId", "r-status"}}));

    // Stack totals: offered on stacked charts; on and off are one step each.
    e.select("bars");
    CHECK(e.panel.content()->findChild<QCheckBox*>("datalabel-totals") == nullptr);
    e.model.undoStack()->push(makeSetValue(&e.model, "/contents/elements/2/stacking", Json("stacked"), "t"));
    e.toggle("datalabel-totals");
    CHECK(e.element("bars")["dataLabel"]["totals"] == "shown");
    e.toggle("datalabel-totals");
    CHECK_FALSE(e.element("bars")["dataLabel"].contains("totals"));
}

TEST_CASE("conditional format and table style editor - page visibility editor - one undo step each", "[ide][props][options]") {
    Editors e(R"YAML(    - id: grid
      kind: table
      name: Grid
      source: {kind: table, elementId: orders}
      columns:
        - {id: g-status, name: Status, formula: "[Orders/Status]"}
        - {id: g-revenue, name: Revenue, formula: "Sum([Orders/Revenue])"}
)YAML", quire::test::place("grid", 1, 25, 1, 14));
    e.select("grid");
    e.click("formats-add");
    CHECK(e.element("grid")["conditionalFormats"] == Json::parse(R"J([{"type":"single","columnIds":["g-status"],"condition":"=","value":"","style":{"backgroundColor":"#fde68a"}}])J"));
    e.type("format-value", "refunded");
    CHECK(e.element("grid")["conditionalFormats"][0]["value"] == "refunded");
    e.type("format-color", "#dc2626");
    CHECK(e.element("grid")["conditionalFormats"][0]["style"]["color"] == "#dc2626");
    e.requireValid();
    e.pick("format-type", "dataBars");
    e.pick("format-rule-column", "g-revenue");
    CHECK(e.element("grid")["conditionalFormats"][0]["columnIds"] == Json::array({"g-revenue"}));
    e.type("format-scheme", "#22c55e");
    CHECK(e.element("grid")["conditionalFormats"][0]["scheme"] == Json::array({"#22c55e"}));
    e.pick("style-banding", "hidden");
    CHECK(e.element("grid")["tableStyle"] == Json({{"banding", "hidden"}}));
    e.pick("style-grid", "all");
    CHECK(e.element("grid")["tableStyle"]["gridLines"] == "all");
    e.requireValid();
    e.model.undoStack()->push(makeSetValue(&e.model, "/contents/elements/2/tableStyle/gridLines", Json("dotted"), "t"));
    CHECK(e.reports("table/style-value"));
    e.model.undoStack()->undo();
    // Nothing selected: the panel edits the shown page.
    e.panel.setRegionSource([] { return QStringLiteral("main"); });
    e.model.setSelection({});
    e.panel.showRegion();
    settle();
    e.pick("page-visibility", "hidden");
    CHECK(e.model.root()["contents"]["pages"][0]["visibility"] == "hidden");
    e.requireValid();
    e.pick("page-visibility", "");
    CHECK_FALSE(e.model.root()["contents"]["pages"][0].contains("visibility"));
    e.model.undoStack()->push(makeSetValue(&e.model, "/contents/pages/0/visibility", Json("secret"), "t"));
    CHECK(e.reports("page/visibility"));
}

TEST_CASE("trellis editor: rows by and columns by pickers add, change and remove columns, one undo step each", "[ide][props][options]") {
    std::string bars = kBars; // with a second dimension to split by
    bars.insert(bars.find("      xAxis"), "        - {id: b-device, name: Device, formula: \"[Sessions/Device]\"}\n");
    Editors e(bars, quire::test::place("bars", 1, 25, 1, 14));
    e.select("bars");
    e.pick("trellis-columnsBy-0", "b-device"); // the empty picker adds the first column and the trellis key
    CHECK(e.element("bars")["trellis"] == Json::parse(R"J({"columnsBy":[{"columnId":"b-device"}]})J"));
    e.requireValid();
    e.pick("trellis-rowsBy-0", "b-channel");
    CHECK(e.element("bars")["trellis"] == Json::parse(R"J({"columnsBy":[{"columnId":"b-device"}],"rowsBy":[{"columnId":"b-channel"}]})J"));
    e.pick("trellis-rowsBy-0", "b-device"); // change in place
    CHECK(e.element("bars")["trellis"]["rowsBy"] == Json::parse(R"J([{"columnId":"b-device"}])J"));
    e.pick("trellis-rowsBy-0", ""); // (none) removes the entry and the empty dimension
    e.pick("trellis-columnsBy-0", "");
    CHECK_FALSE(e.element("bars").contains("trellis")); // the key goes with its last column
    // Not offered where trellis is not drawn (a table); the validator names a column the chart does not have.
    e.select("sessions");
    CHECK(e.panel.content()->findChild<QComboBox*>("trellis-rowsBy-0") == nullptr);
    e.model.undoStack()->push(makeSetValue(&e.model, "/contents/elements/2/trellis", Json::parse(R"J({"rowsBy":[{"columnId":"o-status"}]})J"), "t"));
    CHECK(e.reports("chart/unknown-column"));
}

TEST_CASE("options Quire keeps but does not draw survive an editor edit byte for byte", "[ide][props][options]") {
    // The gallery, with options added to one chart: a trellis and options the preview does not draw (tooltip, bar style).
    std::string text = quire::test::readFile(quire::test::sourceDir() + "/resources/examples/gallery.yaml");
    const std::string anchor = "      name: Sessions by channel with reference marks and trend lines\n";
    const std::string kept = "      trellis: {columnsBy: [{columnId: mk-channel}]}   # kept byte for byte\n"
                             "      tooltip: {columnNames: shown, multiSeries: shown}\n"
                             "      barStyle: {cornerRadius: 4}\n";
    REQUIRE(text.find(anchor) != std::string::npos);
    text.insert(text.find(anchor) + anchor.size(), kept);
    const std::string dir = quire::test::makeTempDir("kept-options");
    doc::writeFileAtomically(dir + "/gallery.yaml", text);
    auto loaded = doc::loadDocument(dir + "/gallery.yaml");
    REQUIRE(loaded.document);
    DocumentModel model;
    PropertyPanel panel{&model};
    model.setDocument(*loaded.document);
    panel.resize(460, 2400);
    panel.show();
    model.setSelection({"marks"});
    settle();
    auto* modelPicker = panel.content()->findChild<QComboBox*>("trendline-model");
    REQUIRE(modelPicker);
    modelPicker->setCurrentIndex(modelPicker->findData("power"));
    settle();
    REQUIRE(model.undoStack()->index() == 1);
    const std::string edited = doc::saveDocumentPreserving(model.document(), doc::Format::Yaml).text;
    // One line differs: the edited trend line; the kept options and their comment are untouched.
    auto lines = [](const std::string& s) {
        std::vector<std::string> out;
        std::size_t start = 0;
        for (std::size_t i = 0; i <= s.size(); ++i)
            if (i == s.size() || s[i] == '\n') out.push_back(s.substr(start, i - start)), start = i + 1;
        return out;
    };
    const auto before = lines(text), after = lines(edited);
    REQUIRE(before.size() == after.size());
    int changed = 0;
    for (std::size_t i = 0; i < before.size(); ++i)
        if (before[i] != after[i]) {
            ++changed;
            CHECK(after[i] == "        - {columnId: mk-sessions, model: power}");
        }
    CHECK(changed == 1);
    CHECK(edited.find(kept) != std::string::npos);
    model.undoStack()->undo();
    CHECK(doc::saveDocumentPreserving(model.document(), doc::Format::Yaml).text == text);
}

TEST_CASE("the Hidden tick of a column sets `hidden: true` in one undo step", "[ide][props][options]") {
    Editors e(R"YAML(    - id: grid
      kind: table
      name: Grid
      source: {kind: table, elementId: orders}
      columns:
        - {id: g-status, name: Status, formula: "[Orders/Status]"}
        - {id: g-revenue, name: Revenue, formula: "Sum([Orders/Revenue])"}
)YAML", quire::test::place("grid", 1, 25, 1, 14));
    e.select("grid");
    auto* table = e.panel.content()->findChild<QTableWidget*>();
    REQUIRE(table);
    REQUIRE(table->columnCount() == 3);
    e.oneStep([&] { table->item(1, 2)->setCheckState(Qt::Checked); });
    CHECK(e.element("grid")["columns"][1]["hidden"] == true);
    e.requireValid();
    table = e.panel.content()->findChild<QTableWidget*>();
    e.oneStep([&] { table->item(1, 2)->setCheckState(Qt::Unchecked); });
    CHECK_FALSE(e.element("grid")["columns"][1].contains("hidden"));
}

TEST_CASE("tooltip editor: extra columns and toggles on charts, a column list on maps, one undo step each", "[ide][props][options][tooltips]") {
    std::string bars = kBars; // with a column to add to the tooltip
    bars.insert(bars.find("      xAxis"), "        - {id: b-pages, name: Pages, formula: \"Sum([Sessions/Pages])\"}\n");
    const std::string map = "    - id: states\n      kind: region-map\n      name: States\n      source: {kind: table, elementId: orders}\n"
                            "      columns:\n        - {id: m-state, name: State, formula: \"[Orders/Status]\"}\n"
                            "        - {id: m-revenue, name: Revenue, formula: \"Sum([Orders/Revenue])\"}\n"
                            "        - {id: m-items, name: Items, formula: \"Sum([Orders/Items])\"}\n"
                            "      region: {columnId: m-state, regionType: us-state}\n";
    Editors e(bars + map, quire::test::place("bars", 1, 13, 1, 14) + quire::test::place("states", 13, 25, 1, 14));
    e.select("bars");
    e.pick("tooltip-column-0", "b-pages"); // the empty picker adds the first column and the tooltip key
    CHECK(e.element("bars")["tooltip"] == Json::parse(R"J({"columnIds":["b-pages"]})J"));
    e.requireValid();
    e.pick("tooltip-column-names", "hidden");
    e.pick("tooltip-multi-series", "shown");
    CHECK(e.element("bars")["tooltip"] == Json::parse(R"J({"columnIds":["b-pages"],"columnNames":"hidden","multiSeries":"shown"})J"));
    e.pick("tooltip-column-1", "b-count");
    CHECK(e.element("bars")["tooltip"]["columnIds"] == Json::parse(R"J(["b-pages","b-count"])J"));
    e.pick("tooltip-column-0", ""); // (none) removes the entry
    CHECK(e.element("bars")["tooltip"]["columnIds"] == Json::parse(R"J(["b-count"])J"));
    e.pick("tooltip-column-0", "");
    e.pick("tooltip-column-names", "");
    e.pick("tooltip-multi-series", "");
    CHECK_FALSE(e.element("bars").contains("tooltip")); // the key goes with its last member
    // Maps: the tooltip is a list of {columnId}.
    e.select("states");
    CHECK(e.panel.content()->findChild<QComboBox*>("tooltip-column-names") == nullptr);
    e.pick("tooltip-column-0", "m-items");
    CHECK(e.element("states")["tooltip"] == Json::parse(R"J([{"columnId":"m-items"}])J"));
    e.requireValid();
    e.pick("tooltip-column-0", "");
    CHECK_FALSE(e.element("states").contains("tooltip"));
    // The validator names a tooltip column the element does not have.
    e.model.undoStack()->push(makeSetValue(&e.model, "/contents/elements/2/tooltip", Json::parse(R"J({"columnIds":["ghost"]})J"), "t"));
    CHECK(e.reports("chart/unknown-column"));
}

TEST_CASE("region editor: the region column and region type, one undo step each", "[ide][props][options][maps]") {
    const std::string map = "    - id: regions\n      kind: region-map\n      name: Regions\n      source: {kind: table, elementId: orders}\n"
                            "      columns:\n        - {id: r-status, name: Status, formula: \"[Orders/Status]\"}\n"
                            "        - {id: r-code, name: Code, formula: \"Left([Orders/Status], 2)\"}\n"
                            "        - {id: r-revenue, name: Revenue, formula: \"Sum([Orders/Revenue])\"}\n"
                            "      region: {columnId: r-status, regionType: country, tag: kept}\n";
    Editors e(map, quire::test::place("regions", 1, 25, 1, 14));
    e.select("regions");
    e.pick("region-type", "us-state");
    CHECK(e.element("regions")["region"] == Json::parse(R"J({"columnId":"r-status","regionType":"us-state","tag":"kept"})J"));
    e.pick("region-column", "r-code");
    CHECK(e.element("regions")["region"] == Json::parse(R"J({"columnId":"r-code","regionType":"us-state","tag":"kept"})J"));
    e.requireValid();
    e.pick("region-type", ""); // (default) removes the type: the validator asks for one
    CHECK_FALSE(e.element("regions")["region"].contains("regionType"));
    CHECK(e.reports("chart/region-type"));
    // The colour channel of a region map is the Colour editor's.
    e.pick("color-by", "scale");
    CHECK(e.element("regions")["color"]["by"] == "scale");
}
