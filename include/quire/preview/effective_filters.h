#pragma once
// The filters that apply to one element right now: its own enabled element filters (spec §3.3) plus the
// filters of every control that targets it (spec §3.6), normalised into one shape the query planner lowers to
// WHERE/HAVING/window predicates with bound parameters. Cleared controls contribute nothing; relative dates
// are resolved against `today`.
#include <quire/core/json.h>
#include <quire/preview/session.h>

#include <string>
#include <string_view>
#include <vector>

namespace quire::preview {

struct FilterSpec {
    std::string columnId;  // column of the filtered element
    std::string origin;    // "filter:<id>" or "control:<controlId>"
    // list        {mode: include|exclude, values: [...], includeNulls}
    // range       {low?, high?}                     (number-range, range-slider, number-range filters)
    // date-range  {start?, end?, includeNulls}      (inclusive ISO dates)
    // compare     {op: = != < <= > >=, value}       (number, slider, date, checkbox/switch)
    // text-match  {mode, value, case, includeNulls}
    // top-n       {rankingFunction, mode, rowCount | percentile}
    // hierarchy   {mode, values: [[...]]}
    std::string kind;
    Json spec = Json::object();
};

std::vector<FilterSpec> effectiveFilters(const PreviewSession& session, std::string_view elementId,
                                         std::string_view todayIso);

} // namespace quire::preview
