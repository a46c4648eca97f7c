// Environments end to end through the real binary: quire.yaml, publish --env, promote, drift, a failed
// promotion, version tags, the history, versions and rollback, and hosts a committed file may not choose.
#include <quire/doc/io.h>
#include <quire/publish/sidecar.h>

#include <catch2/catch.hpp>

#include <QCryptographicHash>

#include <filesystem>

#include "cli_runner.h"
#include "publish_test_helpers.h"
#include "test_support.h"

using namespace quire;
using namespace quire::test;

namespace {

const char* kProject = R"yaml(version: 1
environments:
  staging:
    region: aws-us
    folderId: folder-staging
    workbookName: "{name} (staging)"
    connections:
      conn-1: conn-staging
    paths:
      - from: [DB, PUBLIC]
        to: [DB_STAGING, PUBLIC]
  prod:
    region: aws-us
    folderId: folder-prod
    profile: prod
    connections:
      conn-1: conn-prod
    paths:
      - connection: conn-1
        from: [DB]
        to: [DB_PROD]
)yaml";

// The fake organisation: a folder per environment, two version tags.
void environments(FakeSigmaServer& server) {
    server.strictFolders = true;
    server.folders.push_back("folder-staging");
    server.folders.push_back("folder-prod");
    server.versionTags = {"Staging", "Production"};
}

// workbookContents() with the colour as Sigma stores it (so a second publish finds nothing to change).
Json sourceContents() {
    Json contents = workbookContents();
    contents["elements"][1]["style"]["backgroundColor"] = "#abcdef";
    return contents;
}

Json mappedContents(const std::string& connection, const Json& path) {
    Json contents = sourceContents();
    contents["elements"][0]["source"]["connectionId"] = connection;
    contents["elements"][0]["source"]["path"] = path;
    return contents;
}

struct Repo {
    std::string dir;
    std::string file;
    QString q;
    explicit Repo(const std::string& tag, const std::string& project = kProject) {
        dir = makeRepoDir(tag);
        doc::writeFileAtomically(dir + "/quire.yaml", project);
        std::filesystem::create_directories(dir + "/workbooks");
        file = writeWorkbook(dir + "/workbooks", "sales.yaml", Json{{"name", "Sales"}, {"contents", sourceContents()}});
        q = QString::fromStdString(file);
    }
    Json sidecar() const { return Json::parse(readFile(publish::sidecarPathFor(file))); }
    std::vector<Json> history() const {
        std::vector<Json> lines;
        const std::string path = dir + "/.quire/history/sales.jsonl";
        if (!std::filesystem::exists(path)) return lines;
        const std::string text = readFile(path);
        std::size_t start = 0;
        for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
            lines.push_back(Json::parse(text.substr(start, end - start)));
        return lines;
    }
};

std::vector<RecordedRequest> requestsTo(const FakeSigmaServer& server, const std::string& method, const std::string& prefix) {
    std::vector<RecordedRequest> out;
    for (const auto& r : server.requests)
        if (r.method == method && r.path.rfind(prefix, 0) == 0) out.push_back(r);
    return out;
}

} // namespace

