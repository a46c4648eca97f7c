#include <quire/preview/control_state.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <utility>

namespace quire::preview {
namespace {

constexpr std::array<std::pair<std::string_view, ControlKind>, 17> kKinds{{
    {"list", ControlKind::List}, {"segmented", ControlKind::Segmented}, {"legend", ControlKind::Legend},
    {"hierarchy", ControlKind::Hierarchy}, {"date-range", ControlKind::DateRange}, {"date", ControlKind::Date},
    {"text", ControlKind::Text}, {"text-area", ControlKind::TextArea}, {"number", ControlKind::Number},
    {"number-range", ControlKind::NumberRange}, {"slider", ControlKind::Slider},
    {"range-slider", ControlKind::RangeSlider}, {"checkbox", ControlKind::Checkbox},
    {"switch", ControlKind::Switch}, {"top-n", ControlKind::TopN}, {"drill", ControlKind::Drill},
    {"synced", ControlKind::Synced},
}};

bool isListKind(ControlKind kind) {
    return kind == ControlKind::List || kind == ControlKind::Segmented || kind == ControlKind::Legend ||
           kind == ControlKind::Hierarchy;
}

// Civil date arithmetic (Howard Hinnant's days_from_civil / civil_from_days).
long daysFromCivil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long>(doe) - 719468;
}

struct Ymd { int y; unsigned m; unsigned d; };

Ymd civilFromDays(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int y = static_cast<int>(yoe) + static_cast<int>(era) * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2), m, d};
}

std::optional<long> parseIso(std::string_view text) {
    int y = 0;
    unsigned m = 0, d = 0;
    if (text.size() < 10) return std::nullopt;
    const std::string head(text.substr(0, 10));
    if (std::sscanf(head.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
        return std::nullopt;
    return daysFromCivil(y, m, d);
}

std::string formatIso(long days) {
    const Ymd c = civilFromDays(days);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.y, c.m, c.d);
    return buf;
}

long addMonths(long days, long months) {
    const Ymd c = civilFromDays(days);
    long total = static_cast<long>(c.y) * 12 + static_cast<long>(c.m - 1) + months;
    const int y = static_cast<int>(total >= 0 ? total / 12 : (total - 11) / 12);
    const unsigned m = static_cast<unsigned>(total - static_cast<long>(y) * 12) + 1;
    unsigned d = c.d;
    const unsigned lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    unsigned last = lengths[m - 1];
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) last = 29;
    if (d > last) d = last;
    return daysFromCivil(y, m, d);
}

// Shifts a day by n units (day/week*/month/quarter/year; hour/minute count as days: preview resolution).
std::optional<long> shift(long day, std::string_view unit, long n) {
    if (unit == "day" || unit == "hour" || unit == "minute") return day + (unit == "day" ? n : 0);
    if (unit == "week-starting-sunday" || unit == "week-starting-monday" || unit == "week") return day + 7 * n;
    if (unit == "month") return addMonths(day, n);
    if (unit == "quarter") return addMonths(day, 3 * n);
    if (unit == "year") return addMonths(day, 12 * n);
    return std::nullopt;
}

// Start of the unit period containing day.
std::optional<long> periodStart(long day, std::string_view unit) {
    const Ymd c = civilFromDays(day);
    if (unit == "day" || unit == "hour" || unit == "minute") return day;
    if (unit == "month") return daysFromCivil(c.y, c.m, 1);
    if (unit == "quarter") return daysFromCivil(c.y, ((c.m - 1) / 3) * 3 + 1, 1);
    if (unit == "year") return daysFromCivil(c.y, 1, 1);
    // 1970-01-01 (day 0) was a Thursday: weekday 0 = Sunday -> (day + 4) % 7.
    const long weekday = ((day + 4) % 7 + 7) % 7;
    if (unit == "week-starting-sunday") return day - weekday;
    if (unit == "week-starting-monday") return day - (weekday + 6) % 7;
    return std::nullopt;
}

