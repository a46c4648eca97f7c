#include <catch2/catch.hpp>

#include <git_fixture.h>
#include <quire/vcs/repository.h>

#include <filesystem>

using namespace quire;
using namespace quire::vcs;
using quire::test::GitRepo;

namespace {

Repository open(const GitRepo& g, const std::string& file = "") {
    auto repo = Repository::discover(file.empty() ? g.dir() : g.path(file));
    INFO(repo.message());
    REQUIRE(repo.ok());
    return std::move(*repo);
}

FileStatus statusOf(const Repository& repo, const std::string& path) {
    auto all = repo.status();
    REQUIRE(all.ok());
    for (const auto& f : *all)
        if (f.path == path) return f;
    return FileStatus{path, Change::None, Change::None, false};
}

} // namespace

TEST_CASE("discover finds the repository of a file in a subfolder, and says when there is none", "[vcs]") {
    GitRepo g("vcs-discover");
    g.write("books/a.yaml", "name: A\n");
    auto repo = open(g, "books/a.yaml");
    CHECK(repo.relativePath(g.path("books/a.yaml")) == std::optional<std::string>("books/a.yaml"));
    CHECK_FALSE(repo.relativePath("/etc/passwd").has_value());

    const auto outside = std::filesystem::temp_directory_path() / ("quire-no-repo-" + std::to_string(::getpid()));
    std::filesystem::create_directories(outside);
    auto none = Repository::discover((outside / "x.yaml").string());
    std::filesystem::remove_all(outside);
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().rule == "vcs/not-a-repository");
}

TEST_CASE("status follows a file through new, staged, committed, modified, unstaged and deleted", "[vcs]") {
    GitRepo g("vcs-status");
    auto repo = open(g);
    g.write("a.yaml", "name: A\n");
    CHECK(statusOf(repo, "a.yaml").unstaged == Change::New);
    CHECK(statusOf(repo, "a.yaml").staged == Change::None);

    REQUIRE(repo.stage("a.yaml").ok());
    CHECK(statusOf(repo, "a.yaml").staged == Change::New);
    CHECK(statusOf(repo, "a.yaml").unstaged == Change::None);
    CHECK(g.git("diff --cached --name-only") == "a.yaml"); // the real index, as git sees it

    REQUIRE(repo.commit("Add A").ok());
    CHECK(repo.status()->empty());

    g.write("a.yaml", "name: B\n");
    CHECK(statusOf(repo, "a.yaml").unstaged == Change::Modified);
    REQUIRE(repo.stage("a.yaml").ok());
    CHECK(statusOf(repo, "a.yaml").staged == Change::Modified);
    REQUIRE(repo.unstage("a.yaml").ok());
    CHECK(statusOf(repo, "a.yaml").staged == Change::None);
    CHECK(statusOf(repo, "a.yaml").unstaged == Change::Modified);
    CHECK(g.git("diff --cached --name-only").empty());

    std::filesystem::remove(g.path("a.yaml"));
    CHECK(statusOf(repo, "a.yaml").unstaged == Change::Deleted);
    REQUIRE(repo.stage("a.yaml").ok());
    CHECK(statusOf(repo, "a.yaml").staged == Change::Deleted);
    CHECK(repo.fileStatus("a.yaml")->staged == Change::Deleted);
}

TEST_CASE("commit uses the message and the author from the repository's config", "[vcs]") {
    GitRepo g("vcs-commit");
    auto repo = open(g);
    g.write("a.yaml", "name: A\n");
    REQUIRE(repo.stage("a.yaml").ok());
    auto blank = repo.commit("  \n");
    REQUIRE_FALSE(blank.ok());
    CHECK(blank.error->rule == "vcs/empty-message");
    auto done = repo.commit("Add the first workbook\n\nWith a body.");
    REQUIRE(done.ok());
    CHECK(done.message.find("Add the first workbook") != std::string::npos);
    CHECK(g.git("log -1 '--format=%s|%an|%ae'") == "Add the first workbook|Quire Test|test@example.com");
    auto again = repo.commit("nothing new");
    REQUIRE_FALSE(again.ok());
    CHECK(again.error->rule == "vcs/nothing-to-commit");
}

TEST_CASE("commit without user.name and user.email is refused with what to set", "[vcs]") {
    GitRepo g("vcs-noid", /*identity=*/false);
    auto repo = open(g);
    g.write("a.yaml", "name: A\n");
    REQUIRE(repo.stage("a.yaml").ok());
    auto c = repo.commit("Add A");
    REQUIRE_FALSE(c.ok());
    CHECK(c.error->rule == "vcs/no-identity");
    CHECK(c.error->message.find("user.email") != std::string::npos);
    CHECK(g.git("rev-list --all --count") == "0");
}

