#include "test_workbook.h"

#include <catch2/catch.hpp>
#include <quire/preview/effective_filters.h>

using namespace quire;
using namespace quire::preview;

namespace {
Json withFilters() {
    Json contents = test::workbook();
    for (auto& el : contents["elements"])
        if (el["id"] == "base")
            el["filters"] = Json::parse(R"J([
              {"id": "f1", "columnId": "b-region", "kind": "list", "mode": "exclude", "values": ["North", null], "includeNulls": "never"},
              {"id": "f2", "columnId": "b-amt", "kind": "number-range", "min": 10},
              {"id": "f3", "columnId": "b-amt", "kind": "list", "state": "disabled", "values": [1]},
              {"id": "f4", "columnId": "b-region", "kind": "date-range", "mode": "last", "value": 3, "unit": "day", "includeToday": true},
              {"id": "f5", "columnId": "b-region", "kind": "list", "values": []}])J");
    return contents;
}
} // namespace

TEST_CASE("effective filters: enabled element filters plus targeting controls", "[preview][filters]") {
    PreviewSession s(withFilters());
    const auto base = effectiveFilters(s, "base", "2024-06-10");
    REQUIRE(base.size() == 4);
    CHECK(base[0].origin == "filter:f1");
    CHECK(base[0].kind == "list");
    CHECK(base[0].spec["mode"] == "exclude");
    CHECK(base[0].spec["values"] == Json::array({"North", nullptr}));
    CHECK(base[1].kind == "range");
    CHECK(base[1].spec == Json{{"low", 10}});
    CHECK(base[2].kind == "date-range");
    CHECK(base[2].spec["start"] == "2024-06-08");
    CHECK(base[2].spec["end"] == "2024-06-10");
    CHECK(base[3].origin == "control:dates");
    CHECK(base[3].columnId == "b-amt");
    CHECK(base[3].spec["start"] == "2024-01-01");
    CHECK(base[3].spec["end"] == "2024-03-31");

    const auto child = effectiveFilters(s, "child", "2024-06-10");
    REQUIRE(child.size() == 1);
    CHECK(child[0].origin == "control:region");
    CHECK(child[0].columnId == "c-region");
    CHECK(child[0].spec["values"] == Json::array({"East"}));
    CHECK(effectiveFilters(s, "nope", "2024-06-10").empty());
}

TEST_CASE("effective filters: cleared controls and True/All checkboxes contribute nothing", "[preview][filters]") {
    Json contents = test::workbook();
    contents["elements"].push_back(Json::parse(R"J({"id": "ctl-b", "kind": "control", "controlId": "only-active",
        "controlType": "switch", "mode": "True/All", "value": false,
        "filters": [{"source": {"kind": "table", "elementId": "other"}, "columnId": "o-x"}]})J"));
    contents["elements"].push_back(Json::parse(R"J({"id": "ctl-s", "kind": "control", "controlId": "max-x",
        "controlType": "slider", "low": 0, "high": 10, "mode": "<=", "value": 4,
        "filters": [{"source": {"kind": "table", "elementId": "other"}, "columnId": "o-x"}]})J"));
    PreviewSession s(contents);
    auto other = effectiveFilters(s, "other", "2024-01-01");
    REQUIRE(other.size() == 1);
    CHECK(other[0].kind == "compare");
    CHECK(other[0].spec == Json{{"op", "<="}, {"value", 4}});
    s.setControlFields("only-active", Json{{"value", true}});
    other = effectiveFilters(s, "other", "2024-01-01");
    REQUIRE(other.size() == 2);
    CHECK(other[0].origin == "control:max-x");
    CHECK(other[1].spec == Json{{"op", "="}, {"value", true}});
    s.clearControl("region");
    CHECK(effectiveFilters(s, "child", "2024-01-01").empty());
    s.clearControl("max-x");
    CHECK(effectiveFilters(s, "other", "2024-01-01").size() == 1);
}
