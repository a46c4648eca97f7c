// The rule catalogue: unique codes, each with a description; docs/validator.md lists every code.
#include <quire/validate/validator.h>

#include <catch2/catch.hpp>
#include <set>

#include "helpers.h"

using namespace quire;

TEST_CASE("rule catalogue has unique, described codes", "[catalogue]") {
    std::set<std::string_view> codes;
    for (const auto& r : validate::allRules()) {
        INFO(r.code);
        CHECK(codes.insert(r.code).second);
        CHECK(r.code.find('/') != std::string_view::npos);
        CHECK_FALSE(r.description.empty());
        CHECK(validate::findRule(r.code) == &r);
    }
    CHECK(validate::findRule("no/such-rule") == nullptr);
}

TEST_CASE("docs/validator.md documents every rule", "[catalogue]") {
    const std::string docs = test::readFile(test::sourceDir() + "/docs/validator.md");
    for (const auto& r : validate::allRules()) {
        INFO(r.code);
        std::string needle(1, '`');
        needle.append(r.code).push_back('`');
        CHECK(docs.find(needle) != std::string::npos);
    }
}
