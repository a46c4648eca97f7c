#include <quire/lsp/features.h>

#include <quire/doc/io.h>
#include <quire/doc/schema_modeline.h>

namespace quire::lsp {
namespace {

constexpr std::size_t kMaxDiffCells = 4'000'000; // line pairs compared; beyond it one edit covers the middle

// Byte offsets where each line starts, plus the text's size.
std::vector<std::size_t> lineOffsets(std::string_view text) {
    std::vector<std::size_t> out{0};
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n' && i + 1 < text.size()) out.push_back(i + 1);
    out.push_back(text.size());
    return out;
}

std::string_view lineAt(std::string_view text, const std::vector<std::size_t>& offsets, std::size_t i) {
    return text.substr(offsets[i], offsets[i + 1] - offsets[i]);
}

} // namespace

std::optional<Json> formattingEdits(const std::string& text, doc::Format format, const std::string& path, std::string* error) {
    const doc::LoadResult loaded = doc::parseDocument(text, format, path);
    if (!loaded.ok()) {
        if (error) *error = loaded.diagnostics.empty() ? "the document does not load" : formatDiagnostic(loaded.diagnostics.front());
        return std::nullopt;
    }
    std::string canonical;
    try {
        canonical = doc::canonicalText(*loaded.document, text);
    } catch (const std::exception& e) {
        if (error) *error = e.what();
        return std::nullopt;
    }
    Json edits = Json::array();
    if (canonical == text) return edits;

    // A line diff: common leading and trailing lines stay, the lines between are matched by their longest
    // common subsequence, and each run of changed lines becomes one edit.
    const auto a = lineOffsets(text);
    const auto b = lineOffsets(canonical);
    const std::size_t n = a.size() - 1, m = b.size() - 1;
    std::size_t head = 0;
    while (head < n && head < m && lineAt(text, a, head) == lineAt(canonical, b, head)) ++head;
    std::size_t tail = 0;
    while (tail < n - head && tail < m - head && lineAt(text, a, n - 1 - tail) == lineAt(canonical, b, m - 1 - tail)) ++tail;
    const std::size_t rows = n - head - tail, cols = m - head - tail;

    const LineIndex lines(text);
    auto emit = [&](std::size_t fromA, std::size_t toA, std::size_t fromB, std::size_t toB) {
        if (fromA == toA && fromB == toB) return;
        const std::string replacement = canonical.substr(b[fromB], b[toB] - b[fromB]);
        edits.push_back({{"range", toJson(Range{lines.position(a[fromA]), lines.position(a[toA])})}, {"newText", replacement}});
    };
    if (rows == 0 || cols == 0 || rows * cols > kMaxDiffCells) {
        emit(head, n - tail, head, m - tail);
        return edits;
    }
    // lcs[i][j]: common lines of a[head+i..] and b[head+j..].
    std::vector<std::uint32_t> lcs((rows + 1) * (cols + 1), 0);
    auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return lcs[i * (cols + 1) + j]; };
    for (std::size_t i = rows; i-- > 0;)
        for (std::size_t j = cols; j-- > 0;)
            at(i, j) = lineAt(text, a, head + i) == lineAt(canonical, b, head + j) ? at(i + 1, j + 1) + 1
                                                                                  : std::max(at(i + 1, j), at(i, j + 1));
    std::size_t i = 0, j = 0, runA = 0, runB = 0;
    while (i < rows || j < cols) {
        if (i < rows && j < cols && lineAt(text, a, head + i) == lineAt(canonical, b, head + j)) {
            emit(head + runA, head + i, head + runB, head + j);
            ++i, ++j;
            runA = i, runB = j;
        } else if (j < cols && (i == rows || at(i, j + 1) >= at(i + 1, j))) {
            ++j;
        } else {
            ++i;
        }
    }
    emit(head + runA, head + rows, head + runB, head + cols);
    return edits;
}

} // namespace quire::lsp
