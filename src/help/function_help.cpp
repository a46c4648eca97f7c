// The example columns and the per-dialect support of each function (its example compiled for every dialect).
#include "quire/help/function_help.h"

#include "quire/sql/current_user.h"
#include "quire/sql/dialect.h"

namespace quire::help {
namespace {

// The persona the CurrentUser examples run as (values bound as parameters, as a personas file would give them).
const sql::CurrentUser& examplePersona() {
    static const sql::CurrentUser user = [] {
        sql::CurrentUser u;
        u.email = "ana@example.com";
        u.fullName = "Ana Example";
        u.teams = {"Marketing"};
        u.attributes = {{"region", std::string("EMEA")}, {"quota", 50000.0}, {"start_date", std::string("2024-01-01")}};
        return u;
    }();
    return user;
}

} // namespace

const std::vector<ExampleColumn>& exampleColumns() {
    static const std::vector<ExampleColumn> columns = {
        {"Order Id", "order_id", formula::Type::Integer, "BIGINT"},
        {"User Id", "user_id", formula::Type::Integer, "BIGINT"},
        {"Order Date", "order_date", formula::Type::Date, "DATE"},
        {"Order Time", "order_time", formula::Type::Datetime, "TIMESTAMP"},
        {"Revenue", "revenue", formula::Type::Number, "NUMERIC"},
        {"Items", "items", formula::Type::Integer, "INTEGER"},
        {"Discount", "discount", formula::Type::Number, "FLOAT"},
        {"Status", "status", formula::Type::Text, "VARCHAR"},
    };
    return columns;
}

formula::CheckContext exampleCheckContext() {
    formula::CheckContext context;
    for (const auto& c : exampleColumns()) context.columns.emplace(c.name, c.type);
    return context;
}

sql::Resolver exampleResolver(const sql::Dialect& dialect) {
    return [&dialect](const sql::Reference& ref) -> sql::Resolution {
        if (!ref.hasPrefix)
            for (const auto& c : exampleColumns())
                if (ref.name == c.name)
                    return sql::ColumnSql{dialect.quotePath({kExampleTable, c.column}), c.type, formula::ExprLevel::RowLevel,
                                          {}, c.warehouseType};
        return sql::ResolveError{"examples use only the columns of the orders table"};
    };
}

sql::CompileOptions exampleCompileOptions(const sql::Dialect& dialect) {
    sql::CompileOptions options;
    options.windowOrderBy = dialect.quotePath({kExampleTable, "order_id"});
    options.user = &examplePersona();
    return options;
}

sql::CompiledExpression compileExample(const formula::FunctionInfo& function, sql::DialectId id) {
    const sql::Dialect& d = sql::dialect(id);
    return sql::compileFormula(function.example, d, exampleResolver(d), exampleCompileOptions(d));
}

FunctionHelp functionHelp(const formula::FunctionInfo& function) {
    FunctionHelp help;
    help.function = &function;
    for (sql::DialectId id : sql::kAllDialects) {
        const auto compiled = compileExample(function, id);
        if (compiled.ok()) {
            help.dialects.push_back(id);
            continue;
        }
        std::string reason;
        for (const auto& d : compiled.diagnostics)
            if (d.severity == Severity::Error) {
                reason = d.message;
                break;
            }
        help.gaps.push_back({id, reason});
    }
    return help;
}

} // namespace quire::help
