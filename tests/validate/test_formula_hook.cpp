// The pluggable formula checker: called once per column formula, its diagnostics get the formula's pointer
// and location when they carry none.
#include <quire/validate/validator.h>

#include <catch2/catch.hpp>

#include "base_workbook.h"
#include "helpers.h"

using namespace quire;
using namespace quire::test;

TEST_CASE("formula checker hook sees every formula and its findings are located", "[formula-hook]") {
    const doc::Document document = mustLoad(kBaseWorkbookJson, doc::Format::Json, "hook.json");
    int calls = 0;
    validate::ValidationOptions options;
    options.formulaChecker = [&](const doc::Document&, const validate::FormulaSite& site) {
        ++calls;
        std::vector<Diagnostic> out;
        if (site.formula == "[Amount] * 2") {
            Diagnostic d;
            d.rule = "formula/test-finding";
            d.message = "flagged by the test checker";
            d.formulaSpan = std::pair{0, 8};
            out.push_back(d);
        }
        return out;
    };
    const auto found = validate::validate(document, options);
    CHECK(calls == 11); // orders 4, by-region 4, share 3
    REQUIRE(found.size() == 1);
    CHECK(found[0].rule == "formula/test-finding");
    CHECK(found[0].pointer == "/contents/elements/0/columns/3/formula");
    const Pos at = positionOf(kBaseWorkbookJson, R"("formula": "[Amount] * 2")");
    CHECK(found[0].location.line == at.line);
    CHECK(found[0].location.column == at.column);
    CHECK(found[0].location.file == "hook.json");
}
