#include "formula_refs.h"

#include <cctype>

namespace quire::validate {

namespace {

bool isIndexStep(std::string_view f, std::size_t open, std::string_view inner) {
    if (open == 0 || inner.empty()) return false;
    for (char c : inner)
        if (c < '0' || c > '9') return false;
    const unsigned char before = static_cast<unsigned char>(f[open - 1]);
    return before == ']' || before == '_' || std::isalnum(before);
}

} // namespace

std::vector<FormulaRef> scanFormulaRefs(std::string_view f) {
    std::vector<FormulaRef> refs;
    std::size_t i = 0;
    while (i < f.size()) {
        const char c = f[i];
        if (c == '"' || c == '\'') { // string literal; a doubled quote or backslash escapes
            std::size_t j = i + 1;
            while (j < f.size()) {
                if (f[j] == '\\') { j += 2; continue; }
                if (f[j] == c) {
                    if (j + 1 < f.size() && f[j + 1] == c) { j += 2; continue; }
                    break;
                }
                ++j;
            }
            i = j + 1;
            continue;
        }
        if (c == '[') {
            std::size_t close = f.find(']', i + 1);
            if (close == std::string_view::npos) break;
            std::string_view inner = f.substr(i + 1, close - i - 1);
            // `[C].items[0]`: an index step of a variant path, not a column reference.
            if (isIndexStep(f, i, inner)) {
                i = close + 1;
                continue;
            }
            FormulaRef ref;
            if (auto slash = inner.find('/'); slash != std::string_view::npos) {
                ref.prefix = std::string(inner.substr(0, slash));
                ref.name = std::string(inner.substr(slash + 1));
            } else {
                ref.name = std::string(inner);
            }
            ref.offset = static_cast<int>(i);
            ref.length = static_cast<int>(close - i + 1);
            if (!ref.name.empty()) refs.push_back(std::move(ref));
            i = close + 1;
            continue;
        }
        ++i;
    }
    return refs;
}

} // namespace quire::validate