TEST_CASE("publish --env maps the workbook per environment, the file is not changed", "[publish][cli][env]") {
    FakeSigmaServer server;
    environments(server);
    Repo repo("deploy-publish");
    const std::string before = readFile(repo.file);

    Run staging = runQuire(server, with({"publish", repo.q, "--env", "staging", "--yes"}, server));
    INFO(staging.out << staging.err);
    REQUIRE(staging.code == 0);
    CHECK(staging.err.find("environment staging: 1 connection id(s) and 1 table path(s) mapped") != std::string::npos);
    auto posts = requestsTo(server, "POST", "/v2/workbooks");
    REQUIRE(posts.size() == 1);
    CHECK(posts[0].json() == Json{{"name", "Sales (staging)"},
                                  {"folderId", "folder-staging"},
                                  {"contents", mappedContents("conn-staging", Json::array({"DB_STAGING", "PUBLIC", "ORDERS"}))}});

    Run prod = runQuire(server, with({"publish", repo.q, "--env", "prod", "--yes", "--tag", "Production"}, server));
    INFO(prod.out << prod.err);
    REQUIRE(prod.code == 0);
    CHECK(prod.out.find("tagged 'Production'") != std::string::npos);
    posts = requestsTo(server, "POST", "/v2/workbooks");
    REQUIRE(posts.size() == 3); // staging create, prod create, tag
    CHECK(posts[1].json() == Json{{"name", "Sales"},
                                  {"folderId", "folder-prod"},
                                  {"contents", mappedContents("conn-prod", Json::array({"DB_PROD", "PUBLIC", "ORDERS"}))}});
    CHECK(posts[2].path == "/v2/workbooks/tag");
    CHECK(readFile(repo.file) == before);

    // One sidecar, a target per environment (plus the default one, which is kept when environments change).
    Run plain = runQuire(server, with({"publish", repo.q, "--yes"}, server));
    REQUIRE(plain.code == 0);
    const Json sidecar = repo.sidecar();
    const std::string stagingId = sidecar["environments"]["staging"]["workbookId"];
    const std::string prodId = sidecar["environments"]["prod"]["workbookId"];
    CHECK(posts[2].json() == Json{{"workbookId", prodId}, {"tag", "Production"}});
    CHECK(sidecar["workbookId"] != stagingId);
    CHECK(server.workbooks.at(stagingId).folderId == "folder-staging");
    CHECK(server.workbooks.at(prodId).name == "Sales");
    CHECK(server.workbooks.at(sidecar["workbookId"].get<std::string>()).contents["elements"][0]["source"]["connectionId"] == "conn-1");
    CHECK(std::filesystem::exists(publish::snapshotPathFor(repo.file, "staging")));
    CHECK(std::filesystem::exists(publish::snapshotPathFor(repo.file, "prod")));
    Run again = runQuire(server, with({"publish", repo.q, "--env", "staging", "--yes"}, server));
    CHECK(again.code == 0);
    CHECK(again.out.find("already has this content") != std::string::npos);
    Run json = runQuire(server, with({"publish", repo.q, "--env", "staging", "--yes", "--format", "json"}, server));
    CHECK(json.code == 0);
    const Json reply = Json::parse(json.out);
    CHECK(reply["environment"] == "staging");
    CHECK(reply["status"] == "unchanged");
    CHECK(reply["workbookId"] == stagingId);
    CHECK(reply["historyHash"].is_null()); // nothing was written, nothing recorded
    CHECK(repo.sidecar()["workbookId"] == sidecar["workbookId"]);

    // The history: one line per write, with the body published.
    const auto history = repo.history();
    REQUIRE(history.size() == 3);
    CHECK(history[0]["environment"] == "staging");
    CHECK(history[0]["file"] == "workbooks/sales.yaml");
    CHECK(history[1]["environment"] == "prod");
    CHECK(history[1]["tag"] == "Production");
    CHECK(history[1]["documentVersion"] == 1);
    CHECK(history[2]["environment"].is_null());
    CHECK(history[0]["when"].get<std::string>().back() == 'Z');
    CHECK_FALSE(history[0]["who"].get<std::string>().empty());
    const std::string object = readFile(repo.dir + "/.quire/history/objects/" + history[1]["hash"].get<std::string>());
    CHECK(Json::parse(object) == mappedContents("conn-prod", Json::array({"DB_PROD", "PUBLIC", "ORDERS"})));
    CHECK(posts[1].body.find("\"contents\":" + object + "}") != std::string::npos); // the exact bytes sent
    CHECK(QCryptographicHash::hash(QByteArray::fromStdString(object), QCryptographicHash::Sha256).toHex().toStdString() ==
          history[1]["hash"]);

    // An unknown environment, or a connection without a mapping: nothing is sent.
    const std::size_t sent = server.requests.size();
    Run unknown = runQuire(server, with({"publish", repo.q, "--env", "qa", "--yes"}, server));
    CHECK(unknown.code == 2);
    CHECK(unknown.err.find("no environment 'qa'; environments: staging, prod") != std::string::npos);
    doc::Document edited = loadWorkbook(repo.file);
    (*edited.contents())["elements"][0]["source"]["connectionId"] = "conn-9";
    doc::writeFileAtomically(repo.file, doc::saveDocument(edited, edited.format));
    Run unmapped = runQuire(server, with({"publish", repo.q, "--env", "prod", "--yes"}, server));
    CHECK(unmapped.code == 1);
    CHECK(unmapped.out.find("sales.yaml:11:") != std::string::npos);
    CHECK(unmapped.out.find("[deploy/unmapped-connection]: connection 'conn-9' has no mapping in source -> prod") != std::string::npos);
    CHECK(server.requests.size() == sent);
}

