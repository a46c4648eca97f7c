// renderOutline: the textconv rendering git diffs line by line.
#include <quire/diff/outline.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <sstream>
#include <vector>

using namespace quire;
using namespace quire::diff;

namespace {

Json workbook() {
    return Json{{"name", "WB"},
                {"contents",
                 {{"schemaVersion", 1},
                  {"kind", "workbook"},
                  {"pages", Json::array({Json{{"id", "p1"}, {"name", "One"}}})},
                  {"elements",
                   Json::array({Json{{"id", "orders"},
                                     {"kind", "table"},
                                     {"source", {{"kind", "sql"}, {"statement", "SELECT 1\nFROM t"}}},
                                     {"columns", Json::array({Json{{"id", "c1"}, {"formula", "[t/a]"}},
                                                              Json{{"id", "c2"}, {"formula", "[t/b]"}}})},
                                     {"path", Json::array({"main", "orders"})}}})},
                  {"layout", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Page id=\"p1\" type=\"grid\">\n"
                             "  <Element elementId=\"orders\" gridColumn=\"1 / 25\" gridRow=\"1 / 5\"/>\n</Page>\n"}}}};
}

std::size_t countLines(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

// Lines only in b (a naive multiset difference is enough for these small outlines).
std::vector<std::string> addedLines(const std::string& a, const std::string& b) {
    std::multiset<std::string> before;
    std::istringstream in(a);
    for (std::string line; std::getline(in, line);) before.insert(line);
    std::vector<std::string> added;
    std::istringstream after(b);
    for (std::string line; std::getline(after, line);) {
        auto it = before.find(line);
        if (it == before.end()) added.push_back(line);
        else before.erase(it);
    }
    return added;
}

} // namespace

TEST_CASE("the outline has one header per item and one line per property", "[outline]") {
    const std::string text = renderOutline(workbook());
    CHECK(text.find("workbook\n  name: \"WB\"\n") == 0);
    CHECK(text.find("\npage p1\n  name: \"One\"\n") != std::string::npos);
    CHECK(text.find("\nelement orders (table)\n") != std::string::npos);
    CHECK(text.find("  columns[c2].formula: \"[t/b]\"\n") != std::string::npos);
    CHECK(text.find("  path: [\"main\",\"orders\"]\n") != std::string::npos);
    CHECK(text.find("  source.statement: |\n      SELECT 1\n      FROM t\n") != std::string::npos);
    CHECK(text.find("\nlayout Page p1\n  type: \"grid\"\n  Element orders gridColumn=\"1 / 25\" gridRow=\"1 / 5\"\n") !=
          std::string::npos);
    CHECK(text.find("page p1") < text.find("element orders"));
}

TEST_CASE("a column inserted in the middle changes only its own lines", "[outline]") {
    Json after = workbook();
    auto& columns = after["contents"]["elements"][0]["columns"];
    columns.insert(columns.begin(), Json{{"id", "c0"}, {"formula", "[t/z]"}});
    const auto added = addedLines(renderOutline(workbook()), renderOutline(after));
    REQUIRE(added.size() == 1);
    CHECK(added[0] == "  columns[c0].formula: \"[t/z]\"");
    CHECK(countLines(renderOutline(after)) == countLines(renderOutline(workbook())) + 1);
}

TEST_CASE("control characters and deep nesting stay on bounded, visible lines", "[outline]") {
    Json wb = workbook();
    wb["contents"]["elements"][0]["note"] = "line1\nline2\x1b[31m";
    Json deep = 1;
    for (int i = 0; i < 300; ++i) deep = Json{{"k", deep}};
    wb["contents"]["elements"][0]["deep"] = deep;
    OutlineOptions options;
    options.maxDepth = 8;
    const std::string text = renderOutline(wb, options);
    CHECK(text.find('\x1b') == std::string::npos);
    CHECK(text.find("  note: \"line1\\nline2\\u001b[31m\"\n") != std::string::npos);
    CHECK(text.find("deep.k.k.k.k.k.k.k.k: {\"k\":") != std::string::npos);
}
