#include "test_workbook.h"

#include <catch2/catch.hpp>
#include <quire/preview/action_engine.h>

using namespace quire;
using namespace quire::preview;
using V = std::vector<std::string>;

namespace {
Json effect(const char* text) { return Json::parse(text); }
ActionRun runOne(ActionEngine& engine, const char* effectJson, TriggerEvent event = {"btn", "on-click", {}, {}}) {
    Json action{{"id", "t"}, {"trigger", event.trigger}, {"effects", Json::array({effect(effectJson)})}};
    return engine.runAction(action, event);
}
std::vector<std::string> rules(const ActionRun& run) {
    std::vector<std::string> out;
    for (const auto& d : run.diagnostics) out.push_back(d.rule);
    return out;
}
} // namespace

TEST_CASE("actions: on-click sequence runs effects in order, condition false skips", "[preview][actions]") {
    PreviewSession s(test::workbook());
    ActionEngine engine(s);
    const ActionRun run = engine.fire({"btn", "on-click", {}, {}});
    REQUIRE(run.ok());
    REQUIRE(run.effects.size() == 3); // act-cond's condition [min-amount] > 100 is false: action skipped
    CHECK(run.effects[0].kind == "set-control-value");
    CHECK(run.effects[1].kind == "navigate");
    CHECK(run.effects[2].kind == "open-overlay");
    CHECK(s.control("search")->scalarValue() == "xyz");
    CHECK(s.currentPage == "p2");
    CHECK(s.openOverlay == std::optional<std::string>("ov1"));
    CHECK(run.rerun == V{"custom"});
    CHECK(s.refreshCounters.empty());

    s.setControlFields("min-amount", Json{{"value", 200}});
    const ActionRun again = engine.fire({"btn", "on-click", {}, {}});
    REQUIRE(again.effects.size() == 4);
    CHECK(s.refreshCounters["base"] == 1);
    CHECK(again.rerun == V{"base", "child", "grand", "custom", "joined", "falls", "bars"});
}

TEST_CASE("actions: set-control-value value sources and selection modes", "[preview][actions]") {
    PreviewSession s(test::workbook());
    ActionEngine engine(s);
    auto run = runOne(engine, R"J({"kind": "set-control-value", "control": "region", "selectionMode": "add",
        "value": {"type": "constant", "value": {"type": "text-list", "value": ["West", "East"]}}})J");
    REQUIRE(run.ok());
    CHECK(s.control("region")->selectedValues() == std::vector<Json>{"East", "West"});
    CHECK(run.rerun == V{"child", "grand"});
    runOne(engine, R"J({"kind": "set-control-value", "control": "region", "selectionMode": "replace",
        "value": {"type": "constant", "value": {"type": "text", "value": "North"}}})J");
    CHECK(s.control("region")->selectedValues() == std::vector<Json>{"North"});
    // control source: copy search's text into region
    run = runOne(engine, R"J({"kind": "set-control-value", "control": "region", "value": {"type": "control", "control": "search"}})J");
    REQUIRE(run.ok());
    CHECK(s.control("region")->selectedValues() == std::vector<Json>{"abc"});
    // formula source
    run = runOne(engine, R"J({"kind": "set-control-value", "control": "flag", "value": {"type": "formula", "formula": "[min-amount] >= 5"}})J");
    REQUIRE(run.ok());
    CHECK(s.control("flag")->scalarValue() == true);
    // number-range constant
    run = runOne(engine, R"J({"kind": "set-control-value", "control": "amt-range", "value": {"type": "constant", "value": {"type": "number-range", "value": [2, 4]}}})J");
    REQUIRE(run.ok());
    CHECK(s.control("amt-range")->formulaValue() == Json{{"low", 2}, {"high", 4}});
    // date-range constant switches to between
    run = runOne(engine, R"J({"kind": "set-control-value", "control": "dates", "value": {"type": "constant", "value": {"type": "date-range", "value": {"low": "2024-05-01", "high": "2024-05-31"}}}})J");
    REQUIRE(run.ok());
    CHECK(s.control("dates")->fields["startDate"] == "2024-05-01");
    CHECK(s.control("dates")->fields["endDate"] == "2024-05-31");
}

