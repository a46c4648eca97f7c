#include <quire/core/diagnostic.h>

#include <algorithm>

namespace quire {

std::string_view severityName(Severity severity) {
    switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "info";
    }
    return "error";
}

std::string formatDiagnostic(const Diagnostic& d) {
    std::string out;
    if (!d.location.file.empty()) out += d.location.file + ":";
    if (d.location.line > 0) {
        out += std::to_string(d.location.line) + ":";
        if (d.location.column > 0) out += std::to_string(d.location.column) + ":";
    }
    if (!out.empty()) out += " ";
    out += severityName(d.severity);
    if (!d.rule.empty()) out += " [" + d.rule + "]";
    out += ": " + d.message;
    if (!d.pointer.empty()) out += " (at " + d.pointer + ")";
    return out;
}

bool hasErrors(const std::vector<Diagnostic>& diagnostics) {
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

} // namespace quire
