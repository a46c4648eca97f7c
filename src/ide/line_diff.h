#pragma once
// A line diff of two short texts (an element's SQL in two versions): longest common subsequence of lines.
#include <string>
#include <vector>

namespace quire::ide {

struct DiffLine {
    enum class Kind { Same, Removed, Added } kind = Kind::Same;
    std::string text;
};

// Texts longer than maxLines lines on either side are not aligned: all of `before` removed, all of `after` added.
std::vector<DiffLine> diffLines(const std::string& before, const std::string& after, std::size_t maxLines = 2000);

} // namespace quire::ide
