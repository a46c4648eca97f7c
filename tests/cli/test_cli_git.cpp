// Workbooks in a real git repository: `quire init-repo`, `git merge` through `quire merge-driver`, `git diff`
// through `quire textconv`, and the driver's exit statuses. git runs with a private HOME, no system config
// and a ceiling directory, so nothing outside the test's own repository is read or changed.
#include "cli_run.h"

#include <catch2/catch.hpp>
#include <test_support.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>

using namespace quire::test::cli;
namespace fs = std::filesystem;

namespace {

std::string sample() { return quire::test::sourceDir() + "/resources/examples/marketing.yaml"; }

void writeText(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    REQUIRE(out.good());
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return text;
}

// A git repository in a fresh directory, with the sandbox's environment for git and quire alike.
struct Repo {
    Sandbox box;
    std::string dir;

    explicit Repo(const std::string& tag) : box(tag) {
        dir = box.dir + "/repo";
        fs::create_directories(dir);
        box.env.push_back("GIT_CEILING_DIRECTORIES=" + box.dir); // never find the checkout around the build tree
        REQUIRE(git("init -q -b main").exitCode == 0);
    }

    std::string env() const {
        std::string e = "env -u GIT_DIR -u GIT_WORK_TREE GIT_CONFIG_NOSYSTEM=1 HOME=" + shellQuote(box.home) +
                        " XDG_CONFIG_HOME=" + shellQuote(box.config);
        for (const auto& v : box.env) e += " " + shellQuote(v);
        return e;
    }

    // git ARGS in the repository; stdout and stderr together.
    Run git(const std::string& arguments) const {
        const std::string command = "cd " + shellQuote(dir) + " && " + env() +
                                    " git -c user.name=Quire -c user.email=quire@example.com -c color.ui=never " +
                                    arguments + " 2>&1";
        Run run;
        FILE* pipe = popen(command.c_str(), "r");
        REQUIRE(pipe != nullptr);
        char buffer[4096];
        std::size_t n = 0;
        while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, n);
        const int status = pclose(pipe);
        run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        return run;
    }

    std::string file(const std::string& name) const { return dir + "/" + name; }
    std::string read(const std::string& name) const { return quire::test::readFile(file(name)); }

    void commit(const std::string& name, const std::string& text, const std::string& message) {
        writeText(file(name), text);
        const Run r = git("add -A && git -c user.name=Quire -c user.email=quire@example.com commit -q -m " + shellQuote(message));
        INFO(r.out);
        REQUIRE(r.exitCode == 0);
    }

    // init-repo, then the sample committed on main as wb.sigma.yaml.
    void setUp() {
        const Run init = box.run("init-repo " + shellQuote(dir));
        INFO(init.out << init.err);
        REQUIRE(init.exitCode == 0);
        commit("wb.sigma.yaml", quire::test::readFile(sample()), "base");
    }

    // Two branches from main, each applying its edit to the sample; then `git merge` of b into a.
    Run mergeBranches(const std::string& editA, const std::string& toA, const std::string& editB, const std::string& toB) {
        const std::string base = read("wb.sigma.yaml");
        REQUIRE(git("checkout -q -b b").exitCode == 0);
        commit("wb.sigma.yaml", replaced(base, editB, toB), "b");
        REQUIRE(git("checkout -q main").exitCode == 0);
        REQUIRE(git("checkout -q -b a").exitCode == 0);
        commit("wb.sigma.yaml", replaced(base, editA, toA), "a");
        return git("merge --no-edit b");
    }
};

} // namespace

