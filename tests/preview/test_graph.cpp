#include "test_workbook.h"

#include <catch2/catch.hpp>
#include <quire/preview/dependency_graph.h>

using namespace quire;
using namespace quire::preview;
using V = std::vector<std::string>;

TEST_CASE("graph: sources of tables, joins, linked input tables", "[preview][graph]") {
    const DependencyGraph g(test::workbook());
    CHECK(g.sourcesOf("child") == V{"base"});
    CHECK(g.sourcesOf("joined") == V{"base", "other"});
    CHECK(g.sourcesOf("notes-view") == V{"notes"});
    CHECK(g.sourcesOf("base").empty());
    CHECK(g.childrenOf("base") == V{"child", "joined", "falls", "bars"});
}

TEST_CASE("graph: control change reaches its targets and every descendant", "[preview][graph]") {
    const DependencyGraph g(test::workbook());
    CHECK(g.affectedByControl("region") == V{"child", "grand"});
    CHECK(g.affectedByControl("dates") == V{"base", "child", "grand", "joined", "falls", "bars"});
    // formula reference [min-amount] in other's column; other feeds joined
    CHECK(g.affectedByControl("min-amount") == V{"other", "joined"});
    // {{search}} in custom SQL
    CHECK(g.affectedByControl("search") == V{"custom"});
    CHECK(g.affectedByControl("flag").empty());
    CHECK(g.affectedByElement("notes") == V{"notes", "notes-view"});
}

TEST_CASE("graph: cycles terminate and malformed documents give an empty graph", "[preview][graph]") {
    const Json cyclic = Json::parse(R"J({"elements": [
      {"id": "a", "kind": "table", "source": {"kind": "table", "elementId": "b"}},
      {"id": "b", "kind": "table", "source": {"kind": "table", "elementId": "a"}}]})J");
    const DependencyGraph g(cyclic);
    CHECK(g.affectedByElement("a") == V{"a", "b"});
    const DependencyGraph empty(Json::parse(R"J({"elements": 3})J"));
    CHECK(empty.elements().empty());
    CHECK(empty.affectedByControl("x").empty());
}

TEST_CASE("graph: referencedControls ignores column paths and unknown names", "[preview][graph]") {
    const std::set<std::string> ids{"a", "b-c"};
    CHECK(referencedControls("[a] + [T/a] + [zz] + {{ b-c }}", ids) == V{"a", "b-c"});
    CHECK(referencedControls("[unterminated", ids).empty());
}
