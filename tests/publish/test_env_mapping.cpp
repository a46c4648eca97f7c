// Mapping a workbook body to an environment, and from one environment to another.
#include <quire/doc/io.h>
#include <quire/publish/env_mapping.h>

#include <catch2/catch.hpp>

using namespace quire;
using namespace quire::publish;

namespace {

Json body() {
    return Json{{"elements", Json::array({Json{{"id", "orders"}, {"kind", "table"},
                                               {"source", Json{{"kind", "warehouse-table"}, {"connectionId", "conn-dev"},
                                                               {"path", Json::array({"DEV_DB", "PUBLIC", "ORDERS"})}}}},
                                          Json{{"id", "sql"}, {"kind", "table"},
                                               {"source", Json{{"kind", "sql"}, {"connectionId", "conn-dev"}, {"statement", "select 1"}}}},
                                          Json{{"id", "other"}, {"kind", "table"},
                                               {"source", Json{{"kind", "warehouse-table"}, {"connectionId", "conn-shared"},
                                                               {"path", Json::array({"DEV_DB", "PUBLIC", "X"})}}}}})},
                {"agents", Json::array({Json{{"id", "a"}, {"tools", Json::array({Json{{"kind", "warehouse-agent"}, {"connectionId", "conn-dev"},
                                                                                     {"path", Json::array({"DEV_DB", "AI"})}}})}}})}};
}

Environment environment(const std::string& name, const std::string& connection, const std::string& database) {
    Environment e;
    e.name = name;
    e.connections = std::map<std::string, std::string>{{"conn-dev", connection}, {"conn-shared", "conn-shared"}};
    e.paths.push_back(PathRule{"conn-dev", {"DEV_DB"}, {database}});
    return e;
}

} // namespace

TEST_CASE("a body is mapped to an environment: connections everywhere, path prefixes per connection", "[publish][env]") {
    MappingResult mapped = applyMapping(body(), mappingTo(environment("staging", "conn-staging", "STAGING_DB")));
    REQUIRE(mapped.ok());
    const Json& c = mapped.contents;
    CHECK(c["elements"][0]["source"] == Json{{"kind", "warehouse-table"}, {"connectionId", "conn-staging"},
                                             {"path", Json::array({"STAGING_DB", "PUBLIC", "ORDERS"})}});
    CHECK(c["elements"][1]["source"]["connectionId"] == "conn-staging");
    // The path rule names conn-dev: the shared connection's path stays.
    CHECK(c["elements"][2]["source"] == body()["elements"][2]["source"]);
    CHECK(c["agents"][0]["tools"][0]["connectionId"] == "conn-staging");
    CHECK(c["agents"][0]["tools"][0]["path"] == Json::array({"STAGING_DB", "AI"}));
    CHECK(mapped.connectionsMapped == 4);
    CHECK(mapped.pathsMapped == 2);
    // Without a connections map, ids pass through.
    Environment open;
    open.name = "dev";
    CHECK(applyMapping(body(), mappingTo(open)).contents == body());
}

TEST_CASE("an unmapped connection is a located error", "[publish][env]") {
    const std::string text = "name: Sales\ncontents:\n  elements:\n    - id: t\n      kind: table\n      source:\n"
                             "        kind: sql\n        connectionId: conn-new\n        statement: select 1\n";
    doc::LoadResult loaded = doc::parseDocument(text, doc::Format::Yaml, "wb.yaml");
    REQUIRE(loaded.ok());
    MappingResult mapped = applyMapping(*loaded.document->contents(), mappingTo(environment("prod", "conn-prod", "PROD_DB")), &*loaded.document);
    REQUIRE(mapped.diagnostics.size() == 1);
    CHECK(formatDiagnostic(mapped.diagnostics[0]).rfind("wb.yaml:8:9: error [deploy/unmapped-connection]: connection 'conn-new' has no mapping in source -> prod", 0) == 0);
    CHECK(mapped.diagnostics[0].pointer == "/contents/elements/0/source/connectionId");
}

TEST_CASE("promotion maps staging ids back to the source and on to prod", "[publish][env]") {
    const Environment staging = environment("staging", "conn-staging", "STAGING_DB");
    const Environment prod = environment("prod", "conn-prod", "PROD_DB");
    const Json live = applyMapping(body(), mappingTo(staging)).contents;
    Mapping inverse;
    REQUIRE(invertMapping(staging, inverse).ok());
    MappingResult source = applyMapping(live, inverse);
    REQUIRE(source.ok());
    CHECK(source.contents == body());
    MappingResult promoted = applyMapping(source.contents, mappingTo(prod));
    REQUIRE(promoted.ok());
    CHECK(promoted.contents == applyMapping(body(), mappingTo(prod)).contents);

    // Someone pointed staging at a connection quire.yaml does not know: refused.
    Json edited = live;
    edited["elements"][1]["source"]["connectionId"] = "conn-elsewhere";
    MappingResult refused = applyMapping(edited, inverse);
    CHECK_FALSE(refused.ok());
    CHECK(refused.diagnostics[0].message.find("'conn-elsewhere' has no mapping in staging -> source") != std::string::npos);

    // Two source connections on one staging connection cannot be mapped back.
    Environment merged = staging;
    (*merged.connections)["conn-shared"] = "conn-staging";
    Mapping ambiguous;
    MappingResult bad = invertMapping(merged, ambiguous);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.diagnostics[0].rule == "deploy/ambiguous-mapping");
}

TEST_CASE("mapping a deeply nested body is bounded", "[publish][env][hostile]") {
    Json deep = Json::object();
    Json* at = &deep;
    for (int i = 0; i < 600; ++i) at = &((*at)["x"] = Json::object());
    MappingResult mapped = applyMapping(deep, mappingTo(environment("prod", "conn-prod", "PROD_DB")));
    REQUIRE_FALSE(mapped.ok());
    CHECK(mapped.diagnostics[0].rule == "deploy/too-deep");
}
