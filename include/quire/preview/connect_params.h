#pragma once
// Planner parameters (BoundValue) as ODBC parameters of quire_connect. Header-only so quire_preview itself
// does not depend on the ODBC layer; the CLI and the IDE, which execute plans, include it.
#include <quire/connect/connection_registry.h>
#include <quire/connect/odbc.h>
#include <quire/preview/filter_sql.h>
#include <quire/preview/session.h>

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

// Table paths as the registry's profile for the connectionId resolves them (connect::resolveTablePath: the
// sample's [main, t] reads the PostgreSQL profile's schema). Unknown connections keep their paths.
inline PreviewSession::TablePathResolver registryPathResolver(connect::ConnectionRegistry registry) {
    return [registry = std::move(registry)](const std::string& connectionId,
                                            const std::vector<std::string>& path) -> std::vector<std::string> {
        if (connectionId.empty()) return {};
        const auto entry = registry.find(connectionId);
        if (!entry) return {};
        const auto resolved = connect::resolveTablePath(entry->profile, path);
        if (!resolved) return {}; // more than 3 segments: left as written, the warehouse reports it
        std::vector<std::string> out;
        for (const std::string* part : {&resolved->catalog, &resolved->schema, &resolved->table})
            if (!part->empty()) out.push_back(*part);
        return out;
    };
}

} // namespace quire::preview
