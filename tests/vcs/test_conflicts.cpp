#include <catch2/catch.hpp>

#include <git_fixture.h>
#include <quire/doc/io.h>
#include <quire/vcs/conflict_markers.h>
#include <quire/vcs/conflict_resolution.h>

using namespace quire;
using namespace quire::vcs;
using quire::test::replaced;

namespace {

const std::string kMarketing = quire::test::sourceDir() + "/resources/examples/marketing.yaml";

const Json& elementOf(const Json& root, const std::string& id) {
    for (const auto& e : root["contents"]["elements"])
        if (e["id"] == id) return e;
    FAIL("no element " << id);
    static const Json none;
    return none;
}

} // namespace

TEST_CASE("conflict markers split into each side's whole text", "[vcs]") {
    const std::string text = "a: 1\n<<<<<<< HEAD\nb: ours\n=======\nb: theirs\n>>>>>>> other\nc: 3\n";
    CHECK(hasConflictMarkers(text));
    auto sides = splitConflictMarkers(text);
    REQUIRE(sides);
    CHECK(sides->ours == "a: 1\nb: ours\nc: 3\n");
    CHECK(sides->theirs == "a: 1\nb: theirs\nc: 3\n");
    CHECK_FALSE(sides->base);

    auto diff3 = splitConflictMarkers("<<<<<<< ours\nx\n||||||| base\ny\n=======\nz\n>>>>>>> theirs\n");
    REQUIRE(diff3);
    CHECK(diff3->ours == "x\n");
    CHECK(diff3->base == std::optional<std::string>("y\n"));
    CHECK(diff3->theirs == "z\n");

    // Content that only looks like part of a marker is content.
    CHECK_FALSE(hasConflictMarkers("title: \"=======\"\n=======\n<<<<<<<x\n"));

    Diagnostic error;
    CHECK_FALSE(splitConflictMarkers("a\n<<<<<<< HEAD\nb\n=======\nc\n", &error));
    CHECK(error.rule == "vcs/bad-markers");
    CHECK(error.location.line == 2);
    CHECK_FALSE(splitConflictMarkers("<<<<<<< a\n<<<<<<< b\n", &error));
    CHECK(error.location.line == 2);
}

TEST_CASE("three-way resolution merges one-sided changes and takes the picked side of each conflict", "[vcs]") {
    const std::string base = quire::test::readFile(kMarketing);
    // Both rename the revenue trend; ours also renames a KPI, theirs moves a chart on the overview page.
    const std::string ours = replaced(replaced(base, "name: Revenue by month", "name: Monthly revenue (ours)"),
                                      "name: Average order value", "name: AOV");
    const std::string theirs =
        replaced(replaced(base, "name: Revenue by month", "name: Revenue per month (theirs)"),
                 R"(elementId="channel-pivot" gridColumn="1 / 25")", R"(elementId="channel-pivot" gridColumn="1 / 13")");

    std::vector<Diagnostic> diagnostics;
    auto threeWay = prepareThreeWay(base, ours, theirs, doc::Format::Yaml, "m.yaml", &diagnostics);
    REQUIRE(threeWay);
    REQUIRE(threeWay->conflicts.size() == 1);
    const ItemConflict& c = threeWay->conflicts.front();
    CHECK(c.collection == "elements");
    CHECK(c.id == "revenue-trend");
    CHECK((*c.ours)["name"] == "Monthly revenue (ours)");
    CHECK((*c.theirs)["name"] == "Revenue per month (theirs)");
    CHECK((*c.base)["name"] == "Revenue by month");

    for (auto [side, name] : {std::pair{Side::Ours, "Monthly revenue (ours)"}, std::pair{Side::Theirs, "Revenue per month (theirs)"},
                              std::pair{Side::Base, "Revenue by month"}}) {
        const Json merged = resolveThreeWay(*threeWay, {{{"elements", "revenue-trend"}, side}});
        CHECK(elementOf(merged, "revenue-trend")["name"] == name);
        CHECK(elementOf(merged, "kpi-aov")["name"] == "AOV");  // ours only
        CHECK(merged["contents"]["layout"].get<std::string>().find(R"(elementId="channel-pivot" gridColumn="1 / 13")") !=
              std::string::npos); // theirs only
        CHECK(merged["name"] == "Marketing Analytics Dashboard");
    }
}

TEST_CASE("conflicting layout moves and deletions are resolved per item", "[vcs]") {
    const std::string base = quire::test::readFile(kMarketing);
    const std::string ours = replaced(base, R"(elementId="kpi-aov" gridColumn="19 / 25")", R"(elementId="kpi-aov" gridColumn="18 / 25")");
    const std::string theirs = replaced(base, R"(elementId="kpi-aov" gridColumn="19 / 25")", R"(elementId="kpi-aov" gridColumn="20 / 25")");
    auto threeWay = prepareThreeWay(base, ours, theirs, doc::Format::Yaml, "m.yaml", nullptr);
    REQUIRE(threeWay);
    REQUIRE(threeWay->conflicts.size() == 1);
    CHECK(threeWay->conflicts[0].collection == "layout");
    CHECK(threeWay->conflicts[0].id == "overview");
    CHECK(threeWay->conflicts[0].ours->get<std::string>().find("18 / 25") != std::string::npos);
    const Json merged = resolveThreeWay(*threeWay, {{{"layout", "overview"}, Side::Theirs}});
    const std::string layout = merged["contents"]["layout"];
    CHECK(layout.find(R"(elementId="kpi-aov" gridColumn="20 / 25")") != std::string::npos);
    CHECK(layout.find(R"(id="data")") != std::string::npos);

    // Deleted on one side, changed on the other: picking the deleting side removes the element.
    auto doc = doc::parseDocument(base, doc::Format::Yaml);
    REQUIRE(doc.ok());
    Json withoutRoot = doc.document->root;
    auto& elements = withoutRoot["contents"]["elements"];
    for (std::size_t i = 0; i < elements.size(); ++i)
        if (elements[i]["id"] == "see-data") elements.erase(i);
    const std::string deleted = doc::toJsonText(withoutRoot);
    auto changedDoc = doc::parseDocument(replaced(base, "text: Explore the raw data", "text: See the data"), doc::Format::Yaml);
    REQUIRE(changedDoc.ok());
    auto t3 = prepareThreeWay(doc::toJsonText(doc.document->root), deleted, doc::toJsonText(changedDoc.document->root),
                              doc::Format::Json, "m.json", nullptr);
    REQUIRE(t3);
    REQUIRE(t3->conflicts.size() == 1);
    CHECK(t3->conflicts[0].reason == "deleted locally, changed remotely");
    CHECK_FALSE(t3->conflicts[0].ours);
    const Json keep = resolveThreeWay(*t3, {{{"elements", "see-data"}, Side::Theirs}});
    CHECK(elementOf(keep, "see-data")["text"] == "See the data");
    const Json drop = resolveThreeWay(*t3, {{{"elements", "see-data"}, Side::Ours}});
    for (const auto& e : drop["contents"]["elements"]) CHECK(e["id"] != "see-data");
}

TEST_CASE("a side that does not parse is reported with its name", "[vcs]") {
    std::vector<Diagnostic> diagnostics;
    auto threeWay = prepareThreeWay(std::nullopt, "name: [unclosed\n", "name: x\n", doc::Format::Yaml, "m.yaml", &diagnostics);
    CHECK_FALSE(threeWay);
    REQUIRE_FALSE(diagnostics.empty());
    CHECK(diagnostics[0].message.find("local (ours)") != std::string::npos);
}