TEST_CASE("quire init-repo writes the git config and .gitattributes once and says what it did", "[cli][git]") {
    Repo repo("git-init-repo");
    writeText(repo.file(".gitattributes"), "*.png binary\nwb.yaml diff=other\n");
    const Run first = repo.box.run("init-repo " + shellQuote(repo.dir) + " --pattern wb.yaml --pattern 'workbooks/*.json'");
    INFO(first.out << first.err);
    REQUIRE(first.exitCode == 0);
    CHECK_THAT(first.out, Catch::Contains("set: merge.quire.driver = ") && Catch::Contains("set: diff.quire.textconv = ") &&
                              Catch::Contains("added to .gitattributes: *.sigma.yaml merge=quire diff=quire") &&
                              Catch::Contains("updated .gitattributes: wb.yaml diff=quire merge=quire"));
    CHECK(repo.read(".gitattributes") ==
          "*.png binary\nwb.yaml diff=quire merge=quire\n*.sigma.yaml merge=quire diff=quire\n"
          "*.sigma.yml merge=quire diff=quire\n*.sigma.json merge=quire diff=quire\nworkbooks/*.json merge=quire diff=quire\n");
    const Run driver = repo.git("config --local --get merge.quire.driver");
    CHECK(driver.out == quireBinary() + " merge-driver %O %A %B %P\n"); // the build path has no characters to quote
    CHECK(repo.git("config --local --get diff.quire.textconv").out == quireBinary() + " textconv\n");
    CHECK(repo.git("config --local --get merge.quire.name").exitCode == 0);
    CHECK(repo.git("check-attr merge diff -- workbooks/a.json").out ==
          "workbooks/a.json: merge: quire\nworkbooks/a.json: diff: quire\n");

    const std::string attributes = repo.read(".gitattributes");
    const Run second = repo.box.run("init-repo " + shellQuote(repo.dir) + " --pattern wb.yaml --pattern 'workbooks/*.json'");
    INFO(second.out << second.err);
    REQUIRE(second.exitCode == 0);
    CHECK_THAT(second.out, Catch::Contains("unchanged: merge.quire.driver") && Catch::Contains("unchanged: diff.quire.textconv") &&
                               !Catch::Contains("set:") && !Catch::Contains("added"));
    CHECK(repo.read(".gitattributes") == attributes);

    // --command: how git runs quire; a % is doubled in the driver (git expands %O, %A, ... there first).
    const Run command = repo.box.run("init-repo " + shellQuote(repo.dir) + " --command 'my%quire'");
    CHECK_THAT(command.out, Catch::Contains("updated: merge.quire.driver = my%%quire merge-driver %O %A %B %P") &&
                                Catch::Contains("updated: diff.quire.textconv = my%quire textconv") &&
                                Catch::Contains("unchanged: " + repo.dir + "/.gitattributes"));

    const std::string outside = repo.box.dir + "/not-a-repo";
    fs::create_directories(outside);
    const Run refused = repo.box.run("init-repo " + shellQuote(outside));
    CHECK(refused.exitCode == 2);
    CHECK_THAT(refused.err, Catch::Contains("not inside a git work tree"));
    CHECK_FALSE(fs::exists(outside + "/.gitattributes"));
}

TEST_CASE("git merge of two branches that edit different elements succeeds through the driver", "[cli][git]") {
    Repo repo("git-merge-elements");
    repo.setUp();
    const Run merge = repo.mergeBranches("startDate: \"2024-01-01\"", "startDate: \"2024-02-01\"",
                                         "      text: Back to overview\n", "      text: Back to the overview\n");
    INFO(merge.out);
    REQUIRE(merge.exitCode == 0);
    const std::string merged = repo.read("wb.sigma.yaml");
    CHECK_THAT(merged, Catch::Contains("startDate: \"2024-02-01\"") && Catch::Contains("text: Back to the overview"));
    CHECK_THAT(merged, Catch::Contains("# Marketing Analytics Dashboard over")); // separate lines: git's bytes kept
    const Run valid = repo.box.run("validate " + shellQuote(repo.file("wb.sigma.yaml")));
    INFO(valid.out << valid.err);
    CHECK(valid.exitCode == 0);
}

TEST_CASE("git merge of two branches that edit different properties of the same element is clean", "[cli][git]") {
    Repo repo("git-merge-properties");
    repo.setUp();
    // Adjacent lines: git's line merge alone reports a conflict here.
    const Run merge = repo.mergeBranches("startDate: \"2024-01-01\"", "startDate: \"2024-02-01\"",
                                         "endDate: \"2024-12-31\"", "endDate: \"2024-11-30\"");
    INFO(merge.out);
    REQUIRE(merge.exitCode == 0);
    CHECK(repo.git("status --porcelain").out.empty());
    const Run info = repo.box.run("validate " + shellQuote(repo.file("wb.sigma.yaml")));
    INFO(info.out << info.err);
    CHECK(info.exitCode == 0);
    const std::string merged = repo.read("wb.sigma.yaml");
    CHECK_THAT(merged, Catch::Contains("startDate: \"2024-02-01\"") && Catch::Contains("endDate: \"2024-11-30\""));
    // Control: git's line merge alone conflicts on these two edits.
    for (const char* version : {"main", "a^1", "b"})
        writeText(repo.box.dir + "/" + std::string(version).substr(0, 1), repo.git(std::string("show ") + version + ":wb.sigma.yaml").out);
    const Run lines = repo.git("merge-file -p --quiet " + shellQuote(repo.box.dir + "/a") + " " + shellQuote(repo.box.dir + "/m") +
                               " " + shellQuote(repo.box.dir + "/b"));
    CHECK(lines.exitCode == 1);
}

