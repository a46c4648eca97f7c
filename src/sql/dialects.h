#pragma once
// The six dialect implementations (internal).
#include "quire/sql/dialect.h"

#include <functional>

namespace quire::sql {

std::optional<std::string> translateStrftime(std::string_view fmt, const std::function<std::optional<std::string>(char)>& map,
                                             const std::function<std::string(std::string_view)>& literal);

// Sigma's week of the year: weeks start on Sunday and week 1 is the one holding January 1. `dayOfYear` is 1-based,
// `weekday0` is 0 = Sunday .. 6 = Saturday (both SQL integer expressions). `intDiv(a, b)` and `mod(a, b)` are the
// dialect's integer division and remainder of non-negative integers.
using BinarySql = std::function<std::string(const std::string&, const std::string&)>;
std::string sigmaWeek(const std::string& dayOfYear, const std::string& weekday0, const BinarySql& intDiv, const BinarySql& mod);

// PostgreSQL and its Redshift descendant.
class PostgresDialect : public Dialect {
public:
    DialectId id() const override { return DialectId::PostgreSQL; }
    std::optional<std::string> dateTrunc(std::string_view part, const std::string& x) const override;
    std::optional<std::string> datePart(std::string_view part, const std::string& x) const override;
    std::optional<std::string> dateAdd(std::string_view part, const std::string& n, const std::string& x) const override;
    std::optional<std::string> dateDiff(std::string_view part, const std::string& a, const std::string& b) const override;
    std::optional<std::string> dateFormat(const std::string& x, std::string_view strftime) const override;
    std::string toDate(const std::string& x) const override;
    std::optional<std::string> functionTemplate(std::string_view key) const override;
};

class RedshiftDialect : public PostgresDialect {
public:
    DialectId id() const override { return DialectId::Redshift; }
    std::string stringLiteral(std::string_view value) const override;
    std::string castText(const std::string& x) const override;
    std::optional<std::string> dateAdd(std::string_view part, const std::string& n, const std::string& x) const override;
    std::optional<std::string> dateDiff(std::string_view part, const std::string& a, const std::string& b) const override;
    std::optional<std::string> functionTemplate(std::string_view key) const override;
};

class SnowflakeDialect : public Dialect {
public:
    DialectId id() const override { return DialectId::Snowflake; }
    std::string stringLiteral(std::string_view value) const override;
    std::string floatDivide(const std::string& a, const std::string& b) const override;
    std::string castFloat(const std::string& x) const override;
    std::optional<std::string> dateTrunc(std::string_view part, const std::string& x) const override;
    std::optional<std::string> datePart(std::string_view part, const std::string& x) const override;
    std::optional<std::string> dateAdd(std::string_view part, const std::string& n, const std::string& x) const override;
    std::optional<std::string> dateDiff(std::string_view part, const std::string& a, const std::string& b) const override;
    std::optional<std::string> dateFormat(const std::string& x, std::string_view strftime) const override;
    std::string toDate(const std::string& x) const override;
    std::optional<std::string> functionTemplate(std::string_view key) const override;
};

class BigQueryDialect : public Dialect {
public:
    DialectId id() const override { return DialectId::BigQuery; }
    std::string quoteIdentifier(std::string_view identifier) const override;
    std::string stringLiteral(std::string_view value) const override;
    std::string floatDivide(const std::string& a, const std::string& b) const override;
    std::string concat(const std::vector<std::string>& parts) const override;
    std::string castText(const std::string& x) const override;
    std::string castFloat(const std::string& x) const override;
    std::optional<std::string> dateTrunc(std::string_view part, const std::string& x) const override;
    std::optional<std::string> datePart(std::string_view part, const std::string& x) const override;
    std::optional<std::string> dateAdd(std::string_view part, const std::string& n, const std::string& x) const override;
    std::optional<std::string> dateDiff(std::string_view part, const std::string& a, const std::string& b) const override;
    std::optional<std::string> dateFormat(const std::string& x, std::string_view strftime) const override;
    std::string toDate(const std::string& x) const override;
    std::string dateArgument(const std::string& x, std::string_view warehouseType) const override;
    std::string dateResult(const std::string& x, std::string_view warehouseType, std::string_view part) const override;
    std::optional<std::string> functionTemplate(std::string_view key) const override;
};

class DatabricksDialect : public Dialect {
public:
    DialectId id() const override { return DialectId::Databricks; }
    std::string quoteIdentifier(std::string_view identifier) const override;
    std::string stringLiteral(std::string_view value) const override;
    std::string floatDivide(const std::string& a, const std::string& b) const override;
    std::string concat(const std::vector<std::string>& parts) const override;
    std::string castText(const std::string& x) const override;
    std::string castFloat(const std::string& x) const override;
    std::optional<std::string> dateTrunc(std::string_view part, const std::string& x) const override;
    std::optional<std::string> datePart(std::string_view part, const std::string& x) const override;
    std::optional<std::string> dateAdd(std::string_view part, const std::string& n, const std::string& x) const override;
    std::optional<std::string> dateDiff(std::string_view part, const std::string& a, const std::string& b) const override;
    std::optional<std::string> dateFormat(const std::string& x, std::string_view strftime) const override;
    std::string toDate(const std::string& x) const override;
    std::optional<std::string> functionTemplate(std::string_view key) const override;
};

class SqliteDialect : public Dialect {
public:
    DialectId id() const override { return DialectId::SQLite; }
    std::string boolLiteral(bool value) const override;
    std::string castFloat(const std::string& x) const override;
    std::optional<std::string> dateTrunc(std::string_view part, const std::string& x) const override;
    std::optional<std::string> datePart(std::string_view part, const std::string& x) const override;
    std::optional<std::string> dateAdd(std::string_view part, const std::string& n, const std::string& x) const override;
    std::optional<std::string> dateDiff(std::string_view part, const std::string& a, const std::string& b) const override;
    std::optional<std::string> dateFormat(const std::string& x, std::string_view strftime) const override;
    std::string toDate(const std::string& x) const override;
    std::optional<std::string> functionTemplate(std::string_view key) const override;
};

// Templates shared by all dialects unless overridden ("" = not supported anywhere by default).
std::optional<std::string> defaultTemplate(std::string_view key);

// Looks key up in a {key, template} table; "" in the table means "not supported".
std::optional<std::string> lookupTemplate(std::initializer_list<std::pair<std::string_view, std::string_view>> table,
                                          std::string_view key);

} // namespace quire::sql
