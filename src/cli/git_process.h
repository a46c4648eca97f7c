#pragma once
// Running git (found on PATH) without a shell, for `quire init-repo`: its configuration is git's to edit
// (includes, worktrees, the exact file syntax), so Quire asks git instead of writing .git/config itself.
#include <cstddef>
#include <string>
#include <vector>

namespace quire::cli {

struct GitRun {
    bool started = false; // false: git could not be run (not installed); see error
    int exitCode = -1;
    std::string out;      // stdout (trailing newlines trimmed unless keepOutput); at most maxOutput bytes kept
    bool truncated = false; // stdout was longer than maxOutput
    std::string error;    // stderr (or why git could not be started), trimmed
};

struct GitOptions {
    std::size_t maxOutput = std::size_t(1) << 20;
    bool keepOutput = false; // stdout exactly as written (no trimming)
};

GitRun runGit(const std::vector<std::string>& arguments, const GitOptions& options = {});

} // namespace quire::cli
