#include <quire/lsp/features.h>

namespace quire::lsp {

Range diagnosticRange(const Diagnostic& diagnostic, const LineIndex& lines) {
    if (diagnostic.location.line <= 0) return {};
    const int lineNumber = diagnostic.location.line - 1;
    const std::size_t lineStart = lines.offset({lineNumber, 0});
    const std::string_view line = lines.line(lineNumber);
    const std::size_t at = lines.offsetOfCodePoint(diagnostic.location.line, std::max(1, diagnostic.location.column));
    const std::size_t column = at - lineStart;
    if (diagnostic.formulaSpan) {
        // The location names the `formula` member; the span is inside its (decoded) value.
        const LineMember member = scanLineMember(line, column);
        if (member.found && member.key == "formula") {
            const DecodedScalar decoded =
                decodeScalar(line.substr(member.valueStart, member.valueEnd - member.valueStart), member.quote);
            const auto [offset, length] = *diagnostic.formulaSpan;
            const std::size_t size = decoded.text.size();
            const std::size_t from = std::min<std::size_t>(static_cast<std::size_t>(std::max(0, offset)), size);
            const std::size_t to = std::min<std::size_t>(from + static_cast<std::size_t>(std::max(0, length)), size);
            return {lines.position(lineStart + member.valueStart + decoded.rawOffsets[from]),
                    lines.position(lineStart + member.valueStart + decoded.rawOffsets[std::max(to, from)])};
        }
    }
    std::size_t end = tokenEnd(line, column);
    if (end <= column) end = line.size();
    return {lines.position(at), lines.position(lineStart + end)};
}

Json toLspDiagnostics(const std::vector<Diagnostic>& diagnostics, const LineIndex& lines) {
    Json out = Json::array();
    for (const auto& d : diagnostics) {
        const int severity = d.severity == Severity::Error ? 1 : d.severity == Severity::Warning ? 2 : 3;
        Json item = {{"range", toJson(diagnosticRange(d, lines))}, {"severity", severity}, {"code", d.rule},
                     {"source", "quire"}, {"message", d.message}};
        if (!d.pointer.empty()) item["data"] = {{"pointer", d.pointer}};
        out.push_back(std::move(item));
    }
    return out;
}

} // namespace quire::lsp
