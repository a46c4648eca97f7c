#pragma once
// Diagnostics as machine-readable JSON (used by `quire validate --format json` and the IDE).
#include <quire/core/diagnostic.h>
#include <quire/core/json.h>

#include <vector>

namespace quire::validate {

// {"file", "line", "column", "severity", "rule", "message", "pointer"} (+ "formulaSpan": [offset, length]).
Json toJson(const Diagnostic& diagnostic);
Json toJson(const std::vector<Diagnostic>& diagnostics); // an array

struct Counts {
    int errors = 0;
    int warnings = 0;
    int infos = 0;
};
Counts count(const std::vector<Diagnostic>& diagnostics);

} // namespace quire::validate
