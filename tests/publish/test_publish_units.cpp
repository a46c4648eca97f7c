#include <quire/doc/io.h>
#include <quire/publish/api_error.h>
#include <quire/publish/body.h>
#include <quire/publish/credentials.h>
#include <quire/publish/regions.h>
#include <quire/publish/sidecar.h>

#include <catch2/catch.hpp>

#include <cstdlib>

#include "test_support.h"

using namespace quire;
using namespace quire::publish;

TEST_CASE("regions map to API hosts, URLs pass through", "[publish]") {
    CHECK(resolveBaseUrl("aws-us") == std::optional<std::string>("https://aws-api.sigmacomputing.com"));
    CHECK(resolveBaseUrl("AWS-EU") == std::optional<std::string>("https://api.eu.aws.sigmacomputing.com"));
    CHECK(resolveBaseUrl("aws-us-west") == std::optional<std::string>("https://api.us-a.aws.sigmacomputing.com"));
    CHECK(resolveBaseUrl("azure-uk") == std::optional<std::string>("https://api.uk.azure.sigmacomputing.com"));
    CHECK(resolveBaseUrl("gcp-us") == std::optional<std::string>("https://api.sigmacomputing.com"));
    CHECK(resolveBaseUrl("gcp-sa") == std::optional<std::string>("https://api.sa.gcp.sigmacomputing.com"));
    CHECK(resolveBaseUrl("http://127.0.0.1:8080/") == std::optional<std::string>("http://127.0.0.1:8080"));
    CHECK_FALSE(resolveBaseUrl("mars"));
    CHECK(regions().size() == 12);
    CHECK(regionNames().find("azure-ca") != std::string::npos);
}

TEST_CASE("workbook references: ids and URLs", "[publish]") {
    CHECK(parseWorkbookRef("abc-123")->workbookId == "abc-123");
    auto uuid = parseWorkbookRef("https://app.sigmacomputing.com/acme/workbook/Sales-2kX?:link=0b1f2c3d-0000-4000-8000-000000000001");
    REQUIRE(uuid);
    CHECK(uuid->workbookId == "0b1f2c3d-0000-4000-8000-000000000001");
    auto slug = parseWorkbookRef("https://app.sigmacomputing.com/acme/workbook/Sales-Dashboard-4kaP2YhJ3r5H?:nodeId=x");
    REQUIRE(slug);
    CHECK(slug->workbookId.empty());
    CHECK(slug->urlId == "4kaP2YhJ3r5H");
    CHECK_FALSE(parseWorkbookRef("https://example.com/not-a-workbook"));
    CHECK_FALSE(parseWorkbookRef("two words"));
}

TEST_CASE("API error texts and body paths", "[publish]") {
    CHECK(errorTextFromBody(R"({"message":"m1","code":"c"})") == "m1");
    CHECK(errorTextFromBody(R"({"error":{"message":"m2"}})") == "m2");
    CHECK(errorTextFromBody(R"({"errors":[{"summary":"a"},{"message":"b"}]})") == "a; b");
    CHECK(errorTextFromBody("<html>gateway</html>") == "<html>gateway</html>");
    CHECK(bodyPointerInMessage("contents.elements[2].columns[0].formula: Invalid string") ==
          std::optional<std::string>("/elements/2/columns/0/formula"));
    CHECK(bodyPointerInMessage("contents.pages[].elements is no longer supported") == std::optional<std::string>("/pages"));
    CHECK_FALSE(bodyPointerInMessage("Invalid kind: \"x\""));
}

TEST_CASE("API errors naming contents.elements[N] map to the element and the file line", "[publish]") {
    auto loaded = doc::loadDocument(test::sourceDir() + "/tests/corpus/minimal.json");
    REQUIRE(loaded.ok());
    ApiError e;
    e.kind = ApiError::Kind::Http;
    e.status = 400;
    e.message = "contents.elements[0].columns[1].formula: Invalid string";
    locate(e, *loaded.document);
    CHECK(e.elementId == "sales-table");
    CHECK(e.pointer == "/contents/elements/0/columns/1/formula");
    CHECK(e.location.line == 19);
    CHECK(e.location.file.find("minimal.json") != std::string::npos);
    CHECK(e.describe().find("(element 'sales-table', ") != std::string::npos);
    const Diagnostic d = e.toDiagnostic();
    CHECK(d.rule == "publish/api");
    CHECK(d.location.line == 19);

    ApiError placed;
    placed.message = "element 'sales-table' is not placed in layout";
    locate(placed, *loaded.document);
    CHECK(placed.pointer == "/contents/elements/0");
    CHECK(placed.location.line == 8);
}

