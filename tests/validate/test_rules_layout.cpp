// Layout rules. In JSON the layout is one string, so layout diagnostics point at the `layout` member and name
// the line inside the layout in their message.
#include "base_workbook.h"
#include "rule_case.h"

using namespace quire;
using namespace quire::test;

namespace {
const std::string kLayoutKey = R"("layout": "<?xml)";
const std::string kP2Region = R"(id=\"p2\">\n</Page>\n)";
std::string inP2(const std::string& xml) { return std::string(R"(id=\"p2\">\n)") + xml + R"(</Page>\n)"; }
} // namespace

TEST_CASE("layout rules", "[rules][layout]") {
    expectOnlyRules(kBaseWorkbookJson, doc::Format::Json, {
        {"malformed XML", {{R"(gridColumn=\"7 / 9\" gridRow=\"1 / 3\"/>)", R"(gridColumn=\"7 / 9\" gridRow=\"1 / 3\">)"}},
         "layout/parse-error", kLayoutKey},
        {"unknown element", {{kP2Region, inP2(R"(  <Element elementId=\"ghost\" gridColumn=\"1 / 2\" gridRow=\"1 / 2\"/>\n)")}},
         "layout/unknown-element", kLayoutKey},
        {"unplaced element", {{R"(\n  <Element elementId=\"brk\" gridColumn=\"1 / 25\" gridRow=\"25 / 26\"/>)", ""}},
         "layout/unplaced-element", R"({ "id": "brk")"},
        {"placed twice", {{kP2Region, inP2(R"(  <Element elementId=\"note\" gridColumn=\"1 / 25\" gridRow=\"1 / 3\"/>\n)")}},
         "layout/duplicate-placement", kLayoutKey},
        {"region that is no page", {{kP2Region, std::string(kP2Region) + R"(<Page type=\"grid\" gridTemplateColumns=\"repeat(24, 1fr)\" gridTemplateRows=\"auto\" id=\"p9\">\n</Page>\n)"}},
         "layout/unknown-region", kLayoutKey},
        {"two regions with one id", {{kP2Region, std::string(kP2Region) + R"(<Page type=\"grid\" gridTemplateColumns=\"repeat(24, 1fr)\" gridTemplateRows=\"auto\" id=\"p2\">\n</Page>\n)"}},
         "layout/duplicate-region", kLayoutKey},
        {"page without region", {{R"(<Page type=\"grid\" gridTemplateColumns=\"repeat(24, 1fr)\" gridTemplateRows=\"auto\" id=\"p2\">\n</Page>\n)", ""}},
         "layout/missing-region", R"("id": "p2", "name": "Second")"},
        {"legacy tag", {{R"(<Element elementId=\"note\")", R"(<LayoutElement elementId=\"note\")"}}, "layout/legacy-tag", kLayoutKey},
        {"reversed grid span", {{R"(gridColumn=\"7 / 9\")", R"(gridColumn=\"9 / 7\")"}}, "layout/invalid-grid", kLayoutKey},
        {"span beyond 24 columns", {{R"(gridColumn=\"13 / 25\")", R"(gridColumn=\"13 / 27\")"}}, "layout/grid-overflow", kLayoutKey},
        {"page break two rows", {{R"(gridRow=\"25 / 26\")", R"(gridRow=\"25 / 27\")"}}, "layout/page-break-rows", kLayoutKey},
        {"tab count", {{R"([ { "name": "One" }, { "name": "Two" } ])", R"([ { "name": "One" }, { "name": "Two" }, { "name": "Three" } ])"}},
         "layout/tab-count", kLayoutKey},
        {"container in a tab", {{R"(<Element elementId=\"t2\")", R"(<Container elementId=\"t2\")"}}, "layout/tab-child", kLayoutKey},
    });
}

TEST_CASE("layout diagnostics name the line inside the layout", "[rules][layout]") {
    const std::string text = mutate(std::string(kBaseWorkbookJson), {{R"(gridColumn=\"13 / 25\")", R"(gridColumn=\"13 / 27\")"}});
    const auto found = validate::validate(mustLoad(text, doc::Format::Json));
    REQUIRE(found.size() == 1);
    // <Element elementId="share"> is on line 7 of the layout string (the prolog is line 1).
    CHECK_THAT(found[0].message, Catch::Contains("layout line 7"));
    CHECK(found[0].pointer == "/contents/layout");
}
