#pragma once
// Shared by the SQL tests: a resolver over a fixed set of typed columns and a control.
#include "quire/sql/compiler.h"

namespace quire::test {

// [N] number, [I] integer, [T] text, [D] datetime, [B] logical, [V] variant -> "t"."<name>";
// [ctl] -> bound parameter 'ctl-value'. Anything else -> ResolveError.
inline quire::sql::Resolver fixtureResolver(const quire::sql::Dialect& d) {
    using namespace quire::sql;
    using quire::formula::Type;
    return [&d](const Reference& r) -> Resolution {
        static const std::pair<const char*, Type> cols[] = {{"N", Type::Number}, {"I", Type::Integer}, {"T", Type::Text},
                                                            {"D", Type::Datetime}, {"B", Type::Logical}, {"V", Type::Variant}};
        for (const auto& [name, type] : cols)
            if (r.name == name) return ColumnSql{d.quoteIdentifier("t") + "." + d.quoteIdentifier(r.name), type};
        if (r.name == "ctl") return ControlValue{std::string("ctl-value"), Type::Text};
        return ResolveError{"no column [" + r.name + "]"};
    };
}

} // namespace quire::test