TEST_CASE("request bodies: contents only, response-only fields stripped, legacy document converted", "[publish]") {
    doc::Document legacy;
    legacy.root = Json{{"name", "N"}, {"workbookId", "w"}, {"document", Json{{"kind", "workbook"}}}};
    CHECK(bodyContents(legacy) == Json{{"kind", "workbook"}});
    CHECK(stripResponseOnly(Json{{"name", "N"}, {"url", "u"}, {"documentVersion", 3}, {"updatedAt", "t"}}) == Json{{"name", "N"}});
    CHECK(createBody(Json::object(), "N", "F", std::nullopt, true).dump() ==
          R"({"name":"N","folderId":"F","contents":{},"dryRun":true})");
    CHECK(updateBody(Json::object(), 4).dump() == R"({"contents":{},"documentVersion":4})");
    CHECK(updateBody(Json::object(), std::nullopt).dump() == R"({"contents":{}})");
    const Json reply{{"workbookId", "w"}, {"name", "N"}, {"url", "u"}, {"folderId", "f"}, {"documentVersion", 2},
                     {"ownerId", "o"}, {"document", Json{{"kind", "workbook"}}}};
    CHECK(documentFromReply(reply).dump() == R"({"name":"N","folderId":"f","contents":{"kind":"workbook"}})");
    CHECK(documentVersionOf(reply) == std::optional<long long>(2));
    CHECK(documentVersionOf(Json{{"documentVersion", "7"}}) == std::optional<long long>(7));
}

TEST_CASE("credentials: environment first, then the secret store, never the values in messages", "[publish]") {
    auto store = secrets::makeMemorySecretStore();
    unsetenv("QUIRE_SIGMA_CLIENT_ID");
    unsetenv("QUIRE_SIGMA_CLIENT_SECRET");
    auto missing = loadCredentials(*store, "prod");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().rule == "publish/credentials");
    std::string problem = missing.message();
    CHECK(problem.find("sigma/prod/client-id") != std::string::npos);
    CHECK(problem.find("QUIRE_SIGMA_CLIENT_SECRET") != std::string::npos);
    REQUIRE(store->write("sigma/prod/client-id", "id-from-store"));
    problem = loadCredentials(*store, "prod").message();
    CHECK(problem.find("missing: client secret") != std::string::npos);
    CHECK(problem.find("id-from-store") == std::string::npos);
    REQUIRE(store->write("sigma/prod/client-secret", "secret-from-store"));
    auto fromStore = loadCredentials(*store, "prod");
    REQUIRE(fromStore);
    CHECK(fromStore->clientId == "id-from-store");
    setenv("QUIRE_SIGMA_CLIENT_ID", "id-from-env", 1);
    setenv("QUIRE_SIGMA_CLIENT_SECRET", "secret-from-env", 1);
    auto fromEnv = loadCredentials(*store, "prod");
    REQUIRE(fromEnv);
    CHECK(fromEnv->clientId == "id-from-env");
    CHECK(fromEnv->clientSecret == "secret-from-env");
    unsetenv("QUIRE_SIGMA_CLIENT_ID");
    unsetenv("QUIRE_SIGMA_CLIENT_SECRET");
}

TEST_CASE("sidecar and base snapshot next to the file", "[publish]") {
    const std::string dir = test::makeTempDir("publish-sidecar");
    const std::string file = dir + "/wb.yaml";
    CHECK_FALSE(loadSidecar(file).value());
    const Json base{{"kind", "workbook"}, {"elements", Json::array()}};
    saveSidecar(file, Sidecar{"wb-1", "https://app/x", 5, "https://aws-api.sigmacomputing.com", {}, {}, {}}, base);
    auto loaded = loadSidecar(file).value();
    REQUIRE(loaded);
    CHECK(loaded->workbookId == "wb-1");
    CHECK(loaded->documentVersion == std::optional<long long>(5));
    CHECK(loaded->basePath == "wb.yaml.sigma-base.json");
    CHECK(loaded->baseSha256.size() == 64);
    CHECK(loadSnapshot(file, *loaded).value() == base);
    doc::writeFileAtomically(snapshotPathFor(file), "{\"edited\": true}\n");
    const auto edited = loadSnapshot(file, *loaded);
    REQUIRE_FALSE(edited);
    CHECK(edited.error().rule == "publish/base-snapshot");
    CHECK(edited.message().find("does not match its hash") != std::string::npos);
    doc::writeFileAtomically(sidecarPathFor(file), "[1]");
    CHECK_THAT(loadSidecar(file).message(), Catch::Contains("not a Quire sidecar"));
}