TEST_CASE("the same property changed differently on both sides: one named conflict, exit 1, the file loads", "[cli][git]") {
    Repo repo("git-merge-conflict");
    repo.setUp();
    // a: endDate; b: startDate and endDate (adjacent lines).
    const Run merge = repo.mergeBranches("endDate: \"2024-12-31\"", "endDate: \"2024-10-31\"",
                                         "startDate: \"2024-01-01\"\n      endDate: \"2024-12-31\"",
                                         "startDate: \"2024-03-01\"\n      endDate: \"2024-11-30\"");
    INFO(merge.out);
    CHECK(merge.exitCode == 1);
    CHECK(repo.git("status --porcelain").out == "UU wb.sigma.yaml\n");
    // The work tree file: their clean change applied, our value at the conflict.
    const std::string merged = repo.read("wb.sigma.yaml");
    CHECK_THAT(merged, Catch::Contains("startDate: \"2024-03-01\"") && Catch::Contains("endDate: \"2024-10-31\"") &&
                           !Catch::Contains("2024-11-30"));
    const Run valid = repo.box.run("validate " + shellQuote(repo.file("wb.sigma.yaml")));
    INFO(valid.out << valid.err);
    CHECK(valid.exitCode == 0);
    // One conflict, named by element and property, located where the file now holds the value.
    const std::string key = "endDate: \"2024-10-31\"";
    const auto at = merged.find(key);
    REQUIRE(at != std::string::npos);
    const auto line = std::count(merged.begin(), merged.begin() + static_cast<long>(at), '\n') + 1;
    const auto column = at - merged.rfind('\n', at);
    CHECK_THAT(merge.out, Catch::Contains("1 conflict; the file has both sides' other changes and our value at each conflict") &&
                              Catch::Contains("wb.sigma.yaml:" + std::to_string(line) + ":" + std::to_string(column) +
                                              ": error [merge/conflict]: element 'ctl-date' property /endDate changed "
                                              "differently on both sides: ours \"2024-10-31\", theirs \"2024-11-30\", base "
                                              "\"2024-12-31\""));
    const auto first = merge.out.find("[merge/conflict]");
    CHECK(merge.out.find("[merge/conflict]", first + 1) == std::string::npos); // exactly one conflict

    // The driver itself: exit 1, and the same conflict when only that property differs (ours' bytes stay).
    const std::string dir = repo.box.dir;
    const std::string ours = repo.git("show a:wb.sigma.yaml").out;
    writeText(dir + "/O", repo.git("show main:wb.sigma.yaml").out);
    writeText(dir + "/A", ours);
    writeText(dir + "/B", replaced(repo.git("show main:wb.sigma.yaml").out, "endDate: \"2024-12-31\"", "endDate: \"2024-09-30\""));
    const Run direct = repo.box.run("merge-driver " + shellQuote(dir + "/O") + " " + shellQuote(dir + "/A") + " " +
                                    shellQuote(dir + "/B") + " wb.sigma.yaml");
    CHECK(direct.exitCode == 1);
    CHECK_THAT(direct.err, Catch::Contains("element 'ctl-date' property /endDate"));
    CHECK(quire::test::readFile(dir + "/A") == ours);
}

TEST_CASE("quire merge-driver: unreadable versions are located errors with exit 2 and ours untouched", "[cli][git]") {
    Sandbox box("git-driver-errors");
    const std::string base = quire::test::readFile(sample());
    const std::string ours = replaced(base, "endDate: \"2024-12-31\"", "endDate: \"2024-10-31\"");
    writeText(box.dir + "/O", base);
    writeText(box.dir + "/A", ours);
    writeText(box.dir + "/B", "name: x\ncontents: [\n");
    const std::string args = shellQuote(box.dir + "/O") + " " + shellQuote(box.dir + "/A") + " " + shellQuote(box.dir + "/B");
    const Run bad = box.run("merge-driver " + args + " wb.yaml");
    INFO(bad.err);
    CHECK(bad.exitCode == 2);
    CHECK_THAT(bad.err, Catch::Contains("their version of wb.yaml is not a readable workbook document") &&
                            Catch::Contains("wb.yaml (theirs):3:1: error [yaml/syntax]") && Catch::Contains("left as our version"));
    CHECK(quire::test::readFile(box.dir + "/A") == ours);

    const Run missing = box.run("merge-driver " + shellQuote(box.dir + "/O") + " " + shellQuote(box.dir + "/A") + " " +
                                shellQuote(box.dir + "/none") + " wb.yaml");
    CHECK(missing.exitCode == 2);
    CHECK(quire::test::readFile(box.dir + "/A") == ours);

    // A JSON path name: the merged result is written in ours' format (JSON), and it is a clean merge.
    const Run json = box.run("convert " + shellQuote(sample()) + " --to json -o " + shellQuote(box.dir + "/O"));
    REQUIRE(json.exitCode == 0);
    const std::string baseJson = quire::test::readFile(box.dir + "/O");
    writeText(box.dir + "/A", replaced(baseJson, "\"endDate\": \"2024-12-31\"", "\"endDate\": \"2024-10-31\""));
    writeText(box.dir + "/B", replaced(baseJson, "\"startDate\": \"2024-01-01\"", "\"startDate\": \"2024-03-01\""));
    const Run clean = box.run("merge-driver " + args + " wb.sigma.json");
    INFO(clean.err);
    CHECK(clean.exitCode == 0);
    const std::string merged = quire::test::readFile(box.dir + "/A");
    CHECK(merged.rfind("{", 0) == 0);
    CHECK_THAT(merged, Catch::Contains("\"endDate\": \"2024-10-31\"") && Catch::Contains("\"startDate\": \"2024-03-01\""));
}

