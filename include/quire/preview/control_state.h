#pragma once
// The value of one control in a preview session. Value fields are stored exactly as Sigma stores them (flat
// siblings of controlType, see spec §3.6), so a session value can be written back into the document; the
// accessors below read them typed per control kind.
#include <quire/core/json.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quire::preview {

enum class ControlKind {
    List, Segmented, Legend, Hierarchy, DateRange, Date, Text, TextArea, Number, NumberRange,
    Slider, RangeSlider, Checkbox, Switch, TopN, Drill, Synced, Unknown
};

ControlKind controlKindFromType(std::string_view controlType);
std::string_view controlTypeName(ControlKind kind);

// Names of the flat value fields a control kind carries (e.g. list: mode, selectionMode, values, value).
const std::vector<std::string>& valueFieldNames(ControlKind kind);

struct ControlState {
    std::string controlId;  // formula handle
    std::string elementId;  // layout handle (id of the control element)
    ControlKind kind = ControlKind::Unknown;
    Json fields = Json::object();    // current value fields
    Json published = Json::object(); // value fields as authored in the document (usePublishedValue)

    // List-like kinds: the selected values (`values`, or a scalar single-select `value`); [] = all.
    std::vector<Json> selectedValues() const;
    // Scalar kinds (text, number, date, slider, checkbox, switch, drill): `value`, null if unset.
    Json scalarValue() const;
    // True when the control currently constrains nothing (cleared).
    bool isCleared() const;
    // The value as a formula sees `[controlId]`: a scalar, a list (array), or {low, high} for ranges.
    Json formulaValue() const;
};

// Value fields of a cleared control of this kind, derived from its current fields (mode etc. kept).
Json clearedFields(ControlKind kind, const Json& fields);

// Resolved absolute date window of a date-range/date control, ISO dates (yyyy-mm-dd, inclusive), given
// today's date. Handles between/on/before/after/last/next/current/custom with ISO or {op, unit, value}.
struct DateWindow {
    std::optional<std::string> start; // inclusive
    std::optional<std::string> end;   // inclusive
};
std::optional<DateWindow> resolveDateWindow(const Json& fields, std::string_view todayIso);

// yyyy-mm-dd of the day after an ISO date (time part ignored); empty when the text is not a date.
std::string nextIsoDay(std::string_view isoDate);

} // namespace quire::preview
