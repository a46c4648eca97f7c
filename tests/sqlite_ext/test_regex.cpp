// The SQLite extension's regular expression engine: matches, groups, lazy quantifiers, bounds, and linear time on
// inputs that make backtracking engines explode (the time is bounded by construction; these inputs finish at once).
#include "regex.h"

#include <catch2/catch.hpp>

using quire::sqlite_ext::Regex;

namespace {
std::optional<std::string> find(const std::string& pattern, const std::string& text, int group = 0) {
    auto [re, error] = Regex::compile(pattern);
    INFO(error);
    REQUIRE(re);
    std::vector<long> slots;
    if (!re->search(text, 0, slots)) return std::nullopt;
    const auto s = static_cast<std::size_t>(2 * group);
    if (slots[s] < 0) return std::string("<unset>");
    return text.substr(static_cast<std::size_t>(slots[s]), static_cast<std::size_t>(slots[s + 1] - slots[s]));
}
std::string compileError(const std::string& pattern) {
    auto compiled = Regex::compile(pattern);
    CHECK(compiled.regex.has_value() == compiled.error.empty());
    return compiled.error;
}
} // namespace

TEST_CASE("regex: leftmost matches, classes, anchors, alternation", "[sqlite_ext][regex]") {
    CHECK(find("[0-9]+", "order 42 of 7") == "42");
    CHECK(find("\\d{2,3}", "a1b22c333") == "22");
    CHECK(find("^b", "abc") == std::nullopt);
    CHECK(find("c$", "abc") == "c");
    CHECK(find("dog|bird", "cat|dog") == "dog");
    CHECK(find("[^a-z]+", "abcXYZdef") == "XYZ");
    CHECK(find("[[:digit:]]+", "x2024y") == "2024");
    CHECK(find("\\w+@\\w+\\.com", "mail bob@example.com now") == "bob@example.com");
    CHECK(find("h.llo", "héllo") == "héllo"); // . is one code point
    CHECK(find("a\\.b", "axb a.b") == "a.b");
    CHECK(find("x*", "abc") == "");
}

TEST_CASE("regex: groups, non-capturing groups and lazy quantifiers", "[sqlite_ext][regex]") {
    CHECK(find("(\\w+)=(\\w+)", "key=val", 1) == "key");
    CHECK(find("(\\w+)=(\\w+)", "key=val", 2) == "val");
    CHECK(find("(?:ab)+(c)", "ababc", 1) == "c");
    CHECK(find("<.+>", "<a><b>") == "<a><b>");
    CHECK(find("<.+?>", "<a><b>") == "<a>");
    CHECK(find("(a)|(b)", "b", 1) == "<unset>");
}

TEST_CASE("regex: malformed and oversized patterns are errors, not crashes", "[sqlite_ext][regex]") {
    CHECK_FALSE(compileError("(ab").empty());
    CHECK_FALSE(compileError("ab)").empty());
    CHECK_FALSE(compileError("[ab").empty());
    CHECK_FALSE(compileError("*a").empty());
    CHECK_FALSE(compileError("a{3,1}").empty());
    CHECK_FALSE(compileError("a\\").empty());
    CHECK_FALSE(compileError("[[:nope:]]").empty());
    CHECK_FALSE(compileError(std::string(5000, 'a')).empty());             // over the pattern size bound
    CHECK_FALSE(compileError(std::string(150, '(') + std::string(150, ')')).empty()); // nested too deeply
    CHECK_FALSE(compileError("(a{1000}){1000}").empty());                  // program over the instruction bound
    CHECK(compileError("a{2}{3}").empty());
}

TEST_CASE("regex: patterns that make backtracking engines exponential run in linear time", "[sqlite_ext][regex]") {
    const std::string as(200000, 'a');
    CHECK(find("(a*)*b", as) == std::nullopt);
    CHECK(find("(a|a)*(a|aa)*c", as) == std::nullopt);
    CHECK(find("(a|aa)+$", as) == as);
    auto re = Regex::compile("(x+x+)+y").regex;
    REQUIRE(re);
    std::vector<long> slots;
    CHECK_FALSE(re->search(std::string(100000, 'x'), 0, slots));
}