TEST_CASE("promote takes what is live in staging, maps it to prod and publishes it", "[publish][cli][env]") {
    FakeSigmaServer server;
    environments(server);
    Repo repo("deploy-promote");
    REQUIRE(runQuire(server, with({"publish", repo.q, "--env", "staging", "--yes"}, server)).code == 0);
    REQUIRE(runQuire(server, with({"publish", repo.q, "--env", "prod", "--yes"}, server)).code == 0);
    const std::string stagingId = repo.sidecar()["environments"]["staging"]["workbookId"];
    const std::string prodId = repo.sidecar()["environments"]["prod"]["workbookId"];
    // Someone tunes staging in Sigma.
    server.editRemotely(stagingId, [](Json& c) { c["elements"][0]["name"] = "Orders v2"; });

    Run promoted = runQuire(server, with({"promote", repo.q, "--from", "staging", "--to", "prod", "--yes", "--tag", "Production"}, server));
    INFO(promoted.out << promoted.err);
    REQUIRE(promoted.code == 0);
    CHECK(promoted.out.find("promoting staging workbook " + stagingId + " (version 2) to prod") != std::string::npos);
    CHECK(promoted.out.find("elements | 1 changed") != std::string::npos);
    CHECK(promoted.out.find("updated workbook " + prodId + " (environment prod); tagged 'Production'") != std::string::npos);
    auto puts = requestsTo(server, "PUT", "/v2/workbooks/" + prodId);
    REQUIRE(puts.size() == 1);
    Json expected = mappedContents("conn-prod", Json::array({"DB_PROD", "PUBLIC", "ORDERS"}));
    expected["elements"][0]["name"] = "Orders v2";
    CHECK(puts[0].json() == Json{{"contents", expected}, {"documentVersion", 1}});
    CHECK(server.workbooks.at(prodId).documentVersion == 2);
    CHECK(server.workbookTags.at(prodId).at(0)["taggedWorkbookVersion"] == 2);
    const auto history = repo.history();
    REQUIRE(history.size() == 3);
    CHECK(history[2]["action"] == "promote");
    CHECK(history[2]["from"] == "staging@2");
    CHECK(history[2]["environment"] == "prod");
    CHECK(history[2]["tag"] == "Production");

    // Nothing new in staging: prod already has it.
    Run same = runQuire(server, with({"promote", repo.q, "--from", "staging", "--to", "prod", "--yes"}, server));
    CHECK(same.code == 0);
    CHECK(same.out.find("already has this content") != std::string::npos);

    // Drift: prod was edited in Sigma since our last publish.
    server.editRemotely(prodId, [](Json& c) { c["pages"][0]["name"] = "Hotfix"; });
    server.editRemotely(stagingId, [](Json& c) { c["elements"][0]["name"] = "Orders v3"; });
    Run drift = runQuire(server, with({"promote", repo.q, "--from", "staging", "--to", "prod", "--yes"}, server));
    INFO(drift.out);
    CHECK(drift.code == 4);
    CHECK(drift.out.find("changed on the server") != std::string::npos);
    CHECK(drift.out.find("pages | 1 changed") != std::string::npos);
    CHECK(server.workbooks.at(prodId).contents["pages"][0]["name"] == "Hotfix");
    Run forced = runQuire(server, with({"promote", repo.q, "--from", "staging", "--to", "prod", "--yes", "--force"}, server));
    CHECK(forced.code == 0);
    CHECK(server.workbooks.at(prodId).contents["elements"][0]["name"] == "Orders v3");
}

