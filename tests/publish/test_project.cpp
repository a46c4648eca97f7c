// quire.yaml: environments, located errors, the host rules, and where the file is looked for.
#include <quire/doc/io.h>
#include <quire/publish/project.h>

#include <catch2/catch.hpp>

#include <filesystem>

#include "test_support.h"

using namespace quire;
using namespace quire::publish;

namespace {

const char* kProject = R"yaml(# deployment environments
version: 1
environments:
  staging:
    region: aws-us
    folderId: folder-staging
    profile: staging
    workbookName: "{name} (staging)"
    connections:
      conn-dev: conn-staging
    paths:
      - connection: conn-dev
        from: [DEV_DB, PUBLIC]
        to: [STAGING_DB, PUBLIC]
  prod:
    apiHost: https://api.eu.aws.sigmacomputing.com/
    folderId: folder-prod
    connections:
      conn-dev: conn-prod
)yaml";

std::string located(const ProjectLoad& load, const std::string& rule) {
    for (const Diagnostic& d : load.diagnostics)
        if (d.rule == rule) return formatDiagnostic(d);
    return "(no " + rule + ")";
}

} // namespace

TEST_CASE("quire.yaml: environments are read in file order with their mapping", "[publish][project]") {
    ProjectLoad load = parseProject(kProject, "/repo/quire.yaml");
    INFO(load.diagnostics.size());
    REQUIRE(load.ok());
    const Project& project = *load.project;
    CHECK(project.root == "/repo");
    CHECK(project.environmentNames() == "staging, prod");
    const Environment* staging = project.find("staging");
    REQUIRE(staging);
    CHECK(staging->namedHost() == "https://aws-api.sigmacomputing.com");
    CHECK(staging->profile == "staging");
    CHECK(staging->workbookNameFor("Sales") == "Sales (staging)");
    CHECK(staging->connections->at("conn-dev") == "conn-staging");
    REQUIRE(staging->paths.size() == 1);
    CHECK(staging->paths[0].from == std::vector<std::string>{"DEV_DB", "PUBLIC"});
    CHECK(project.find("prod")->namedHost() == "https://api.eu.aws.sigmacomputing.com");
    CHECK(project.find("prod")->workbookNameFor("Sales") == "Sales");
    CHECK(project.find("dev") == nullptr);
}

TEST_CASE("quire.yaml errors are located (file:line:col)", "[publish][project]") {
    // Schema: a misspelt key, a wrong type, a missing `to`.
    ProjectLoad schema = parseProject("environments:\n  staging:\n    folder_id: x\n    paths:\n      - from: [A]\n  prod:\n    folderId: 5\n",
                                      "quire.yaml");
    CHECK_FALSE(schema.ok());
    CHECK(located(schema, "schema/required").rfind("quire.yaml:5:9: error [schema/required]: `paths[0]` is missing the required property `to`", 0) == 0);
    CHECK(located(schema, "schema/type").rfind("quire.yaml:7:5: error [schema/type]: `folderId` has the wrong type (value 5)", 0) == 0);
    CHECK(located(schema, "schema/unknown-property").rfind("quire.yaml:3:5: error [schema/unknown-property]: `staging` has the unknown key `folder_id`", 0) == 0);
    CHECK(located(schema, "schema/other") == "(no schema/other)"); // the aggregate above it is not repeated

    // Semantic rules.
    ProjectLoad rules = parseProject("environments:\n"
                                     "  Staging:\n"
                                     "    region: mars\n"
                                     "  prod:\n"
                                     "    apiHost: https://sigma.attacker.example\n"
                                     "    profile: \"a b\"\n"
                                     "    workbookName: \"{nom} (prod)\"\n",
                                     "quire.yaml");
    CHECK_FALSE(rules.ok());
    CHECK(located(rules, "project/environment-name").rfind("quire.yaml:2:3: error [project/environment-name]", 0) == 0);
    CHECK(located(rules, "project/unknown-region").rfind("quire.yaml:3:5: error [project/unknown-region]: unknown Sigma region 'mars'; regions: aws-us, aws-us-west, aws-ca, aws-eu, aws-au, aws-uk, azure-us, azure-eu, azure-ca, azure-uk, gcp-us, gcp-sa", 0) == 0);
    CHECK(located(rules, "project/untrusted-host").rfind("quire.yaml:5:5: error [project/untrusted-host]: apiHost 'https://sigma.attacker.example' is not one of Sigma's region API hosts", 0) == 0);
    CHECK(located(rules, "project/profile").rfind("quire.yaml:6:5: error [project/profile]", 0) == 0);
    CHECK(located(rules, "project/name-pattern").rfind("quire.yaml:7:5: error [project/name-pattern]", 0) == 0);

    // A region name that is a URL is not a region; a region and a host that disagree.
    CHECK_FALSE(parseProject("environments:\n  prod:\n    region: https://sigma.attacker.example\n", "q.yaml").ok());
    ProjectLoad conflict = parseProject("environments:\n  prod:\n    region: aws-us\n    apiHost: https://api.eu.aws.sigmacomputing.com\n", "q.yaml");
    CHECK(located(conflict, "project/host-conflict").rfind("q.yaml:4:5: error [project/host-conflict]", 0) == 0);

    // Not YAML, no environments, too deep.
    CHECK(located(parseProject("environments: [\n", "q.yaml"), "yaml/syntax").rfind("q.yaml:", 0) == 0);
    CHECK(located(parseProject("version: 1\n", "q.yaml"), "schema/required").find("`environments`") != std::string::npos);
    CHECK_FALSE(parseProject("environments:\n  x: " + std::string(200, '[') + std::string(200, ']') + "\n", "q.yaml").ok());
}

TEST_CASE("quire.yaml is found walking up, not beyond the repository root", "[publish][project]") {
    namespace fs = std::filesystem;
    const std::string dir = test::makeTempDir("project-find");
    fs::create_directories(dir + "/repo/.git");
    fs::create_directories(dir + "/repo/workbooks/sales");
    CHECK_FALSE(findProjectFile(dir + "/repo/workbooks/sales"));
    // Above the repository root: not used.
    doc::writeFileAtomically(dir + "/quire.yaml", kProject);
    CHECK_FALSE(findProjectFile(dir + "/repo/workbooks/sales"));
    doc::writeFileAtomically(dir + "/repo/quire.yaml", kProject);
    auto found = findProjectFile(dir + "/repo/workbooks/sales");
    REQUIRE(found);
    CHECK(fs::equivalent(*found, dir + "/repo/quire.yaml"));
    CHECK(findRepositoryRoot(dir + "/repo/workbooks/sales") == fs::path(dir + "/repo").lexically_normal().string());
    // The depth limit.
    CHECK_FALSE(findProjectFile(dir + "/repo/workbooks/sales", 2));
    CHECK(findProjectFile(dir + "/repo/workbooks/sales", 3));
    ProjectLoad loaded = loadProject(dir + "/repo/quire.yaml");
    CHECK(loaded.ok());
    ProjectLoad missing = loadProject(dir + "/none/quire.yaml");
    CHECK_FALSE(missing.ok());
    CHECK(missing.diagnostics.at(0).rule == "io/read-failed");
}
