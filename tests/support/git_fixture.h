#pragma once
// Real temporary git repositories for the version-control tests, made with the `git` command line. The git
// configuration is isolated from the machine's (HOME points at an empty folder, no system config), so a test
// that needs user.name/user.email sets them in the repository itself.
#include "test_support.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <sys/wait.h>
#include <string>

namespace quire::test {

// Call before the first git or libgit2 use of a test program (libgit2 reads HOME once).
inline void isolateGitConfig() {
    static const bool done = [] {
        const std::string home = makeTempDir("git-home");
        setenv("HOME", home.c_str(), 1);
        // A test program that already points XDG_CONFIG_HOME at its own folder (test_ide) keeps it: git finds no
        // config there either.
        setenv("XDG_CONFIG_HOME", (home + "/.config").c_str(), 0);
        setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
        setenv("GIT_TERMINAL_PROMPT", "0", 1);
        unsetenv("SSH_AUTH_SOCK");
        return true;
    }();
    (void)done;
}

struct CommandResult {
    int status = -1;
    std::string output; // stdout and stderr
};

// Runs a shell command in a folder.
inline CommandResult runIn(const std::string& folder, const std::string& command) {
    isolateGitConfig();
    const std::string full = "cd '" + folder + "' && (" + command + ") 2>&1";
    CommandResult result;
    FILE* pipe = popen(full.c_str(), "r");
    if (!pipe) return result;
    char buffer[4096];
    std::size_t n = 0;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
    const int rc = pclose(pipe);
    result.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    return result;
}

class GitRepo {
public:
    // A new repository on branch main; with `identity`, user.name/user.email are set in its config.
    explicit GitRepo(const std::string& tag, bool identity = true) : dir_(makeTempDir(tag)) {
        git("init -q -b main");
        if (identity) {
            git("config user.name 'Quire Test'");
            git("config user.email test@example.com");
        }
    }
    const std::string& dir() const { return dir_; }
    std::string path(const std::string& relative) const { return dir_ + "/" + relative; }
    // `git ARGS` in the repository; its output (trimmed). Fails the test when git does unless `mayFail`.
    std::string git(const std::string& args, bool mayFail = false) const {
        const auto r = runIn(dir_, "git " + args);
        if (!mayFail && r.status != 0) throw std::runtime_error("git " + args + " failed: " + r.output);
        std::string out = r.output;
        while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
        return out;
    }
    void write(const std::string& relative, const std::string& text) const {
        const std::filesystem::path p = path(relative);
        std::filesystem::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << text;
    }
    std::string read(const std::string& relative) const { return readFile(path(relative)); }
    void commitAll(const std::string& message) const { git("add -A && git commit -q -m '" + message + "'"); }

private:
    std::string dir_;
};

// `text` with the one occurrence of `from` replaced (throws when it is not there).
inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    if (at == std::string::npos) throw std::runtime_error("no '" + from + "' in the text");
    return text.replace(at, from.size(), to);
}

} // namespace quire::test
