#pragma once
// The function catalogue as data: one entry per Sigma function (see docs/formulas.md).
#include "quire/formula/types.h"
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace quire::formula {

enum class FunctionKind { RowLevel, Aggregate, Window };

struct ParamSpec {
    Type type = Type::Unknown;  // Unknown = any
    bool optional = false;
    bool variadic = false;      // repeats (last parameter only)
    bool datePart = false;      // must be a text literal naming a date part
};

// Return type: a fixed type, or the type of argument `fromArg`, or the common type of arguments >= fromArg.
struct ReturnRule {
    Type fixed = Type::Unknown;
    int fromArg = -1;
    bool common = false;
};

struct FunctionInfo {
    std::string name;         // canonical spelling, e.g. "CumulativeSum"
    std::string category;     // Aggregate, Window, Date, Text, Logical, Math, Type
    FunctionKind kind = FunctionKind::RowLevel;
    std::vector<ParamSpec> params;
    ReturnRule returns;
    std::string signature;    // human readable, e.g. "Round(number, [digits])"
    std::string description;
    std::string aliasOf;      // non-empty for accepted aliases (RunningSum -> CumulativeSum)
    std::string example;      // a formula using it, e.g. "Round([Revenue], 1)" (docs/functions.md)

    int minArgs() const;
    int maxArgs() const; // -1 = unbounded
};

class FunctionCatalog {
public:
    static const FunctionCatalog& builtin();
    // Case-insensitive lookup; aliases resolve to their own entry (aliasOf names the canonical one).
    const FunctionInfo* find(std::string_view name) const;
    std::span<const FunctionInfo> all() const { return functions_; }
    // Closest names by edit distance (for "did you mean"), at most `limit`.
    std::vector<std::string> suggest(std::string_view name, int limit = 1) const;

    explicit FunctionCatalog(std::vector<FunctionInfo> functions);

private:
    std::vector<FunctionInfo> functions_;
};

int editDistance(std::string_view a, std::string_view b); // case-insensitive Levenshtein
std::vector<std::string> closestNames(std::string_view name, const std::vector<std::string>& candidates, int limit);

} // namespace quire::formula
