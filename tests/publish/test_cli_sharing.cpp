// `quire publish` with quire.yaml's `sharing` end to end: the real binary against the fake server's grants,
// members and teams endpoints.
#include <catch2/catch.hpp>

#include <algorithm>

#include <fstream>

#include "cli_runner.h"
#include "publish_test_helpers.h"
#include "test_support.h"

using namespace quire;
using namespace quire::test;

namespace {

void writeProjectFile(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

std::string permissionOf(const FakeSigmaServer& server, const std::string& workbookId, const std::string& memberId, const std::string& teamId) {
    auto it = server.grants.find(workbookId);
    if (it == server.grants.end()) return "";
    for (const FakeGrant& g : it->second)
        if (g.memberId == memberId && g.teamId == teamId) return g.permission;
    return "";
}

} // namespace

TEST_CASE("quire publish applies quire.yaml sharing through the grants API", "[publish][cli][grants]") {
    FakeSigmaServer server;
    server.members = {FakeMember{"m-ana", "ana@example.com", "Ana", "Author", false}, FakeMember{"m-bo", "bo@example.com", "Bo", "Viewer", false}};
    server.teams = {FakeTeam{"t-fin", "Finance", {"m-ana"}}, FakeTeam{"t-sales", "Sales", {"m-bo"}}};
    const std::string dir = makeRepoDir("sharing-cli");
    Json contents = workbookContents();
    contents["elements"][1]["style"]["backgroundColor"] = "#abcdef"; // as Sigma stores it: a second publish sends nothing
    const QString file = QString::fromStdString(writeWorkbook(dir, "sales.yaml", Json{{"name", "Sales"}, {"contents", contents}}));
    const std::string project = dir + "/quire.yaml";
    writeProjectFile(project, "# who sees the sales workbook\n"
                       "sharing:\n"
                       "  - team: Finance\n"
                       "    permission: view\n"
                       "  - user: ana@example.com\n"
                       "    permission: edit\n"
                       "environments:\n"
                       "  dev: {}\n");

    // A dry run shows the grants and sends nothing.
    Run dry = runQuire(server, with({"publish", file, "--dry-run"}, server));
    INFO(dry.out << dry.err);
    REQUIRE(dry.code == 0);
    CHECK(dry.out.find("sharing:") != std::string::npos);
    CHECK(dry.out.find("+ team Finance: view") != std::string::npos);
    CHECK(dry.out.find("+ user ana@example.com: edit") != std::string::npos);
    CHECK(server.writes().empty());
    CHECK(server.grants.empty());

    // Create: the workbook, then its grants (one POST with both).
    Run created = runQuire(server, with({"publish", file, "--yes", "--format", "json"}, server));
    INFO(created.out << created.err);
    REQUIRE(created.code == 0);
    const Json reply = Json::parse(created.out);
    CHECK(reply["status"] == "created");
    CHECK(reply["sharing"]["applied"] == true);
    CHECK(reply["sharing"]["changes"].size() == 2);
    const std::string id = reply["workbookId"].get<std::string>();
    CHECK(permissionOf(server, id, "", "t-fin") == "view");
    CHECK(permissionOf(server, id, "m-ana", "") == "edit");
    const auto grantPosts = std::count_if(server.requests.begin(), server.requests.end(), [&](const RecordedRequest& r) {
        return r.method == "POST" && r.path == "/v2/workbooks/" + id + "/grants";
    });
    CHECK(grantPosts == 1);

    // The same again: contents and grants in place, nothing is sent.
    const std::size_t writesBefore = server.writes().size();
    Run same = runQuire(server, with({"publish", file, "--yes"}, server));
    INFO(same.out << same.err);
    REQUIRE(same.code == 0);
    CHECK(same.out.find("nothing was sent") != std::string::npos);
    CHECK(server.writes().size() == writesBefore);

    // Raise the team, lower the user (DELETE + POST), a grant made in Sigma stays unless --prune-grants.
    server.grants[id].push_back(FakeGrant{"grant-web", "m-bo", "", "view"});
    writeProjectFile(project, "# who sees the sales workbook\n"
                       "sharing:\n"
                       "  - team: Finance\n"
                       "    permission: explore\n"
                       "  - user: ana@example.com\n"
                       "    permission: view\n"
                       "environments:\n"
                       "  dev: {}\n");
    // A dry run of an update shows the grant changes and sends none of them.
    const std::size_t writesBeforeDry = server.writes().size();
    Run dryChange = runQuire(server, with({"publish", file, "--dry-run", "--prune-grants"}, server));
    INFO(dryChange.out << dryChange.err);
    REQUIRE(dryChange.code == 0);
    CHECK(dryChange.out.find("~ team Finance: view -> explore") != std::string::npos);
    CHECK(dryChange.out.find("- user m-bo: view") != std::string::npos);
    CHECK(server.writes().size() == writesBeforeDry);
    CHECK(permissionOf(server, id, "", "t-fin") == "view");
    CHECK(permissionOf(server, id, "m-bo", "") == "view");

    Run changed = runQuire(server, with({"publish", file, "--yes"}, server));
    INFO(changed.out << changed.err);
    REQUIRE(changed.code == 0);
    CHECK(changed.out.find("~ team Finance: view -> explore") != std::string::npos);
    CHECK(changed.out.find("~ user ana@example.com: edit -> view") != std::string::npos);
    CHECK(changed.out.find("= user m-bo: view (not declared; kept") != std::string::npos);
    CHECK(changed.out.find("(contents unchanged)") != std::string::npos);
    CHECK(permissionOf(server, id, "", "t-fin") == "explore");
    CHECK(permissionOf(server, id, "m-ana", "") == "view");
    CHECK(permissionOf(server, id, "m-bo", "") == "view");
    CHECK(server.workbooks.at(id).documentVersion == 1); // the contents were not sent again

    Run pruned = runQuire(server, with({"publish", file, "--yes", "--prune-grants"}, server));
    INFO(pruned.out << pruned.err);
    REQUIRE(pruned.code == 0);
    CHECK(pruned.out.find("- user m-bo: view") != std::string::npos);
    CHECK(permissionOf(server, id, "m-bo", "").empty());
    CHECK(server.grants.at(id).size() == 2);

    // An unknown grantee: located in quire.yaml, nothing written (not even the changed contents).
    writeProjectFile(project, "sharing:\n"
                       "  - team: Finance\n"
                       "    permission: explore\n"
                       "  - user: ghost@example.com\n"
                       "    permission: view\n"
                       "environments:\n"
                       "  dev: {}\n");
    doc::Document local = loadWorkbook(file.toStdString());
    (*local.contents())["elements"][0]["name"] = "Renamed";
    doc::writeFileAtomically(file.toStdString(), doc::saveDocument(local, local.format));
    const std::size_t writesBeforeUnknown = server.writes().size();
    Run unknown = runQuire(server, with({"publish", file, "--yes"}, server));
    INFO(unknown.out << unknown.err);
    CHECK(unknown.code == 1);
    CHECK(unknown.out.find("quire.yaml:4:") != std::string::npos);
    CHECK(unknown.out.find("[sharing/unknown-grantee]") != std::string::npos);
    CHECK(unknown.out.find("ghost@example.com") != std::string::npos);
    CHECK(server.writes().size() == writesBeforeUnknown);
    CHECK(server.workbooks.at(id).contents["elements"][0]["name"] == "Orders");

    // Sigma refuses the grant: the workbook is written, the failure is reported (exit 1).
    writeProjectFile(project, "sharing:\n  - team: Finance\n    permission: edit\nenvironments:\n  dev: {}\n");
    server.faults.push_back(replyFault("POST", "/v2/workbooks/" + id + "/grants", 400, Json{{"message", "grants are locked"}}));
    Run refused = runQuire(server, with({"publish", file, "--yes"}, server));
    INFO(refused.out << refused.err);
    CHECK(refused.code == 1);
    CHECK(refused.out.find("[publish/grants]") != std::string::npos);
    CHECK(refused.out.find("grants are locked") != std::string::npos);
    CHECK(server.workbooks.at(id).contents["elements"][0]["name"] == "Renamed");
    CHECK(permissionOf(server, id, "", "t-fin") == "explore");
}
