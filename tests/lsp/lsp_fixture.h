#pragma once
// The sample workbook of tests/lsp/data, parsed and indexed, and positions found by the text they point at.
#include <quire/doc/io.h>
#include <quire/lsp/text_lines.h>
#include <quire/lsp/workbook_index.h>

#include <memory>
#include <string>

namespace quire::test::lsp {

std::string sampleText();

struct Indexed {
    std::shared_ptr<const std::string> text;
    std::unique_ptr<quire::lsp::WorkbookIndex> index;
    quire::lsp::LineIndex lines() const { return quire::lsp::LineIndex(*text); }
};
Indexed indexText(const std::string& text);

// The LSP position of byte `shift` of the `occurrence`-th (0-based) appearance of `needle` in `text`.
quire::lsp::Position positionOf(const std::string& text, const std::string& needle, std::size_t shift = 0, int occurrence = 0);

} // namespace quire::test::lsp
