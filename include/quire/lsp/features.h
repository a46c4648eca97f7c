#pragma once
// The language features as functions of an open document: its text (LineIndex) and, when the text parses,
// its WorkbookIndex (null otherwise). Results are LSP JSON values (the shapes of the 3.17 specification), so
// the server only routes requests to them.
#include <quire/core/diagnostic.h>
#include <quire/core/json.h>
#include <quire/doc/document.h>
#include <quire/lsp/text_lines.h>
#include <quire/lsp/workbook_index.h>

#include <optional>
#include <string>
#include <vector>

namespace quire::lsp {

// The range a diagnostic covers: its token at line:col (a key, a scalar), or inside a formula the span the
// formula checker reported.
Range diagnosticRange(const Diagnostic& diagnostic, const LineIndex& lines);
// LSP Diagnostic objects: range, severity (1 error, 2 warning, 3 information), code = the rule code,
// source "quire", message.
Json toLspDiagnostics(const std::vector<Diagnostic>& diagnostics, const LineIndex& lines);

// CompletionItem array: functions (with signatures) in a formula, `[Element/Column]` references and control
// ids inside brackets, element / control / column ids as the value of elementId, controlId, columnId ...
Json completion(const WorkbookIndex* index, const LineIndex& lines, Position position);
// Hover ({contents: markdown, range}) on a function or a reference; null when there is nothing to say.
Json hover(const WorkbookIndex* index, const LineIndex& lines, Position position);
// Location of the definition of the element id, control id, column id or column reference under the cursor;
// null when the workbook does not define it.
Json definition(const WorkbookIndex& index, const LineIndex& lines, Position position, const std::string& uri);
// DocumentSymbol tree: pages with the elements the layout places on them (containers nesting theirs), each
// element with its columns; elements no page places follow at the top level.
Json documentSymbols(const WorkbookIndex& index);

// TextEdits that turn `text` into its canonical form (what `quire fmt` writes), touching only the lines that
// differ; an empty array when it is canonical. nullopt (and *error) when the text does not load.
std::optional<Json> formattingEdits(const std::string& text, doc::Format format, const std::string& path, std::string* error);

Json toJson(Position position);
Json toJson(const Range& range);

} // namespace quire::lsp