TEST_CASE("a failed promotion leaves prod, its sidecar target and the history unchanged", "[publish][cli][env]") {
    FakeSigmaServer server;
    environments(server);
    Repo repo("deploy-promote-fail");
    REQUIRE(runQuire(server, with({"publish", repo.q, "--env", "staging", "--yes"}, server)).code == 0);
    REQUIRE(runQuire(server, with({"publish", repo.q, "--env", "prod", "--yes"}, server)).code == 0);
    const std::string stagingId = repo.sidecar()["environments"]["staging"]["workbookId"];
    const std::string prodId = repo.sidecar()["environments"]["prod"]["workbookId"];
    server.editRemotely(stagingId, [](Json& c) { c["elements"][0]["name"] = "Orders v2"; });
    const Json prodBefore = server.workbooks.at(prodId).contents;
    const std::string sidecarBefore = readFile(publish::sidecarPathFor(repo.file));
    const std::size_t historyBefore = repo.history().size();
    auto unchanged = [&] {
        CHECK(server.workbooks.at(prodId).contents == prodBefore);
        CHECK(server.workbooks.at(prodId).documentVersion == 1);
        CHECK(readFile(publish::sidecarPathFor(repo.file)) == sidecarBefore);
        CHECK(repo.history().size() == historyBefore);
    };

    // The server fails the write (5xx on every attempt).
    server.faults.push_back(Fault{"PUT", "/v2/workbooks/" + prodId, 500, Json{{"message", "internal error"}}, "", {}, 0, 10});
    Run failed = runQuire(server, with({"promote", repo.q, "--from", "staging", "--to", "prod", "--yes"}, server));
    INFO(failed.out << failed.err);
    CHECK(failed.code == 1);
    CHECK(failed.out.find("HTTP 500: internal error") != std::string::npos);
    unchanged();
    server.faults.clear();

    // Sigma rejects the body (validation error).
    server.faults.push_back(Fault{"PUT", "/v2/workbooks/" + prodId, 400,
                                  Json{{"message", "contents.elements[0].kind: Invalid kind: \"table\""}}, "", {}, 0, 1});
    Run rejected = runQuire(server, with({"promote", repo.q, "--from", "staging", "--to", "prod", "--yes"}, server));
    CHECK(rejected.code == 1);
    CHECK(rejected.out.find("Sigma did not update the workbook") != std::string::npos);
    unchanged();
    server.faults.clear();

    // Staging uses a connection quire.yaml does not know: refused before anything reaches prod.
    server.editRemotely(stagingId, [](Json& c) { c["elements"][0]["source"]["connectionId"] = "conn-unknown"; });
    const std::size_t prodRequests = requestsTo(server, "GET", "/v2/workbooks/" + prodId).size();
    Run unmapped = runQuire(server, with({"promote", repo.q, "--from", "staging", "--to", "prod", "--yes"}, server));
    CHECK(unmapped.code == 1);
    CHECK(unmapped.out.find("connection 'conn-unknown' has no mapping in staging -> source") != std::string::npos);
    CHECK(requestsTo(server, "GET", "/v2/workbooks/" + prodId).size() == prodRequests);
    unchanged();

    // Promoting from an environment that was never published.
    Repo fresh("deploy-promote-none");
    Run none = runQuire(server, with({"promote", fresh.q, "--from", "staging", "--to", "prod", "--yes"}, server));
    CHECK(none.code == 2);
    CHECK(none.err.find("records no workbook for environment 'staging'") != std::string::npos);
}

