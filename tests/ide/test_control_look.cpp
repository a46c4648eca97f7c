// Control cards: a text control is an input box (not a list), a drill control names its column, and a
// two-row control keeps a value box of usable height.
#include <catch2/catch.hpp>

#include "canvas_geometry.h"
#include "control_look.h"

using namespace quire;
using namespace quire::ide;

TEST_CASE("a text control is drawn as an input box, never as a list", "[ide][controls]") {
    const Json text = {{"id", "t"}, {"kind", "control"}, {"controlType", "text"}, {"controlId", "search"}};
    const auto none = [](const std::string&) -> const Json* { return nullptr; };
    ControlLook empty = controlLook(text, "(all)", none);
    CHECK(empty.shape == ControlLook::Shape::Input);
    CHECK(empty.placeholder);
    CHECK_FALSE(empty.text.contains("(all)"));
    ControlLook typed = controlLook(text, "acme", none);
    CHECK(typed.shape == ControlLook::Shape::Input);
    CHECK(typed.text == "acme");
    const Json list = {{"id", "l"}, {"kind", "control"}, {"controlType", "list"}, {"controlId", "region"}};
    CHECK(controlLook(list, "(all)", none).shape == ControlLook::Shape::Dropdown);
}

TEST_CASE("a drill control shows the name of its column, not the column id", "[ide][controls]") {
    const Json table = {{"id", "orders"}, {"kind", "table"},
                        {"columns", Json::array({{{"id", "c-region-7f"}, {"name", "Region"}}, {{"id", "c-city-01"}, {"name", "City"}}})}};
    const Json drill = {{"id", "d"}, {"kind", "control"}, {"controlType", "drill"}, {"controlId", "drill-geo"},
                        {"source", {{"kind", "source"}, {"source", {{"kind", "table"}, {"elementId", "orders"}}}, {"columnId", "c-region-7f"}}},
                        {"categories", Json::array({{{"columnId", "c-region-7f"}}, {{"columnId", "c-city-01"}}})},
                        {"value", "c-city-01"}};
    const auto lookup = [&](const std::string& id) -> const Json* { return id == "orders" ? &table : nullptr; };
    CHECK(controlLook(drill, "c-city-01", lookup).text == "City");
}

TEST_CASE("one- and two-row control cards keep a whole value box", "[ide][controls]") {
    const CanvasMetrics m;
    const QRect twoRows(0, 0, 300, 2 * m.rowHeight - 6);
    const QRect area = controlValueArea(twoRows);
    CHECK(area.height() >= 16);
    CHECK(twoRows.contains(area));
    const QRect oneRow(0, 0, 300, m.rowHeight - 6);
    const QRect inline_ = controlValueArea(oneRow);
    CHECK(inline_.height() >= 12);
    CHECK(oneRow.contains(inline_));
}
