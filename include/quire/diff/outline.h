#pragma once
// A line-per-property rendering of ONE workbook, for git's textconv (`quire textconv`, diff.quire.textconv):
// git diffs two outlines line by line, which reads as an element-level diff. Each item gets a header line
// ("element revenue (kpi-chart)") and one line per leaf property ("  source.elementId: \"orders\""); arrays of
// objects with ids are addressed by id ("columns[rev-total].formula") so inserting a column changes one block,
// not every index after it; multi-line strings (SQL) are shown line by line; the layout is one line per
// placement, indented by nesting.
#include <quire/core/json.h>

#include <string>

namespace quire::diff {

struct OutlineOptions {
    int maxDepth = 64; // deeper values are shown as one JSON line
};

std::string renderOutline(const Json& root, const OutlineOptions& options = {});

} // namespace quire::diff
