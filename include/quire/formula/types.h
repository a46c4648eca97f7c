#pragma once
// Value types of the formula language and the level at which an expression evaluates.
#include <string_view>

namespace quire::formula {

enum class Type { Unknown, Null, Number, Integer, Text, Date, Datetime, Logical, Variant };

// Row-level: per source row. Aggregate: per grouping key. Window: over ordered rows of a grouping level.
enum class ExprLevel { Constant, RowLevel, Aggregate, Window };

std::string_view typeName(Type type);
bool isNumeric(Type type);
bool isTemporal(Type type);
// Can a value of type `actual` be passed where `expected` is declared? Unknown/Null/Variant fit anywhere.
bool typeAccepts(Type expected, Type actual);

} // namespace quire::formula
