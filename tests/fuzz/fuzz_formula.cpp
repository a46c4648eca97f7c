// Formula text -> parser -> checker -> SQL compiler for every dialect.
#include "fuzz_support.h"

#include <quire/formula/checker.h>
#include <quire/formula/parser.h>
#include <quire/sql/compiler.h>
#include <quire/sql/dialect.h>

namespace {

// Every reference resolves: [Control] to a control value, the rest to a column, so the compiler goes deep.
quire::sql::Resolution resolve(const quire::sql::Reference& ref) {
    using namespace quire;
    if (ref.name == "Control") return sql::ControlValue{sql::Value{std::string("x'); DROP TABLE t; --")}, formula::Type::Text};
    if (ref.name == "List")
        return sql::ControlValue{{}, formula::Type::Number, true, {sql::Value{std::int64_t{1}}, sql::Value{2.5}}};
    if (ref.name == "Missing") return sql::ResolveError{"no such column"};
    const formula::Type type = ref.name == "Amount" ? formula::Type::Number
                               : ref.name == "Day"  ? formula::Type::Datetime
                                                    : formula::Type::Text;
    return sql::ColumnSql{"\"t\".\"" + ref.name + "\"", type};
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace quire;
    const std::string_view text = fuzz::asText(data, size);
    const auto parsed = formula::parseFormula(text);
    if (!parsed.root) return 0;
    formula::CheckContext context;
    context.columns = {{"Amount", formula::Type::Number}, {"Name", formula::Type::Text},
                       {"Day", formula::Type::Datetime}, {"Orders/Amount", formula::Type::Number}};
    context.controls = {"Control", "List"};
    (void)formula::checkExpression(*parsed.root, context);
    sql::CompileOptions options;
    options.windowOrderBy = "\"t\".\"Day\"";
    for (const auto id : sql::kAllDialects) (void)sql::compileExpression(*parsed.root, sql::dialect(id), resolve, options);
    return 0;
}
