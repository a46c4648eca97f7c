// Depth limits in the validator (issue #10): hostile formulas, long chains of elements, deeply nested sources
// and values are located diagnostics, never a stack overflow.
#include <catch2/catch.hpp>
#include <quire/doc/io.h>
#include <quire/validate/validator.h>

#include "deep_formulas.h"

using namespace quire;

namespace {

// A loaded workbook whose element `t` has one column with `formula`; [A] number, [B] logical, [C] variant
// are sibling columns.
doc::Document workbookWithFormula(const std::string& formula) {
    const std::string text = R"JSON({
  "name": "F",
  "folderId": "f",
  "contents": {
    "schemaVersion": 1,
    "kind": "workbook",
    "pages": [{"id": "p", "name": "P"}],
    "elements": [
      {"id": "t", "kind": "table", "name": "T",
       "source": {"kind": "warehouse-table", "connectionId": "c", "path": ["DB", "PUBLIC", "ORDERS"]},
       "columns": [{"id": "a", "name": "A", "formula": "[ORDERS/AMOUNT]"},
                   {"id": "b", "name": "B", "formula": "[ORDERS/AMOUNT] > 1"},
                   {"id": "c", "name": "C", "formula": "[ORDERS/PAYLOAD]"},
                   {"id": "x", "name": "X",
                    "formula": )JSON" + Json(formula).dump() + R"JSON(}]}
    ],
    "layout": "<Page id=\"p\"><Element elementId=\"t\" gridColumn=\"1 / 13\" gridRow=\"1 / 5\"/></Page>"
  }
})JSON";
    auto loaded = doc::parseDocument(text, doc::Format::Json, "deep.json");
    REQUIRE(loaded.ok());
    return std::move(*loaded.document);
}

std::vector<const Diagnostic*> withRule(const std::vector<Diagnostic>& ds, std::string_view rule) {
    std::vector<const Diagnostic*> out;
    for (const auto& d : ds)
        if (d.rule == rule) out.push_back(&d);
    return out;
}

// contents.elements[0..n): e_i sourced from e_{i+1}; the last one from `last` (a warehouse table when empty).
doc::Document elementChain(int n, const std::string& last) {
    Json elements = Json::array();
    for (int i = 0; i < n; ++i) {
        const std::string next = i + 1 < n ? "e" + std::to_string(i + 1) : last;
        Json source = next.empty() ? Json{{"kind", "warehouse-table"}, {"connectionId", "c"}, {"path", {"DB", "T"}}}
                                   : Json{{"kind", "table"}, {"elementId", next}};
        elements.push_back(Json{{"id", "e" + std::to_string(i)}, {"kind", "table"}, {"name", "E" + std::to_string(i)},
                                {"source", source}});
    }
    doc::Document d;
    d.root = Json{{"name", "Chain"}, {"folderId", "f"},
                  {"contents", {{"schemaVersion", 1}, {"kind", "workbook"}, {"pages", Json::array()}, {"elements", elements}}}};
    return d;
}

validate::ValidationOptions semanticOnly() {
    validate::ValidationOptions options;
    options.schema = false;
    return options;
}

} // namespace

TEST_CASE("a workbook with a 20,000- or 100,000-term formula gets formula/too-deep, located", "[depth][formula-full]") {
    for (int terms : {20000, 100000})
        for (const auto& f : test::deepFormulas(terms)) {
            INFO(f.kind << " x " << terms);
            const doc::Document document = workbookWithFormula(f.formula);
            const auto ds = validate::validate(document);
            const auto deep = withRule(ds, "formula/too-deep");
            REQUIRE(deep.size() == 1);
            CHECK(deep[0]->pointer == "/contents/elements/0/columns/3/formula");
            CHECK(deep[0]->location.line == 15);
            CHECK(deep[0]->formulaSpan);
            CHECK(deep[0]->message.size() < 600); // the formula is quoted, cut short
        }
}

TEST_CASE("a chain of 100,000 elements sourced from each other is walked without recursion", "[depth][sources]") {
    const auto clean = validate::validate(elementChain(100000, ""), semanticOnly());
    CHECK(withRule(clean, "source/cycle").empty());
    CHECK(withRule(clean, "source/unknown-element").empty());

    const auto cyclic = validate::validate(elementChain(100000, "e0"), semanticOnly());
    const auto cycles = withRule(cyclic, "source/cycle");
    REQUIRE(cycles.size() == 1);
    CHECK(cycles[0]->pointer == "/contents/elements/99999/source");
}

TEST_CASE("sources nested deeper than the limit are reported where they get too deep", "[depth][sources]") {
    // A join whose left leg is a join whose left leg is ... 300 times.
    Json source{{"kind", "warehouse-table"}, {"connectionId", "c"}, {"path", {"DB", "T"}}};
    for (int i = 0; i < 300; ++i)
        source = Json{{"kind", "join"}, {"joins", Json::array({Json{{"left", source}, {"right", {{"kind", "table"}, {"elementId", "x"}}}}})}};
    doc::Document d;
    d.root = Json{{"contents",
                   {{"schemaVersion", 1}, {"kind", "workbook"}, {"pages", Json::array()},
                    {"elements", Json::array({Json{{"id", "x"}, {"kind", "table"}, {"source", source}}})}}}};
    const auto ds = validate::validate(d, semanticOnly());
    const auto deep = withRule(ds, "source/too-deep");
    REQUIRE(deep.size() == 1);
    std::string expected = "/contents/elements/0/source";
    for (int i = 0; i < 128; ++i) expected += "/joins/0/left"; // the join at depth 128 (0 = the element's own)
    CHECK(deep[0]->pointer == expected);
}

TEST_CASE("values nested deeper than the loader allows are reported by the style walk, not skipped", "[depth][style]") {
    Json deep = Json{{"backgroundColor", "white"}};
    for (int i = 0; i < 600; ++i) deep = Json{{"style", deep}};
    doc::Document d;
    d.root = Json{{"contents", {{"schemaVersion", 1}, {"kind", "workbook"}, {"pages", Json::array()},
                                {"elements", Json::array()}, {"settings", deep}}}};
    const auto ds = validate::validate(d, semanticOnly());
    const auto tooDeep = withRule(ds, "contents/too-deep");
    REQUIRE(tooDeep.size() == 1);
    CHECK(tooDeep[0]->pointer.rfind("/contents/settings/style/style/", 0) == 0);
    // Within the limit the walk still finds the bad colour.
    Json shallow = Json{{"backgroundColor", "white"}};
    for (int i = 0; i < 100; ++i) shallow = Json{{"style", shallow}};
    d.root["contents"]["settings"] = shallow;
    CHECK(withRule(validate::validate(d, semanticOnly()), "style/hex-color").size() == 1);
}
