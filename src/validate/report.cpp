#include <quire/validate/report.h>

namespace quire::validate {

Json toJson(const Diagnostic& d) {
    Json j{{"file", d.location.file},
           {"line", d.location.line},
           {"column", d.location.column},
           {"severity", std::string(severityName(d.severity))},
           {"rule", d.rule},
           {"message", d.message},
           {"pointer", d.pointer}};
    if (d.formulaSpan) j["formulaSpan"] = Json::array({d.formulaSpan->first, d.formulaSpan->second});
    return j;
}

Json toJson(const std::vector<Diagnostic>& diagnostics) {
    Json out = Json::array();
    for (const auto& d : diagnostics) out.push_back(toJson(d));
    return out;
}

Counts count(const std::vector<Diagnostic>& diagnostics) {
    Counts c;
    for (const auto& d : diagnostics) {
        if (d.severity == Severity::Error) ++c.errors;
        else if (d.severity == Severity::Warning) ++c.warnings;
        else ++c.infos;
    }
    return c;
}

} // namespace quire::validate
