#include <quire/preview/filter_sql.h>

#include <algorithm>

namespace quire::preview {
namespace {

using BoundType = BoundValue::Type;

std::optional<BoundValue> bindValue(const Json& v) {
    if (v.is_boolean()) return BoundValue{BoundType::Boolean, v};
    if (v.is_number()) return BoundValue{BoundType::Number, v};
    if (v.is_string()) return BoundValue{BoundType::Text, v};
    return std::nullopt;
}

std::string escapeLike(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c == '\\' || c == '%' || c == '_') out.push_back('\\');
        out.push_back(c);
    }
    return out;
}

LoweredPredicate fail(std::string message) {
    LoweredPredicate p;
    p.error = std::move(message);
    return p;
}

LoweredPredicate lowerList(const Json& spec, const std::string& col) {
    LoweredPredicate p;
    const bool exclude = spec.value("mode", "include") == "exclude";
    const std::string includeNulls = spec.value("includeNulls", "when-no-value-is-selected");
    bool hasNull = false;
    std::vector<std::string> marks;
    for (const auto& v : spec.value("values", Json::array())) {
        if (v.is_null()) {
            hasNull = true;
            continue;
        }
        auto b = bindValue(v);
        if (!b) return fail("list filter values must be text, numbers or booleans");
        p.params.push_back(std::move(*b));
        marks.push_back("?");
    }
    std::string in;
    for (std::size_t i = 0; i < marks.size(); ++i) in += (i ? ", " : "") + marks[i];
    if (!exclude) {
        const bool nulls = hasNull || includeNulls == "always";
        if (marks.empty()) p.sql = nulls ? col + " IS NULL" : "1 = 0";
        else p.sql = nulls ? "(" + col + " IN (" + in + ") OR " + col + " IS NULL)" : col + " IN (" + in + ")";
    } else {
        const bool dropNulls = hasNull || includeNulls == "never";
        if (marks.empty()) p.sql = dropNulls ? col + " IS NOT NULL" : "1 = 1";
        else p.sql = dropNulls ? "(" + col + " IS NOT NULL AND " + col + " NOT IN (" + in + "))"
                               : "(" + col + " NOT IN (" + in + ") OR " + col + " IS NULL)";
    }
    return p;
}

LoweredPredicate lowerText(const Json& spec, const std::string& col) {
    const std::string mode = spec.value("mode", "equals");
    const Json value = spec.value("value", Json());
    if (!value.is_string()) return fail("text filter value must be text");
    const bool insensitive = spec.value("case", "sensitive") == "insensitive";
    const std::string lhs = insensitive ? "LOWER(" + col + ")" : col;
    const std::string rhs = insensitive ? "LOWER(?)" : "?";
    const std::string text = value.get<std::string>();
    LoweredPredicate p;
    const bool negated = mode.rfind("does-not-", 0) == 0 || mode == "not-like";
    std::string base = negated ? (mode == "not-like" ? "like" : mode.substr(9)) : mode;
    if (base == "equal") base = "equals";
    std::string bound = text;
    std::string core;
    if (base == "equals") {
        core = lhs + " = " + rhs;
    } else if (base == "contain" || base == "contains") {
        bound = "%" + escapeLike(text) + "%";
    } else if (base == "start-with" || base == "starts-with") {
        bound = escapeLike(text) + "%";
    } else if (base == "end-with" || base == "ends-with") {
        bound = "%" + escapeLike(text);
    } else if (base == "like") {
        core = lhs + " LIKE " + rhs;
    } else if (base == "match-regexp" || base == "matches-regexp") {
        return fail("regular-expression text filters need dialect support (not planned here)");
    } else {
        return fail("unknown text-match mode '" + mode + "'");
    }
    if (core.empty()) core = lhs + " LIKE " + rhs + " ESCAPE '\\'";
    p.params.push_back({BoundType::Text, bound});
    const std::string includeNulls = spec.value("includeNulls", "when-no-value-is-selected");
    p.sql = negated ? "(NOT (" + core + ") OR " + col + " IS NULL)" : core;
    if (negated && includeNulls == "never") p.sql = "(" + col + " IS NOT NULL AND NOT (" + core + "))";
    if (!negated && includeNulls == "always") p.sql = "(" + core + " OR " + col + " IS NULL)";
    return p;
}

} // namespace

