#include "line_diff.h"

#include <algorithm>

namespace quire::ide {
namespace {

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

} // namespace

std::vector<DiffLine> diffLines(const std::string& before, const std::string& after, std::size_t maxLines) {
    const auto a = lines(before), b = lines(after);
    std::vector<DiffLine> out;
    if (a.size() > maxLines || b.size() > maxLines) {
        for (const auto& l : a) out.push_back({DiffLine::Kind::Removed, l});
        for (const auto& l : b) out.push_back({DiffLine::Kind::Added, l});
        return out;
    }
    // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
    std::vector<std::vector<unsigned>> lcs(a.size() + 1, std::vector<unsigned>(b.size() + 1, 0));
    for (std::size_t i = a.size(); i-- > 0;)
        for (std::size_t j = b.size(); j-- > 0;)
            lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    std::size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        if (i < a.size() && j < b.size() && a[i] == b[j]) {
            out.push_back({DiffLine::Kind::Same, a[i]});
            ++i, ++j;
        } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
            out.push_back({DiffLine::Kind::Removed, a[i++]}); // removed lines before the added ones, as in git diff
        } else {
            out.push_back({DiffLine::Kind::Added, b[j++]});
        }
    }
    return out;
}

} // namespace quire::ide
