#pragma once
// Type inference and semantic checks. Used by the validator (hook), the IDE and the SQL compiler.
#include "quire/core/diagnostic.h"
#include "quire/formula/ast.h"
#include "quire/formula/catalog.h"
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace quire::formula {

struct CheckContext {
    // Columns visible to the formula: "Name" (sibling) and "Prefix/Name" (source) -> type.
    std::map<std::string, Type, std::less<>> columns;
    std::set<std::string, std::less<>> controls; // control ids
    const FunctionCatalog* catalog = nullptr;   // null = builtin
};

struct CheckResult {
    Type type = Type::Unknown;
    ExprLevel level = ExprLevel::Constant;
    std::vector<quire::Diagnostic> diagnostics; // rules formula/unknown-column, formula/unknown-function,
                                                // formula/arity, formula/type, formula/nested-aggregate,
                                                // formula/mixed-aggregate, formula/window-argument, formula/date-part
    bool ok() const { return !quire::hasErrors(diagnostics); }
};

CheckResult checkExpression(const Node& root, const CheckContext& context);
// Parse + check; syntax errors are returned as diagnostics.
CheckResult checkFormula(std::string_view text, const CheckContext& context);

// Names used in issue #3: Scope = CheckContext, Expr = Node.
using Scope = CheckContext;
using Expr = Node;
inline CheckResult checkFormula(const Node& root, const CheckContext& context) { return checkExpression(root, context); }
// Parse + check, diagnostics only (syntax errors included, each with its formulaSpan).
std::vector<quire::Diagnostic> checkFormulaText(std::string_view text, const CheckContext& context);

// The date parts accepted by DateTrunc/DatePart/DateAdd/DateDiff (lower case).
bool isDatePart(std::string_view part);

} // namespace quire::formula
