#include "control_values.h"

#include <chrono>
#include <ctime>

#include <quire/formula/checker.h>

#include <charconv>
#include <cmath>
#include <optional>
#include <stdexcept>

namespace quire::cli {
namespace {

using preview::ControlKind;

enum class ValueType { Text, Number, Date, Boolean, Unknown };

const char* typeName(ValueType type) {
    switch (type) {
    case ValueType::Text: return "text";
    case ValueType::Number: return "a number";
    case ValueType::Date: return "a date (yyyy-mm-dd or yyyy-mm-ddThh:mm[:ss])";
    case ValueType::Boolean: return "true or false";
    case ValueType::Unknown: return "a value";
    }
    return "a value";
}

// A decimal number, nothing else: no leading '+', spaces, hex, inf or nan. Integers stay integers.
std::optional<Json> parseNumber(const std::string& text) {
    if (text.empty()) return std::nullopt;
    const char* first = text.data();
    const char* last = text.data() + text.size();
    long long integer = 0;
    if (auto [end, ec] = std::from_chars(first, last, integer); ec == std::errc() && end == last) return Json(integer);
    double d = 0;
    auto [end, ec] = std::from_chars(first, last, d, std::chars_format::general);
    if (ec != std::errc() || end != last || !std::isfinite(d)) return std::nullopt;
    for (char c : text)
        if (c != '-' && c != '.' && c != 'e' && c != 'E' && c != '+' && (c < '0' || c > '9')) return std::nullopt;
    return Json(d);
}

bool digits(const std::string& text, std::size_t from, std::size_t count) {
    if (from + count > text.size()) return false;
    for (std::size_t i = from; i < from + count; ++i)
        if (text[i] < '0' || text[i] > '9') return false;
    return true;
}

int number(const std::string& text, std::size_t from, std::size_t count) { return std::stoi(text.substr(from, count)); }

// yyyy-mm-dd, optionally Thh:mm or Thh:mm:ss (a space instead of T is accepted), a real calendar day.
bool isIsoDate(const std::string& text) {
    if (!digits(text, 0, 4) || text.size() < 10 || text[4] != '-' || !digits(text, 5, 2) || text[7] != '-' || !digits(text, 8, 2))
        return false;
    const int y = number(text, 0, 4), m = number(text, 5, 2), d = number(text, 8, 2);
    static const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1) return false;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > lengths[m - 1] + (m == 2 && leap ? 1 : 0)) return false;
    if (text.size() == 10) return true;
    if ((text[10] != 'T' && text[10] != ' ') || !digits(text, 11, 2) || text.size() < 16 || text[13] != ':' || !digits(text, 14, 2))
        return false;
    if (number(text, 11, 2) > 23 || number(text, 14, 2) > 59) return false;
    if (text.size() == 16) return true;
    return text.size() == 19 && text[16] == ':' && digits(text, 17, 2) && number(text, 17, 2) <= 59;
}

struct Typing {
    std::string controlId;
    std::string kindName;

    [[noreturn]] void reject(ValueType expected, const std::string& text) const {
        throw std::invalid_argument("control '" + controlId + "' (" + kindName + ") expects " + typeName(expected) +
                                    ", got '" + text + "'");
    }

    Json typed(ValueType type, const std::string& text) const {
        switch (type) {
        case ValueType::Text:
            return text;
        case ValueType::Number:
            if (auto n = parseNumber(text)) return *n;
            reject(type, text);
        case ValueType::Date:
            if (isIsoDate(text)) return text;
            reject(type, text);
        case ValueType::Boolean:
            if (text == "true") return true;
            if (text == "false") return false;
            reject(type, text);
        case ValueType::Unknown:
            // Nothing tells the list's type: a number only when that loses nothing ("123", "-4.5"; "00123",
            // "1e5" and "true" stay text).
            if (auto n = parseNumber(text); n && n->dump() == text) return *n;
            return text;
        }
        return text;
    }

    // "low..high"; either side may be empty (open).
    std::pair<Json, Json> range(ValueType type, const std::string& text) const {
        const auto dots = text.find("..");
        if (dots == std::string::npos)
            throw std::invalid_argument("control '" + controlId + "' (" + kindName + ") expects low..high of " +
                                        typeName(type) + " (either side may be empty), got '" + text + "'");
        const std::string low = text.substr(0, dots), high = text.substr(dots + 2);
        return {low.empty() ? Json(nullptr) : typed(type, low), high.empty() ? Json(nullptr) : typed(type, high)};
    }
};

ValueType fromFormulaType(formula::Type type) {
    switch (type) {
    case formula::Type::Number: case formula::Type::Integer: return ValueType::Number;
    case formula::Type::Text: return ValueType::Text;
    case formula::Type::Date: case formula::Type::Datetime: return ValueType::Date;
    case formula::Type::Logical: return ValueType::Boolean;
    default: return ValueType::Unknown;
    }
}

ValueType fromJsonValues(const std::vector<Json>& values) {
    std::optional<ValueType> seen;
    for (const auto& v : values) {
        const ValueType t = v.is_number() ? ValueType::Number : v.is_boolean() ? ValueType::Boolean
                            : v.is_string() ? ValueType::Text : ValueType::Unknown;
        if (v.is_null()) continue;
        if (t == ValueType::Unknown || (seen && *seen != t)) return ValueType::Unknown;
        seen = t;
    }
    // Authored text could be dates or text; only numbers and booleans are unambiguous.
    return seen && *seen != ValueType::Text ? *seen : ValueType::Unknown;
}

