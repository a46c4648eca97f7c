#pragma once
// The one JSON value type of the project. ordered_json keeps object keys in the order they were read,
// which the lossless round trip of Sigma documents depends on.
#include <nlohmann/json.hpp>

namespace quire {
using Json = nlohmann::ordered_json;
using JsonPointer = Json::json_pointer;
} // namespace quire
