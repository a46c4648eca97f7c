#pragma once
// Server replies and the files beside a workbook (sidecar, base snapshot) are read with the project's own
// JSON reader and the limits a workbook file gets (doc::LoadLimits: depth, size, UTF-8, duplicate keys), never
// with nlohmann's parser: what the loader would refuse must not get further (nlohmann copies and dumps values
// recursively, so a 200,000-deep reply would overflow the stack later).
#include <quire/core/json.h>

#include <optional>
#include <string>
#include <string_view>

namespace quire::publish::detail {

struct LimitedJson {
    std::optional<Json> value; // empty when refused
    std::string problem;       // "nesting is deeper than 512 levels at line 1, column 513 [io/too-deep]"
};

// A JSON object (a reply body, a sidecar, a snapshot).
LimitedJson parseLimitedObject(std::string_view text);
// Any JSON value (an error body may be a bare string); one level of the depth limit goes to a wrapper.
LimitedJson parseLimitedValue(std::string_view text);

} // namespace quire::publish::detail
