#pragma once
// A diagnostic is anything Quire reports about a document: a parse error, a schema violation, a semantic
// rule, a formula error. Validator, formula checker, loader and publisher all speak this one type.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quire {

enum class Severity { Error, Warning, Info };

std::string_view severityName(Severity severity);

struct SourceLocation {
    std::string file;   // path as given by the user, may be empty for in-memory text
    int line = 0;       // 1-based; 0 = unknown
    int column = 0;     // 1-based, counted in Unicode code points; 0 = unknown
};

struct Diagnostic {
    Severity severity = Severity::Error;
    std::string rule;      // stable code, e.g. "layout/unplaced-element", "json/syntax"
    std::string message;   // one sentence a person understands
    std::string pointer;   // RFC 6901 JSON pointer into the document ("" = whole document)
    SourceLocation location;
    // For formula diagnostics: the span inside the formula text (0-based code-unit offset, length).
    std::optional<std::pair<int, int>> formulaSpan;
};

// "file:line:col: error [rule]: message" (compiler style; parts that are unknown are left out).
std::string formatDiagnostic(const Diagnostic& diagnostic);

bool hasErrors(const std::vector<Diagnostic>& diagnostics);

} // namespace quire
