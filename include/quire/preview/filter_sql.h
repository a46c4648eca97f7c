#pragma once
// Lowers one FilterSpec (effective_filters.h) to a portable SQL predicate over a column expression, with every
// value as a `?` bound parameter (never inlined). The column expression comes from the formula compiler;
// nothing here is dialect-specific (ANSI LIKE with ESCAPE, LOWER for case-insensitive text, half-open date
// windows so timestamps on the end day match).
#include <quire/core/json.h>
#include <quire/preview/effective_filters.h>

#include <string>
#include <vector>

namespace quire::preview {

struct BoundValue {
    enum class Type { Text, Number, Boolean, Date };
    Type type = Type::Text;
    Json value; // string (Text, Date as yyyy-mm-dd), number or boolean
};

struct LoweredPredicate {
    std::string sql;                 // boolean SQL expression; empty when error is set
    std::vector<BoundValue> params;  // in placeholder order
    // top-n: the predicate applies to a window column the planner adds in a subquery:
    //   <windowSql> AS <rank alias>, then WHERE <sql> with "{rank}" replaced by the alias.
    std::string windowSql;
    std::string error;
    bool ok() const { return error.empty(); }
};

LoweredPredicate lowerFilter(const FilterSpec& filter, const std::string& columnSql);

} // namespace quire::preview
