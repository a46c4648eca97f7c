#include <catch2/catch.hpp>

#include <git_fixture.h>
#include <quire/vcs/repository.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

using namespace quire;
using namespace quire::vcs;
using quire::test::GitRepo;

namespace {

// A bare "server" repository with one commit and two clones of it, each with an identity.
struct Remotes {
    std::string bare = quire::test::makeTempDir("vcs-remote-bare");
    std::string root = quire::test::makeTempDir("vcs-remote-clones");
    Remotes() {
        GitRepo seed("vcs-remote-seed");
        seed.write("a.yaml", "v: 1\n");
        seed.commitAll("seed");
        REQUIRE(quire::test::runIn(bare, "git init -q --bare -b main && git -C '" + seed.dir() + "' push -q '" + bare + "' main").status == 0);
        for (const char* name : {"alice", "bob"}) {
            REQUIRE(quire::test::runIn(root, std::string("git clone -q '") + bare + "' " + name).status == 0);
            REQUIRE(quire::test::runIn(clone(name), "git config user.name " + std::string(name) + " && git config user.email " + name + "@example.com").status == 0);
        }
    }
    std::string clone(const std::string& name) const { return root + "/" + name; }
    std::string git(const std::string& name, const std::string& args) const {
        auto r = quire::test::runIn(clone(name), "git " + args);
        while (!r.output.empty() && r.output.back() == '\n') r.output.pop_back();
        return r.output;
    }
    void commit(const std::string& name, const std::string& file, const std::string& text) const {
        REQUIRE(quire::test::runIn(clone(name), "printf '" + text + "' > " + file + " && git add -A && git commit -q -m '" + file + "'").status == 0);
    }
    Repository open(const std::string& name) const {
        auto repo = Repository::discover(clone(name));
        REQUIRE(repo.ok());
        return std::move(*repo);
    }
};

// An HTTP server that answers every request with 401 and a Basic challenge: a remote that wants a password.
class PasswordServer {
public:
    PasswordServer() {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        socklen_t length = sizeof address;
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
        ::listen(fd_, 8);
        thread_ = std::thread([this] { serve(); });
    }
    ~PasswordServer() {
        stop_ = true;
        thread_.join();
        ::close(fd_);
    }
    int port() const { return port_; }
    int requests() const { return requests_; }

private:
    void serve() {
        while (!stop_) {
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0) continue;
            const int client = ::accept(fd_, nullptr, nullptr);
            if (client < 0) continue;
            char buffer[4096];
            (void)::recv(client, buffer, sizeof buffer, 0);
            ++requests_;
            const char reply[] = "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"git\"\r\n"
                                 "Content-Length: 0\r\nConnection: close\r\n\r\n";
            (void)::send(client, reply, sizeof reply - 1, MSG_NOSIGNAL);
            ::close(client);
        }
    }
    int fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::atomic<int> requests_{0};
    std::thread thread_;
};

} // namespace

TEST_CASE("push sends the branch and pull fast-forwards the other clone", "[vcs]") {
    Remotes r;
    auto alice = r.open("alice");
    auto bob = r.open("bob");
    r.commit("alice", "a.yaml", "v: 2\\n");
    auto pushed = alice.push();
    INFO((pushed.error ? pushed.error->message : ""));
    REQUIRE(pushed.ok());
    CHECK(quire::test::runIn(r.bare, "git log -1 --format=%s main").output == "a.yaml\n");

    auto pulled = bob.pull();
    INFO((pulled.error ? pulled.error->message : ""));
    REQUIRE(pulled.ok());
    CHECK(pulled.message.find("Fast-forwarded") != std::string::npos);
    CHECK(quire::test::readFile(r.clone("bob") + "/a.yaml") == "v: 2\n");
    CHECK(bob.pull().message == "Already up to date");
}

TEST_CASE("pull merges diverged branches and a push behind the remote is refused with what to do", "[vcs]") {
    Remotes r;
    auto alice = r.open("alice");
    auto bob = r.open("bob");
    r.commit("alice", "a.yaml", "v: 2\\n");
    REQUIRE(alice.push().ok());
    r.commit("bob", "b.yaml", "b: 1\\n");

    auto rejected = bob.push();
    REQUIRE_FALSE(rejected.ok());
    INFO(rejected.error->message);
    CHECK(rejected.error->rule == "vcs/push-rejected");
    CHECK(rejected.error->message.find("pull first") != std::string::npos);

    auto merged = bob.pull(); // different files: a clean merge, committed
    INFO((merged.error ? merged.error->message : ""));
    REQUIRE(merged.ok());
    CHECK_FALSE(bob.mergeInProgress());
    CHECK(r.git("bob", "log -1 --format=%P").find(' ') != std::string::npos);
    CHECK(quire::test::readFile(r.clone("bob") + "/a.yaml") == "v: 2\n");
    REQUIRE(bob.push().ok());
}

TEST_CASE("pull of conflicting changes leaves the merge in progress with the file conflicted", "[vcs]") {
    Remotes r;
    auto alice = r.open("alice");
    auto bob = r.open("bob");
    r.commit("alice", "a.yaml", "v: alice\\n");
    REQUIRE(alice.push().ok());
    r.commit("bob", "a.yaml", "v: bob\\n");
    auto pulled = bob.pull();
    REQUIRE(pulled.ok());
    CHECK(pulled.message.find("conflicts in a.yaml") != std::string::npos);
    CHECK(bob.mergeInProgress());
    auto sides = bob.conflict("a.yaml");
    REQUIRE(sides.ok());
    CHECK(sides->ours == std::optional<std::string>("v: bob\n"));
    CHECK(sides->theirs == std::optional<std::string>("v: alice\n"));
}

TEST_CASE("a remote that wants a password is refused: use git in a terminal", "[vcs]") {
    Remotes r;
    PasswordServer server;
    r.git("alice", "remote set-url origin http://127.0.0.1:" + std::to_string(server.port()) + "/repo.git");
    auto alice = r.open("alice");
    auto pulled = alice.pull();
    REQUIRE_FALSE(pulled.ok());
    CHECK(pulled.error->rule == "vcs/remote-auth");
    CHECK(pulled.error->message.find("git pull in a terminal") != std::string::npos);
    auto pushed = alice.push();
    REQUIRE_FALSE(pushed.ok());
    CHECK(pushed.error->rule == "vcs/remote-auth");
    CHECK(pushed.error->message.find("git push in a terminal") != std::string::npos);
    CHECK(server.requests() >= 2);
}

TEST_CASE("pull and push without a remote say so", "[vcs]") {
    GitRepo g("vcs-noremote");
    g.write("a.yaml", "v: 1\n");
    g.commitAll("one");
    auto repo = Repository::discover(g.dir());
    REQUIRE(repo.ok());
    CHECK(repo->pull().error->rule == "vcs/no-remote");
    CHECK(repo->push().error->rule == "vcs/no-remote");
}
