// The rule catalogue (quire/core/rules.h): every code any layer reports is declared once, described, used by the
// sources only in its declared spelling, and listed in docs/rules.md. (That a mistyped RuleCode literal does not
// compile is checked by the ctest `rule-code-typo-does-not-compile`, tests/core/rule_code_typo.cpp.)
#include <quire/core/rules.h>

#include <catch2/catch.hpp>
#include <test_support.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

TEST_CASE("the rule catalogue has unique, described, well-formed codes", "[base][rules]") {
    std::set<std::string_view> codes;
    for (const auto& rule : quire::ruleCatalogue()) {
        INFO(rule.code);
        CHECK(codes.insert(rule.code).second);
        const auto slash = rule.code.find('/');
        REQUIRE(slash != std::string_view::npos);
        CHECK(slash > 0);
        CHECK(rule.code.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-/") == std::string_view::npos);
        CHECK_FALSE(rule.description.empty());
        CHECK(quire::findRule(rule.code) == &rule);
        REQUIRE(quire::RuleCode::lookup(rule.code));
        CHECK(quire::RuleCode::lookup(rule.code)->code() == rule.code);
    }
    CHECK(quire::findRule("no/such-rule") == nullptr);
    CHECK_FALSE(quire::RuleCode::lookup("no/such-rule"));
    constexpr quire::RuleCode code = "preview/unknown-element";
    const quire::Diagnostic d = quire::makeDiagnostic(code, "no element 'x'", "/contents/elements/0");
    CHECK(d.rule == "preview/unknown-element");
    CHECK(d.severity == quire::Severity::Error);
    CHECK(quire::makeDiagnostic("seed/short-path", "m").severity == quire::Severity::Warning);
}

TEST_CASE("every rule code written in the sources is in the catalogue", "[base][rules]") {
    // The families the catalogue declares; a literal "<family>/<name>" anywhere in src/ must be a declared code
    // (this also covers comparisons such as d.rule == "...", which RuleCode does not see).
    std::set<std::string> families;
    for (const auto& rule : quire::ruleCatalogue()) families.insert(std::string(rule.code.substr(0, rule.code.find('/'))));
    std::size_t checked = 0;
    for (const auto& entry : fs::recursive_directory_iterator(quire::test::sourceDir() + "/src")) {
        const std::string ext = entry.path().extension().string();
        if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".h")) continue;
        std::ifstream in(entry.path());
        std::string line;
        for (int number = 1; std::getline(in, line); ++number) {
            for (std::size_t quote = line.find('"'); quote != std::string::npos; quote = line.find('"', quote + 1)) {
                const std::size_t end = line.find('"', quote + 1);
                if (end == std::string::npos) break;
                const std::string literal = line.substr(quote + 1, end - quote - 1);
                quote = end;
                const auto slash = literal.find('/');
                if (slash == std::string::npos || !families.count(literal.substr(0, slash))) continue;
                if (literal.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-/") != std::string::npos) continue;
                if (literal.find('/', slash + 1) != std::string::npos || slash + 1 == literal.size()) continue;
                INFO(entry.path().string() << ":" << number << ": " << literal);
                CHECK(quire::findRule(literal) != nullptr);
                ++checked;
            }
        }
    }
    CHECK(checked > 150); // the scan saw the codes (a broken scan would pass vacuously)
}

TEST_CASE("docs/rules.md lists every code with its severity and description", "[base][rules]") {
    std::ifstream in(quire::test::sourceDir() + "/docs/rules.md");
    std::stringstream docs;
    docs << in.rdbuf();
    for (const auto& rule : quire::ruleCatalogue()) {
        const std::string row = "| `" + std::string(rule.code) + "` | " + std::string(quire::severityName(rule.severity)) +
                                " | " + std::string(rule.description) + " |";
        INFO(row);
        CHECK(docs.str().find(row) != std::string::npos);
    }
}
