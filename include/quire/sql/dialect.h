#pragma once
// A SQL dialect: quoting, literals and the dialect-specific lowering of Sigma functions.
#include "quire/sql/dialect_id.h"
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quire::sql {

class Dialect {
public:
    virtual ~Dialect() = default;
    virtual DialectId id() const = 0;
    std::string_view name() const { return dialectName(id()); }

    // Always quoted; embedded quote characters doubled (or backslash-escaped where the dialect demands).
    virtual std::string quoteIdentifier(std::string_view identifier) const;
    std::string quotePath(const std::vector<std::string>& parts) const; // a.b.c, each part quoted
    virtual std::string stringLiteral(std::string_view value) const;
    virtual std::string boolLiteral(bool value) const;
    virtual std::string limitOffset(std::optional<long long> limit, std::optional<long long> offset) const;

    // Operators.
    virtual std::string floatDivide(const std::string& a, const std::string& b) const;
    virtual std::string modulo(const std::string& a, const std::string& b) const;
    virtual std::string concat(const std::vector<std::string>& parts) const; // null-propagating
    virtual std::string castText(const std::string& x) const;
    virtual std::string castFloat(const std::string& x) const;

    // Dates. `part` is a validated lower-case Sigma date part. nullopt = not supported by the dialect.
    virtual std::optional<std::string> dateTrunc(std::string_view part, const std::string& x) const = 0;
    virtual std::optional<std::string> datePart(std::string_view part, const std::string& x) const = 0;
    virtual std::optional<std::string> dateAdd(std::string_view part, const std::string& n, const std::string& x) const = 0;
    virtual std::optional<std::string> dateDiff(std::string_view part, const std::string& a, const std::string& b) const = 0;
    virtual std::optional<std::string> dateFormat(const std::string& x, std::string_view strftime) const = 0;
    virtual std::string toDate(const std::string& x) const = 0;
    // A date function's argument as the dialect's date functions take it, given its warehouse type name ("" = an
    // expression Quire computed, kUnknownColumnType = a column whose type nobody told the compiler), and the
    // function's date result converted back to that type. Identity except where a dialect has separate function
    // families per type (BigQuery: DATE, DATETIME, TIMESTAMP).
    static constexpr std::string_view kUnknownColumnType = "?";
    virtual std::string dateArgument(const std::string& x, std::string_view warehouseType) const;
    virtual std::string dateResult(const std::string& x, std::string_view warehouseType, std::string_view part) const;

    // Function templates: `{0}`, `{1}` ... are arguments, `{*}` all arguments comma-separated.
    // Returns the dialect's template for `key` ("name" or "name/argc", lower case) or nullopt for the default.
    virtual std::optional<std::string> functionTemplate(std::string_view key) const = 0;
};

const Dialect& dialect(DialectId id);

} // namespace quire::sql