std::optional<long> dateOf(const Json& value, long today) {
    if (value.is_string()) return parseIso(value.get<std::string>());
    if (value.is_object() && value.contains("op")) {
        const std::string op = value.value("op", "");
        const std::string unit = value.value("unit", "day");
        const long n = value.contains("value") && value["value"].is_number() ? value["value"].get<long>() : 0;
        if (op == "now-minus") return shift(today, unit, -n);
        if (op == "now-plus") return shift(today, unit, n);
    }
    return std::nullopt;
}

} // namespace

ControlKind controlKindFromType(std::string_view controlType) {
    for (const auto& [name, kind] : kKinds)
        if (name == controlType) return kind;
    return ControlKind::Unknown;
}

std::string_view controlTypeName(ControlKind kind) {
    for (const auto& [name, k] : kKinds)
        if (k == kind) return name;
    return "unknown";
}

const std::vector<std::string>& valueFieldNames(ControlKind kind) {
    static const std::vector<std::string> list{"mode", "selectionMode", "values", "value"};
    static const std::vector<std::string> hierarchy{"mode", "values"};
    static const std::vector<std::string> dateRange{"mode", "startDate", "endDate", "date", "value", "unit",
                                                    "includeToday", "includeNulls"};
    static const std::vector<std::string> scalar{"mode", "value", "case", "includeNulls"};
    static const std::vector<std::string> numberRange{"low", "high", "min", "max"};
    static const std::vector<std::string> topN{"mode", "rankingFunction", "rowCount", "percentile"};
    static const std::vector<std::string> none{};
    switch (kind) {
    case ControlKind::List: case ControlKind::Segmented: case ControlKind::Legend: return list;
    case ControlKind::Hierarchy: return hierarchy;
    case ControlKind::DateRange: return dateRange;
    case ControlKind::Date: case ControlKind::Text: case ControlKind::TextArea: case ControlKind::Number:
    case ControlKind::Slider: case ControlKind::Checkbox: case ControlKind::Switch: case ControlKind::Drill:
        return scalar;
    case ControlKind::NumberRange: case ControlKind::RangeSlider: return numberRange;
    case ControlKind::TopN: return topN;
    case ControlKind::Synced: case ControlKind::Unknown: return none;
    }
    return none;
}

std::vector<Json> ControlState::selectedValues() const {
    std::vector<Json> out;
    if (fields.contains("values") && fields["values"].is_array()) {
        for (const auto& v : fields["values"]) out.push_back(v);
        if (!out.empty()) return out;
    }
    if (isListKind(kind) && fields.contains("value") && !fields["value"].is_null()) out.push_back(fields["value"]);
    return out;
}

Json ControlState::scalarValue() const {
    if (fields.contains("value")) return fields["value"];
    return nullptr;
}

bool ControlState::isCleared() const {
    if (isListKind(kind)) return selectedValues().empty();
    switch (kind) {
    case ControlKind::DateRange:
        return !fields.contains("startDate") && !fields.contains("endDate") && !fields.contains("date") &&
               !fields.contains("value");
    case ControlKind::NumberRange:
        return !fields.contains("low") && !fields.contains("high");
    case ControlKind::RangeSlider:
        return !fields.contains("min") && !fields.contains("max");
    case ControlKind::Text: case ControlKind::TextArea: {
        const Json v = scalarValue();
        return v.is_null() || (v.is_string() && v.get<std::string>().empty());
    }
    case ControlKind::TopN:
        return !fields.contains("rowCount") && !fields.contains("percentile");
    default:
        return scalarValue().is_null();
    }
}

Json ControlState::formulaValue() const {
    if (isListKind(kind)) {
        const auto values = selectedValues();
        if (fields.value("selectionMode", "multiple") == "single" || values.size() == 1)
            return values.empty() ? Json(nullptr) : values.front();
        return Json(values);
    }
    switch (kind) {
    case ControlKind::NumberRange:
        return Json{{"low", fields.value("low", Json(nullptr))}, {"high", fields.value("high", Json(nullptr))}};
    case ControlKind::RangeSlider:
        return Json{{"low", fields.value("min", Json(nullptr))}, {"high", fields.value("max", Json(nullptr))}};
    case ControlKind::DateRange:
        return Json{{"low", fields.value("startDate", Json(nullptr))}, {"high", fields.value("endDate", Json(nullptr))}};
    case ControlKind::TopN:
        return fields.value("rowCount", Json(nullptr));
    default:
        return scalarValue();
    }
}

