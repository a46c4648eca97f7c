#include "quire/formula/types.h"

namespace quire::formula {

std::string_view typeName(Type type) {
    switch (type) {
    case Type::Unknown: return "unknown";
    case Type::Null: return "null";
    case Type::Number: return "number";
    case Type::Integer: return "integer";
    case Type::Text: return "text";
    case Type::Date: return "date";
    case Type::Datetime: return "datetime";
    case Type::Logical: return "logical";
    case Type::Variant: return "variant";
    }
    return "unknown";
}

bool isNumeric(Type t) { return t == Type::Number || t == Type::Integer; }
bool isTemporal(Type t) { return t == Type::Date || t == Type::Datetime; }

bool typeAccepts(Type expected, Type actual) {
    if (expected == Type::Unknown || actual == Type::Unknown || actual == Type::Null || actual == Type::Variant) return true;
    if (expected == actual) return true;
    if (expected == Type::Number) return actual == Type::Integer;
    if (expected == Type::Integer) return actual == Type::Number;
    if (isTemporal(expected)) return isTemporal(actual) || actual == Type::Text;
    return false;
}

} // namespace quire::formula
