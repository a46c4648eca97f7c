// Which host receives the credentials (issue #10): never one chosen by a file in the repository. The user
// names it (--base-url, --region, QUIRE_SIGMA_BASE_URL, QUIRE_SIGMA_REGION) or the sidecar names one of
// Sigma's region hosts; https only, plain http only to loopback.
#include <quire/publish/client_setup.h>
#include <quire/publish/regions.h>

#include <catch2/catch.hpp>

#include <cstdlib>

#include "publish_test_helpers.h"

using namespace quire;
using namespace quire::publish;

namespace {

// Credentials in the store; no host variables in the environment.
struct HostEnv {
    std::unique_ptr<secrets::SecretStore> store = secrets::makeMemorySecretStore();
    HostEnv() {
        unsetenv("QUIRE_SIGMA_BASE_URL");
        unsetenv("QUIRE_SIGMA_REGION");
        unsetenv("QUIRE_SIGMA_CLIENT_ID");
        unsetenv("QUIRE_SIGMA_CLIENT_SECRET");
        REQUIRE(store->write("sigma/default/client-id", "id"));
        REQUIRE(store->write("sigma/default/client-secret", "secret"));
    }
    ~HostEnv() {
        unsetenv("QUIRE_SIGMA_BASE_URL");
        unsetenv("QUIRE_SIGMA_REGION");
    }
    // The configuration, or nullopt with the refusal's message in `problem` (its rule code in `rule`).
    std::optional<ClientConfig> config(const ClientSetup& setup, std::string& problem) {
        Expected<ClientConfig> made = makeClientConfig(setup, *store);
        if (made) return *made;
        problem = made.message();
        rule = made.error().rule;
        return std::nullopt;
    }
    std::string rule;
};

} // namespace

TEST_CASE("a sidecar naming a host that is not a Sigma region host is never used", "[publish][hosts]") {
    HostEnv env;
    for (const char* hostile : {"http://127.0.0.1:9", "https://attacker.example.com", "http://attacker.example.com",
                                "https://aws-api.sigmacomputing.com.attacker.example", "https://aws-api.sigmacomputing.com@attacker.example"}) {
        ClientSetup setup;
        setup.sidecarBaseUrl = hostile;
        std::string problem;
        CHECK_FALSE(env.config(setup, problem));
        CHECK(problem.find(hostile) != std::string::npos);
        CHECK(problem.find("not one of Sigma's region hosts") != std::string::npos);
        CHECK(env.rule == "publish/host");
    }
}

TEST_CASE("a sidecar naming a Sigma region host picks the default host", "[publish][hosts]") {
    HostEnv env;
    ClientSetup setup;
    setup.sidecarBaseUrl = "HTTPS://api.eu.aws.sigmacomputing.com/";
    std::string problem;
    auto config = env.config(setup, problem);
    REQUIRE(config);
    CHECK(config->baseUrl == "https://api.eu.aws.sigmacomputing.com");
    // The user's choice wins over the sidecar (a mismatch is then reported by the flow).
    setenv("QUIRE_SIGMA_REGION", "aws-us", 1);
    config = env.config(setup, problem);
    REQUIRE(config);
    CHECK(config->baseUrl == "https://aws-api.sigmacomputing.com");
}

