#pragma once
// Diagnostics as machine-readable reports: JSON (`quire validate --format json`, the IDE), SARIF 2.1.0 for code
// scanning (`--format sarif`) and JUnit XML for CI test reports (`--format junit`).
#include <quire/core/diagnostic.h>
#include <quire/core/json.h>

#include <string>
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

struct SarifOptions {
    std::string toolVersion;      // runs[0].tool.driver.version
    std::string workingDirectory; // absolute; relative file names are resolved against it (%SRCROOT%)
    int exitCode = 0;             // recorded in runs[0].invocations
};
// One run of tool "quire": driver.rules = every catalogue rule (id, descriptions, default level) plus the
// loader codes (io/, json/, yaml/) that occur; one result per diagnostic with ruleId/ruleIndex, level
// (error, warning, note), message.text and a physical location (artifactLocation.uri relative to
// %SRCROOT% when the file is below the working directory, region.startLine/startColumn in code points).
Json toSarif(const std::vector<Diagnostic>& diagnostics, const SarifOptions& options = {});

// <testsuites> with one <testsuite> per file: one failing <testcase> per rule with errors in that file (the
// <failure> lists every location, file:line:col), or one passing testcase when the file has no errors.
// Warnings and notes go to the suite's <system-out>.
std::string toJunitXml(const std::vector<std::string>& files, const std::vector<Diagnostic>& diagnostics);

} // namespace quire::validate