TEST_CASE("sidecar targets per environment next to the default one (older sidecars read as before)", "[publish][env]") {
    const std::string dir = test::makeTempDir("publish-sidecar-env");
    const std::string file = dir + "/wb.yaml";
    // A sidecar written before environments existed.
    const std::string legacy = R"({"workbookId": "wb-1", "url": "u", "documentVersion": 5, "baseUrl": "https://aws-api.sigmacomputing.com",)"
                               R"( "base": {"path": "wb.yaml.sigma-base.json", "sha256": ""}})";
    doc::writeFileAtomically(sidecarPathFor(file), legacy);
    CHECK(loadSidecar(file).value()->workbookId == "wb-1");
    CHECK_FALSE(loadSidecar(file, "staging").value());

    const Json stagingBase{{"kind", "workbook"}, {"elements", Json::array()}};
    saveSidecar(file, Sidecar{"wb-s", "us", 2, "https://aws-api.sigmacomputing.com", {}, {}, "staging"}, stagingBase);
    const Json written = Json::parse(test::readFile(sidecarPathFor(file)));
    CHECK(written["workbookId"] == "wb-1"); // the default target is kept as it was
    CHECK(written["documentVersion"] == 5);
    auto staging = loadSidecar(file, "staging").value();
    REQUIRE(staging);
    CHECK(staging->workbookId == "wb-s");
    CHECK(staging->environment == "staging");
    CHECK(staging->basePath == "wb.yaml.sigma-base.staging.json");
    CHECK(loadSnapshot(file, *staging).value() == stagingBase);
    CHECK(loadSidecar(file).value()->workbookId == "wb-1");

    // Writing the default target keeps the environments.
    saveSidecar(file, Sidecar{"wb-2", "u2", 6, "https://aws-api.sigmacomputing.com", {}, {}, {}}, stagingBase);
    CHECK(loadSidecar(file).value()->workbookId == "wb-2");
    CHECK(loadSidecar(file, "staging").value()->workbookId == "wb-s");

    // A sidecar with environments only has no default target; a hostile target is refused.
    doc::writeFileAtomically(sidecarPathFor(file), R"({"environments": {"prod": {"workbookId": "wb-p"}}})");
    CHECK_FALSE(loadSidecar(file).value());
    CHECK(loadSidecar(file, "prod").value()->workbookId == "wb-p");
    doc::writeFileAtomically(sidecarPathFor(file), R"({"environments": {"prod": {"workbookId": "wb-p", "base": {"path": "../x"}}}})");
    CHECK_THAT(loadSidecar(file, "prod").message(), Catch::Contains("`environments.prod.base.path` must be a file name"));
    doc::writeFileAtomically(sidecarPathFor(file), R"({"environments": {"prod": {"workbookId": 7}}})");
    CHECK_THAT(loadSidecar(file, "prod").message(), Catch::Contains("`environments.prod.workbookId` must be a string"));
    doc::writeFileAtomically(sidecarPathFor(file), R"({"environments": []})");
    CHECK_THAT(loadSidecar(file, "prod").message(), Catch::Contains("not a Quire sidecar"));
}

TEST_CASE("per-environment credential variables come first (one CI job, two Sigma organisations)", "[publish][env]") {
    auto store = secrets::makeMemorySecretStore();
    REQUIRE(store->write("sigma/prod/client-id", "keychain-id"));
    REQUIRE(store->write("sigma/prod/client-secret", "keychain-secret"));
    unsetenv("QUIRE_SIGMA_CLIENT_ID");
    unsetenv("QUIRE_SIGMA_CLIENT_SECRET");
    setenv("QUIRE_SIGMA_CLIENT_ID_PRE_PROD", "pre-id", 1);
    setenv("QUIRE_SIGMA_CLIENT_SECRET_PRE_PROD", "pre-secret", 1);
    auto pre = loadCredentials(*store, "prod", "pre-prod");
    REQUIRE(pre);
    CHECK(pre->clientId == "pre-id");
    CHECK(pre->clientSecret == "pre-secret");
    auto prod = loadCredentials(*store, "prod", "prod"); // no variables for prod: its profile
    REQUIRE(prod);
    CHECK(prod->clientId == "keychain-id");
    auto plain = loadCredentials(*store, "prod");
    REQUIRE(plain);
    CHECK(plain->clientId == "keychain-id");
    unsetenv("QUIRE_SIGMA_CLIENT_ID_PRE_PROD");
    unsetenv("QUIRE_SIGMA_CLIENT_SECRET_PRE_PROD");
}
