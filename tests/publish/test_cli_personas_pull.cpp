// `quire personas pull` end to end: the real binary reads members, teams and user attributes from the fake
// server (pages of two) and writes or merges the personas file.
#include <quire/doc/io.h>
#include <quire/governance/personas.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "cli_runner.h"
#include "test_support.h"

using namespace quire;
using namespace quire::test;

namespace {

std::string readPersonasText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void writePersonasText(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

void populateDirectory(FakeSigmaServer& server) {
    server.members = {FakeMember{"m-ana", "ana@example.com", "Ana", "Author", false}, FakeMember{"m-bo", "bo@example.com", "Bo", "Viewer", false},
                      FakeMember{"m-carl", "carl@example.com", "Carl", "Gone", true}};
    server.teams = {FakeTeam{"t-fin", "Finance", {"m-ana"}}, FakeTeam{"t-sales", "Sales", {"m-bo", "m-ana"}},
                    FakeTeam{"t-x", "Alumni", {"m-carl"}}};
    server.userAttributes = {FakeUserAttribute{"ua-region", "region", std::string("GLOBAL"), {{"m-ana", "EMEA"}}, {{"t-sales", "AMER"}}},
                             FakeUserAttribute{"ua-tier", "tier", std::nullopt, {}, {}}};
}

} // namespace

TEST_CASE("quire personas pull writes and merges the personas file", "[publish][cli][personas]") {
    FakeSigmaServer server;
    populateDirectory(server);
    const std::string dir = makeRepoDir("personas-pull");
    const std::string file = dir + "/quire.personas.yaml";
    writePersonasText(file, "version: 1\n"
                    "# audiences of the sales dashboards\n"
                    "personas:\n"
                    "  - email: ana@example.com  # the author\n"
                    "    default: true\n"
                    "    warehouseRoles:\n"
                    "      conn-1: analyst_emea\n"
                    "  - email: qa@example.com\n"
                    "    fullName: QA Only\n");

    Run pulled = runQuire(server, with({"personas", "pull", "-o", QString::fromStdString(file)}, server));
    INFO(pulled.out << pulled.err);
    REQUIRE(pulled.code == 0);
    CHECK(pulled.out.find("2 added, 1 updated") != std::string::npos); // ci@ and bo@ added, ana@ updated
    CHECK(pulled.out.find("kept qa@example.com") != std::string::npos);
    const std::string text = readPersonasText(file);
    CHECK(text.find("# audiences of the sales dashboards") != std::string::npos);
    CHECK(text.find("ana@example.com  # the author") != std::string::npos);
    CHECK(text.find("carl@example.com") == std::string::npos); // archived
    governance::PersonasLoad loaded = governance::loadPersonas(file);
    REQUIRE(loaded.ok());
    const governance::Persona* ana = loaded.set->find("ana@example.com");
    REQUIRE(ana);
    CHECK(ana->isDefault);
    CHECK(ana->roleFor("conn-1") == "analyst_emea");
    CHECK(ana->user.fullName == "Ana Author");
    CHECK(ana->user.userId == "m-ana");
    CHECK(ana->user.teams == std::vector<std::string>{"Finance", "Sales"});
    CHECK(ana->user.attributes.at("region") == sql::AttributeValue(std::string("EMEA")));  // her own assignment
    const governance::Persona* bo = loaded.set->find("bo@example.com");
    REQUIRE(bo);
    CHECK(bo->user.attributes.at("region") == sql::AttributeValue(std::string("AMER")));   // through team Sales
    CHECK(bo->user.attributes.count("tier") == 0);
    const governance::Persona* ci = loaded.set->find("ci@example.com");
    REQUIRE(ci);
    CHECK(ci->user.attributes.at("region") == sql::AttributeValue(std::string("GLOBAL"))); // the default
    REQUIRE(loaded.set->find("qa@example.com"));

    // Again: nothing changed in Sigma, nothing changes in the file.
    Run again = runQuire(server, with({"personas", "pull", "-o", QString::fromStdString(file)}, server));
    INFO(again.out << again.err);
    REQUIRE(again.code == 0);
    CHECK(again.out.find("is up to date") != std::string::npos);
    CHECK(readPersonasText(file) == text);

    // A quire.yaml environment names the host through QUIRE_SIGMA_BASE_URL_<ENV>; a new file is created.
    writePersonasText(dir + "/quire.yaml", "environments:\n  prod:\n    region: aws-us\n");
    const std::string fresh = dir + "/fresh.personas.yaml";
    Run env = runQuire(server, {"personas", "pull", "--env", "prod", "-o", QString::fromStdString(fresh)},
                       {{"QUIRE_SIGMA_BASE_URL_PROD", QString::fromStdString(server.baseUrl())}});
    INFO(env.out << env.err);
    REQUIRE(env.code == 0);
    CHECK(governance::loadPersonas(fresh).ok());
    CHECK(governance::loadPersonas(fresh).set->personas.size() == 3);
}

TEST_CASE("quire personas pull refuses hostile replies without writing", "[publish][cli][personas]") {
    FakeSigmaServer server;
    populateDirectory(server);
    const std::string dir = makeRepoDir("personas-hostile");
    const std::string file = dir + "/quire.personas.yaml";
    const std::string original = "personas:\n  - email: qa@example.com  # keep\n";
    writePersonasText(file, original);

    auto refused = [&](Fault fault, const std::string& expected) {
        server.faults = {std::move(fault)};
        Run r = runQuire(server, with({"personas", "pull", "-o", QString::fromStdString(file)}, server));
        INFO(expected << "\n" << r.out << r.err);
        CHECK(r.code == 1);
        CHECK(r.out.find("[personas/pull]") != std::string::npos);
        CHECK(r.out.find(expected) != std::string::npos);
        CHECK(readPersonasText(file) == original);
    };
    // A wrong type, entries that are not a list, a deeply nested reply, a wrong attribute value shape.
    refused(replyFault("GET", "/v2/members", 200, Json{{"entries", Json::array({Json{{"memberId", 42}, {"email", "x@y.z"}}})}, {"nextPage", nullptr}}),
            "memberId");
    refused(replyFault("GET", "/v2/teams", 200, Json{{"entries", Json{{"teamId", "t"}}}, {"nextPage", nullptr}}), "entries");
    refused(replyFault("GET", "/v2/members", 200, Json(), std::string(100000, '[') + std::string(100000, ']')), "deeper");
    refused(replyFault("GET", "/v2/user-attributes/ua-region/users", 200,
                  Json{{"entries", Json::array({Json{{"userId", "m-ana"}, {"value", "EMEA"}}})}, {"nextPage", nullptr}}),
            "value");
    // A member whose email is not one address: the reader would refuse the file, so nothing is written.
    server.faults.clear();
    server.members.push_back(FakeMember{"m-bad", "not an email", "Bad", "Data", false});
    Run bad = runQuire(server, with({"personas", "pull", "-o", QString::fromStdString(file)}, server));
    INFO(bad.out << bad.err);
    CHECK(bad.code == 1);
    CHECK(bad.out.find("[personas/email]") != std::string::npos);
    CHECK(readPersonasText(file) == original);
}
