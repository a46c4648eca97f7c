#include "test_workbook.h"

#include <catch2/catch.hpp>
#include <quire/preview/session.h>

using namespace quire;
using namespace quire::preview;

TEST_CASE("session: controls are typed per kind, synced resolves to its primary", "[preview][session]") {
    PreviewSession s(test::workbook());
    CHECK(s.diagnostics().empty());
    CHECK(s.currentPage == "p1");
    const ControlState* region = s.control("region");
    REQUIRE(region);
    CHECK(region->kind == ControlKind::List);
    CHECK(region->selectedValues() == std::vector<Json>{"East"});
    CHECK(region->formulaValue() == Json("East"));
    CHECK(s.controlIdOfElement("ctl-region-2") == std::optional<std::string>("region"));
    CHECK(s.control("min-amount")->formulaValue() == Json(5));
    CHECK(s.control("amt-range")->formulaValue() == Json{{"low", 1}, {"high", 9}});
    CHECK(s.control("nope") == nullptr);
    CHECK(s.pageOf("ctl-region") == std::optional<std::string>("p1"));
    CHECK(s.elementsInside("box") == std::vector<std::string>{"ctl-region", "ctl-min"});
    CHECK(s.elementsInside("tabs") == std::vector<std::string>{"ctl-flag"});
    CHECK(s.tabCount("tabs") == 3);
    CHECK(s.tabCount("box") == -1);
}

TEST_CASE("session: clearing keeps mode, published value restores", "[preview][session]") {
    PreviewSession s(test::workbook());
    REQUIRE(s.clearControl("region"));
    CHECK(s.control("region")->isCleared());
    CHECK(s.control("region")->fields["mode"] == "include");
    REQUIRE(s.clearControl("dates"));
    CHECK(s.control("dates")->isCleared());
    CHECK(s.control("dates")->fields["mode"] == "between");
    REQUIRE(s.clearControl("region", true));
    CHECK(s.control("region")->selectedValues() == std::vector<Json>{"East"});
    CHECK_FALSE(s.clearControl("nope"));
}

TEST_CASE("session: malformed controls give diagnostics", "[preview][session]") {
    PreviewSession s(Json::parse(R"J({"elements": [
      {"id": "a", "kind": "control", "controlType": "list"},
      {"id": "b", "kind": "control", "controlType": "synced", "controlId": "ghost"},
      {"id": "c", "kind": "control", "controlType": "list", "controlId": "dup"},
      {"id": "d", "kind": "control", "controlType": "text", "controlId": "dup"}]})J"));
    std::vector<std::string> rules;
    for (const auto& d : s.diagnostics()) rules.push_back(d.rule);
    CHECK(rules == std::vector<std::string>{"preview/control-without-id", "preview/duplicate-control-id",
                                            "preview/synced-without-primary"});
}

TEST_CASE("date windows: absolute, relative last/next/current, now-minus", "[preview][dates]") {
    auto w = resolveDateWindow(Json::parse(R"J({"mode": "last", "value": 7, "unit": "day", "includeToday": true})J"), "2024-03-10");
    REQUIRE(w);
    CHECK(*w->start == "2024-03-04");
    CHECK(*w->end == "2024-03-10");
    w = resolveDateWindow(Json::parse(R"J({"mode": "last", "value": 1, "unit": "month", "includeToday": false})J"), "2024-03-31");
    REQUIRE(w);
    CHECK(*w->start == "2024-02-29"); // end 03-30, start = 03-31 minus one month (clamped to Feb 29)
    CHECK(*w->end == "2024-03-30");
    w = resolveDateWindow(Json::parse(R"J({"mode": "current", "unit": "quarter"})J"), "2024-05-15");
    REQUIRE(w);
    CHECK(*w->start == "2024-04-01");
    CHECK(*w->end == "2024-06-30");
    w = resolveDateWindow(Json::parse(R"J({"mode": "current", "unit": "week-starting-monday"})J"), "2024-03-10"); // a Sunday
    REQUIRE(w);
    CHECK(*w->start == "2024-03-04");
    CHECK(*w->end == "2024-03-10");
    w = resolveDateWindow(Json::parse(R"J({"mode": "between", "startDate": {"op": "now-minus", "unit": "year", "value": 1}})J"), "2024-02-29");
    REQUIRE(w);
    CHECK(*w->start == "2023-02-28");
    CHECK_FALSE(w->end);
    w = resolveDateWindow(Json::parse(R"J({"mode": "after", "date": "2024-12-31"})J"), "2024-01-01");
    REQUIRE(w);
    CHECK(*w->start == "2025-01-01");
    CHECK_FALSE(resolveDateWindow(Json::parse(R"J({"mode": "last", "value": 2, "unit": "fortnight"})J"), "2024-01-01"));
    CHECK_FALSE(resolveDateWindow(Json::parse(R"J({"mode": "between"})J"), "garbage"));
}
