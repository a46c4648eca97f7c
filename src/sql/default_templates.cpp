// Function templates used when a dialect has no override. {n} = argument n, {*} = all arguments,
// {W} = OVER (partition, order), {C} = OVER (... cumulative frame), {A} = OVER (... whole-partition frame).
#include "dialects.h"

namespace quire::sql {

std::optional<std::string> defaultTemplate(std::string_view key) {
    return lookupTemplate(
        {{"sum", "SUM({0})"}, {"avg", "AVG({0})"}, {"count/0", "COUNT(*)"}, {"count/1", "COUNT({0})"},
         {"countdistinct", "COUNT(DISTINCT {0})"}, {"countif", "COUNT(CASE WHEN {0} THEN 1 END)"},
         {"countdistinctif", "COUNT(DISTINCT CASE WHEN {1} THEN {0} END)"}, {"sumif", "SUM(CASE WHEN {1} THEN {0} END)"},
         {"avgif", "AVG(CASE WHEN {1} THEN {0} END)"}, {"minif", "MIN(CASE WHEN {1} THEN {0} END)"},
         {"maxif", "MAX(CASE WHEN {1} THEN {0} END)"}, {"min", "MIN({0})"}, {"max", "MAX({0})"},
         {"percentilecont", "PERCENTILE_CONT({1}) WITHIN GROUP (ORDER BY {0})"},
         {"percentiledisc", "PERCENTILE_DISC({1}) WITHIN GROUP (ORDER BY {0})"},
         {"stddev", "STDDEV_SAMP({0})"}, {"stddevpop", "STDDEV_POP({0})"}, {"variance", "VAR_SAMP({0})"},
         {"variancepop", "VAR_POP({0})"}, {"arrayagg", "ARRAY_AGG({0})"},
         {"cumulativesum", "SUM({0}) {C}"}, {"cumulativeavg", "AVG({0}) {C}"}, {"cumulativecount", "COUNT({0}) {C}"},
         {"cumulativemin", "MIN({0}) {C}"}, {"cumulativemax", "MAX({0}) {C}"},
         {"cumulativestddev", "STDDEV_SAMP({0}) {C}"}, {"cumulativevariance", "VAR_SAMP({0}) {C}"},
         {"cumulativecorr", "CORR({0}, {1}) {C}"}, {"runningsum", "SUM({0}) {C}"}, {"runningavg", "AVG({0}) {C}"},
         {"movingavg", "AVG({0}) {M}"}, {"movingsum", "SUM({0}) {M}"}, {"movingcount", "COUNT({0}) {M}"},
         {"movingmin", "MIN({0}) {M}"}, {"movingmax", "MAX({0}) {M}"}, {"movingstddev", "STDDEV_SAMP({0}) {M}"},
         {"movingvariance", "VAR_SAMP({0}) {M}"}, {"movingcorr", "CORR({0}, {1}) {M}"},
         {"lag/1", "LAG({0}) {W}"}, {"lag/2", "LAG({0}, {1}) {W}"}, {"lag/3", "LAG({0}, {1}, {2}) {W}"},
         {"lead/1", "LEAD({0}) {W}"}, {"lead/2", "LEAD({0}, {1}) {W}"}, {"lead/3", "LEAD({0}, {1}, {2}) {W}"},
         {"first", "FIRST_VALUE({0}) {A}"}, {"last", "LAST_VALUE({0}) {A}"}, {"nth", "NTH_VALUE({0}, {1}) {A}"},
         {"rownumber", "ROW_NUMBER() {W}"},
         {"now", "CURRENT_TIMESTAMP"}, {"today", "CURRENT_DATE"},
         {"left", "LEFT({0}, {1})"}, {"right", "RIGHT({0}, {1})"}, {"mid/2", "SUBSTR({0}, {1})"},
         {"mid/3", "SUBSTR({0}, {1}, {2})"}, {"len", "LENGTH({0})"}, {"length", "LENGTH({0})"},
         {"upper", "UPPER({0})"}, {"lower", "LOWER({0})"}, {"proper", "INITCAP({0})"}, {"trim", "TRIM({0})"},
         {"ltrim", "LTRIM({0})"}, {"rtrim", "RTRIM({0})"}, {"replace", "REPLACE({0}, {1}, {2})"},
         {"contains", "(STRPOS({0}, {1}) > 0)"}, {"startswith", "(LEFT({0}, LENGTH({1})) = {1})"},
         {"endswith", "(RIGHT({0}, LENGTH({1})) = {1})"}, {"find", "STRPOS({0}, {1})"},
         {"splitpart", "SPLIT_PART({0}, {1}, {2})"}, {"regexpreplace", "REGEXP_REPLACE({0}, {1}, {2})"},
         {"lpad/2", "LPAD({0}, {1})"}, {"lpad/3", "LPAD({0}, {1}, {2})"}, {"rpad/2", "RPAD({0}, {1})"},
         {"rpad/3", "RPAD({0}, {1}, {2})"}, {"repeat", "REPEAT({0}, {1})"}, {"reverse", "REVERSE({0})"},
         {"coalesce", "COALESCE({*})"}, {"zn", "COALESCE({0}, 0)"}, {"isnull", "({0} IS NULL)"},
         {"isnotnull", "({0} IS NOT NULL)"}, {"between", "({0} BETWEEN {1} AND {2})"}, {"nullif", "NULLIF({0}, {1})"},
         {"abs", "ABS({0})"}, {"sign", "SIGN({0})"}, {"sqrt", "SQRT({0})"}, {"exp", "EXP({0})"}, {"ln", "LN({0})"},
         {"log/1", "LOG({0})"}, {"log/2", "(LN({0}) / LN({1}))"}, {"round/1", "ROUND({0})"},
         {"round/2", "ROUND({0}, {1})"}, {"trunc/1", "TRUNC({0})"}, {"trunc/2", "TRUNC({0}, {1})"},
         {"int", "FLOOR({0})"}, {"floor", "FLOOR({0})"}, {"ceiling", "CEIL({0})"}, {"power", "POWER({0}, {1})"},
         {"greatest", "GREATEST({*})"}, {"least", "LEAST({*})"}, {"sin", "SIN({0})"}, {"cos", "COS({0})"},
         {"tan", "TAN({0})"}, {"cot", "COT({0})"}, {"asin", "ASIN({0})"}, {"acos", "ACOS({0})"}, {"atan", "ATAN({0})"},
         {"atan2", "ATAN2({0}, {1})"}, {"degrees", "DEGREES({0})"}, {"radians", "RADIANS({0})"}, {"pi", "PI()"},
         {"even", "CASE WHEN {0} >= 0 THEN CEIL({0} / 2.0) * 2 ELSE FLOOR({0} / 2.0) * 2 END"},
         {"odd", "CASE WHEN {0} >= 0 THEN CEIL(({0} - 1) / 2.0) * 2 + 1 ELSE FLOOR(({0} + 1) / 2.0) * 2 - 1 END"},
         {"div", "CAST(TRUNC(CAST({0} AS DOUBLE PRECISION) / NULLIF({1}, 0)) AS BIGINT)"},
         {"mod", "MOD({0}, NULLIF({1}, 0))"}},
        key);
}

} // namespace quire::sql