TEST_CASE("versions lists the history newest first with Sigma's tags, rollback re-publishes one", "[publish][cli][env]") {
    FakeSigmaServer server;
    environments(server);
    Repo repo("deploy-rollback");
    REQUIRE(runQuire(server, with({"publish", repo.q, "--env", "prod", "--yes", "--tag", "Production"}, server)).code == 0);
    const std::string prodId = repo.sidecar()["environments"]["prod"]["workbookId"];
    const Json first = server.workbooks.at(prodId).contents;
    doc::Document edited = loadWorkbook(repo.file);
    (*edited.contents())["elements"][0]["name"] = "Orders (new)";
    doc::writeFileAtomically(repo.file, doc::saveDocument(edited, edited.format));
    REQUIRE(runQuire(server, with({"publish", repo.q, "--env", "prod", "--yes"}, server)).code == 0);
    REQUIRE(runQuire(server, with({"publish", repo.q, "--env", "staging", "--yes"}, server)).code == 0);

    Run versions = runQuire(server, with({"versions", repo.q, "--env", "prod"}, server));
    INFO(versions.out << versions.err);
    REQUIRE(versions.code == 0);
    const auto second = versions.out.find("\n2       prod");
    const auto firstRow = versions.out.find("\n1       prod");
    CHECK(versions.out.rfind("VERSION ENVIRONMENT  WHEN", 0) == 0);
    REQUIRE(second != std::string::npos);
    REQUIRE(firstRow != std::string::npos);
    CHECK(second < firstRow); // newest first
    CHECK(versions.out.find("staging") == std::string::npos);
    CHECK(versions.out.find("Sigma version tags on the workbook:\n  Production -> version 1\n") != std::string::npos);
    Run all = runQuire(server, {"versions", repo.q, "--format", "json", "--local"});
    REQUIRE(all.code == 0);
    const Json listed = Json::parse(all.out);
    REQUIRE(listed["history"].size() == 3);
    CHECK(listed["history"][0]["environment"] == "staging");
    CHECK(listed["history"][2]["tag"] == "Production");
    CHECK(listed["serverTags"].is_null());

    // Roll prod back to version 1 (by number; a tag or a hash prefix work as well).
    Run rollback = runQuire(server, with({"rollback", repo.q, "--env", "prod", "--to", "1", "--yes"}, server));
    INFO(rollback.out << rollback.err);
    REQUIRE(rollback.code == 0);
    CHECK(rollback.out.find("elements | 1 changed") != std::string::npos);
    CHECK(rollback.out.find("/name: \"Orders (new)\" -> \"Orders\"") != std::string::npos);
    CHECK(rollback.out.find("envelope/missing-folder-id") == std::string::npos);
    CHECK(server.workbooks.at(prodId).contents == first);
    CHECK(server.workbooks.at(prodId).documentVersion == 3);
    auto history = repo.history();
    REQUIRE(history.size() == 4);
    CHECK(history[3]["action"] == "rollback");
    CHECK(history[3]["hash"] == history[0]["hash"]);
    CHECK(history[3]["from"] == history[0]["hash"].get<std::string>().substr(0, 12) + "@1");

    // Drift: refused unless --force.
    server.editRemotely(prodId, [](Json& c) { c["pages"][0]["name"] = "Edited in Sigma"; });
    Run drift = runQuire(server, with({"rollback", repo.q, "--env", "prod", "--to", QString::fromStdString(history[1]["hash"].get<std::string>().substr(0, 10)), "--yes"}, server));
    CHECK(drift.code == 4);
    CHECK(server.workbooks.at(prodId).contents["pages"][0]["name"] == "Edited in Sigma");
    Run forced = runQuire(server, with({"rollback", repo.q, "--env", "prod", "--to", "Production", "--yes", "--force"}, server));
    INFO(forced.out << forced.err);
    CHECK(forced.code == 0);
    CHECK(server.workbooks.at(prodId).contents == first);

    Run missing = runQuire(server, with({"rollback", repo.q, "--env", "prod", "--to", "99", "--yes"}, server));
    CHECK(missing.code == 2);
    CHECK(missing.err.find("no recorded publish matches '99'") != std::string::npos);
    // A tag that does not exist in Sigma: the write stands, the failure is reported.
    Run badTag = runQuire(server, with({"publish", repo.q, "--env", "prod", "--yes", "--force", "--tag", "Nope"}, server));
    CHECK(badTag.code == 1);
    CHECK(badTag.out.find("[publish/tag]: the workbook was written but not tagged 'Nope'") != std::string::npos);
    CHECK(badTag.out.find("Tag not found: Nope") != std::string::npos);
}

