#pragma once
// Git's conflict markers in a text file: `<<<<<<< ours`, optional `||||||| base` (diff3 style), `=======`,
// `>>>>>>> theirs`. Splitting the file gives back each side's whole text, so each side can be parsed as a
// workbook and merged element by element.
#include <quire/core/diagnostic.h>

#include <optional>
#include <string>
#include <string_view>

namespace quire::vcs {

// Whether a line starts with one of the four markers (exactly seven marker characters, then a space or the
// end of the line).
bool hasConflictMarkers(std::string_view text);

struct MarkerSides {
    std::string ours, theirs;
    std::optional<std::string> base; // only when every hunk carried a ||||||| section
};
// nullopt with vcs/bad-markers (line number set) when the markers are unbalanced or nested.
std::optional<MarkerSides> splitConflictMarkers(std::string_view text, Diagnostic* error = nullptr);

} // namespace quire::vcs
