// What the cursor is in, from its line alone: formula names and references (quoted, escaped, plain),
// member values, layout attributes, text literals.
#include <quire/lsp/cursor.h>

#include <catch2/catch.hpp>

using namespace quire::lsp;
using Kind = CursorContext::Kind;

namespace {

// The context with the cursor at the `|` of `line` (the bar is removed).
CursorContext at(std::string line) {
    const std::size_t bar = line.find('|');
    REQUIRE(bar != std::string::npos);
    line.erase(bar, 1);
    static std::string text;
    text = line;
    const LineIndex lines(text);
    return analyzeCursor(lines, lines.position(bar));
}

} // namespace

TEST_CASE("a function name being typed in a formula", "[lsp][cursor]") {
    const auto c = at(R"x(      formula: "Su|m([Events/Revenue])")x");
    REQUIRE(c.kind == Kind::FormulaName);
    CHECK(c.prefix == "Su");
    CHECK(c.token == "Sum");
    CHECK(c.callFollows);

    const auto plain = at("      formula: DateTrunc(\"month\", Date|");
    REQUIRE(plain.kind == Kind::FormulaName);
    CHECK(plain.prefix == "Date");
}

TEST_CASE("a reference inside brackets, open or closed", "[lsp][cursor]") {
    const auto open = at(R"x(  formula: "Sum([Events/Re|")x");
    REQUIRE(open.kind == Kind::FormulaReference);
    CHECK(open.prefix == "Events/Re");
    CHECK_FALSE(open.closed);

    const auto closed = at(R"x(  "formula": "CountIf([Ev|ents/Converted]) / 2",)x");
    REQUIRE(closed.kind == Kind::FormulaReference);
    CHECK(closed.token == "Events/Converted");
    CHECK(closed.closed);
}

TEST_CASE("offsets in an escaped JSON formula map back to the line", "[lsp][cursor]") {
    // The decoded formula is DateTrunc("month", [Events/Date]); the escapes shift the raw offsets.
    const std::string line = R"x(  "formula": "DateTrunc(\"month\", [Events/Da|te])")x";
    const auto c = at(line);
    REQUIRE(c.kind == Kind::FormulaReference);
    CHECK(c.token == "Events/Date");
    CHECK(c.tokenStart == line.find("Events/"));
}

TEST_CASE("nothing to complete inside a text literal of a formula", "[lsp][cursor]") {
    CHECK(at(R"x(  formula: 'Contains([Name], "Su|")')x").kind == Kind::None);
}

TEST_CASE("member values and layout attributes", "[lsp][cursor]") {
    const auto value = at("        elementId: ev|ents");
    REQUIRE(value.kind == Kind::MemberValue);
    CHECK(value.key == "elementId");
    CHECK(value.token == "events");
    CHECK(value.prefix == "ev");

    const auto item = at("    - id: by|-channel");
    REQUIRE(item.kind == Kind::MemberValue);
    CHECK(item.key == "id");

    const auto layout = at(R"x(      <Element elementId="by-ch|annel" gridColumn="1 / 25"/>)x");
    REQUIRE(layout.kind == Kind::MemberValue);
    CHECK(layout.key == "elementId");
    CHECK(layout.token == "by-channel");

    CHECK(at("  columnIds: [bc-|revenue]").kind == Kind::None);
    CHECK(at("  na|me: x").kind == Kind::None); // on a key
}

TEST_CASE("JSON objects on one line and escaped layout attributes", "[lsp][cursor]") {
    const auto member = at(R"x(  { "id": "c1", "name": "Amount", "formula": "Sum([ORD|ERS/AMOUNT])" },)x");
    REQUIRE(member.kind == Kind::FormulaReference);
    CHECK(member.token == "ORDERS/AMOUNT");

    const auto name = at(R"x(  { "id": "c1", "name": "Am|ount" },)x");
    REQUIRE(name.kind == Kind::MemberValue);
    CHECK(name.key == "name");

    const auto escaped = at(R"x(  "layout": "<Page id=\"p\">\n  <Element elementId=\"sales-|table\" gridColumn=\"1 / 25\"/>\n</Page>\n")x");
    REQUIRE(escaped.kind == Kind::MemberValue);
    CHECK(escaped.key == "elementId");
    CHECK(escaped.token == "sales-table");
}
