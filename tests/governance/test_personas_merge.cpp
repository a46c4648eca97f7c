// quire personas pull's merge: Sigma's users into an existing personas file, keeping what people wrote.
#include <quire/doc/io.h>
#include <quire/governance/personas.h>
#include <quire/governance/personas_merge.h>

#include <catch2/catch.hpp>

using namespace quire;
using namespace quire::governance;

namespace {

const char* kHandWritten = "version: 1\n"
                           "# the audiences of the sales dashboards\n"
                           "personas:\n"
                           "  - email: Ana@Example.com   # the author\n"
                           "    fullName: Ana Author\n"
                           "    userId: m-ana\n"
                           "    default: true\n"
                           "    teams: [Finance]\n"
                           "    attributes:\n"
                           "      region: EMEA\n"
                           "      scratch: keep-me\n"
                           "    warehouseRoles:\n"
                           "      conn-1: analyst_emea   # hand-written\n"
                           "  - email: test@example.com\n"
                           "    fullName: Test Only\n";

} // namespace

TEST_CASE("mergePulledPersonas keeps hand-written parts and changes only what Sigma changed", "[governance][personas]") {
    doc::LoadResult loaded = doc::parseDocument(kHandWritten, doc::Format::Yaml, "quire.personas.yaml");
    REQUIRE(loaded.ok());
    const std::vector<PulledUser> users{
        PulledUser{"ana@example.com", "Ana Author", "m-ana", {"Finance", "Sales"}, {{"region", "EMEA"}}},
        PulledUser{"bo@example.com", "Bo Viewer", "m-bo", {}, {{"region", "APAC"}}}};
    PullMergeSummary summary;
    doc::Document next = *loaded.document;
    next.root = mergePulledPersonas(loaded.document->root, users, {"region"}, summary);
    CHECK(summary.added == 1);
    CHECK(summary.updated == 1);
    CHECK(summary.notInSigma == std::vector<std::string>{"test@example.com"});
    const Json& ana = next.root["personas"][0];
    CHECK(ana["email"] == "Ana@Example.com");            // matched case-insensitively, spelling kept
    CHECK(ana["teams"] == Json::array({"Finance", "Sales"}));
    CHECK(ana["attributes"]["scratch"] == "keep-me");   // not a Sigma attribute: kept
    CHECK(ana["warehouseRoles"]["conn-1"] == "analyst_emea");
    CHECK(ana["default"] == true);
    CHECK(next.root["personas"][2]["email"] == "bo@example.com");

    doc::PreservingSave saved = doc::saveDocumentPreserving(next, doc::Format::Yaml);
    INFO(saved.fallbackReason << "\n" << saved.text);
    CHECK(saved.preserved);
    CHECK(saved.text.find("# the audiences of the sales dashboards") != std::string::npos);
    CHECK(saved.text.find("analyst_emea   # hand-written") != std::string::npos);
    CHECK(saved.text.find("Ana@Example.com   # the author") != std::string::npos);
    CHECK(parsePersonas(saved.text, "quire.personas.yaml").ok());

    // Pulling the same again changes nothing, byte for byte.
    doc::LoadResult again = doc::parseDocument(saved.text, doc::Format::Yaml, "quire.personas.yaml");
    REQUIRE(again.ok());
    PullMergeSummary second;
    doc::Document same = *again.document;
    same.root = mergePulledPersonas(again.document->root, users, {"region"}, second);
    CHECK(second.added == 0);
    CHECK(second.updated == 0);
    CHECK(second.unchanged == 2);
    CHECK(doc::saveDocumentPreserving(same, doc::Format::Yaml).text == saved.text);

    // An attribute Sigma no longer assigns to the user is removed; a new file starts with version 1.
    PullMergeSummary third;
    const Json dropped = mergePulledPersonas(again.document->root, {PulledUser{"bo@example.com", "Bo Viewer", "m-bo", {}, {}}}, {"region"}, third);
    CHECK_FALSE(dropped["personas"][2]["attributes"].contains("region"));
    PullMergeSummary fresh;
    const Json created = mergePulledPersonas(Json(), users, {"region"}, fresh);
    CHECK(created["version"] == 1);
    CHECK(created["personas"].size() == 2);
    CHECK(fresh.added == 2);
}
