#pragma once
// Planner parameters (BoundValue) as ODBC parameters of quire_connect. Header-only so quire_preview itself
// does not depend on the ODBC layer; the CLI and the IDE, which execute plans, include it.
#include <quire/connect/odbc.h>
#include <quire/preview/filter_sql.h>

#include <cstdio>
#include <string>
#include <vector>

namespace quire::preview {

inline connect::Param toConnectParam(const BoundValue& b) {
    using T = BoundValue::Type;
    if (b.value.is_null()) return std::monostate{};
    if (b.type == T::Boolean) return b.value.get<bool>();
    if (b.type == T::Number) {
        if (b.value.is_number_integer()) return b.value.get<std::int64_t>();
        return b.value.get<double>();
    }
    const std::string s = b.value.is_string() ? b.value.get<std::string>() : b.value.dump();
    if (b.type == T::Date) {
        connect::Date d;
        if (std::sscanf(s.c_str(), "%d-%d-%d", &d.year, &d.month, &d.day) == 3) return d;
    }
    return s;
}

inline std::vector<connect::Param> toConnectParams(const std::vector<BoundValue>& values) {
    std::vector<connect::Param> out;
    out.reserve(values.size());
    for (const auto& v : values) out.push_back(toConnectParam(v));
    return out;
}

} // namespace quire::preview