TEST_CASE("quire merge-driver: a clean merge whose result does not validate says so and still succeeds", "[cli][git]") {
    Sandbox box("git-driver-note");
    const std::string base = quire::test::readFile(sample());
    writeText(box.dir + "/O", base);
    // ours deletes the orders table (other elements still source from it); theirs edits the date control
    const auto from = base.find("    - id: orders\n"), to = base.find("    - id: channels\n");
    REQUIRE(from < to);
    writeText(box.dir + "/A", base.substr(0, from) + base.substr(to));
    writeText(box.dir + "/B", replaced(base, "endDate: \"2024-12-31\"", "endDate: \"2024-10-31\""));
    const Run r = box.run("merge-driver " + shellQuote(box.dir + "/O") + " " + shellQuote(box.dir + "/A") + " " +
                          shellQuote(box.dir + "/B") + " wb.sigma.yaml");
    INFO(r.err);
    CHECK(r.exitCode == 0);
    CHECK_THAT(r.err, Catch::Contains("wb.sigma.yaml: merged cleanly, but the result has") &&
                          Catch::Contains("(run quire validate wb.sigma.yaml)"));
    CHECK_THAT(quire::test::readFile(box.dir + "/A"), Catch::Contains("endDate: \"2024-10-31\""));
}

TEST_CASE("git diff shows a workbook change per element through quire textconv", "[cli][git]") {
    Repo repo("git-textconv");
    repo.setUp();
    const std::string base = repo.read("wb.sigma.yaml");
    std::string edited = replaced(base, "endDate: \"2024-12-31\"", "endDate: \"2024-10-31\"");
    edited = replaced(edited, "        - id: ch-cpc\n", "        - id: ch-new\n          name: New\n          formula: \"[channels/x]\"\n        - id: ch-cpc\n");
    repo.commit("wb.sigma.yaml", edited, "edit");
    const Run diff = repo.git("diff HEAD~1 HEAD");
    INFO(diff.out);
    REQUIRE(diff.exitCode == 0);
    CHECK_THAT(diff.out, Catch::Contains("@@ element ctl-date (control)\n") || Catch::Contains(" element ctl-date (control)\n"));
    CHECK_THAT(diff.out, Catch::Contains("\n-  endDate: \"2024-12-31\"\n+  endDate: \"2024-10-31\"\n"));
    CHECK_THAT(diff.out, Catch::Contains("\n+  columns[ch-new].name: \"New\"\n+  columns[ch-new].formula: \"[channels/x]\"\n"));
    CHECK_THAT(diff.out, !Catch::Contains("- id: ch-new"));   // not the YAML text
    const Run direct = repo.box.run("textconv " + shellQuote(repo.file("wb.sigma.yaml")));
    CHECK(direct.exitCode == 0);
    CHECK(direct.out.rfind("workbook\n  name: \"Marketing Analytics Dashboard\"\n", 0) == 0);

    // A broken file is shown as text with a located warning, so git diff still works.
    writeText(repo.file("wb.sigma.yaml"), "name: [\n");
    const Run broken = repo.box.run("textconv " + shellQuote(repo.file("wb.sigma.yaml")));
    CHECK(broken.exitCode == 0);
    CHECK(broken.out == "name: [\n");
    CHECK_THAT(broken.err, Catch::Contains("wb.sigma.yaml:") && Catch::Contains("shown as text"));
}
