#pragma once
// A linear-time regular expression engine for the Quire SQLite extension (Thompson NFA run as a Pike VM: time
// O(text x program), no backtracking, so hostile text or patterns cannot blow up). Works on UTF-8 code points.
// Syntax (the POSIX/Perl subset the warehouses share): literals, `.`, `[...]`/`[^...]` with ranges, `\d \w \s \D \W
// \S`, `[[:alpha:]]`-style classes, escapes `\. \\ \t \n` ..., anchors `^ $`, groups `( )` and `(?: )`, `|`, and the
// quantifiers `* + ? {n} {n,} {n,m}`, each optionally lazy (`*?`). Bounded: the pattern is at most kMaxPatternBytes,
// groups nest at most kMaxNesting deep and the compiled program has at most kMaxInstructions.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quire::sqlite_ext {

constexpr std::size_t kMaxPatternBytes = 4096;
constexpr int kMaxNesting = 100;
constexpr std::size_t kMaxInstructions = 20000;

struct Inst {
    enum Op { Char, Any, Class, Split, Jmp, Save, Match, Bol, Eol } op = Match;
    char32_t c = 0;  // Char
    int x = 0, y = 0; // Split: preferred x, then y; Jmp: x; Save: slot x; Class: index x
};

struct CharClass {
    bool negated = false;
    std::vector<std::pair<char32_t, char32_t>> ranges;
    bool contains(char32_t c) const;
};

struct CompiledRegex;

class Regex {
public:
    // The program, or no regex and the reason when the pattern is malformed or over a bound. (This module is
    // loaded into SQLite on its own and answers through sqlite3_result_error, so it uses no Quire types.)
    static CompiledRegex compile(std::string_view pattern);
    int groups() const { return groups_; }
    // The leftmost match at or after byte `from`: byte offsets of the whole match (slots 0, 1) and of each group
    // (2k, 2k + 1; -1 when the group did not take part). False when there is none.
    bool search(std::string_view text, std::size_t from, std::vector<long>& slots) const;

private:
    std::vector<Inst> program_;
    std::vector<CharClass> classes_;
    int groups_ = 0;
    friend class Compiler;
};

struct CompiledRegex {
    std::optional<Regex> regex;
    std::string error; // why there is no regex
};

} // namespace quire::sqlite_ext
