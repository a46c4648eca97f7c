#pragma once
// One rule test: edits that break a valid base document, the single rule code expected, and the text whose
// position is the expected file location of the diagnostic.
#include <quire/validate/validator.h>

#include <catch2/catch.hpp>

#include "helpers.h"

namespace quire::test {

struct RuleCase {
    std::string name;
    std::vector<std::pair<std::string, std::string>> edits;
    std::string rule;
    std::string at; // the diagnostic's location is where this text starts (unique in the edited document)
};

inline void expectOnlyRule(std::string_view base, doc::Format format, const RuleCase& c) {
    const std::string path = format == doc::Format::Json ? "case.json" : "case.yaml";
    const std::string text = mutate(std::string(base), c.edits);
    const doc::Document document = mustLoad(text, format, path);
    const std::vector<Diagnostic> found = validate::validate(document);
    INFO("case " << c.name << "\n" << describe(found));
    REQUIRE(rules(found) == std::multiset<std::string>{c.rule});
    const Pos expected = positionOf(text, c.at);
    CHECK(found[0].location.file == path);
    CHECK(found[0].location.line == expected.line);
    CHECK(found[0].location.column == expected.column);
    CHECK(found[0].severity == quire::findRule(c.rule)->severity);
    CHECK_FALSE(found[0].message.empty());
}

inline void expectOnlyRules(std::string_view base, doc::Format format, const std::vector<RuleCase>& cases) {
    for (const auto& c : cases) {
        DYNAMIC_SECTION(c.name) { expectOnlyRule(base, format, c); }
    }
}

} // namespace quire::test
