#pragma once
// One scan of a JSON text's brackets, strings skipped (a loop, not a recursion): the language server measures a
// message's nesting with it before parsing, and finds where an object or array of a document ends.
#include <cstddef>
#include <string>
#include <string_view>

namespace quire::lsp {

// From `from`, calls visit(index, depth) after each '{' '[' '}' ']' outside strings changes the depth (which
// starts at 0); stops at the first call that returns true and returns its index, else std::string_view::npos.
template <class Visit>
std::size_t scanJsonBrackets(std::string_view text, std::size_t from, Visit visit) {
    int depth = 0;
    bool inString = false;
    for (std::size_t i = from; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\') ++i;
            else if (c == '"') inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[' || c == '}' || c == ']') {
            depth += (c == '{' || c == '[') ? 1 : -1;
            if (visit(i, depth)) return i;
        }
    }
    return std::string_view::npos;
}

} // namespace quire::lsp