TEST_CASE("hosts the user names: https, or http only to loopback", "[publish][hosts]") {
    HostEnv env;
    for (const char* ok : {"https://sigma-proxy.example.com/api", "http://127.0.0.1:8080", "http://127.8.9.10",
                           "http://localhost:1234", "http://[::1]:99"}) {
        ClientSetup setup;
        setup.baseUrl = ok;
        std::string problem;
        INFO(ok << ": " << problem);
        CHECK(env.config(setup, problem));
    }
    for (const char* refused : {"http://sigma-proxy.example.com", "http://10.0.0.1", "http://localhost.example.com",
                                "http://128.0.0.1", "ftp://host.example.com", "https://host.example.com?x=1"}) {
        ClientSetup setup;
        setup.baseUrl = refused;
        std::string problem;
        CHECK_FALSE(env.config(setup, problem));
        INFO(problem);
        CHECK(problem.find(refused) != std::string::npos);
    }
    ClientSetup withPassword;
    withPassword.baseUrl = "https://user:pw@host.example.com";
    std::string why;
    CHECK_FALSE(env.config(withPassword, why));
    CHECK(why.find("'https://host.example.com'") != std::string::npos);
    CHECK(why.find("pw") == std::string::npos);
    setenv("QUIRE_SIGMA_BASE_URL", "http://sigma.example.com", 1);
    std::string problem;
    CHECK_FALSE(env.config(ClientSetup{}, problem));
    CHECK(problem.find("QUIRE_SIGMA_BASE_URL") != std::string::npos);
    CHECK(problem.find("plain http") != std::string::npos);
    setenv("QUIRE_SIGMA_BASE_URL", "mars", 1); // not a URL: an error, not a crash
    CHECK_FALSE(env.config(ClientSetup{}, problem));
    CHECK(problem.find("'mars'") != std::string::npos);
}

TEST_CASE("the client itself never sends credentials over plain http to a remote host", "[publish][hosts]") {
    ClientConfig config;
    config.baseUrl = "http://sigma.example.com";
    config.credentials = {"id", "secret"};
    SigmaClient client(config);
    const ApiError error = client.ensureToken();
    CHECK(error.kind == ApiError::Kind::Credentials);
    CHECK(error.message.find("plain http") != std::string::npos);
    CHECK(error.attempts == 0);
}

TEST_CASE("base URLs compare after normalisation, region hosts are recognised exactly", "[publish][hosts]") {
    CHECK(sameBaseUrl("https://API.eu.aws.sigmacomputing.com:443/", "https://api.eu.aws.sigmacomputing.com"));
    CHECK_FALSE(sameBaseUrl("http://127.0.0.1:1", "http://127.0.0.1:2"));
    CHECK(isRegionHost("https://aws-api.sigmacomputing.com"));
    CHECK_FALSE(isRegionHost("http://aws-api.sigmacomputing.com"));
    CHECK_FALSE(isRegionHost("https://aws-api.sigmacomputing.com/other"));
    CHECK(credentialHostProblem("https://aws-api.sigmacomputing.com").empty());
}

TEST_CASE("quire.yaml names a host only when it is a Sigma region host, the user's choice comes first", "[publish][hosts][env]") {
    HostEnv env;
    ClientSetup setup;
    setup.environment = "staging";
    std::string problem;
    for (const char* hostile : {"https://attacker.example.com", "http://127.0.0.1:9"}) {
        setup.projectHost = hostile;
        CHECK_FALSE(env.config(setup, problem));
        CHECK(problem.find("quire.yaml names the API host") != std::string::npos);
        CHECK(problem.find("QUIRE_SIGMA_BASE_URL_STAGING") != std::string::npos);
    }
    setup.projectHost = "https://api.eu.aws.sigmacomputing.com";
    setup.sidecarBaseUrl = "https://aws-api.sigmacomputing.com"; // quire.yaml comes before the sidecar
    auto fromProject = env.config(setup, problem);
    REQUIRE(fromProject);
    CHECK(fromProject->baseUrl == "https://api.eu.aws.sigmacomputing.com");
    // The per-environment variable is the user's: it wins over the file, and only for its environment.
    setenv("QUIRE_SIGMA_BASE_URL_STAGING", "http://127.0.0.1:7", 1);
    auto fromVariable = env.config(setup, problem);
    REQUIRE(fromVariable);
    CHECK(fromVariable->baseUrl == "http://127.0.0.1:7");
    setup.environment = "prod";
    auto other = env.config(setup, problem);
    REQUIRE(other);
    CHECK(other->baseUrl == "https://api.eu.aws.sigmacomputing.com");
    unsetenv("QUIRE_SIGMA_BASE_URL_STAGING");
    CHECK(environmentBaseUrlVariable("pre-prod") == "QUIRE_SIGMA_BASE_URL_PRE_PROD");
    // --base-url beats everything.
    setup.baseUrl = "http://localhost:8";
    auto fromFlag = env.config(setup, problem);
    REQUIRE(fromFlag);
    CHECK(fromFlag->baseUrl == "http://localhost:8");
}
