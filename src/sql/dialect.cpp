#include "quire/sql/dialect.h"

#include "dialects.h"

namespace quire::sql {

std::string Dialect::quoteIdentifier(std::string_view identifier) const {
    std::string out = "\"";
    for (char c : identifier) {
        if (c == '\0') continue;
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string Dialect::quotePath(const std::vector<std::string>& parts) const {
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty()) out += '.';
        out += quoteIdentifier(p);
    }
    return out;
}

std::string Dialect::stringLiteral(std::string_view value) const {
    std::string out = "'";
    for (char c : value) {
        if (c == '\0') continue;
        if (c == '\'') out += '\'';
        out += c;
    }
    return out + "'";
}

std::string Dialect::boolLiteral(bool value) const { return value ? "TRUE" : "FALSE"; }

std::string Dialect::limitOffset(std::optional<long long> limit, std::optional<long long> offset) const {
    std::string out;
    if (limit) out += "LIMIT " + std::to_string(*limit);
    if (offset) out += std::string(out.empty() ? "" : " ") + "OFFSET " + std::to_string(*offset);
    return out;
}

std::string Dialect::floatDivide(const std::string& a, const std::string& b) const {
    return "(" + castFloat(a) + " / NULLIF(" + b + ", 0))";
}
// Sigma: a remainder by zero is null (as `/` by zero is), never a query error.
std::string Dialect::modulo(const std::string& a, const std::string& b) const { return "MOD(" + a + ", NULLIF(" + b + ", 0))"; }

std::string Dialect::concat(const std::vector<std::string>& parts) const {
    std::string out = "(";
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? " || " : "") + parts[i];
    return out + ")";
}

std::string Dialect::dateArgument(const std::string& x, std::string_view) const { return x; }
std::string Dialect::dateResult(const std::string& x, std::string_view, std::string_view) const { return x; }

std::string Dialect::castText(const std::string& x) const { return "CAST(" + x + " AS TEXT)"; }
std::string Dialect::castFloat(const std::string& x) const { return "CAST(" + x + " AS DOUBLE PRECISION)"; }

const Dialect& dialect(DialectId id) {
    static const PostgresDialect postgres;
    static const RedshiftDialect redshift;
    static const SnowflakeDialect snowflake;
    static const BigQueryDialect bigquery;
    static const DatabricksDialect databricks;
    static const SqliteDialect sqlite;
    switch (id) {
    case DialectId::PostgreSQL: return postgres;
    case DialectId::Redshift: return redshift;
    case DialectId::Snowflake: return snowflake;
    case DialectId::BigQuery: return bigquery;
    case DialectId::Databricks: return databricks;
    case DialectId::SQLite: return sqlite;
    }
    return sqlite;
}

std::string sigmaWeek(const std::string& dayOfYear, const std::string& weekday0, const BinarySql& intDiv, const BinarySql& mod) {
    // Sunday of the date's week minus Sunday of January 1's week, in days, is
    // dayOfYear - 1 - weekday0 + weekday(Jan 1); weekday(Jan 1) = (weekday0 - dayOfYear + 1) mod 7 (+ 371 keeps it >= 0).
    const std::string jan1 = mod("(" + weekday0 + " - " + dayOfYear + " + 372)", "7");
    return "(" + intDiv("(" + dayOfYear + " + 6 - " + weekday0 + " + " + jan1 + ")", "7") + ")";
}

// strftime -> target format. `map` gives the replacement per conversion letter; literal text is passed through
// `literal`. nullopt when the format uses a code the target cannot express.
std::optional<std::string> translateStrftime(std::string_view fmt, const std::function<std::optional<std::string>(char)>& map,
                                             const std::function<std::string(std::string_view)>& literal) {
    std::string out, pending;
    for (std::size_t i = 0; i < fmt.size(); ++i) {
        if (fmt[i] == '%' && i + 1 < fmt.size()) {
            const char code = fmt[++i];
            if (code == '%') {
                pending += '%';
                continue;
            }
            auto m = map(code);
            if (!m) return std::nullopt;
            if (!pending.empty()) out += literal(pending), pending.clear();
            out += *m;
        } else {
            pending += fmt[i];
        }
    }
    if (!pending.empty()) out += literal(pending);
    return out;
}

} // namespace quire::sql
