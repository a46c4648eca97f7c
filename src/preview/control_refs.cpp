#include "control_refs.h"

#include <cstdio>

namespace quire::preview {
namespace {

using formula::Type;

// One JSON value as a parameter value and its formula type; nullopt for objects and arrays.
std::optional<std::pair<sql::Value, Type>> scalar(const Json& v, bool asDate) {
    if (v.is_null()) return std::make_pair(sql::Value{}, Type::Unknown);
    if (v.is_boolean()) return std::make_pair(sql::Value{v.get<bool>()}, Type::Logical);
    if (v.is_number_integer()) return std::make_pair(sql::Value{v.get<std::int64_t>()}, Type::Integer);
    if (v.is_number()) return std::make_pair(sql::Value{v.get<double>()}, Type::Number);
    if (!v.is_string()) return std::nullopt;
    const std::string text = v.get<std::string>();
    sql::DateValue d;
    char rest = 0;
    if (asDate && std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &d.year, &d.month, &d.day, &rest) >= 3)
        return std::make_pair(sql::Value{d}, Type::Date);
    return std::make_pair(sql::Value{text}, Type::Text);
}

} // namespace

std::optional<sql::Resolution> resolveControlReference(const PreviewSession& session, const sql::Reference& reference) {
    if (reference.hasPrefix) return std::nullopt;
    const ControlState* control = session.control(reference.name);
    if (!control) return std::nullopt;
    const bool isDate = control->kind == ControlKind::Date;
    const Json value = control->formulaValue();
    if (value.is_object())
        return sql::ResolveError{"[" + reference.name + "] is a range control (low and high); the preview cannot use a range "
                                 "inside a formula, target the element with the control's filter instead"};
    if (value.is_array()) {
        sql::ControlValue out;
        out.isList = true;
        for (const auto& item : value) {
            if (item.is_null()) continue; // a null selection matches no row under `=` anyway
            auto s = scalar(item, isDate);
            if (!s) return sql::ResolveError{"control [" + reference.name + "] has a list item a formula cannot use"};
            out.list.push_back(s->first);
            if (out.type == Type::Unknown) out.type = s->second;
        }
        return out;
    }
    auto s = scalar(value, isDate);
    if (!s) return sql::ResolveError{"control [" + reference.name + "] has a value a formula cannot use"};
    return sql::ControlValue{s->first, s->second, false, {}};
}

} // namespace quire::preview