// The value type of a list-like control: a manual source's valueType, else the type of its source column's
// formula when the formula alone decides it, else the type of the values authored in the document.
ValueType listValueType(const preview::PreviewSession& session, const preview::ControlState& state) {
    const Json* element = session.element(state.elementId);
    const Json source = element ? element->value("source", Json::object()) : Json::object();
    if (source.is_object() && source.value("kind", "") == "manual") {
        const std::string t = source.value("valueType", "");
        if (t == "text") return ValueType::Text;
        if (t == "number") return ValueType::Number;
        if (t == "date" || t == "datetime") return ValueType::Date;
        if (t == "boolean") return ValueType::Boolean;
    }
    if (source.is_object() && source.value("kind", "") == "source" && source.contains("source") && source["source"].is_object()) {
        const Json* column = nullptr;
        if (const Json* from = session.element(source["source"].value("elementId", ""))) {
            const std::string columnId = source.value("columnId", "");
            // The element's own array: `column` points into it after the loop (a value() copy would be gone).
            const auto columns = from->find("columns");
            if (columns != from->end() && columns->is_array())
                for (const auto& c : *columns)
                    if (c.is_object() && c.value("id", "") == columnId) column = &c;
            if (column && column->contains("formula") && (*column)["formula"].is_string()) {
                const auto checked = formula::checkFormula((*column)["formula"].get<std::string>(), formula::CheckContext{});
                if (checked.ok())
                    if (const ValueType t = fromFormulaType(checked.type); t != ValueType::Unknown) return t;
            }
        }
    }
    std::vector<Json> authored;
    for (const Json* fields : {&state.published, &state.fields}) {
        if (fields->contains("values") && (*fields)["values"].is_array())
            for (const auto& v : (*fields)["values"]) authored.push_back(v);
        if (fields->contains("value")) authored.push_back((*fields)["value"]);
    }
    return fromJsonValues(authored);
}

// A drill control: the level (a category column id), then optionally the values picked on the levels above it,
// outermost first (what clicking a bar does in the IDE).
Json drillFields(const preview::PreviewSession& session, const std::string& controlId, const std::vector<std::string>& values) {
    const preview::DrillSpec* spec = nullptr;
    for (const auto& d : session.drills())
        if (d.controlId == controlId) spec = &d;
    if (!spec || values.empty()) throw std::invalid_argument("control '" + controlId + "' (drill) takes a level");
    const auto level = spec->levelOf(values.front());
    if (!level) {
        std::string levels;
        for (const auto& c : spec->categories) levels += (levels.empty() ? "" : ", ") + c;
        throw std::invalid_argument("'" + values.front() + "' is not a level of drill control '" + controlId + "' (levels: " + levels + ")");
    }
    if (values.size() - 1 > *level)
        throw std::invalid_argument("drill control '" + controlId + "' at level '" + values.front() + "' takes at most " +
                                    std::to_string(*level) + " path value(s) (one per outer level), got " + std::to_string(values.size() - 1));
    Json path = Json::array();
    for (std::size_t i = 1; i < values.size(); ++i) path.push_back(values[i]);
    return Json{{"value", values.front()}, {"drillPath", std::move(path)}};
}

} // namespace

Json controlFieldsFromText(const preview::PreviewSession& session, const std::string& controlId,
                           const preview::ControlState& state, const std::vector<std::string>& values) {
    const Typing typing{controlId, std::string(preview::controlTypeName(state.kind))};
    auto single = [&]() -> const std::string& {
        if (values.size() != 1)
            throw std::invalid_argument("control '" + controlId + "' (" + typing.kindName + ") takes one value, got " +
                                        std::to_string(values.size()));
        return values.front();
    };
    switch (state.kind) {
    case ControlKind::List: case ControlKind::Segmented: case ControlKind::Legend: {
        const ValueType type = listValueType(session, state);
        Json list = Json::array();
        for (const auto& v : values) list.push_back(typing.typed(type, v));
        return Json{{"values", list}, {"value", nullptr}};
    }
    case ControlKind::Text: case ControlKind::TextArea:
        return Json{{"value", single()}};
    case ControlKind::Drill:
        return drillFields(session, controlId, values);
    case ControlKind::Number: case ControlKind::Slider:
        return Json{{"value", typing.typed(ValueType::Number, single())}};
    case ControlKind::Date:
        return Json{{"value", typing.typed(ValueType::Date, single())}};
    case ControlKind::Checkbox: case ControlKind::Switch:
        return Json{{"value", typing.typed(ValueType::Boolean, single())}};
    case ControlKind::NumberRange: {
        auto [low, high] = typing.range(ValueType::Number, single());
        return Json{{"low", low}, {"high", high}};
    }
    case ControlKind::RangeSlider: {
        auto [low, high] = typing.range(ValueType::Number, single());
        return Json{{"min", low}, {"max", high}};
    }
    case ControlKind::DateRange: {
        auto [low, high] = typing.range(ValueType::Date, single());
        return Json{{"mode", "between"}, {"startDate", low}, {"endDate", high}};
    }
    case ControlKind::TopN: {
        const Json n = typing.typed(ValueType::Number, single());
        if (!n.is_number_integer() || n.get<long long>() < 1)
            throw std::invalid_argument("control '" + controlId + "' (top-n) expects a whole number of rows >= 1, got '" +
                                        values.front() + "'");
        return Json{{"rowCount", n}};
    }
    case ControlKind::Hierarchy: case ControlKind::Synced: case ControlKind::Unknown:
        break;
    }
    throw std::invalid_argument("control '" + controlId + "' (" + typing.kindName + ") cannot be set from the command line");
}

std::string todayIso() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

} // namespace quire::cli
