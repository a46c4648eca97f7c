#pragma once
// Internal: the three-way decision every level of the merge shares, and how merged ids are ordered.
#include <quire/core/json.h>
#include <quire/diff/merge.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace quire::diff::detail {

enum class Pick { Ours, Theirs, Conflict };

// Which side wins for one value; absent values are nullptr.
Pick pick(const Json* base, const Json* ours, const Json* theirs);
// Only meaningful when pick() gave Conflict.
ConflictKind conflictKind(const Json* base, const Json* ours, const Json* theirs);
std::string conflictReason(ConflictKind kind);
std::optional<Json> copyOf(const Json* value);

// The array index token of an id for conflict pointers: its index in ours, else in theirs, else "-".
std::string indexToken(const std::map<std::string, std::size_t>& oursIndex,
                       const std::map<std::string, std::size_t>& theirsIndex, const std::string& id);

// Order of the merged ids (or keys): when our side kept the base order, follow theirs and insert our additions;
// otherwise keep ours and insert theirs. An addition goes before the id that follows it on its side (the end
// when none does), so an element inserted in the middle stays in the middle.
std::vector<std::string> mergedOrder(const std::vector<std::string>& base, const std::vector<std::string>& ours,
                                     const std::vector<std::string>& theirs);

} // namespace quire::diff::detail