TEST_CASE("actions: set-control-value errors", "[preview][actions]") {
    PreviewSession s(test::workbook());
    ActionEngine engine(s);
    CHECK(rules(runOne(engine, R"J({"kind": "set-control-value", "control": "ghost", "value": 1})J")) == V{"preview/unknown-control"});
    CHECK(rules(runOne(engine, R"J({"kind": "set-control-value", "control": "min-amount", "value": {"type": "constant", "value": {"type": "text", "value": "x"}}})J")) == V{"preview/bad-value"});
    CHECK(s.control("min-amount")->scalarValue() == 5);
    CHECK(rules(runOne(engine, R"J({"kind": "set-control-value", "control": "search", "value": {"type": "control", "control": "ghost"}})J")) == V{"preview/value-source"});
    CHECK(rules(runOne(engine, R"J({"kind": "set-control-value", "control": "search", "value": {"type": "column", "column": "Region"}})J")) == V{"preview/value-source"});
    CHECK(rules(runOne(engine, R"J({"kind": "set-control-value", "control": "search", "value": {"type": "formula", "formula": "Upper([search])"}})J")) == V{"preview/value-source"});
    CHECK(rules(runOne(engine, R"J({"kind": "set-control-value", "control": "search", "value": {"type": "martian"}})J")) == V{"preview/value-source"});
    CHECK(s.control("search")->scalarValue() == "abc");
}

TEST_CASE("actions: on-select binds Selection columns, add mode, column-range", "[preview][actions]") {
    PreviewSession s(test::workbook());
    ActionEngine engine(s);
    Selection sel{"grand", {Json{{"c-region", "West"}, {"Region", "West"}}, Json{{"c-region", "South"}, {"Region", "South"}}}};
    auto run = engine.fire({"grand", "on-select", sel, {}});
    REQUIRE(run.ok());
    CHECK(s.control("region")->selectedValues() == std::vector<Json>{"East", "West", "South"});
    CHECK(s.selection->elementId == "grand");
    Selection bars{"bars", {Json{{"Amount", 7}}, Json{{"Amount", 3}}, Json{{"Amount", nullptr}}}};
    run = engine.fire({"bars", "on-select", bars, {}});
    REQUIRE(run.ok());
    CHECK(s.control("amt-range")->formulaValue() == Json{{"low", 3}, {"high", 7}});
    // [Selection/...] outside on-select is silently null
    const auto cond = runOne(engine, R"J({"kind": "refresh-element", "condition": "IsNull([Selection/Region])", "target": {"type": "element", "element": "other"}})J");
    CHECK(s.refreshCounters["other"] == 1);
    CHECK(cond.rerun == V{"other", "joined"});
}

TEST_CASE("actions: triggers are checked against the host kind", "[preview][actions]") {
    PreviewSession s(test::workbook());
    ActionEngine engine(s);
    CHECK(rules(engine.fire({"falls", "on-select", Selection{"falls", {}}, {}})) == V{"preview/bad-trigger"});
    CHECK(rules(engine.fire({"btn", "on-select", {}, {}})) == V{"preview/bad-trigger"});
    CHECK(rules(engine.fire({"ghost", "on-click", {}, {}})) == V{"preview/unknown-host"});
    CHECK(ActionEngine::triggersFor("line-chart") == V{"on-select"});
    CHECK(ActionEngine::triggersFor("image") == V{"on-click"});
    CHECK(ActionEngine::triggersFor("text").empty());
}

