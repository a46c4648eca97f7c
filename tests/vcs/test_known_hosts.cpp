#include <catch2/catch.hpp>

#include <git_fixture.h>
#include <quire/vcs/known_hosts.h>

#include <fstream>

using namespace quire::vcs;

namespace {

// A fresh ed25519 key made with ssh-keygen: {type, base64}.
std::pair<std::string, std::string> newKey(const std::string& dir, const std::string& name) {
    REQUIRE(quire::test::runIn(dir, "ssh-keygen -q -t ed25519 -N '' -f " + name).status == 0);
    std::string pub = quire::test::readFile(dir + "/" + name + ".pub");
    const auto space = pub.find(' ');
    const auto end = pub.find(' ', space + 1);
    return {pub.substr(0, space), pub.substr(space + 1, end - space - 1)};
}

} // namespace

TEST_CASE("SSH host keys are accepted only when known_hosts has them, hashed entries included", "[vcs]") {
    const std::string dir = quire::test::makeTempDir("vcs-known-hosts");
    const auto [type, key] = newKey(dir, "host");
    const auto other = newKey(dir, "other");
    const std::string file = dir + "/known_hosts";
    std::ofstream(file) << "# comment\ngit.example.test " << type << " " << key << "\n[port.example.test]:2222 " << type
                        << " " << key << "\n";
    CHECK(checkKnownHost("git.example.test", type, key, {file}) == HostKeyMatch::Known);
    CHECK(checkKnownHost("git.example.test", type, other.second, {file}) == HostKeyMatch::Mismatch);
    CHECK(checkKnownHost("unknown.example.test", type, key, {file}) == HostKeyMatch::Unknown);
    CHECK(checkKnownHost("port.example.test", type, key, {file}) == HostKeyMatch::Unknown);
    CHECK(checkKnownHost("[port.example.test]:2222", type, key, {file}) == HostKeyMatch::Known);
    CHECK(checkKnownHost("git.example.test", type, key, {dir + "/missing"}) == HostKeyMatch::Unknown);
    CHECK(checkKnownHost("-oProxyCommand=x", type, key, {file}) == HostKeyMatch::Unknown);

    REQUIRE(quire::test::runIn(dir, "ssh-keygen -q -H -f known_hosts").status == 0);
    CHECK(quire::test::readFile(file).find("git.example.test") == std::string::npos); // really hashed now
    CHECK(checkKnownHost("git.example.test", type, key, {file}) == HostKeyMatch::Known);
    CHECK(checkKnownHost("git.example.test", type, other.second, {file}) == HostKeyMatch::Mismatch);
}

TEST_CASE("the known_hosts name of a remote URL", "[vcs]") {
    CHECK(sshHostOf("git@github.com:owner/repo.git") == std::optional<std::string>("github.com"));
    CHECK(sshHostOf("ssh://git@host.example/x.git") == std::optional<std::string>("host.example"));
    CHECK(sshHostOf("ssh://host.example:22/x.git") == std::optional<std::string>("host.example"));
    CHECK(sshHostOf("ssh://git@host.example:2222/x.git") == std::optional<std::string>("[host.example]:2222"));
    CHECK(sshHostOf("ssh://[::1]:2222/x.git") == std::optional<std::string>("[::1]:2222"));
    CHECK_FALSE(sshHostOf("https://host.example/x.git"));
    CHECK_FALSE(sshHostOf("/srv/git/x.git"));
    CHECK_FALSE(sshHostOf("./relative/path:with-colon"));
    const unsigned char bytes[] = {'M', 'a', 'n', 'y'};
    CHECK(base64(bytes, 4) == "TWFueQ==");
    CHECK(base64(bytes, 3) == "TWFu");
}
