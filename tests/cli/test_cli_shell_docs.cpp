// `quire completion` and `quire manpages` end to end: the generated bash, zsh and fish completions and man pages
// cover exactly the commands `quire --help` lists (read from the help text here, independently of the
// generator), and the shells and groff accept them.
#include "cli_run.h"

#include <catch2/catch.hpp>
#include <test_support.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

using namespace quire::test::cli;

namespace {

std::set<std::string> lines(const std::string& text) {
    std::set<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.insert(line.substr(0, line.find('\t'))); // fish prints "name<TAB>description"
    return out;
}

// The names in the "Subcommands:" section of a CLI11 help text.
std::set<std::string> subcommandsInHelp(const Sandbox& box, const std::string& command) {
    const Run r = box.run(command + " --help");
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    std::set<std::string> out;
    std::istringstream in(r.out);
    bool inSection = false;
    for (std::string line; std::getline(in, line);) {
        if (line == "Subcommands:") {
            inSection = true;
        } else if (inSection && line.rfind("  ", 0) == 0 && line.size() > 2 && line[2] != ' ') {
            out.insert(line.substr(2, line.find(' ', 2) - 2));
        } else if (inSection && !line.empty() && line[0] != ' ') {
            inSection = false;
        }
    }
    return out;
}

std::string shell(const std::string& command) {
    int code = -1;
    std::string out = capture(command + " 2>&1", code);
    INFO(command << "\n" << out);
    REQUIRE(code == 0);
    return out;
}

// Candidates bash offers after `words` (the last one is the word being completed).
std::set<std::string> bashCompletes(const std::string& script, const std::vector<std::string>& words) {
    std::string array;
    for (const auto& w : words) array += " " + shellQuote(w);
    const std::string program = "source " + shellQuote(script) + "; COMP_WORDS=(" + array + "); COMP_CWORD=" +
                                std::to_string(words.size() - 1) + "; _quire; printf '%s\\n' \"${COMPREPLY[@]}\"";
    return lines(shell("bash --norc --noprofile -c " + shellQuote(program)));
}

std::set<std::string> fishCompletes(const std::string& script, const std::string& commandLine) {
    const std::string program = "source " + shellQuote(script) + "; complete -C " + shellQuote(commandLine);
    return lines(shell("fish --no-config -c " + shellQuote(program)));
}

std::string generate(const Sandbox& box, const std::string& shellName) {
    const std::string file = box.dir + "/completion." + shellName;
    const Run r = box.run("completion " + shellName + " -o " + shellQuote(file));
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    return file;
}

} // namespace

TEST_CASE("bash completion offers every command and subcommand quire --help lists, and each command's options",
          "[cli][completion]") {
    Sandbox box("completion-bash");
    const std::string script = generate(box, "bash");
    const auto commands = subcommandsInHelp(box, "");
    REQUIRE(commands.count("validate"));
    REQUIRE(commands.count("completion"));
    CHECK(bashCompletes(script, {"quire", ""}) == commands);
    CHECK(bashCompletes(script, {"quire", "va"}) == std::set<std::string>{"validate"});
    std::size_t nested = 0;
    for (const auto& command : commands) {
        const auto subs = subcommandsInHelp(box, command);
        if (subs.empty()) continue;
        ++nested;
        INFO(command);
        CHECK(bashCompletes(script, {"quire", "-v", command, ""}) == subs);
    }
    CHECK(nested >= 4); // warehouse, connections, audit, personas
    const auto fmtOptions = bashCompletes(script, {"quire", "fmt", "--"});
    CHECK(fmtOptions.count("--check"));
    CHECK_FALSE(fmtOptions.count("--rows"));
    CHECK(bashCompletes(script, {"quire", "warehouse", "generate", "--r"}) == std::set<std::string>{"--rows"});
    // After a command without subcommands bash falls back to file names (complete -o default): nothing offered.
    CHECK(bashCompletes(script, {"quire", "fmt", ""}).empty());
}

TEST_CASE("fish completion offers every command and subcommand quire --help lists", "[cli][completion]") {
    Sandbox box("completion-fish");
    const std::string script = generate(box, "fish");
    const auto commands = subcommandsInHelp(box, "");
    CHECK(fishCompletes(script, "quire ") == commands);
    CHECK(fishCompletes(script, "quire warehouse ") == subcommandsInHelp(box, "warehouse"));
    CHECK(fishCompletes(script, "quire connections ") == subcommandsInHelp(box, "connections"));
    const auto generateOptions = fishCompletes(script, "quire warehouse generate --");
    CHECK(generateOptions.count("--rows"));
    CHECK(generateOptions.count("--output"));
}

TEST_CASE("zsh completion is valid zsh and names every command and subcommand", "[cli][completion]") {
    Sandbox box("completion-zsh");
    const std::string script = generate(box, "zsh");
    shell("zsh --no-rcs -n " + shellQuote(script));
    const std::string text = quire::test::readFile(script);
    CHECK(text.rfind("#compdef quire\n", 0) == 0);
    for (const auto& command : subcommandsInHelp(box, "")) {
        INFO(command);
        CHECK(text.find("'" + command + ":") != std::string::npos);
        for (const auto& sub : subcommandsInHelp(box, command)) CHECK(text.find("'" + sub + ":") != std::string::npos);
    }
}

TEST_CASE("quire completion refuses a shell it has no script for", "[cli][completion]") {
    Sandbox box("completion-unknown");
    const Run r = box.run("completion tcsh");
    CHECK(r.exitCode != 0);
    CHECK(r.out.empty());
}

TEST_CASE("quire manpages writes quire.1 and one page per command, each valid roff with the command's options",
          "[cli][manpages]") {
    Sandbox box("manpages");
    const std::string dir = box.dir + "/man";
    const Run r = box.run("manpages --output " + shellQuote(dir));
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    std::set<std::string> expected{"quire.1"};
    for (const auto& command : subcommandsInHelp(box, "")) expected.insert("quire-" + command + ".1");
    std::set<std::string> written;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) written.insert(entry.path().filename().string());
    CHECK(written == expected);
    CHECK(lines(r.out) == expected);
    for (const auto& page : written) {
        INFO(page);
        // -ww: every warning; groff prints them on stderr, which shell() folds into the output.
        CHECK(shell("groff -man -ww -z " + shellQuote(dir + "/" + page)).empty());
    }
    const std::string fmt = quire::test::readFile(dir + "/quire-fmt.1");
    CHECK(fmt.find(".TH QUIRE\\-FMT 1") != std::string::npos);
    CHECK(fmt.find("\\fB\\-\\-check\\fR") != std::string::npos);
    CHECK(fmt.find("Rewrite workbooks in the canonical style") != std::string::npos);
    const std::string warehouse = quire::test::readFile(dir + "/quire-warehouse.1");
    CHECK(warehouse.find(".SS \"quire warehouse generate\"") != std::string::npos);
    CHECK(warehouse.find("\\fB\\-\\-rows\\fR \\fIINT\\fR") != std::string::npos);
    const std::string root = quire::test::readFile(dir + "/quire.1");
    for (const auto& command : subcommandsInHelp(box, "")) {
        std::string roffName; // a '-' is written \- in roff
        for (char c : command) roffName += c == '-' ? std::string("\\-") : std::string(1, c);
        CHECK(root.find(".BR quire\\-" + roffName + " (1)") != std::string::npos);
    }
}
