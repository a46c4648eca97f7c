#pragma once
// What the cursor is in, found lexically from its line (so it works while the document does not parse): a
// column formula (a function name or a `[reference]` being typed or pointed at), the value of a member such
// as `elementId: ...`, or an `elementId="..."` attribute of the layout XML.
#include <quire/lsp/text_lines.h>

#include <cstddef>
#include <string>

namespace quire::lsp {

struct CursorContext {
    enum class Kind {
        None,
        FormulaName,      // an identifier in a formula (a function, or the start of one)
        FormulaReference, // inside `[...]` in a formula
        MemberValue       // the value of `key` (YAML/JSON member, or a layout elementId attribute)
    };
    Kind kind = Kind::None;
    std::string key;             // MemberValue: the member's key ("elementId", "controlId", ...)
    std::string prefix;          // the text from the start of the token to the cursor (what completion filters by)
    std::string token;           // the whole token under the cursor (function name, reference text, value)
    std::size_t tokenStart = 0;  // byte offsets of `token` in the document text
    std::size_t tokenEnd = 0;
    std::size_t cursor = 0;      // byte offset of the cursor
    bool closed = false;         // FormulaReference: a `]` already ends it
    bool callFollows = false;    // FormulaName: `(` follows the name
};

CursorContext analyzeCursor(const LineIndex& lines, Position position);

} // namespace quire::lsp
