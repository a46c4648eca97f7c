#include "terminal_progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace quire::cli {

ProgressMode parseProgressMode(const std::string& text) {
    if (text == "always") return ProgressMode::Always;
    if (text == "never") return ProgressMode::Never;
    return ProgressMode::Auto;
}

TerminalProgress::TerminalProgress(std::string label, ProgressMode mode) : label_(std::move(label)) {
    enabled_ = mode == ProgressMode::Always || (mode == ProgressMode::Auto && ::isatty(STDERR_FILENO) == 1);
}

TerminalProgress::~TerminalProgress() {
    if (drawn_) std::fputs("\n", stderr); // an interrupted bar does not leave the next message on its line
}

void TerminalProgress::update(std::int64_t done, std::int64_t total, const std::string& detail) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    // Throttled, except that a new stage (another table, the next element) is always shown.
    if (drawn_ && now - last_ < std::chrono::milliseconds(100) && done < total && detail == detail_) return;
    last_ = now;
    detail_ = detail;
    draw(done, total, detail);
}

void TerminalProgress::finish() {
    if (!enabled_ || !drawn_) return;
    std::fputs("\n", stderr);
    std::fflush(stderr);
    drawn_ = false;
}

void TerminalProgress::draw(std::int64_t done, std::int64_t total, const std::string& detail) {
    constexpr int kWidth = 30;
    const double fraction = total > 0 ? std::clamp(double(done) / double(total), 0.0, 1.0) : 0.0;
    const int filled = int(fraction * kWidth);
    std::string bar(std::size_t(filled), '#');
    bar.append(std::size_t(kWidth - filled), ' ');
    // \r and \033[K: redraw the same line and clear what a longer previous detail left.
    std::fprintf(stderr, "\r\033[K%s [%s] %3d%%  %lld of %lld%s%s", label_.c_str(), bar.c_str(), int(fraction * 100),
                 static_cast<long long>(done), static_cast<long long>(total), detail.empty() ? "" : "  ", detail.c_str());
    std::fflush(stderr);
    drawn_ = true;
}

} // namespace quire::cli
