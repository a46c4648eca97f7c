#include "lsp_fixture.h"

#include <catch2/catch.hpp>
#include <test_support.h>

namespace quire::test::lsp {

std::string sampleText() { return readFile(sourceDir() + "/tests/lsp/data/sample.yaml"); }

Indexed indexText(const std::string& text) {
    Indexed out;
    out.text = std::make_shared<const std::string>(text);
    auto loaded = doc::parseDocument(*out.text, doc::Format::Yaml, "sample.yaml");
    REQUIRE(loaded.document);
    auto document = std::make_shared<const doc::Document>(std::move(*loaded.document));
    out.index = std::make_unique<quire::lsp::WorkbookIndex>(document, out.text);
    return out;
}

quire::lsp::Position positionOf(const std::string& text, const std::string& needle, std::size_t shift, int occurrence) {
    std::size_t at = text.find(needle);
    for (int i = 0; i < occurrence && at != std::string::npos; ++i) at = text.find(needle, at + 1);
    REQUIRE(at != std::string::npos);
    return quire::lsp::LineIndex(text).position(at + shift);
}

} // namespace quire::test::lsp