TEST_CASE("actions: overlay triggers", "[preview][actions]") {
    PreviewSession s(test::workbook());
    ActionEngine engine(s);
    s.openOverlay = "ov1";
    auto run = engine.fire({"ov1", "on-primary-cta-click", {}, {}});
    REQUIRE(run.ok());
    CHECK(s.control("region")->selectedValues() == std::vector<Json>{"West"});
    CHECK_FALSE(s.openOverlay);
    s.openOverlay = "ov1";
    run = engine.fire({"ov1", "on-close", {}, {}});
    REQUIRE(run.ok());
    CHECK_FALSE(s.openOverlay);
    CHECK(s.control("region")->isCleared());
    CHECK(engine.fire({"ov1", "on-secondary-cta-click", {}, {}}).effects.empty());
    CHECK(rules(runOne(engine, R"J({"kind": "open-overlay", "overlayId": "nope"})J")) == V{"preview/unknown-overlay"});
}

TEST_CASE("actions: clear-control scopes", "[preview][actions]") {
    PreviewSession s(test::workbook());
    ActionEngine engine(s);
    auto run = runOne(engine, R"J({"kind": "clear-control", "scope": {"type": "container", "containerElementId": "box"}})J");
    REQUIRE(run.ok());
    CHECK(s.control("region")->isCleared());
    CHECK(s.control("min-amount")->isCleared());
    CHECK_FALSE(s.control("dates")->isCleared());
    CHECK(run.rerun == V{"child", "grand", "other", "joined"});
    run = runOne(engine, R"J({"kind": "clear-control", "scope": {"type": "page", "pageId": "p1"}})J");
    CHECK(s.control("dates")->isCleared());
    CHECK(s.control("flag")->isCleared());
    CHECK_FALSE(s.control("search")->isCleared());
    run = runOne(engine, R"J({"kind": "clear-control", "scope": {"type": "workbook"}, "usePublishedValue": true})J");
    CHECK(s.control("region")->selectedValues() == std::vector<Json>{"East"});
    CHECK(s.control("dates")->fields["startDate"] == "2024-01-01");
    runOne(engine, R"J({"kind": "clear-control", "scope": {"type": "workbook"}})J");
    for (const auto& id : s.controlIds()) CHECK(s.control(id)->isCleared());
    CHECK(rules(runOne(engine, R"J({"kind": "clear-control", "scope": {"type": "page", "pageId": "p9"}})J")) == V{"preview/unknown-scope"});
    CHECK(rules(runOne(engine, R"J({"kind": "clear-control", "scope": {"type": "control", "controlId": "x"}})J")) == V{"preview/unknown-control"});
}

TEST_CASE("actions: navigate, select-tab bounds, refresh", "[preview][actions]") {
    PreviewSession s(test::workbook());
    ActionEngine engine(s);
    REQUIRE(runOne(engine, R"J({"kind": "navigate", "target": {"type": "element", "element": "notes"}})J").ok());
    CHECK(s.currentPage == "p2");
    CHECK(s.focusedElement == std::optional<std::string>("notes"));
    CHECK(rules(runOne(engine, R"J({"kind": "navigate", "target": {"type": "page", "page": "nowhere"}})J")) == V{"preview/unknown-page"});
    CHECK(s.currentPage == "p2");

    CHECK(runOne(engine, R"J({"kind": "select-tab", "tabbedContainerElementId": "tabs", "selectedTab": {"type": "direction", "direction": "previous"}})J").ok());
    CHECK(s.selectedTab("tabs") == 0);
    runOne(engine, R"J({"kind": "select-tab", "tabbedContainerElementId": "tabs", "selectedTab": {"type": "tab", "index": 2}})J");
    CHECK(s.selectedTab("tabs") == 2);
    runOne(engine, R"J({"kind": "select-tab", "tabbedContainerElementId": "tabs", "selectedTab": {"type": "direction", "direction": "next"}})J");
    CHECK(s.selectedTab("tabs") == 2);
    runOne(engine, R"J({"kind": "select-tab", "tabbedContainerElementId": "tabs", "selectedTab": {"type": "direction", "direction": "previous"}})J");
    CHECK(s.selectedTab("tabs") == 1);
    CHECK(rules(runOne(engine, R"J({"kind": "select-tab", "tabbedContainerElementId": "tabs", "selectedTab": {"type": "tab", "index": 3}})J")) == V{"preview/bad-tab"});
    CHECK(rules(runOne(engine, R"J({"kind": "select-tab", "tabbedContainerElementId": "box", "selectedTab": {"type": "tab", "index": 0}})J")) == V{"preview/unknown-element"});
    CHECK(s.selectedTab("tabs") == 1);

    const auto run = runOne(engine, R"J({"kind": "refresh-element", "target": {"type": "element", "element": "child"}})J");
    CHECK(s.refreshCounters["child"] == 1);
    CHECK(run.rerun == V{"child", "grand"});
    CHECK(rules(runOne(engine, R"J({"kind": "refresh-element", "target": {"type": "element", "element": "zzz"}})J")) == V{"preview/unknown-element"});
}

