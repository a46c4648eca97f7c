// Sharing: the grant diff (pure), quire.yaml's `sharing` (parsing, per-file and per-environment selection),
// resolution and listing against the fake server (unknown grantees, malformed replies).
#include <quire/publish/grants.h>
#include <quire/publish/project.h>
#include <quire/publish/sigma_client.h>

#include <catch2/catch.hpp>

#include <algorithm>

#include "publish_test_helpers.h"
#include "test_support.h"

using namespace quire;
using namespace quire::publish;
using namespace quire::test;

namespace {

ResolvedGrant declaredGrant(GranteeKind kind, const std::string& id, const std::string& permission, const std::string& label = "") {
    return ResolvedGrant{Grant{"", kind, id, permission, label}, GrantSpec{kind, label, permission, {}, "", {}}};
}

Grant onServer(const std::string& grantId, GranteeKind kind, const std::string& id, const std::string& permission) {
    return Grant{grantId, kind, id, permission, ""};
}

int countActions(const GrantPlan& plan, GrantAction action) {
    return static_cast<int>(std::count_if(plan.changes.begin(), plan.changes.end(), [&](const GrantChange& c) { return c.action == action; }));
}

} // namespace

TEST_CASE("diffGrants: add, change, unchanged, keep or remove", "[publish][grants]") {
    const std::vector<ResolvedGrant> declared{declaredGrant(GranteeKind::Team, "t-fin", "view", "Finance"),
                                              declaredGrant(GranteeKind::User, "m-ana", "edit", "ana@example.com"),
                                              declaredGrant(GranteeKind::User, "m-bo", "view", "bo@example.com")};
    const std::vector<Grant> current{onServer("g1", GranteeKind::User, "m-ana", "view"),   // raised to edit
                                     onServer("g2", GranteeKind::User, "m-bo", "view"),    // unchanged
                                     onServer("g3", GranteeKind::Team, "t-old", "edit"),   // not declared
                                     onServer("g4", GranteeKind::User, "t-fin", "view")};  // same id, but a user: not the team

    const GrantPlan kept = diffGrants(declared, current, false);
    CHECK(kept.managed);
    CHECK(kept.unchanged == 1);
    CHECK(countActions(kept, GrantAction::Add) == 1);
    CHECK(countActions(kept, GrantAction::Change) == 1);
    CHECK(countActions(kept, GrantAction::Remove) == 0);
    CHECK(countActions(kept, GrantAction::Keep) == 2);
    CHECK(kept.hasWrites());
    const auto change = std::find_if(kept.changes.begin(), kept.changes.end(), [](const GrantChange& c) { return c.action == GrantAction::Change; });
    REQUIRE(change != kept.changes.end());
    CHECK(change->current->grantId == "g1");
    CHECK(change->current->permission == "view");
    CHECK(change->wanted.permission == "edit");

    const GrantPlan pruned = diffGrants(declared, current, true);
    CHECK(countActions(pruned, GrantAction::Remove) == 2);
    CHECK(countActions(pruned, GrantAction::Keep) == 0);

    const std::string text = renderGrantPlanText(kept);
    CHECK(text.find("+ team Finance: view") != std::string::npos);
    CHECK(text.find("~ user ana@example.com: view -> edit") != std::string::npos);
    CHECK(text.find("= team t-old: edit (not declared; kept") != std::string::npos);
    const Json json = grantPlanJson(pruned);
    CHECK(json["prune"] == true);
    CHECK(json["unchanged"] == 1);
    CHECK(json["changes"].size() == 4);

    // Everything in place: nothing to send.
    const GrantPlan same = diffGrants({declaredGrant(GranteeKind::User, "m-bo", "view")}, {onServer("g2", GranteeKind::User, "m-bo", "view")}, false);
    CHECK_FALSE(same.hasWrites());
    CHECK(same.unchanged == 1);
    CHECK(renderGrantPlanText(same).find("no changes") != std::string::npos);
    CHECK(renderGrantPlanText(GrantPlan{}).empty()); // not managed: nothing to say
}

