// The validator's default full formula check (quire_formula's parser and checker) on column formulas.
#include <catch2/catch.hpp>
#include <quire/doc/io.h>
#include <quire/validate/validator.h>

using namespace quire;

namespace {

std::vector<Diagnostic> validateWithFormula(const std::string& formula, bool full = true) {
    const std::string text = R"({
  "name": "F",
  "folderId": "f",
  "contents": {
    "schemaVersion": 1,
    "kind": "workbook",
    "pages": [{"id": "p", "name": "P"}],
    "elements": [
      {"id": "src", "kind": "table", "name": "Orders",
       "source": {"kind": "warehouse-table", "connectionId": "c", "path": ["DB", "PUBLIC", "ORDERS"]},
       "columns": [{"id": "a", "name": "Amount", "formula": "[ORDERS/AMOUNT]"},
                   {"id": "d", "name": "Day", "formula": "[ORDERS/DAY]"}]},
      {"id": "t", "kind": "table", "name": "Summary",
       "source": {"kind": "table", "elementId": "src"},
       "columns": [{"id": "x", "name": "X",
                    "formula": )" + Json(formula).dump() + R"(}]}
    ],
    "layout": "<Page id=\"p\"><Element elementId=\"src\" gridColumn=\"1 / 13\" gridRow=\"1 / 5\"/><Element elementId=\"t\" gridColumn=\"13 / 25\" gridRow=\"1 / 5\"/></Page>"
  }
})";
    auto loaded = doc::parseDocument(text, doc::Format::Json, "f.json");
    REQUIRE(loaded.ok());
    validate::ValidationOptions options;
    options.fullFormulaCheck = full;
    return validate::validate(*loaded.document, options);
}

std::vector<std::string> rules(const std::vector<Diagnostic>& ds) {
    std::vector<std::string> out;
    for (const auto& d : ds) out.push_back(d.rule);
    return out;
}

} // namespace

TEST_CASE("valid formulas pass the full check", "[formula-full]") {
    for (const char* f : {"Sum([Orders/Amount])", "DateTrunc(\"month\", [Orders/Day])", "If([Orders/Amount] > 10, \"big\", \"small\")",
                          "CountDistinct([Orders/Day]) / Count()", "Round(Avg([Orders/Amount]), 2)"}) {
        INFO(f);
        auto ds = validateWithFormula(f);
        for (const auto& d : ds) INFO(formatDiagnostic(d));
        CHECK(ds.empty());
    }
}

TEST_CASE("the full check reports formula errors at the formula", "[formula-full]") {
    struct Case { const char* formula; const char* rule; };
    for (auto c : {Case{"Summ([Orders/Amount])", "formula/unknown-function"}, Case{"Sum([Orders/Amount]", "formula/syntax"},
                   Case{"Sum(Avg([Orders/Amount]))", "formula/nested-aggregate"}, Case{"Left([Orders/Day])", "formula/arity"},
                   Case{"[Orders/Amount] / Sum([Orders/Amount])", "formula/mixed-aggregate"},
                   Case{"DateTrunc(\"fortnight\", [Orders/Day])", "formula/date-part"}}) {
        INFO(c.formula);
        auto ds = validateWithFormula(c.formula);
        REQUIRE(rules(ds) == std::vector<std::string>{c.rule});
        CHECK(ds[0].pointer == "/contents/elements/1/columns/0/formula");
        CHECK(ds[0].location.file == "f.json");
        CHECK(ds[0].location.line == 16);
        CHECK(ds[0].message.find(c.formula) != std::string::npos);
        // Turned off, only reference checks remain (and these formulas reference existing columns).
        CHECK(validateWithFormula(c.formula, false).empty());
    }
}

TEST_CASE("unknown function errors suggest the right name", "[formula-full]") {
    auto ds = validateWithFormula("Summ([Orders/Amount])");
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].message.find("Sum") != std::string::npos);
    CHECK(ds[0].formulaSpan.has_value());
}

TEST_CASE("the full check knows the controls a formula names, whatever the number of controls", "[formula-full]") {
    // 300 controls: the checker is handed only the ones the formula names. A control is a constant, so adding
    // it to an aggregate is fine; a column of the same name would be a row-level value (mixed aggregate).
    Json elements = Json::array();
    for (int i = 0; i < 300; ++i)
        elements.push_back({{"id", "c" + std::to_string(i)}, {"kind", "control"}, {"controlId", "ctl" + std::to_string(i)}});
    auto loaded = doc::parseDocument(Json{{"contents", {{"elements", elements}}}}.dump(), doc::Format::Json);
    REQUIRE(loaded.ok());
    const auto check = validate::fullFormulaChecker();
    auto diagnosticsOf = [&](const std::string& formula) {
        validate::FormulaSite site{nullptr, nullptr, formula, "/contents/elements/0/columns/0/formula"};
        return rules(check(*loaded.document, site));
    };
    CHECK(diagnosticsOf("Sum([Orders/Amount]) + [ctl7]").empty());
    CHECK(diagnosticsOf("Sum([Orders/Amount]) + [ctl299]").empty());
    CHECK(diagnosticsOf("Sum([Orders/Amount]) + [Amount]") == std::vector<std::string>{"formula/mixed-aggregate"});
    CHECK(diagnosticsOf("Nope([ctl7])") == std::vector<std::string>{"formula/unknown-function"});
}
