// The bundled sample workbook: its buttons drive the session the way the spec says.
#include <catch2/catch.hpp>
#include <quire/doc/io.h>
#include <quire/preview/action_engine.h>

#include <algorithm>

using namespace quire;
using namespace quire::preview;

TEST_CASE("marketing sample: Paid search button filters sessions and every element built on it", "[preview][sample]") {
    const auto loaded = doc::loadDocument(std::string(QUIRE_SOURCE_DIR) + "/resources/examples/marketing.yaml");
    REQUIRE(loaded.ok());
    PreviewSession s(*loaded.document->contents());
    CHECK(s.diagnostics().empty());
    ActionEngine engine(s);
    REQUIRE(s.control("channel-filter"));
    CHECK(s.control("channel-filter")->isCleared());
    const auto run = engine.fire({"btn-paid", "on-click", {}, {}});
    REQUIRE(run.ok());
    CHECK(s.control("channel-filter")->selectedValues() == std::vector<Json>{"Paid Search"});
    // Every element reading (transitively) from sessions must re-run, and nothing else.
    const auto& graph = s.graph();
    std::vector<std::string> expected;
    for (const auto& id : graph.elements()) {
        std::string cursor = id;
        for (int depth = 0; depth < 10 && !cursor.empty(); ++depth) {
            if (cursor == "sessions") {
                expected.push_back(id);
                break;
            }
            cursor = graph.sourcesOf(cursor).empty() ? "" : graph.sourcesOf(cursor).front();
        }
    }
    CHECK(expected.size() > 2);
    CHECK(run.rerun == expected);
    CHECK(std::find(run.rerun.begin(), run.rerun.end(), "orders") == run.rerun.end());

    REQUIRE(engine.fire({"see-data", "on-click", {}, {}}).ok());
    CHECK(s.currentPage == "data");
    REQUIRE(engine.fire({"back-to-overview", "on-click", {}, {}}).ok());
    CHECK(s.currentPage == "overview");
}
