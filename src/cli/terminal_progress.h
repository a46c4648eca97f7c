#pragma once
// A one-line progress bar on stderr for long CLI commands: shown on a terminal, silent in pipes and CI logs
// unless asked for (--progress always). Redrawn at most every 100 ms and at each new stage; finish() ends the line.
#include <chrono>
#include <cstdint>
#include <string>

namespace quire::cli {

enum class ProgressMode { Auto, Always, Never };
ProgressMode parseProgressMode(const std::string& text); // "auto", "always", "never"

class TerminalProgress {
public:
    TerminalProgress(std::string label, ProgressMode mode);
    ~TerminalProgress();
    bool enabled() const { return enabled_; }
    void update(std::int64_t done, std::int64_t total, const std::string& detail);
    void finish();

private:
    void draw(std::int64_t done, std::int64_t total, const std::string& detail);
    std::string label_;
    bool enabled_ = false;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point last_{};
    std::string detail_;
};

} // namespace quire::cli