LoweredPredicate lowerFilter(const FilterSpec& filter, const std::string& columnSql) {
    const Json& spec = filter.spec;
    const std::string& col = columnSql;
    if (filter.kind == "list") return lowerList(spec, col);
    if (filter.kind == "text-match") return lowerText(spec, col);
    if (filter.kind == "range") {
        LoweredPredicate p;
        std::vector<std::string> parts;
        for (const auto& [key, op] : {std::pair{"low", " >= ?"}, std::pair{"high", " <= ?"}}) {
            if (!spec.contains(key) || spec[key].is_null()) continue;
            if (!spec[key].is_number()) return fail("number range bounds must be numbers");
            parts.push_back(col + op);
            p.params.push_back({BoundType::Number, spec[key]});
        }
        if (parts.empty()) return fail("number range without bounds");
        p.sql = parts.size() == 1 ? parts[0] : "(" + parts[0] + " AND " + parts[1] + ")";
        return p;
    }
    if (filter.kind == "date-range") {
        LoweredPredicate p;
        std::vector<std::string> parts;
        if (spec.contains("start")) {
            parts.push_back(col + " >= ?");
            p.params.push_back({BoundType::Date, spec["start"]});
        }
        if (spec.contains("end")) {
            const std::string next = nextIsoDay(spec["end"].get<std::string>());
            if (next.empty()) return fail("bad end date");
            parts.push_back(col + " < ?");
            p.params.push_back({BoundType::Date, next});
        }
        if (parts.empty()) return fail("date range without bounds");
        p.sql = parts.size() == 1 ? parts[0] : "(" + parts[0] + " AND " + parts[1] + ")";
        if (spec.value("includeNulls", "never") == "always") p.sql = "(" + p.sql + " OR " + col + " IS NULL)";
        return p;
    }
    if (filter.kind == "compare") {
        static const std::vector<std::string> ops{"=", "!=", "<", "<=", ">", ">="};
        const std::string op = spec.value("op", "=");
        if (std::find(ops.begin(), ops.end(), op) == ops.end()) return fail("unknown comparison '" + op + "'");
        auto b = bindValue(spec.value("value", Json()));
        if (!b) return fail("comparison needs a value");
        LoweredPredicate p;
        p.sql = col + " " + (op == "!=" ? std::string("<>") : op) + " ?";
        p.params.push_back(std::move(*b));
        return p;
    }
    if (filter.kind == "top-n") {
        const std::string fn = spec.value("rankingFunction", "rank");
        const std::string mode = spec.value("mode", "top-n");
        const std::string order = mode.rfind("bottom", 0) == 0 ? " ASC" : " DESC";
        LoweredPredicate p;
        if (fn == "rank" || fn == "rank-dense" || fn == "row-number") {
            if (!spec.contains("rowCount") || !spec["rowCount"].is_number_integer())
                return fail("top-n needs an integer rowCount");
            const std::string sqlFn = fn == "rank" ? "RANK()" : fn == "rank-dense" ? "DENSE_RANK()" : "ROW_NUMBER()";
            p.windowSql = sqlFn + " OVER (ORDER BY " + col + order + ")";
            p.sql = "{rank} <= ?";
            p.params.push_back({BoundType::Number, spec["rowCount"]});
        } else if (fn == "rank-percentile" || fn == "cume-dist") {
            if (!spec.contains("percentile") || !spec["percentile"].is_number()) return fail("top-n needs a percentile");
            const std::string sqlFn = fn == "rank-percentile" ? "PERCENT_RANK()" : "CUME_DIST()";
            p.windowSql = sqlFn + " OVER (ORDER BY " + col + order + ")";
            p.sql = "{rank} <= ?";
            const double pct = spec["percentile"].get<double>();
            p.params.push_back({BoundType::Number, pct > 1 ? pct / 100.0 : pct});
        } else {
            return fail("unknown ranking function '" + fn + "'");
        }
        return p;
    }
    return fail("filter kind '" + filter.kind + "' is not planned yet");
}

} // namespace quire::preview
