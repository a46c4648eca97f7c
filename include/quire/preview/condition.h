#pragma once
// A small evaluator for action conditions and value-source formulas while the full formula engine is not
// wired in: literals (numbers, "text", True/False, Null), references `[controlId]`, `[Selection/Col]` and
// `[Col]` (input-table row context), comparisons = != < <= > >=, And/Or/Not (also && || !), IsNull(x),
// IsNotNull(x), parentheses. Anything else returns an error, never a guess.
#include <quire/core/json.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace quire::preview {

struct EvalContext {
    // Resolves a bracket reference ("controlId", "Selection/Col", "Col"); nullopt = unknown reference.
    std::function<std::optional<Json>(std::string_view reference)> resolve;
};

struct EvalResult {
    std::optional<Json> value; // empty on error
    std::string error;
};

EvalResult evaluateSimpleFormula(std::string_view formula, const EvalContext& context);

// Sigma truthiness of a condition value: true only for boolean true (null/false/other -> false).
bool isTrue(const Json& value);

} // namespace quire::preview
