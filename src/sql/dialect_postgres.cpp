#include "dialects.h"
#include <quire/core/text.h>

namespace quire::sql {

std::optional<std::string> lookupTemplate(std::initializer_list<std::pair<std::string_view, std::string_view>> table,
                                          std::string_view key) {
    for (const auto& [k, v] : table)
        if (k == key) return std::string(v);
    return std::nullopt;
}

// ---- PostgreSQL ----
std::optional<std::string> PostgresDialect::dateTrunc(std::string_view part, const std::string& x) const {
    if (part == "week" || part == "week_starting_sunday")
        return "(DATE_TRUNC('week', " + x + " + INTERVAL '1 day') - INTERVAL '1 day')";
    if (part == "week_starting_monday") return "DATE_TRUNC('week', " + x + ")";
    if (part == "year" || part == "quarter" || part == "month" || part == "day" || part == "hour" || part == "minute" ||
        part == "second")
        return "DATE_TRUNC('" + std::string(part) + "', " + x + ")";
    return std::nullopt;
}

std::optional<std::string> PostgresDialect::datePart(std::string_view part, const std::string& x) const {
    std::string field;
    if (part == "weekday" || part == "dayofweek") return "(CAST(EXTRACT(DOW FROM " + x + ") AS INTEGER) + 1)";
    if (part == "week")
        return sigmaWeek("CAST(EXTRACT(DOY FROM " + x + ") AS INTEGER)", "CAST(EXTRACT(DOW FROM " + x + ") AS INTEGER)",
                         [](auto& a, auto& b) { return "(" + a + " / " + b + ")"; },
                         [](auto& a, auto& b) { return "(" + a + " % " + b + ")"; });
    if (part == "day_of_year") field = "DOY";
    else if (part == "epoch") field = "EPOCH";
    else if (part == "millisecond") field = "MILLISECONDS";
    else if (part == "year" || part == "quarter" || part == "month" || part == "week" || part == "day" || part == "hour" ||
             part == "minute" || part == "second")
        field = asciiUpper(part);
    else return std::nullopt;
    return "CAST(EXTRACT(" + field + " FROM " + x + ") AS " + (part == "epoch" ? "BIGINT" : "INTEGER") + ")";
}

std::optional<std::string> PostgresDialect::dateAdd(std::string_view part, const std::string& n, const std::string& x) const {
    std::string unit;
    std::string count = n;
    if (part == "quarter") unit = "month", count = "(" + n + ") * 3";
    else if (part == "week") unit = "day", count = "(" + n + ") * 7";
    else if (part == "year" || part == "month" || part == "day" || part == "hour" || part == "minute" || part == "second")
        unit = std::string(part);
    else return std::nullopt;
    return "(" + x + " + (" + count + ") * INTERVAL '1 " + unit + "')";
}

std::optional<std::string> PostgresDialect::dateDiff(std::string_view part, const std::string& a, const std::string& b) const {
    auto p = [&](std::string_view f, const std::string& v) { return *PostgresDialect::datePart(f, v); };
    if (part == "year") return "(" + p("year", b) + " - " + p("year", a) + ")";
    if (part == "quarter") return "((" + p("year", b) + " - " + p("year", a) + ") * 4 + " + p("quarter", b) + " - " + p("quarter", a) + ")";
    if (part == "month") return "((" + p("year", b) + " - " + p("year", a) + ") * 12 + " + p("month", b) + " - " + p("month", a) + ")";
    if (part == "day") return "(CAST(" + b + " AS DATE) - CAST(" + a + " AS DATE))";
    if (part == "week")
        return "((CAST(" + *PostgresDialect::dateTrunc("week", b) + " AS DATE) - CAST(" + *PostgresDialect::dateTrunc("week", a) +
               " AS DATE)) / 7)";
    int seconds = part == "hour" ? 3600 : part == "minute" ? 60 : part == "second" ? 1 : 0;
    if (!seconds) return std::nullopt;
    return "CAST(FLOOR(EXTRACT(EPOCH FROM (" + *PostgresDialect::dateTrunc(part, b) + " - " + *PostgresDialect::dateTrunc(part, a) +
           ")) / " + std::to_string(seconds) + ") AS INTEGER)";
}

std::optional<std::string> PostgresDialect::dateFormat(const std::string& x, std::string_view fmt) const {
    auto f = translateStrftime(
        fmt,
        [](char c) -> std::optional<std::string> {
            switch (c) {
            case 'Y': return "YYYY";
            case 'y': return "YY";
            case 'm': return "MM";
            case 'd': return "DD";
            case 'e': return "FMDD";
            case 'H': return "HH24";
            case 'I': return "HH12";
            case 'M': return "MI";
            case 'S': return "SS";
            case 'p': return "AM";
            case 'B': return "FMMonth";
            case 'b': return "Mon";
            case 'A': return "FMDay";
            case 'a': return "Dy";
            case 'j': return "DDD";
            case 'F': return "YYYY-MM-DD";
            case 'T': return "HH24:MI:SS";
            default: return std::nullopt;
            }
        },
        [](std::string_view lit) {
            std::string out = "\"";
            for (char c : lit) {
                if (c == '"' || c == '\\') out += '\\';
                out += c;
            }
            return out + "\"";
        });
    if (!f) return std::nullopt;
    return "TO_CHAR(" + x + ", " + stringLiteral(*f) + ")";
}

std::string PostgresDialect::toDate(const std::string& x) const { return "CAST(" + x + " AS TIMESTAMP)"; }

std::optional<std::string> PostgresDialect::functionTemplate(std::string_view key) const {
    return lookupTemplate({{"median", "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY {0})"},
                           {"mode", "MODE() WITHIN GROUP (ORDER BY {0})"},
                           {"listagg/1", "STRING_AGG(CAST({0} AS TEXT), ',')"},
                           {"listagg/2", "STRING_AGG(CAST({0} AS TEXT), {1})"},
                           {"listaggdistinct/1", "STRING_AGG(DISTINCT CAST({0} AS TEXT), ',')"},
                           {"listaggdistinct/2", "STRING_AGG(DISTINCT CAST({0} AS TEXT), {1})"},
                           {"round/1", "ROUND(CAST({0} AS NUMERIC))"},
                           {"round/2", "ROUND(CAST({0} AS NUMERIC), {1})"},
                           {"trunc/2", "TRUNC(CAST({0} AS NUMERIC), {1})"},
                           {"mod", "MOD(CAST({0} AS NUMERIC), NULLIF(CAST({1} AS NUMERIC), 0))"},
                           {"regexpmatch", "({0} ~ {1})"},
                           {"regexpextract", "SUBSTRING({0} FROM {1})"},
                           {"regexpreplace", "REGEXP_REPLACE({0}, {1}, {2}, 'g')"},
                           {"makedate", "MAKE_DATE({0}, {1}, {2})"},
                           {"lastday", "CAST(DATE_TRUNC('month', {0}) + INTERVAL '1 month' - INTERVAL '1 day' AS DATE)"},
                           {"datefromunix", "(TIMESTAMP '1970-01-01 00:00:00' + {0} * INTERVAL '1 second')"},
                           {"logical", "CAST({0} AS BOOLEAN)"},
                           {"number", "CAST({0} AS DOUBLE PRECISION)"},
                           {"startswith", "STARTS_WITH({0}, {1})"},
                           {"path", "({0} -> {1})"}},
                          key);
}

// ---- Redshift ----
// Redshift (a PostgreSQL 8.0 descendant) reads backslash escapes inside '...': double them as well as quotes.
std::string RedshiftDialect::stringLiteral(std::string_view value) const {
    std::string out = "'";
    for (char c : value) {
        if (c == '\0') continue;
        if (c == '\'' || c == '\\') out += c;
        out += c;
    }
    return out + "'";
}

std::string RedshiftDialect::castText(const std::string& x) const { return "CAST(" + x + " AS VARCHAR)"; }

std::optional<std::string> RedshiftDialect::dateAdd(std::string_view part, const std::string& n, const std::string& x) const {
    if (part == "week" || part == "quarter" || part == "year" || part == "month" || part == "day" || part == "hour" ||
        part == "minute" || part == "second")
        return "DATEADD(" + std::string(part) + ", " + n + ", " + x + ")";
    return std::nullopt;
}

std::optional<std::string> RedshiftDialect::dateDiff(std::string_view part, const std::string& a, const std::string& b) const {
    if (part == "week") return PostgresDialect::dateDiff(part, a, b); // Sigma weeks start on Sunday
    if (part == "year" || part == "quarter" || part == "month" || part == "day" || part == "hour" || part == "minute" ||
        part == "second")
        return "DATEDIFF(" + std::string(part) + ", " + a + ", " + b + ")";
    return std::nullopt;
}

std::optional<std::string> RedshiftDialect::functionTemplate(std::string_view key) const {
    // AVG of an integer column is an integer on Redshift (4 for 4.2): average as FLOAT8.
    if (auto t = lookupTemplate({{"avg", "AVG(CAST({0} AS FLOAT8))"},
                                 {"avgif", "AVG(CAST(CASE WHEN {1} THEN {0} END AS FLOAT8))"},
                                 {"cumulativeavg", "AVG(CAST({0} AS FLOAT8)) {C}"},
                                 {"movingavg", "AVG(CAST({0} AS FLOAT8)) {M}"},
                                 {"listagg/1", "LISTAGG({0}, ',')"},
                                 {"listagg/2", "LISTAGG({0}, {1})"},
                                 {"listaggdistinct/1", "LISTAGG(DISTINCT {0}, ',')"},
                                 {"listaggdistinct/2", "LISTAGG(DISTINCT {0}, {1})"},
                                 {"mode", "!"},
                                 {"arrayagg", "!"},
                                 {"startswith", "(LEFT({0}, LENGTH({1})) = {1})"},
                                 {"regexpextract", "REGEXP_SUBSTR({0}, {1})"},
                                 {"regexpreplace", "REGEXP_REPLACE({0}, {1}, {2})"},
                                 {"makedate", "TO_DATE({0} || '-' || {1} || '-' || {2}, 'YYYY-MM-DD')"},
                                 {"lastday", "LAST_DAY({0})"},
                                 {"path", "JSON_EXTRACT_PATH_TEXT({0}, {1})"},
                                 {"number", "CAST({0} AS FLOAT8)"}},
                                key))
        return t;
    return PostgresDialect::functionTemplate(key);
}

} // namespace quire::sql
