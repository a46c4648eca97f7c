#pragma once
// Shared helpers of test_validate: load text through the real loader, break a document by text edits, find
// where a piece of text is (the expected diagnostic location), and summarise diagnostics.
#include <quire/core/diagnostic.h>
#include <quire/doc/document.h>

#include "test_support.h"

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quire::test {

struct Loaded {
    std::optional<doc::Document> document;
    std::vector<Diagnostic> diagnostics; // loader diagnostics
};

Loaded loadText(std::string_view text, doc::Format format, const std::string& path = "test.json");
doc::Document mustLoad(std::string_view text, doc::Format format, const std::string& path = "test.json");
std::string dataPath(const std::string& relative); // tests/validate/data/<relative>

// Applies each edit (from -> to); every `from` must occur exactly once in the text at that point.
std::string mutate(std::string text, const std::vector<std::pair<std::string, std::string>>& edits);

struct Pos {
    int line = 0;
    int column = 0;
    bool operator==(const Pos&) const = default;
};
// 1-based line and column of the single occurrence of needle (REQUIREs exactly one); a "@@" inside the
// needle marks the position to return instead of the needle's start.
Pos positionOf(std::string_view text, std::string_view needle);

std::multiset<std::string> rules(const std::vector<Diagnostic>& diagnostics);
std::string describe(const std::vector<Diagnostic>& diagnostics); // one formatted line each, for failure output

} // namespace quire::test