TEST_CASE("branches are listed and switched, local changes that would be overwritten refuse the switch", "[vcs]") {
    GitRepo g("vcs-branch");
    g.write("a.yaml", "name: main\n");
    g.write("b.yaml", "name: b\n");
    g.commitAll("main");
    g.git("checkout -q -b feature");
    g.write("a.yaml", "name: feature\n");
    g.commitAll("feature");
    g.git("checkout -q main");
    auto repo = open(g);

    auto branches = repo.branches();
    REQUIRE(branches.ok());
    REQUIRE(branches->size() == 2);
    CHECK((*branches)[0].name == "feature");
    CHECK_FALSE((*branches)[0].current);
    CHECK((*branches)[1].name == "main");
    CHECK((*branches)[1].current);

    // A change to a file the branches share carries over; one to a file they differ in refuses.
    g.write("b.yaml", "name: b edited\n");
    REQUIRE(repo.switchBranch("feature").ok());
    CHECK(repo.currentBranch() == "feature");
    CHECK(g.read("a.yaml") == "name: feature\n");
    CHECK(g.read("b.yaml") == "name: b edited\n");

    g.write("a.yaml", "name: local edit\n");
    auto refused = repo.switchBranch("main");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error->rule == "vcs/would-overwrite");
    CHECK(refused.error->message.find("a.yaml") != std::string::npos);
    CHECK(repo.currentBranch() == "feature");
    CHECK(g.read("a.yaml") == "name: local edit\n");

    auto unknown = repo.switchBranch("nope");
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error->rule == "vcs/unknown-branch");
}

TEST_CASE("a file's history lists the commits that changed it, newest first, and its bytes at each", "[vcs]") {
    GitRepo g("vcs-history");
    g.write("a.yaml", "v: 1\n");
    g.commitAll("a one");
    g.write("b.yaml", "other\n");
    g.commitAll("b only");
    g.write("a.yaml", "v: 2\n");
    g.commitAll("a two");
    g.write("a.yaml", "v: 3\n");
    g.commitAll("a three");
    auto repo = open(g);

    auto history = repo.fileHistory("a.yaml");
    REQUIRE(history.ok());
    REQUIRE(history->size() == 3);
    CHECK((*history)[0].summary == "a three");
    CHECK((*history)[1].summary == "a two");
    CHECK((*history)[2].summary == "a one");
    CHECK((*history)[0].author == "Quire Test <test@example.com>");
    CHECK((*history)[0].id == g.git("rev-parse HEAD"));
    CHECK((*history)[0].shortId == (*history)[0].id.substr(0, 7));
    CHECK(repo.fileHistory("a.yaml", 2)->size() == 2);

    CHECK(*repo.fileAtCommit((*history)[2].id, "a.yaml") == "v: 1\n");
    CHECK(*repo.fileAtCommit((*history)[1].id, "a.yaml") == "v: 2\n");
    auto missing = repo.fileAtCommit((*history)[2].id, "b.yaml");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().rule == "vcs/not-in-commit");
    auto bad = repo.fileAtCommit("0123456789abcdef0123456789abcdef01234567", "a.yaml");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().rule == "vcs/unknown-commit");
}

TEST_CASE("a conflicted merge exposes the three index stages, staging and committing ends it", "[vcs]") {
    GitRepo g("vcs-merge");
    g.write("a.yaml", "v: base\n");
    g.commitAll("base");
    g.git("checkout -q -b other");
    g.write("a.yaml", "v: theirs\n");
    g.commitAll("theirs");
    g.git("checkout -q main");
    g.write("a.yaml", "v: ours\n");
    g.commitAll("ours");
    g.git("merge other", /*mayFail=*/true);
    auto repo = open(g);

    CHECK(repo.mergeInProgress());
    CHECK(repo.preparedMessage().rfind("Merge branch 'other'", 0) == 0);
    CHECK(statusOf(repo, "a.yaml").conflicted);
    auto sides = repo.conflict("a.yaml");
    REQUIRE(sides.ok());
    CHECK(sides->base == std::optional<std::string>("v: base\n"));
    CHECK(sides->ours == std::optional<std::string>("v: ours\n"));
    CHECK(sides->theirs == std::optional<std::string>("v: theirs\n"));

    auto early = repo.commit("merge");
    REQUIRE_FALSE(early.ok());
    CHECK(early.error->rule == "vcs/unresolved-conflicts");
    auto switching = repo.switchBranch("other");
    REQUIRE_FALSE(switching.ok());
    CHECK(switching.error->rule == "vcs/merge-in-progress");

    g.write("a.yaml", "v: resolved\n");
    REQUIRE(repo.stage("a.yaml").ok());
    CHECK_FALSE(statusOf(repo, "a.yaml").conflicted);
    CHECK(repo.conflict("a.yaml").error().rule == "vcs/not-conflicted");
    REQUIRE(repo.commit("Merge other").ok());
    CHECK_FALSE(repo.mergeInProgress());
    CHECK(repo.preparedMessage().empty());
    // Two parents: a real merge commit.
    CHECK(g.git("log -1 --format=%P").find(' ') != std::string::npos);
    CHECK(g.git("show HEAD:a.yaml") == "v: resolved");
}
