#pragma once
// Renderings of a WorkbookDiff: a `git diff --stat`-like summary with details, and JSON for tools.
#include <quire/diff/workbook_diff.h>

#include <string>

namespace quire::diff {

struct TextOptions {
    bool details = true;        // list the changed fields under each item
    std::size_t maxValueWidth = 80; // longer values are shortened with "..."
};

// Summary per collection ("elements | 2 changed, 1 added"), a total line, then one line per item
// ("~ element revenue (chart)") and its fields ("    /name: \"A\" -> \"B\""). "no differences" when empty.
std::string renderText(const WorkbookDiff& diff, const TextOptions& options = {});
// {"same": bool, "summary": {collection: {added, removed, changed, reordered}}, "changes": [...]}
Json renderJson(const WorkbookDiff& diff);

} // namespace quire::diff
