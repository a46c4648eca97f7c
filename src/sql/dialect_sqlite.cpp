#include "dialects.h"

namespace quire::sql {
namespace {
std::string intPart(const char* fmt, const std::string& x) { return "CAST(strftime('" + std::string(fmt) + "', " + x + ") AS INTEGER)"; }
} // namespace

std::string SqliteDialect::boolLiteral(bool value) const { return value ? "1" : "0"; }
std::string SqliteDialect::castFloat(const std::string& x) const { return "CAST(" + x + " AS REAL)"; }

// SQLite has no date type: dates are ISO-8601 text, and results here are 'YYYY-MM-DD HH:MM:SS'.
std::optional<std::string> SqliteDialect::dateTrunc(std::string_view part, const std::string& x) const {
    if (part == "year") return "datetime(" + x + ", 'start of year')";
    if (part == "month") return "datetime(" + x + ", 'start of month')";
    if (part == "day") return "datetime(" + x + ", 'start of day')";
    if (part == "quarter")
        return "datetime(" + x + ", 'start of month', '-' || ((" + intPart("%m", x) + " - 1) % 3) || ' months')";
    // The week's first day on or before x: the next such day after x's day, a week back ('weekday N' stays on
    // a day that already is N). x is read once: one date parse per row, and a control's `?` bound once.
    if (part == "week" || part == "week_starting_sunday") return "datetime(" + x + ", 'start of day', '+1 day', 'weekday 0', '-7 days')";
    if (part == "week_starting_monday") return "datetime(" + x + ", 'start of day', '+1 day', 'weekday 1', '-7 days')";
    if (part == "hour") return "strftime('%Y-%m-%d %H:00:00', " + x + ")";
    if (part == "minute") return "strftime('%Y-%m-%d %H:%M:00', " + x + ")";
    if (part == "second") return "strftime('%Y-%m-%d %H:%M:%S', " + x + ")";
    return std::nullopt;
}

std::optional<std::string> SqliteDialect::datePart(std::string_view part, const std::string& x) const {
    if (part == "year") return intPart("%Y", x);
    if (part == "month") return intPart("%m", x);
    if (part == "day") return intPart("%d", x);
    if (part == "hour") return intPart("%H", x);
    if (part == "minute") return intPart("%M", x);
    if (part == "second") return intPart("%S", x);
    if (part == "day_of_year") return intPart("%j", x);
    if (part == "epoch") return intPart("%s", x);
    if (part == "quarter") return "((" + intPart("%m", x) + " + 2) / 3)";
    if (part == "weekday" || part == "dayofweek") return "(" + intPart("%w", x) + " + 1)";
    if (part == "week")
        return sigmaWeek(intPart("%j", x), intPart("%w", x), [](auto& a, auto& b) { return "(" + a + " / " + b + ")"; },
                         [](auto& a, auto& b) { return "(" + a + " % " + b + ")"; });
    if (part == "millisecond") return "(CAST(strftime('%f', " + x + ") * 1000 AS INTEGER) % 1000)";
    return std::nullopt;
}

std::optional<std::string> SqliteDialect::dateAdd(std::string_view part, const std::string& n, const std::string& x) const {
    std::string unit = std::string(part) + "s", count = n;
    if (part == "quarter") unit = "months", count = "(" + n + ") * 3";
    else if (part == "week") unit = "days", count = "(" + n + ") * 7";
    else if (!(part == "year" || part == "month" || part == "day" || part == "hour" || part == "minute" || part == "second"))
        return std::nullopt;
    const std::string shift = "printf('%+d " + unit + "', " + count + ")";
    const std::string moved = "datetime(" + x + ", " + shift + ")";
    if (unit != "months" && unit != "years") return moved;
    // SQLite rolls 2024-01-31 + 1 month over to 2024-03-02; Sigma (like every warehouse) clamps to the month's last
    // day: when the day of the month changed, step back to the end of the previous month and keep the time of day.
    return "CASE WHEN strftime('%d', " + moved + ") = strftime('%d', " + x + ") THEN " + moved + " ELSE datetime(" + x + ", " +
           shift + ", 'start of month', '-1 day', '+' || strftime('%H:%M:%f', " + x + ")) END";
}

std::optional<std::string> SqliteDialect::dateDiff(std::string_view part, const std::string& a, const std::string& b) const {
    auto p = [&](std::string_view f, const std::string& v) { return *datePart(f, v); };
    if (part == "year") return "(" + p("year", b) + " - " + p("year", a) + ")";
    if (part == "quarter") return "((" + p("year", b) + " - " + p("year", a) + ") * 4 + " + p("quarter", b) + " - " + p("quarter", a) + ")";
    if (part == "month") return "((" + p("year", b) + " - " + p("year", a) + ") * 12 + " + p("month", b) + " - " + p("month", a) + ")";
    auto days = [&](std::string_view truncPart, const char* factor) {
        return "CAST(ROUND((julianday(" + *dateTrunc(truncPart, b) + ") - julianday(" + *dateTrunc(truncPart, a) + "))" + factor +
               ") AS INTEGER)";
    };
    if (part == "day") return days("day", "");
    if (part == "week") return days("week", " / 7");
    if (part == "hour") return days("hour", " * 24");
    if (part == "minute") return days("minute", " * 1440");
    if (part == "second") return days("second", " * 86400");
    return std::nullopt;
}

std::optional<std::string> SqliteDialect::dateFormat(const std::string& x, std::string_view fmt) const {
    auto f = translateStrftime(
        fmt,
        [](char c) -> std::optional<std::string> {
            if (std::string_view("YmdHMSjwFT").find(c) != std::string_view::npos) return std::string("%") + c;
            if (c == 'y') return std::string("%Y"); // widened below
            return std::nullopt;
        },
        [](std::string_view lit) {
            std::string out;
            for (char c : lit) out += c == '%' ? std::string("%%") : std::string(1, c);
            return out;
        });
    if (!f || fmt.find("%y") != std::string_view::npos) return std::nullopt;
    return "strftime(" + stringLiteral(*f) + ", " + x + ")";
}

std::string SqliteDialect::toDate(const std::string& x) const { return "datetime(" + x + ")"; }

std::optional<std::string> SqliteDialect::functionTemplate(std::string_view key) const {
    return lookupTemplate(
        // quire_* functions come from the Quire SQLite extension (src/sqlite_ext), which the embedded warehouse's
        // connection loads (LoadExt=, quire/connect/sqlite_extension.h).
        {{"median", "quire_median({0})"}, {"mode", "quire_mode({0})"},
         {"percentilecont", "quire_percentile_cont({0}, {1})"}, {"percentiledisc", "quire_percentile_disc({0}, {1})"},
         {"stddev", "quire_stddev_samp({0})"}, {"stddevpop", "quire_stddev_pop({0})"}, {"variance", "quire_var_samp({0})"},
         {"variancepop", "quire_var_pop({0})"},
         {"cumulativestddev", "quire_stddev_samp({0}) {C}"}, {"cumulativevariance", "quire_var_samp({0}) {C}"},
         {"cumulativecorr", "quire_corr({0}, {1}) {C}"},
         {"movingstddev", "quire_stddev_samp({0}) {M}"}, {"movingvariance", "quire_var_samp({0}) {M}"},
         {"movingcorr", "quire_corr({0}, {1}) {M}"},
         {"listagg/1", "GROUP_CONCAT({0}, ',')"}, {"listagg/2", "GROUP_CONCAT({0}, {1})"},
         {"listaggdistinct/1", "GROUP_CONCAT(DISTINCT {0})"}, {"listaggdistinct/2", "quire_listagg_distinct({0}, {1})"},
         {"arrayagg", "JSON_GROUP_ARRAY({0})"},
         {"contains", "(INSTR({0}, {1}) > 0)"}, {"startswith", "(SUBSTR({0}, 1, LENGTH({1})) = {1})"},
         {"endswith", "(LENGTH({1}) = 0 OR SUBSTR({0}, -LENGTH({1})) = {1})"},
         {"left", "SUBSTR({0}, 1, {1})"}, {"right", "CASE WHEN {1} <= 0 THEN '' ELSE SUBSTR({0}, -({1})) END"},
         {"proper", "quire_proper({0})"}, {"find", "INSTR({0}, {1})"}, {"splitpart", "quire_split_part({0}, {1}, {2})"},
         {"regexpmatch", "quire_regexp_match({0}, {1})"}, {"regexpextract", "quire_regexp_extract({0}, {1})"},
         {"regexpreplace", "quire_regexp_replace({0}, {1}, {2})"}, {"lpad/2", "quire_lpad({0}, {1})"},
         {"lpad/3", "quire_lpad({0}, {1}, {2})"}, {"rpad/2", "quire_rpad({0}, {1})"}, {"rpad/3", "quire_rpad({0}, {1}, {2})"},
         {"repeat", "REPLACE(HEX(ZEROBLOB({1})), '00', {0})"}, {"reverse", "quire_reverse({0})"},
         {"greatest", "MAX({*})"}, {"least", "MIN({*})"}, {"cot", "(1.0 / TAN({0}))"},
         {"log/1", "LOG10({0})"}, {"trunc/2", "(CAST({0} * POWER(10, {1}) AS INTEGER) / POWER(10.0, {1}))"},
         {"mod", "MOD({0}, NULLIF({1}, 0))"},
         // SQLite's ROUND treats negative digits as 0: round to tens, hundreds ... by scaling.
         {"round/2", "CASE WHEN {1} < 0 THEN ROUND({0} / POWER(10, -({1}))) * POWER(10, -({1})) ELSE ROUND({0}, {1}) END"},
         {"makedate", "date(printf('%04d-%02d-%02d', {0}, {1}, {2}))"},
         {"now", "datetime('now')"}, {"today", "date('now')"},
         {"lastday", "date({0}, 'start of month', '+1 month', '-1 day')"},
         {"datefromunix", "datetime({0}, 'unixepoch')"},
         {"monthname", "CASE CAST(strftime('%m', {0}) AS INTEGER) WHEN 1 THEN 'January' WHEN 2 THEN 'February' WHEN 3 THEN "
                       "'March' WHEN 4 THEN 'April' WHEN 5 THEN 'May' WHEN 6 THEN 'June' WHEN 7 THEN 'July' WHEN 8 THEN "
                       "'August' WHEN 9 THEN 'September' WHEN 10 THEN 'October' WHEN 11 THEN 'November' WHEN 12 THEN "
                       "'December' END"},
         {"weekdayname", "CASE CAST(strftime('%w', {0}) AS INTEGER) WHEN 0 THEN 'Sunday' WHEN 1 THEN 'Monday' WHEN 2 THEN "
                         "'Tuesday' WHEN 3 THEN 'Wednesday' WHEN 4 THEN 'Thursday' WHEN 5 THEN 'Friday' WHEN 6 THEN "
                         "'Saturday' END"},
         {"number", "CAST({0} AS REAL)"},
         {"logical", "CASE WHEN LOWER(CAST({0} AS TEXT)) IN ('true', '1') THEN 1 WHEN LOWER(CAST({0} AS TEXT)) IN ('false', "
                     "'0') THEN 0 END"},
         {"div", "CAST(TRUNC(CAST({0} AS REAL) / NULLIF({1}, 0)) AS INTEGER)"},
         {"path", "JSON_EXTRACT({0}, {P})"}},
        key);
}

} // namespace quire::sql