TEST_CASE("quire.yaml sharing: project and environment grants, per file, duplicates located", "[publish][grants][project]") {
    const std::string dir = makeTempDir("sharing-project");
    const std::string yaml = "sharing:\n"
                             "  - team: Finance\n"
                             "    permission: view\n"
                             "  - user: ana@example.com\n"
                             "    permission: explore\n"
                             "    files: [sales.yaml]\n"
                             "environments:\n"
                             "  prod:\n"
                             "    region: aws-us\n"
                             "    sharing:\n"
                             "      - team: finance\n"
                             "        permission: edit\n";
    ProjectLoad loaded = parseProject(yaml, dir + "/quire.yaml");
    INFO(loaded.diagnostics.size());
    REQUIRE(loaded.ok());
    const Project& project = *loaded.project;
    CHECK(project.declaresSharing);
    REQUIRE(project.sharing.size() == 2);
    CHECK(project.sharing[1].location.line == 4);
    auto sales = project.sharingFor(dir + "/sales.yaml", nullptr);
    REQUIRE(sales);
    CHECK(sales->size() == 2);
    auto other = project.sharingFor(dir + "/other.yaml", nullptr);
    REQUIRE(other);
    CHECK(other->size() == 1); // ana's grant is for sales.yaml only
    auto prod = project.sharingFor(dir + "/other.yaml", project.find("prod"));
    REQUIRE(prod);
    REQUIRE(prod->size() == 1); // the environment's grant for the team replaces the project's
    CHECK(prod->front().permission == "edit");

    ProjectLoad none = parseProject("environments:\n  dev:\n    region: aws-us\n", dir + "/quire.yaml");
    REQUIRE(none.ok());
    CHECK_FALSE(none.project->sharingFor(dir + "/sales.yaml", nullptr)); // nothing declared: grants left alone

    ProjectLoad duplicate = parseProject("sharing:\n  - team: A\n    permission: view\n  - team: a\n    permission: edit\n"
                                         "environments:\n  dev:\n    region: aws-us\n",
                                         dir + "/quire.yaml");
    CHECK_FALSE(duplicate.ok());
    CHECK(std::any_of(duplicate.diagnostics.begin(), duplicate.diagnostics.end(), [](const Diagnostic& d) {
        return d.rule == "sharing/duplicate-grantee" && d.location.line == 4;
    }));
    ProjectLoad badPermission = parseProject("sharing:\n  - team: A\n    permission: own\nenvironments:\n  dev:\n    region: aws-us\n",
                                             dir + "/quire.yaml");
    CHECK_FALSE(badPermission.ok());
    ProjectLoad both = parseProject("sharing:\n  - team: A\n    user: a@b.c\n    permission: view\nenvironments:\n  dev:\n    region: aws-us\n",
                                    dir + "/quire.yaml");
    CHECK_FALSE(both.ok());
}

TEST_CASE("resolveGrants and listWorkbookGrants against the fake server", "[publish][grants]") {
    FakeSigmaServer server;
    server.members.push_back(FakeMember{"m-ana", "Ana@Example.com", "Ana", "Author", false});
    server.teams.push_back(FakeTeam{"t-fin", "Finance", {}});
    server.teams.push_back(FakeTeam{"t-dup1", "Ops", {}});
    server.teams.push_back(FakeTeam{"t-dup2", "ops", {}});
    server.teams.push_back(FakeTeam{"t-dup3", "OPS", {}});
    SigmaClient client(fakeConfig(server));

    GrantSpec ana{GranteeKind::User, "ana@example.com", "view", {}, "/sharing/0", {"quire.yaml", 2, 5}};
    GrantSpec finance{GranteeKind::Team, "finance", "edit", {}, "/sharing/1", {"quire.yaml", 4, 5}};
    GrantSpec ghost{GranteeKind::User, "ghost@example.com", "view", {}, "/sharing/2", {"quire.yaml", 6, 5}};
    GrantSpec ops{GranteeKind::Team, "oPs", "view", {}, "/sharing/3", {"quire.yaml", 8, 5}};
    GrantResolution r = resolveGrants(client, {ana, finance, ghost, ops});
    REQUIRE_FALSE(r.error);
    REQUIRE(r.grants.size() == 2);
    CHECK(r.grants[0].grant.granteeId == "m-ana");     // email case-insensitive
    CHECK(r.grants[1].grant.granteeId == "t-fin");     // a unique case-insensitive team name
    REQUIRE(r.diagnostics.size() == 2);
    CHECK(r.diagnostics[0].rule == "sharing/unknown-grantee");
    CHECK(r.diagnostics[0].location.line == 6);
    CHECK(r.diagnostics[1].message.find("3 Sigma teams are called 'oPs'") != std::string::npos);

    FakeWorkbook& wb = server.addWorkbook("Sales", workbookContents());
    server.grants[wb.workbookId] = {FakeGrant{"g1", "m-ana", "", "view"}, FakeGrant{"g2", "", "t-fin", "edit"},
                                    FakeGrant{"g3", "", "t-dup1", "view"}};
    GrantList list = listWorkbookGrants(client, wb.workbookId, r.grants);
    REQUIRE_FALSE(list.error);
    REQUIRE(list.grants.size() == 3); // pageSize 2: two pages
    CHECK(list.grants[0].label == "ana@example.com");
    CHECK(list.grants[1].kind == GranteeKind::Team);

    // A reply entry of the wrong shape is an error, not a skipped grant.
    server.faults.push_back(replyFault("GET", "/v2/workbooks/" + wb.workbookId + "/grants", 200,
                                  Json{{"entries", Json::array({Json{{"grantId", 7}, {"permission", "view"}}})}, {"nextPage", nullptr}}));
    GrantList broken = listWorkbookGrants(client, wb.workbookId, r.grants);
    REQUIRE(broken.error);
    CHECK(broken.error->kind == ApiError::Kind::Malformed);
    server.faults.push_back(replyFault("GET", "/v2/members", 200, Json{{"entries", Json::array({Json{{"memberId", Json::array()}}})}}));
    GrantResolution badMembers = resolveGrants(client, {ana});
    REQUIRE(badMembers.error);
    CHECK(badMembers.error->kind == ApiError::Kind::Malformed);
}
