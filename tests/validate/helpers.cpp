#include "helpers.h"

#include <quire/doc/io.h>

#include <catch2/catch.hpp>

namespace quire::test {

Loaded loadText(std::string_view text, doc::Format format, const std::string& path) {
    doc::LoadResult result = doc::parseDocument(text, format, path);
    return {std::move(result.document), std::move(result.diagnostics)};
}

doc::Document mustLoad(std::string_view text, doc::Format format, const std::string& path) {
    Loaded loaded = loadText(text, format, path);
    INFO(describe(loaded.diagnostics));
    REQUIRE(loaded.document.has_value());
    return std::move(*loaded.document);
}

std::string dataPath(const std::string& relative) { return std::string(QUIRE_VALIDATE_DATA) + "/" + relative; }

std::string mutate(std::string text, const std::vector<std::pair<std::string, std::string>>& edits) {
    for (const auto& [from, to] : edits) {
        INFO("edit: " << from);
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        REQUIRE(text.find(from, at + 1) == std::string::npos);
        text.replace(at, from.size(), to);
    }
    return text;
}

Pos positionOf(std::string_view text, std::string_view marked) {
    // "@@" inside the needle marks the expected position; without it the needle's start is.
    std::string needle(marked);
    std::size_t offset = 0;
    if (auto m = needle.find("@@"); m != std::string::npos) {
        offset = m;
        needle.erase(m, 2);
    }
    INFO("needle: " << needle);
    const auto found = text.find(needle);
    const auto at = found + offset;
    REQUIRE(found != std::string_view::npos);
    REQUIRE(text.find(needle, found + 1) == std::string_view::npos);
    Pos pos{1, 1};
    for (std::size_t i = 0; i < at; ++i) {
        if (text[i] == '\n') {
            ++pos.line;
            pos.column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++pos.column;
        }
    }
    return pos;
}

std::multiset<std::string> rules(const std::vector<Diagnostic>& diagnostics) {
    std::multiset<std::string> out;
    for (const auto& d : diagnostics) out.insert(d.rule);
    return out;
}

std::string describe(const std::vector<Diagnostic>& diagnostics) {
    std::string out;
    for (const auto& d : diagnostics) out += formatDiagnostic(d) + "\n";
    return out.empty() ? "(no diagnostics)" : out;
}

} // namespace quire::test