TEST_CASE("quire.yaml errors are located and stop the command before anything is sent", "[publish][cli][env]") {
    FakeSigmaServer server;
    Repo repo("deploy-bad-project", "environments:\n  staging:\n    region: aws-mars\n    folderId: 7\n");
    Run run = runQuire(server, with({"publish", repo.q, "--env", "staging", "--yes"}, server));
    INFO(run.out << run.err);
    CHECK(run.code == 2);
    const std::string project = repo.dir + "/quire.yaml";
    CHECK(run.out.find("quire.yaml:4:5: error [schema/type]: `folderId` has the wrong type") != std::string::npos);
    CHECK(run.err.find("has errors; nothing was sent") != std::string::npos);
    doc::writeFileAtomically(project, "environments:\n  staging:\n    region: aws-mars\n");
    run = runQuire(server, with({"promote", repo.q, "--from", "staging", "--to", "prod", "--yes"}, server));
    CHECK(run.code == 2);
    CHECK(run.out.find("quire.yaml:3:5: error [project/unknown-region]: unknown Sigma region 'aws-mars'") != std::string::npos);
    std::filesystem::remove(project);
    run = runQuire(server, with({"publish", repo.q, "--env", "staging", "--yes"}, server));
    CHECK(run.code == 2);
    CHECK(run.err.find("no quire.yaml in") != std::string::npos);
    CHECK(server.requests.empty());

    // A publish without --env does not need quire.yaml, even a broken one; the history goes beside it.
    doc::writeFileAtomically(project, "environments: [\n");
    run = runQuire(server, with({"publish", repo.q, "--yes"}, server));
    INFO(run.out << run.err);
    CHECK(run.code == 0);
    CHECK(repo.history().size() == 1);
}

