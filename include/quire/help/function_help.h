#pragma once
// Help for the formula functions from one source: the catalogue (quire/formula/catalog.h: signature, description,
// example) joined with the SQL compiler's real per-dialect support (a dialect runs a function when it compiles the
// function's example without an error). `quire functions`, docs/functions.md and the IDE's formula help use it.
#include "quire/formula/catalog.h"
#include "quire/formula/checker.h"
#include "quire/sql/compiler.h"
#include "quire/sql/dialect_id.h"

#include <string>
#include <string_view>
#include <vector>

namespace quire::help {

// The columns examples use: the sample warehouse's orders table (docs/warehouse.md), as Sigma names them.
struct ExampleColumn {
    const char* name;          // "Order Date"
    const char* column;        // "order_date"
    formula::Type type;
    const char* warehouseType; // the warehouse type name ("DATE")
};
inline constexpr const char* kExampleTable = "orders";
const std::vector<ExampleColumn>& exampleColumns();

// The checker's view of the example columns.
formula::CheckContext exampleCheckContext();
// The compiler's view: [Name] -> "orders"."column" in `dialect`; window functions ordered by order id; the
// viewing user is the example persona (for the CurrentUser functions).
sql::Resolver exampleResolver(const sql::Dialect& dialect);
sql::CompileOptions exampleCompileOptions(const sql::Dialect& dialect);
// The function's example compiled for one dialect.
sql::CompiledExpression compileExample(const formula::FunctionInfo& function, sql::DialectId dialect);

struct FunctionHelp {
    const formula::FunctionInfo* function = nullptr;
    std::vector<sql::DialectId> dialects; // the dialects that compile the example, in kAllDialects order
    struct Gap {
        sql::DialectId dialect;
        std::string reason; // the compiler's first error, e.g. "Mode is not supported by redshift"
    };
    std::vector<Gap> gaps; // the other dialects
};
FunctionHelp functionHelp(const formula::FunctionInfo& function);

// "Sum(number)" -> the kind in words: "aggregate", "window", "row-level".
std::string_view kindName(formula::FunctionKind kind);
// "snowflake, bigquery, ..." or "all six dialects".
std::string dialectList(const std::vector<sql::DialectId>& dialects);

// Plain text for a terminal: the list of all functions with their descriptions, and the detail of one.
std::string functionListText();
std::string functionDetailText(const FunctionHelp& help);
// docs/functions.md, generated (`quire functions --markdown`).
std::string functionsMarkdown();

} // namespace quire::help