Json clearedFields(ControlKind kind, const Json& fields) {
    Json out = fields.is_object() ? fields : Json::object();
    switch (kind) {
    case ControlKind::List: case ControlKind::Segmented: case ControlKind::Legend: case ControlKind::Hierarchy:
        out["values"] = Json::array();
        out.erase("value");
        break;
    case ControlKind::DateRange:
        for (const char* key : {"startDate", "endDate", "date", "value"}) out.erase(key);
        break;
    case ControlKind::NumberRange:
        out.erase("low");
        out.erase("high");
        break;
    case ControlKind::RangeSlider:
        out.erase("min");
        out.erase("max");
        break;
    case ControlKind::TopN:
        out.erase("rowCount");
        out.erase("percentile");
        break;
    case ControlKind::Synced: case ControlKind::Unknown:
        break;
    default:
        out.erase("value");
        break;
    }
    return out;
}

std::optional<DateWindow> resolveDateWindow(const Json& fields, std::string_view todayIso) {
    const auto todayDays = parseIso(todayIso);
    if (!todayDays || !fields.is_object()) return std::nullopt;
    const long today = *todayDays;
    const std::string mode = fields.value("mode", "between");
    DateWindow w;
    auto iso = [&](const char* key) -> std::optional<std::string> {
        if (!fields.contains(key)) return std::nullopt;
        const auto d = dateOf(fields[key], today);
        if (!d) return std::nullopt;
        return formatIso(*d);
    };
    if (mode == "between" || mode == "custom") {
        w.start = iso("startDate");
        w.end = iso("endDate");
        return w;
    }
    if (mode == "on" || mode == "=") {
        w.start = iso(fields.contains("date") ? "date" : "value");
        w.end = w.start;
        return w;
    }
    if (mode == "before" || mode == "<" || mode == "<=") {
        const auto d = dateOf(fields.contains("date") ? fields["date"] : fields.value("value", Json()), today);
        if (!d) return std::nullopt;
        w.end = formatIso(mode == "<=" ? *d : *d - 1);
        return w;
    }
    if (mode == "after" || mode == ">" || mode == ">=") {
        const auto d = dateOf(fields.contains("date") ? fields["date"] : fields.value("value", Json()), today);
        if (!d) return std::nullopt;
        w.start = formatIso(mode == ">=" ? *d : *d + 1);
        return w;
    }
    const std::string unit = fields.value("unit", "day");
    if (mode == "current") {
        const auto start = periodStart(today, unit);
        if (!start) return std::nullopt;
        const auto next = shift(*start, unit, 1);
        if (!next) return std::nullopt;
        w.start = formatIso(*start);
        w.end = formatIso(*next - 1);
        return w;
    }
    if (mode == "last" || mode == "next") {
        const long n = fields.contains("value") && fields["value"].is_number() ? fields["value"].get<long>() : 1;
        const bool includeToday = fields.value("includeToday", true);
        if (mode == "last") {
            const long end = includeToday ? today : today - 1;
            const auto start = shift(end + 1, unit, -n);
            if (!start) return std::nullopt;
            w.start = formatIso(*start);
            w.end = formatIso(end);
        } else {
            const long start = includeToday ? today : today + 1;
            const auto end = shift(start, unit, n);
            if (!end) return std::nullopt;
            w.start = formatIso(start);
            w.end = formatIso(*end - 1);
        }
        return w;
    }
    return std::nullopt;
}

std::string nextIsoDay(std::string_view isoDate) {
    const auto day = parseIso(isoDate);
    return day ? formatIso(*day + 1) : std::string();
}

} // namespace quire::preview