TEST_CASE("a quire.yaml naming a host that is not Sigma's is refused without sending anything", "[publish][cli][env][hosts]") {
    FakeSigmaServer server;
    FakeSigmaServer attacker; // must receive no request at all
    for (const std::string& host : {attacker.baseUrl(), std::string("https://aws-api.sigmacomputing.com.attacker.example"),
                                    std::string("https://user:pw@aws-api.sigmacomputing.com")}) {
        Repo repo("deploy-host", "environments:\n  staging:\n    apiHost: " + host + "\n");
        Run run = runQuire(server, {"publish", repo.q, "--env", "staging", "--yes"});
        INFO(run.out << run.err);
        CHECK(run.code == 2);
        CHECK(run.out.find(":3:5: error [project/untrusted-host]") != std::string::npos);
        CHECK(run.out.find("cannot choose where credentials are sent") != std::string::npos);
        Run versions = runQuire(server, {"versions", repo.q, "--env", "staging"});
        CHECK(versions.code == 2);
    }
    CHECK(attacker.requests.empty());
    CHECK(server.requests.empty());

    // The user may name any host for an environment: QUIRE_SIGMA_BASE_URL_<ENV> (or --base-url).
    environments(server);
    Repo repo("deploy-host-user");
    Run named = runQuire(server, {"publish", repo.q, "--env", "staging", "--yes"},
                         {{"QUIRE_SIGMA_BASE_URL_STAGING", QString::fromStdString(server.baseUrl())}});
    INFO(named.out << named.err);
    CHECK(named.code == 0);
    CHECK(requestsTo(server, "POST", "/v2/workbooks").size() == 1);
    // Without it, staging's region host would be used (not contacted here: the prod variable is not staging's).
    Run other = runQuire(server, {"publish", repo.q, "--env", "prod", "--yes", "--dry-run", "--timeout", "1"},
                         {{"QUIRE_SIGMA_BASE_URL_STAGING", QString::fromStdString(server.baseUrl())},
                          {"QUIRE_SIGMA_CLIENT_ID", ""}, {"QUIRE_SIGMA_CLIENT_SECRET", ""}});
    CHECK(other.code == 2);
    CHECK(other.err.find("sigma/prod/client-id") != std::string::npos); // prod's profile, before any request
    CHECK(attacker.requests.empty());
}

TEST_CASE("promote between two Sigma organisations: each gets only its own host's credentials", "[publish][cli][env][hosts]") {
    FakeSigmaServer stagingOrg;
    FakeSigmaServer prodOrg;
    prodOrg.clientId = "prod-client";
    prodOrg.clientSecret = "prod-secret";
    environments(stagingOrg);
    environments(prodOrg);
    Repo repo("deploy-two-orgs");
    // Both hosts and both credential pairs come from the user (CI variables), one pair per environment.
    const std::map<QString, QString> ci{
        {"QUIRE_SIGMA_BASE_URL_STAGING", QString::fromStdString(stagingOrg.baseUrl())},
        {"QUIRE_SIGMA_BASE_URL_PROD", QString::fromStdString(prodOrg.baseUrl())},
        {"QUIRE_SIGMA_CLIENT_ID", ""},
        {"QUIRE_SIGMA_CLIENT_SECRET", ""},
        {"QUIRE_SIGMA_CLIENT_ID_STAGING", QString::fromStdString(stagingOrg.clientId)},
        {"QUIRE_SIGMA_CLIENT_SECRET_STAGING", QString::fromStdString(stagingOrg.clientSecret)},
        {"QUIRE_SIGMA_CLIENT_ID_PROD", "prod-client"},
        {"QUIRE_SIGMA_CLIENT_SECRET_PROD", "prod-secret"}};
    Run staging = runQuire(stagingOrg, {"publish", repo.q, "--env", "staging", "--yes"}, ci);
    INFO(staging.out << staging.err);
    REQUIRE(staging.code == 0);
    Run promoted = runQuire(stagingOrg, {"promote", repo.q, "--from", "staging", "--to", "prod", "--yes"}, ci);
    INFO(promoted.out << promoted.err);
    REQUIRE(promoted.code == 0);
    REQUIRE(prodOrg.workbooks.size() == 1);
    REQUIRE(stagingOrg.workbooks.size() == 1);
    CHECK(prodOrg.workbooks.begin()->second.contents ==
          mappedContents("conn-prod", Json::array({"DB_PROD", "PUBLIC", "ORDERS"})));
    CHECK(prodOrg.workbooks.begin()->second.folderId == "folder-prod");
    const std::string prodBasic = "Basic " + QByteArray("prod-client:prod-secret").toBase64().toStdString();
    for (const auto& r : stagingOrg.requests) CHECK(r.header("authorization") != prodBasic);
    CHECK(stagingOrg.apiRequests().back().method == "GET"); // staging was only read by promote
    CHECK(repo.sidecar()["environments"]["prod"]["baseUrl"] == prodOrg.baseUrl());
}
