// Snowflake, BigQuery and Databricks.
#include "dialects.h"
#include <quire/core/text.h>

namespace quire::sql {
namespace {

bool basicPart(std::string_view p) {
    return p == "year" || p == "quarter" || p == "month" || p == "week" || p == "day" || p == "hour" || p == "minute" ||
           p == "second";
}

// Backslash-escaping string literal (BigQuery, Databricks, Snowflake interpret backslashes).
std::string backslashLiteral(std::string_view value, bool doubleQuote) {
    std::string out = "'";
    for (char c : value) {
        switch (c) {
        case '\0': break;
        case '\\': out += "\\\\"; break;
        case '\'': out += doubleQuote ? "''" : "\\'"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: out += c;
        }
    }
    return out + "'";
}

std::string javaFormatLiteral(std::string_view lit) {
    std::string out = "'";
    for (char c : lit) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

} // namespace

// ---- Snowflake ----
std::string SnowflakeDialect::stringLiteral(std::string_view value) const { return backslashLiteral(value, true); }
std::string SnowflakeDialect::floatDivide(const std::string& a, const std::string& b) const { return "(" + a + " / NULLIF(" + b + ", 0))"; }
std::string SnowflakeDialect::castFloat(const std::string& x) const { return "CAST(" + x + " AS DOUBLE)"; }

std::optional<std::string> SnowflakeDialect::dateTrunc(std::string_view part, const std::string& x) const {
    // DATE_TRUNC('WEEK') and DAYOFWEEK follow the account's WEEK_START; DAYOFWEEKISO (Monday 1 .. Sunday 7) does not.
    if (part == "week" || part == "week_starting_sunday")
        return "DATEADD(DAY, -(DAYOFWEEKISO(" + x + ") % 7), DATE_TRUNC('DAY', " + x + "))";
    if (part == "week_starting_monday") return "DATEADD(DAY, 1 - DAYOFWEEKISO(" + x + "), DATE_TRUNC('DAY', " + x + "))";
    if (!basicPart(part)) return std::nullopt;
    return "DATE_TRUNC('" + asciiUpper(part) + "', " + x + ")";
}
std::optional<std::string> SnowflakeDialect::datePart(std::string_view part, const std::string& x) const {
    if (part == "weekday" || part == "dayofweek") return "(DAYOFWEEKISO(" + x + ") % 7 + 1)";
    if (part == "week")
        return sigmaWeek("DAYOFYEAR(" + x + ")", "(DAYOFWEEKISO(" + x + ") % 7)",
                         [](auto& a, auto& b) { return "TRUNC(" + a + " / " + b + ")"; },
                         [](auto& a, auto& b) { return "(" + a + " % " + b + ")"; });
    if (part == "day_of_year") return "DAYOFYEAR(" + x + ")";
    if (part == "epoch") return "DATE_PART(EPOCH_SECOND, " + x + ")";
    if (part == "millisecond") return "FLOOR(DATE_PART(NANOSECOND, " + x + ") / 1000000)";
    if (!basicPart(part)) return std::nullopt;
    return "DATE_PART(" + asciiUpper(part) + ", " + x + ")";
}
std::optional<std::string> SnowflakeDialect::dateAdd(std::string_view part, const std::string& n, const std::string& x) const {
    if (!basicPart(part)) return std::nullopt;
    return "DATEADD(" + asciiUpper(part) + ", " + n + ", " + x + ")";
}
std::optional<std::string> SnowflakeDialect::dateDiff(std::string_view part, const std::string& a, const std::string& b) const {
    if (part == "week") return "DATEDIFF(DAY, " + *dateTrunc("week", a) + ", " + *dateTrunc("week", b) + ") / 7";
    if (!basicPart(part)) return std::nullopt;
    return "DATEDIFF(" + asciiUpper(part) + ", " + a + ", " + b + ")";
}
std::optional<std::string> SnowflakeDialect::dateFormat(const std::string& x, std::string_view fmt) const {
    auto f = translateStrftime(
        fmt,
        [](char c) -> std::optional<std::string> {
            switch (c) {
            case 'Y': return "YYYY";
            case 'y': return "YY";
            case 'm': return "MM";
            case 'd': return "DD";
            case 'H': return "HH24";
            case 'I': return "HH12";
            case 'M': return "MI";
            case 'S': return "SS";
            case 'p': return "AM";
            case 'B': return "MMMM";
            case 'b': return "MON";
            case 'a': return "DY";
            case 'F': return "YYYY-MM-DD";
            case 'T': return "HH24:MI:SS";
            default: return std::nullopt;
            }
        },
        [](std::string_view lit) {
            std::string out = "\"";
            for (char c : lit) out += c == '"' ? std::string("\"\"") : std::string(1, c);
            return out + "\"";
        });
    if (!f) return std::nullopt;
    return "TO_CHAR(" + x + ", " + stringLiteral(*f) + ")";
}
std::string SnowflakeDialect::toDate(const std::string& x) const { return "TO_TIMESTAMP(" + x + ")"; }
std::optional<std::string> SnowflakeDialect::functionTemplate(std::string_view key) const {
    return lookupTemplate({{"median", "MEDIAN({0})"},
                           {"mode", "MODE({0})"},
                           {"listagg/1", "LISTAGG({0}, ',')"},
                           {"listagg/2", "LISTAGG({0}, {1})"},
                           {"listaggdistinct/1", "LISTAGG(DISTINCT {0}, ',')"},
                           {"listaggdistinct/2", "LISTAGG(DISTINCT {0}, {1})"},
                           {"contains", "CONTAINS({0}, {1})"},
                           {"startswith", "STARTSWITH({0}, {1})"},
                           {"endswith", "ENDSWITH({0}, {1})"},
                           {"find", "POSITION({1}, {0})"},
                           {"regexpmatch", "(REGEXP_INSTR({0}, {1}) > 0)"},
                           {"regexpextract", "REGEXP_SUBSTR({0}, {1})"},
                           {"makedate", "DATE_FROM_PARTS({0}, {1}, {2})"},
                           {"lastday", "LAST_DAY({0})"},
                           {"datefromunix", "TO_TIMESTAMP({0})"},
                           {"monthname", "TO_CHAR({0}, 'MMMM')"},
                           // TO_CHAR has no full weekday name; DAYOFWEEKISO does not depend on WEEK_START
                           {"weekdayname", "DECODE(DAYOFWEEKISO({0}), 1, 'Monday', 2, 'Tuesday', 3, 'Wednesday', 4, 'Thursday', "
                                           "5, 'Friday', 6, 'Saturday', 7, 'Sunday')"},
                           {"number", "TRY_TO_DOUBLE(TO_VARCHAR({0}))"},
                           {"logical", "TO_BOOLEAN({0})"},
                           {"log/1", "LOG(10, {0})"},
                           {"path", "GET({0}, {1})"}},
                          key);
}

// ---- BigQuery ----
std::string BigQueryDialect::quoteIdentifier(std::string_view identifier) const {
    std::string out = "`";
    for (char c : identifier) {
        if (c == '\0') continue;
        if (c == '`' || c == '\\') out += '\\';
        out += c;
    }
    return out + "`";
}
std::string BigQueryDialect::stringLiteral(std::string_view value) const { return backslashLiteral(value, false); }
std::string BigQueryDialect::floatDivide(const std::string& a, const std::string& b) const { return "SAFE_DIVIDE(" + a + ", " + b + ")"; }
std::string BigQueryDialect::concat(const std::vector<std::string>& parts) const {
    std::string out = "CONCAT(";
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
    return out + ")";
}
std::string BigQueryDialect::castText(const std::string& x) const { return "CAST(" + x + " AS STRING)"; }
std::string BigQueryDialect::castFloat(const std::string& x) const { return "CAST(" + x + " AS FLOAT64)"; }
std::optional<std::string> BigQueryDialect::dateTrunc(std::string_view part, const std::string& x) const {
    if (part == "week_starting_sunday") part = "week";
    if (part == "week_starting_monday") return "DATETIME_TRUNC(" + x + ", WEEK(MONDAY))";
    if (!basicPart(part)) return std::nullopt;
    return "DATETIME_TRUNC(" + x + ", " + asciiUpper(part) + ")";
}
std::optional<std::string> BigQueryDialect::datePart(std::string_view part, const std::string& x) const {
    if (part == "weekday" || part == "dayofweek") return "EXTRACT(DAYOFWEEK FROM " + x + ")";
    if (part == "week") // EXTRACT(WEEK) puts the days before the first Sunday in week 0
        return sigmaWeek("EXTRACT(DAYOFYEAR FROM " + x + ")", "(EXTRACT(DAYOFWEEK FROM " + x + ") - 1)",
                         [](auto& a, auto& b) { return "DIV(" + a + ", " + b + ")"; },
                         [](auto& a, auto& b) { return "MOD(" + a + ", " + b + ")"; });
    if (part == "day_of_year") return "EXTRACT(DAYOFYEAR FROM " + x + ")";
    if (part == "epoch") return "UNIX_SECONDS(TIMESTAMP(" + x + "))";
    if (part == "millisecond") return "EXTRACT(MILLISECOND FROM " + x + ")";
    if (!basicPart(part)) return std::nullopt;
    return "EXTRACT(" + asciiUpper(part) + " FROM " + x + ")";
}
std::optional<std::string> BigQueryDialect::dateAdd(std::string_view part, const std::string& n, const std::string& x) const {
    if (!basicPart(part)) return std::nullopt;
    return "DATETIME_ADD(" + x + ", INTERVAL " + n + " " + asciiUpper(part) + ")";
}
std::optional<std::string> BigQueryDialect::dateDiff(std::string_view part, const std::string& a, const std::string& b) const {
    if (!basicPart(part)) return std::nullopt;
    return "DATETIME_DIFF(" + b + ", " + a + ", " + asciiUpper(part) + ")";
}
std::optional<std::string> BigQueryDialect::dateFormat(const std::string& x, std::string_view fmt) const {
    return "FORMAT_DATETIME(" + stringLiteral(fmt) + ", " + x + ")"; // BigQuery speaks strftime
}
std::string BigQueryDialect::toDate(const std::string& x) const { return "CAST(" + x + " AS DATETIME)"; }
// The date functions here are the DATETIME family (DATETIME_TRUNC/ADD/DIFF, FORMAT_DATETIME), which has no
// signature for TIMESTAMP (and TIMESTAMP_ADD/DIFF stop at DAY). A TIMESTAMP or DATE column is viewed as a DATETIME
// (UTC) for the computation, and a truncated or shifted value goes back to the column's type so it still compares
// with the column. A column of unknown type is cast: CAST(... AS DATETIME) takes DATETIME, TIMESTAMP (as UTC), DATE
// and text alike, so the functions run whatever the column is, and the result stays a DATETIME.
std::string BigQueryDialect::dateArgument(const std::string& x, std::string_view warehouseType) const {
    if (warehouseType == kUnknownColumnType) return "CAST(" + x + " AS DATETIME)";
    const std::string t = asciiUpper(warehouseType);
    if (t == "TIMESTAMP" || t == "DATE") return "DATETIME(" + x + ")";
    return x;
}
std::string BigQueryDialect::dateResult(const std::string& x, std::string_view warehouseType, std::string_view part) const {
    const std::string t = asciiUpper(warehouseType);
    if (t == "TIMESTAMP") return "TIMESTAMP(" + x + ")";
    const bool wholeDays = !(part == "hour" || part == "minute" || part == "second");
    if (t == "DATE" && wholeDays) return "DATE(" + x + ")";
    return x;
}
std::optional<std::string> BigQueryDialect::functionTemplate(std::string_view key) const {
    // PERCENTILE_CONT/DISC are analytic-only in BigQuery: as aggregates they run over the group's values
    // collected with ARRAY_AGG (exact, unlike APPROX_QUANTILES).
    return lookupTemplate({{"median", "(SELECT PERCENTILE_CONT(v, 0.5) OVER () FROM UNNEST(ARRAY_AGG({0} IGNORE NULLS)) AS v LIMIT 1)"},
                           {"mode", "(SELECT v FROM UNNEST(ARRAY_AGG({0} IGNORE NULLS)) AS v GROUP BY v ORDER BY COUNT(*) DESC, v LIMIT 1)"},
                           {"percentilecont", "(SELECT PERCENTILE_CONT(v, {1}) OVER () FROM UNNEST(ARRAY_AGG({0} IGNORE NULLS)) AS v LIMIT 1)"},
                           {"percentiledisc", "(SELECT PERCENTILE_DISC(v, {1}) OVER () FROM UNNEST(ARRAY_AGG({0} IGNORE NULLS)) AS v LIMIT 1)"},
                           {"listagg/1", "STRING_AGG(CAST({0} AS STRING), ',')"},
                           {"listagg/2", "STRING_AGG(CAST({0} AS STRING), {1})"},
                           {"listaggdistinct/1", "STRING_AGG(DISTINCT CAST({0} AS STRING), ',')"},
                           {"listaggdistinct/2", "STRING_AGG(DISTINCT CAST({0} AS STRING), {1})"},
                           {"contains", "(STRPOS({0}, {1}) > 0)"},
                           {"startswith", "STARTS_WITH({0}, {1})"},
                           {"endswith", "ENDS_WITH({0}, {1})"},
                           // past the last part: '' as SPLIT_PART on the other dialects (null only for null input)
                           {"splitpart", "CASE WHEN {0} IS NULL OR {1} IS NULL OR {2} IS NULL THEN NULL ELSE "
                                         "COALESCE(SPLIT({0}, {1})[SAFE_ORDINAL({2})], '') END"},
                           {"regexpmatch", "REGEXP_CONTAINS({0}, {1})"},
                           {"regexpextract", "REGEXP_EXTRACT({0}, {1})"},
                           {"makedate", "DATE({0}, {1}, {2})"},
                           {"now", "CURRENT_DATETIME()"},
                           {"lastday", "LAST_DAY({0})"},
                           {"datefromunix", "DATETIME(TIMESTAMP_SECONDS(CAST({0} AS INT64)))"},
                           {"number", "SAFE_CAST({0} AS FLOAT64)"},
                           {"logical", "CAST({0} AS BOOL)"},
                           {"log/1", "LOG10({0})"},
                           {"pi", "ACOS(-1)"},
                           {"degrees", "({0} * 180 / ACOS(-1))"},
                           {"radians", "({0} * ACOS(-1) / 180)"},
                           {"mod", "MOD({0}, NULLIF({1}, 0))"},
                           {"div", "CAST(TRUNC(SAFE_DIVIDE({0}, {1})) AS INT64)"},
                           {"path", "JSON_QUERY({0}, {P})"}},
                          key);
}

// ---- Databricks ----
std::string DatabricksDialect::quoteIdentifier(std::string_view identifier) const {
    std::string out = "`";
    for (char c : identifier) {
        if (c == '\0') continue;
        if (c == '`') out += '`';
        out += c;
    }
    return out + "`";
}
std::string DatabricksDialect::stringLiteral(std::string_view value) const { return backslashLiteral(value, false); }
std::string DatabricksDialect::floatDivide(const std::string& a, const std::string& b) const {
    return "(" + castFloat(a) + " / NULLIF(" + b + ", 0))";
}
std::string DatabricksDialect::concat(const std::vector<std::string>& parts) const {
    std::string out = "CONCAT(";
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
    return out + ")";
}
std::string DatabricksDialect::castText(const std::string& x) const { return "CAST(" + x + " AS STRING)"; }
std::string DatabricksDialect::castFloat(const std::string& x) const { return "CAST(" + x + " AS DOUBLE)"; }
std::optional<std::string> DatabricksDialect::dateTrunc(std::string_view part, const std::string& x) const {
    if (part == "week" || part == "week_starting_sunday") return "DATE_ADD(DATE_TRUNC('WEEK', DATE_ADD(" + x + ", 1)), -1)";
    if (part == "week_starting_monday") return "DATE_TRUNC('WEEK', " + x + ")";
    if (!basicPart(part)) return std::nullopt;
    return "DATE_TRUNC('" + asciiUpper(part) + "', " + x + ")";
}
std::optional<std::string> DatabricksDialect::datePart(std::string_view part, const std::string& x) const {
    if (part == "weekday" || part == "dayofweek") return "DAYOFWEEK(" + x + ")";
    if (part == "week")
        return sigmaWeek("DAYOFYEAR(" + x + ")", "(DAYOFWEEK(" + x + ") - 1)",
                         [](auto& a, auto& b) { return "(" + a + " DIV " + b + ")"; },
                         [](auto& a, auto& b) { return "(" + a + " % " + b + ")"; });
    if (part == "day_of_year") return "DAYOFYEAR(" + x + ")";
    if (part == "epoch") return "UNIX_TIMESTAMP(" + x + ")";
    if (!basicPart(part)) return std::nullopt;
    return "EXTRACT(" + asciiUpper(part) + " FROM " + x + ")";
}
std::optional<std::string> DatabricksDialect::dateAdd(std::string_view part, const std::string& n, const std::string& x) const {
    if (!basicPart(part)) return std::nullopt;
    return "TIMESTAMPADD(" + asciiUpper(part) + ", " + n + ", " + x + ")";
}
// TIMESTAMPDIFF counts whole elapsed units (2024-01-31 -> 2024-03-01 is 1 month); Sigma counts the part boundaries
// crossed (2 months), so compare calendar fields, or whole units between truncated values.
std::optional<std::string> DatabricksDialect::dateDiff(std::string_view part, const std::string& a, const std::string& b) const {
    auto field = [&](const char* f, const std::string& v) { return "EXTRACT(" + std::string(f) + " FROM " + v + ")"; };
    const std::string years = "(" + field("YEAR", b) + " - " + field("YEAR", a) + ")";
    if (part == "year") return years;
    if (part == "quarter") return "(" + years + " * 4 + " + field("QUARTER", b) + " - " + field("QUARTER", a) + ")";
    if (part == "month") return "(" + years + " * 12 + " + field("MONTH", b) + " - " + field("MONTH", a) + ")";
    if (part == "day") return "DATEDIFF(CAST(" + b + " AS DATE), CAST(" + a + " AS DATE))";
    if (part == "week")
        return "(DATEDIFF(CAST(" + *dateTrunc("week", b) + " AS DATE), CAST(" + *dateTrunc("week", a) + " AS DATE)) DIV 7)";
    if (!basicPart(part)) return std::nullopt;
    return "TIMESTAMPDIFF(" + asciiUpper(part) + ", " + *dateTrunc(part, a) + ", " + *dateTrunc(part, b) + ")";
}
std::optional<std::string> DatabricksDialect::dateFormat(const std::string& x, std::string_view fmt) const {
    auto f = translateStrftime(
        fmt,
        [](char c) -> std::optional<std::string> {
            switch (c) {
            case 'Y': return "yyyy";
            case 'y': return "yy";
            case 'm': return "MM";
            case 'd': return "dd";
            case 'H': return "HH";
            case 'I': return "hh";
            case 'M': return "mm";
            case 'S': return "ss";
            case 'p': return "a";
            case 'B': return "MMMM";
            case 'b': return "MMM";
            case 'A': return "EEEE";
            case 'a': return "EEE";
            case 'j': return "DDD";
            case 'F': return "yyyy-MM-dd";
            case 'T': return "HH:mm:ss";
            default: return std::nullopt;
            }
        },
        javaFormatLiteral);
    if (!f) return std::nullopt;
    return "DATE_FORMAT(" + x + ", " + stringLiteral(*f) + ")";
}
std::string DatabricksDialect::toDate(const std::string& x) const { return "CAST(" + x + " AS TIMESTAMP)"; }
std::optional<std::string> DatabricksDialect::functionTemplate(std::string_view key) const {
    return lookupTemplate({{"median", "MEDIAN({0})"},
                           {"mode", "MODE({0})"},
                           {"listagg/1", "ARRAY_JOIN(COLLECT_LIST(CAST({0} AS STRING)), ',')"},
                           {"listagg/2", "ARRAY_JOIN(COLLECT_LIST(CAST({0} AS STRING)), {1})"},
                           {"listaggdistinct/1", "ARRAY_JOIN(COLLECT_SET(CAST({0} AS STRING)), ',')"},
                           {"listaggdistinct/2", "ARRAY_JOIN(COLLECT_SET(CAST({0} AS STRING)), {1})"},
                           {"arrayagg", "COLLECT_LIST({0})"},
                           {"contains", "(INSTR({0}, {1}) > 0)"},
                           {"startswith", "STARTSWITH({0}, {1})"},
                           {"endswith", "ENDSWITH({0}, {1})"},
                           {"find", "INSTR({0}, {1})"},
                           {"regexpmatch", "({0} RLIKE {1})"},
                           {"regexpextract", "REGEXP_EXTRACT({0}, {1}, 0)"},
                           {"makedate", "MAKE_DATE({0}, {1}, {2})"},
                           {"lastday", "LAST_DAY({0})"},
                           {"datefromunix", "TIMESTAMP_SECONDS({0})"},
                           {"number", "TRY_CAST({0} AS DOUBLE)"},
                           {"logical", "CAST({0} AS BOOLEAN)"},
                           {"log/1", "LOG10({0})"},
                           {"trunc/1", "CAST({0} AS BIGINT)"},
                           {"trunc/2", "(CAST({0} * POWER(10, {1}) AS BIGINT) / POWER(10, {1}))"},
                           {"div", "CAST({0} / NULLIF({1}, 0) AS BIGINT)"},
                           {"path", "GET_JSON_OBJECT({0}, {P})"}},
                          key);
}

} // namespace quire::sql