TEST_CASE("actions: external effects are queued, never run", "[preview][actions]") {
    PreviewSession s(test::workbook());
    ActionEngine engine(s);
    REQUIRE(runOne(engine, R"J({"kind": "open-url", "url": {"type": "formula", "formula": "[search]"}, "openTarget": "_blank"})J").ok());
    REQUIRE(runOne(engine, R"J({"kind": "open-document", "documentId": "d1", "documentType": "workbook", "openTarget": "_self",
        "targetControls": {"Region": {"type": "control", "control": "region"}}})J").ok());
    CHECK(rules(runOne(engine, R"J({"kind": "open-url", "url": "https://x"})J")) == V{"preview/bad-effect"});
    auto external = s.takeExternalEffects();
    REQUIRE(external.size() == 2);
    CHECK(external[0].kind == "open-url");
    CHECK(external[0].effect["resolved"] == "abc");
    CHECK(external[1].effect["resolved"]["targetControls"]["Region"] == "East");
    CHECK(s.pendingExternal.empty());
}

TEST_CASE("actions: unknown effects and failing conditions are diagnostics", "[preview][actions]") {
    PreviewSession s(test::workbook());
    ActionEngine engine(s);
    const auto run = runOne(engine, R"J({"kind": "teleport"})J");
    REQUIRE(run.diagnostics.size() == 1);
    CHECK(run.diagnostics[0].severity == Severity::Warning);
    CHECK(run.diagnostics[0].rule == "preview/unknown-effect");
    CHECK_FALSE(run.effects[0].applied);
    const auto bad = runOne(engine, R"J({"kind": "close-overlay", "condition": "Foo(1)"})J");
    CHECK(rules(bad) == V{"preview/condition"});
    CHECK_FALSE(bad.effects[0].applied);
    CHECK_FALSE(bad.effects[0].skipped);
    Json noEffects{{"id", "x"}, {"trigger", "on-click"}};
    CHECK(rules(engine.runAction(noEffects, {"btn", "on-click", {}, {}})) == V{"preview/no-effects"});
}

TEST_CASE("actions: a plugged-in formula evaluator takes precedence", "[preview][actions]") {
    PreviewSession s(test::workbook());
    ActionEngine engine(s);
    engine.setFormulaEvaluator([](std::string_view formula, const EvalContext&) -> std::optional<EvalResult> {
        if (formula == "Upper([search])") return EvalResult{Json("ABC"), {}};
        return std::nullopt;
    });
    const auto run = runOne(engine, R"J({"kind": "set-control-value", "control": "search", "value": {"type": "formula", "formula": "Upper([search])"}})J");
    INFO((run.diagnostics.empty() ? std::string() : run.diagnostics[0].message));
    REQUIRE(run.ok());
    CHECK(s.control("search")->scalarValue() == "ABC");
}
